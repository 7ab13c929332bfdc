import { findHost, type CliContext } from './cli-context';
import { writeText } from './terminal-text';

/** `clusterdeck queue [list] | retry HOST | skip HOST --yes | cancel HOST --yes`. */
export function queueCommand({ engine, flags }: CliContext, verb: string | undefined, arg: string | undefined): unknown {
  const h = engine.handlers;
  switch (verb ?? 'list') {
    case 'list':
      return h['queue:list']({});
    case 'retry':
      return h['queue:retryNow']({ hostId: findHost(engine, arg).id });
    case 'skip': {
      const host = findHost(engine, arg);
      const head = engine.queue.view(host.id).current;
      if (!head) throw new Error(`${host.name}: nothing to skip`);
      if (flags['yes'] !== true) {
        throw new Error(`--yes: skipping "${head.title}" on ${host.name} may leave the cluster inconsistent; add --yes to confirm`);
      }
      return h['queue:skip']({ hostId: host.id, itemId: head.id });
    }
    case 'cancel': {
      const host = findHost(engine, arg);
      if (flags['yes'] !== true) throw new Error(`--yes: this cancels every unfinished step on ${host.name}; add --yes to confirm`);
      return h['queue:cancel']({ hostId: host.id });
    }
    default:
      throw new Error(`queue: unknown command ${JSON.stringify(verb)}`);
  }
}

/** `clusterdeck status`: hosts with their connection and queue state, and clusters. */
export function statusCommand({ engine }: CliContext): unknown {
  return {
    hosts: engine.hosts.list().map((host) => {
      const q = engine.queue.view(host.id);
      return {
        name: host.name,
        address: `${host.address}:${host.port}`,
        trustedKey: host.trustedKey?.fingerprint ?? null,
        queue: { status: q.status, pending: q.pending, current: q.current?.title ?? null, error: q.current?.lastError ?? null },
      };
    }),
    clusters: engine.clusters.list().map((c) => ({
      name: c.cluster.name,
      applied: c.applied !== null,
      nodes: c.cluster.nodes.length,
      accounts: c.cluster.accounts.length,
      issues: c.issues,
    })),
    queueOwner: engine.queueOwner,
  };
}

/**
 * `clusterdeck exec --hosts A,B -- CMD`: runs CMD on every host at once over kept sessions.
 * CMD is the user's own shell text, run as given (it is the point of the command).
 */
export async function execCommand(ctx: CliContext, command: string[]): Promise<{ result: unknown; exitCode: number }> {
  const { engine, flags } = ctx;
  const names = String(flags['hosts'] ?? '').split(',').filter(Boolean);
  if (names.length === 0) throw new Error('--hosts: give one or more host names, comma-separated');
  if (command.length === 0) throw new Error('command: give the command after --');
  const hosts = names.map((n) => findHost(engine, n, '--hosts'));
  const text = command.join(' ');
  const results = await Promise.all(
    hosts.map(async (host) => {
      try {
        await engine.hosts.connect({ hostId: host.id });
        const r = await engine.sessions.exec(host.id, text, { timeoutMs: Number(flags['timeout'] ?? 60) * 1000 });
        return { host: host.name, code: r.code, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs };
      } catch (e) {
        return { host: host.name, code: null, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  if (!flags['json']) {
    for (const r of results) {
      ctx.say(`--- ${r.host} (exit ${r.code ?? 'none'})`);
      if ('stdout' in r && r.stdout) writeText(process.stdout, r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
      if ('stderr' in r && r.stderr) writeText(process.stderr, r.stderr.endsWith('\n') ? r.stderr : `${r.stderr}\n`);
      if ('error' in r) ctx.say(`error: ${r.error}`);
    }
  }
  return { result: flags['json'] ? results : undefined, exitCode: results.every((r) => r.code === 0) ? 0 : 1 };
}
