/** Minimal QMP (QEMU Machine Protocol) client over the VM's unix socket. */
import net from 'node:net';

export interface QmpReply {
  return?: unknown;
  error?: { class: string; desc: string };
}

/**
 * Connect, negotiate capabilities, run `command`, return its reply. Asynchronous events that
 * arrive in between are skipped.
 */
export function qmp(
  socketPath: string,
  command: string,
  args?: Record<string, unknown>,
  timeoutMs = 30_000,
): Promise<QmpReply> {
  return new Promise((resolve, reject) => {
    const sock = net.createConnection(socketPath);
    let buf = '';
    let stage: 'greeting' | 'caps' | 'cmd' = 'greeting';
    let done = false;
    const finish = (err: Error | undefined, reply?: QmpReply) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(reply ?? {});
    };
    const timer = setTimeout(
      () => finish(new Error(`QMP ${command} on ${socketPath}: timeout`)),
      timeoutMs,
    );
    sock.on('error', (e) => finish(new Error(`QMP ${socketPath}: ${e.message}`)));
    sock.on('close', () => {
      // `quit` closes the socket, sometimes before the reply
      if (command === 'quit' && stage === 'cmd') finish(undefined, { return: {} });
      else finish(new Error(`QMP ${socketPath}: connection closed during ${stage}`));
    });
    const send = (execute: string, a?: Record<string, unknown>) =>
      sock.write(`${JSON.stringify(a ? { execute, arguments: a } : { execute })}\n`);
    sock.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        if ('event' in msg) continue;
        if (stage === 'greeting' && 'QMP' in msg) {
          stage = 'caps';
          send('qmp_capabilities');
        } else if (stage === 'caps' && ('return' in msg || 'error' in msg)) {
          if (msg.error) return finish(new Error(`QMP capabilities: ${JSON.stringify(msg.error)}`));
          stage = 'cmd';
          send(command, args);
        } else if (stage === 'cmd' && ('return' in msg || 'error' in msg)) {
          finish(undefined, msg);
        }
      }
    });
  });
}

/** Run a human-monitor (HMP) command such as `savevm golden`; throws on error output. */
export async function hmp(
  socketPath: string,
  commandLine: string,
  timeoutMs = 300_000,
): Promise<string> {
  const r = await qmp(
    socketPath,
    'human-monitor-command',
    { 'command-line': commandLine },
    timeoutMs,
  );
  if (r.error) throw new Error(`HMP "${commandLine}": ${r.error.desc}`);
  const out = typeof r.return === 'string' ? r.return : '';
  if (/error|fail|not found|does not/i.test(out))
    throw new Error(`HMP "${commandLine}": ${out.trim()}`);
  return out;
}
