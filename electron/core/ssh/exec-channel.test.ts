import { EventEmitter } from 'node:events';
import type { Client, ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { runExec } from './exec-channel';
import type { Session } from './session';
import { DEFAULT_POOL_OPTIONS, realTimers } from './types';

/** A channel as ssh2 hands it over: a stream-like emitter with stderr and end/close/signal. */
class FakeChannel extends EventEmitter {
  readonly stderr = new EventEmitter();
  end(): void {
    // stdin closed: nothing to do for the fake
  }
  close(): void {
    // the fake closes when the test says so
  }
  signal(): void {
    // signals are not part of these tests
  }
}

/**
 * A session whose client runs `script` on each exec: the exec callback is called, then the
 * script emits the channel's events, synchronously in the same tick or later, as ssh2 would
 * when messages arrive together in one read.
 */
function sessionWith(script: (ch: FakeChannel) => void): {
  session: Session;
  released: () => number;
} {
  let released = 0;
  const client = {
    exec(_cmd: string, cb: (err: Error | undefined, ch: ClientChannel) => void) {
      const ch = new FakeChannel();
      cb(undefined, ch as unknown as ClientChannel);
      script(ch);
    },
  } as unknown as Client;
  const session = {
    target: { host: '192.0.2.1', port: 22 },
    lease: () =>
      Promise.resolve({
        client,
        release: () => {
          released++;
        },
      }),
  } as unknown as Session;
  return { session, released: () => released };
}

const deps = { timers: realTimers, options: DEFAULT_POOL_OPTIONS };

describe('runExec', () => {
  it("keeps the exit status when 'exit' came in the same tick as the exec's success", async () => {
    const { session, released } = sessionWith((ch) => {
      // Success, output, exit-status and close all in one read: 'exit' fires before the
      // caller's continuation runs; 'close' (deferred by the stream) repeats the status.
      ch.emit('data', Buffer.from('done\n'));
      ch.emit('exit', 7);
      setImmediate(() => ch.emit('close', 7));
    });
    const r = await runExec(session, 'true', { timeoutMs: 5000 }, deps);
    expect([r.code, r.signal]).toEqual([7, null]);
    expect(released()).toBe(1);
  });

  it('keeps a signal that killed the command, when only close tells it', async () => {
    const { session } = sessionWith((ch) => {
      ch.emit('exit', null, 'SIGKILL');
      setImmediate(() => ch.emit('close', null, 'SIGKILL'));
    });
    const r = await runExec(session, 'true', { timeoutMs: 5000 }, deps);
    expect([r.code, r.signal]).toEqual([null, 'SIGKILL']);
  });

  it('reports a channel closed without any status as a lost connection', async () => {
    const { session } = sessionWith((ch) => setImmediate(() => ch.emit('close')));
    await expect(runExec(session, 'true', { timeoutMs: 5000 }, deps)).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
    });
  });
});
