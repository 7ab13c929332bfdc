import type { Client, ClientChannel } from 'ssh2';
import { quote } from '../../../shared/shell/quote';
import { openWithRetry } from './channel-open';
import { callDeadline } from './deadline';
import type { Session } from './session';
import type { Timers } from './types';

/** The environment variable that tags every process of one exec, so it can be found again. */
const TAG = 'CLUSTERDECK_EXEC';

/**
 * Wraps a command so its processes carry a per-call tag in their environment. The login
 * shell is replaced (exec) by the user's own shell running the command, so the command keeps
 * its shell and the pid sshd made a session and process-group leader.
 *
 * Needed because OpenSSH refuses "signal" channel requests when it runs without privilege
 * separation, which is the case for root logins, and closing a channel does not stop a
 * command that does not write: cancelling must kill the process group itself.
 */
export function tagCommand(command: string, token: string): string {
  return `exec env ${TAG}=${quote(token)} "\${SHELL:-/bin/sh}" -c ${quote(command)}`;
}

/**
 * A POSIX sh script that sends `signal` to the process group of every process tagged with
 * `token` (Linux /proc). Process groups that left the session (daemons) are hit only if they
 * still carry the tag.
 */
export function killTaggedScript(token: string, signal: 'TERM' | 'KILL'): string {
  const tag = `${TAG}=${token}`;
  return [
    `t=${quote(tag)}`,
    'for e in /proc/[0-9]*/environ; do',
    '  p=${e%/environ}; p=${p#/proc/}',
    '  [ "$p" = "$$" ] && continue',
    `  tr '\\000' '\\n' < "$e" 2>/dev/null | grep -qxF "$t" || continue`,
    // Fields after the command name (which may hold spaces): state ppid pgrp ...
    `  g=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f3)`,
    `  [ -n "$g" ] && kill -s ${signal} -- "-$g" 2>/dev/null`,
    `  kill -s ${signal} "$p" 2>/dev/null`,
    'done',
    'exit 0',
  ].join('\n');
}

/** How long a stop script may take before its channel is closed and written off. */
const STOP_SCRIPT_MS = 10_000;
/**
 * How long a closed channel may take to be confirmed before its slot is given back anyway:
 * sshd keeps a session until its process exits, which for a process stuck in the kernel (a
 * dead NFS server) may be never. A later open that sshd refuses is retried, then reported.
 */
export const FORGET_MS = 5_000;

/**
 * Runs a script that stops things (kills a cancelled command) on a channel of its own, taken
 * from the slot kept for stopping ({@link Session.lease} with priority), never behind queued
 * work. Bounded: waiting for the slot and running the script each end after
 * {@link STOP_SCRIPT_MS}. Best effort: a failure only means the command may outlive its call.
 */
export async function runStopScript(
  session: Session,
  script: string,
  timers: Timers,
): Promise<void> {
  const deadline = callDeadline(timers, STOP_SCRIPT_MS, undefined, 'stopping a command');
  try {
    const { client, release } = await session.lease(deadline.signal, { priority: true });
    try {
      await runQuiet(client, script, timers, deadline.signal);
    } finally {
      release();
    }
  } finally {
    deadline.dispose();
  }
}

/**
 * Runs `script` on its own channel and resolves when that channel has closed, or, once
 * `signal` aborts, after closing it (at most {@link FORGET_MS} later).
 */
async function runQuiet(
  client: Client,
  script: string,
  timers: Timers,
  signal: AbortSignal,
): Promise<void> {
  const ch = await openWithRetry<ClientChannel>((cb) => client.exec(script, cb), timers, signal);
  await new Promise<void>((resolve) => {
    let forget: { cancel(): void } | undefined;
    const onAbort = (): void => {
      ch.close();
      forget = timers.setTimeout(resolve, FORGET_MS);
    };
    ch.on('data', () => undefined);
    ch.stderr.on('data', () => undefined);
    ch.once('close', () => {
      signal.removeEventListener('abort', onAbort);
      forget?.cancel();
      resolve();
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    ch.end();
  });
}
