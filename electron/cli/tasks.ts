import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { EventPayload } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { HostQueueView } from '../../shared/model/queue';
import type { TaskView } from '../../shared/model/task';
import type { CliContext } from './cli-context';

/**
 * Long work as the CLI follows it: requests that run as tasks it names (progress lines, Ctrl-C
 * cancels), and applies followed through the hosts' queues until they finish or halt.
 */

/** Exit status of a command whose apply halted on a host (its queue retries it later). */
export const EXIT_HALTED = 3;

/** How a task's progress reads on one line: "Apply web [3/12] node1: Mount /chroot/home". */
export function progressLine(t: TaskView): string {
  const p = t.progress;
  const count = p.total !== null ? ` [${p.done}/${p.total}]` : '';
  const where = [p.hostName, p.step].filter((x) => x !== null && x !== '').join(': ');
  return `${t.title}${count}${where === '' ? '' : ` ${where}`}`;
}

/**
 * Runs a long request as a task the CLI names, so that it can follow and cancel it: each change
 * of its progress is a line for people on stderr, or with `jsonLines` a `{"task": ...}` line on
 * stdout; `quiet` prints none. Ctrl-C cancels the task (tasks:cancel, whose signal reaches
 * the SSH channels).
 */
export async function runTask<T>(
  ctx: CliContext,
  request: (taskId: string) => Promise<T>,
  opts: { jsonLines?: boolean; quiet?: boolean } = {},
): Promise<T> {
  const taskId = randomUUID();
  let last = '';
  const off = ctx.api.on('task:updated', (t) => {
    if (t.id !== taskId) return;
    if (ctx.json) {
      if (opts.jsonLines === true) ctx.emit({ task: t });
      return;
    }
    if (opts.quiet === true) return;
    const line = progressLine(t);
    if (t.state === 'running' && line !== last) ctx.note(line);
    last = line;
  });
  const cancel = () => {
    ctx.note('Cancelling (Ctrl-C again to quit at once)...');
    ctx.api.tasks.cancel({ taskId }).catch(() => undefined);
  };
  process.once('SIGINT', cancel);
  try {
    return await request(taskId);
  } finally {
    process.off('SIGINT', cancel);
    off();
  }
}

/** What a followed apply ended with. */
export interface ApplyEnd {
  result: 'ok' | 'halted';
  halted: { host: string; step: string | null; error: string | null; nextRetryAt: string | null }[];
  exitCode: number;
}

/** The applies that finished since the CLI started listening (an empty plan ends at once). */
export function listenForApplies(ctx: CliContext): {
  ended: Map<string, EventPayload<'apply:finished'>>;
  stop: () => void;
} {
  const ended = new Map<string, EventPayload<'apply:finished'>>();
  const stop = ctx.api.on('apply:finished', (e) => ended.set(e.applyId, e));
  return { ended, stop };
}

function itemLines(
  views: HostQueueView[],
  applyId: string,
  name: (id: string) => string,
  seen: Map<number, string>,
): string[] {
  const out: string[] = [];
  for (const v of views) {
    for (const item of v.items.filter((i) => i.applyId === applyId)) {
      const key = `${item.state}:${item.attempts}`;
      if (seen.get(item.id) === key || item.state === 'pending') continue;
      seen.set(item.id, key);
      const extra =
        item.state === 'done'
          ? ` (${item.outcome ?? ''})`
          : item.state === 'failed'
            ? `: ${item.lastError ?? ''}`
            : '';
      out.push(`[${name(v.hostId)}] ${item.state} ${item.title}${extra}`);
    }
  }
  return out;
}

/**
 * Follows an apply through the hosts' queues until it finished (exit 0) or a host's queue
 * halted on one of its steps while no queue runs (exit 3: the queue retries on its own whenever
 * ClusterDeck runs). Each step that starts, ends or fails is a line for people.
 */
export async function followApply(
  ctx: CliContext,
  apply: { applyId: string; hostIds: string[] },
  ended: Map<string, EventPayload<'apply:finished'>>,
): Promise<ApplyEnd> {
  const name = await ctx.hostNames();
  const seen = new Map<number, string>();
  for (;;) {
    const views = await Promise.all(apply.hostIds.map((hostId) => ctx.api.queue.get({ hostId })));
    for (const line of itemLines(views, apply.applyId, name, seen)) ctx.say(line);
    const end = ended.get(apply.applyId);
    if (end?.result === 'cancelled')
      throw new AppError(
        'ABORTED',
        'the apply was cancelled (a queue was cancelled); the hosts have part of it',
      );
    if (end !== undefined) return { result: 'ok', halted: [], exitCode: 0 };
    const halted = views.filter(
      (v) => v.status === 'halted' && v.current?.applyId === apply.applyId,
    );
    if (halted.length > 0 && !views.some((v) => v.status === 'running')) {
      const summary = halted.map((v) => ({
        host: name(v.hostId),
        step: v.current?.title ?? null,
        error: v.current?.lastError ?? null,
        nextRetryAt: v.current?.nextRetryAt ? new Date(v.current.nextRetryAt).toISOString() : null,
      }));
      for (const h of summary)
        ctx.say(`[${h.host}] halted at "${h.step ?? ''}"; next retry ${h.nextRetryAt ?? '-'}`);
      return { result: 'halted', halted: summary, exitCode: EXIT_HALTED };
    }
    await delay(250);
  }
}
