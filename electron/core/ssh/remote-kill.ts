import type { Client, ClientChannel } from 'ssh2';
import { quote } from '../../../shared/shell/quote';
import { openWithRetry } from './channel-open';
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

/** Runs `script` on its own channel and resolves when that channel has closed. */
export async function runQuiet(client: Client, script: string, timers: Timers): Promise<void> {
  const ch = await openWithRetry<ClientChannel>((cb) => client.exec(script, cb), timers);
  await new Promise<void>((resolve) => {
    ch.on('data', () => undefined);
    ch.stderr.on('data', () => undefined);
    ch.once('close', () => resolve());
    ch.end();
  });
}
