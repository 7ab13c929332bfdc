import type {
  HostQueueView,
  QueueApplyView,
  QueueCounts,
  QueueItemView,
} from '../../../../shared/model/queue';
import { zeroQueueCounts } from '../../../../shared/model/queue';
import { formatDuration, isFinished } from './queue-logic';

/** How an apply ended on the queue page, or that it has not yet. */
export type ApplyResult = 'running' | 'halted' | 'done' | 'failed' | 'cancelled';

/** Finished items of one host that one apply queued. */
export interface ApplyGroup {
  /** The apply's id, or '' for items queued outside an apply. */
  key: string;
  apply: QueueApplyView | null;
  /** Oldest first, as they ran. */
  items: QueueItemView[];
  /** Of `items`: the figures the group's header shows. */
  counts: QueueCounts;
  result: ApplyResult;
}

/** A host's queue as its card shows it, every figure taken from the items it lists. */
export interface QueueLayout {
  /** The running, halted or next step: pinned above everything else. */
  current: QueueItemView | null;
  /** Unfinished steps after the current one, in the order they run. */
  upcoming: QueueItemView[];
  /** Finished steps grouped by apply, the newest apply first. */
  history: ApplyGroup[];
  /** Of every listed item. */
  counts: QueueCounts;
}

/** Items by state: the one count the queue page shows, so its figures match its rows. */
export function countItems(items: readonly QueueItemView[]): QueueCounts {
  const counts = zeroQueueCounts();
  for (const item of items) counts[item.state] += 1;
  return counts;
}

const COUNT_ORDER: readonly (keyof QueueCounts)[] = [
  'running',
  'failed',
  'pending',
  'done',
  'skipped',
  'cancelled',
];

/** "1 running · 3 pending · 12 done": the non-zero counts, unfinished first. */
export function countsText(counts: QueueCounts): string {
  const parts = COUNT_ORDER.filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length === 0 ? 'no steps' : parts.join(' · ');
}

/** How an apply stands: its record when it finished, else whether an item of it failed. */
export function applyResult(apply: QueueApplyView): ApplyResult {
  if (apply.finishedAt === null) return apply.counts.failed > 0 ? 'halted' : 'running';
  if (apply.result === 'cancelled') return 'cancelled';
  return apply.result === 'error' ? 'failed' : 'done';
}

/** Splits a host's queue into the pinned current step, the steps after it, and its history. */
export function queueLayout(view: HostQueueView): QueueLayout {
  const current = view.current;
  const upcoming = view.items.filter((i) => !isFinished(i) && i.id !== current?.id);
  const applies = new Map(view.applies.map((a) => [a.id, a]));
  const groups = new Map<string, QueueItemView[]>();
  for (const item of view.items) {
    if (!isFinished(item)) continue;
    const key = item.applyId ?? '';
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  const history = [...groups.entries()]
    .map(([key, items]): ApplyGroup => {
      const apply = applies.get(key) ?? null;
      const counts = countItems(items);
      const result: ApplyResult =
        apply !== null ? applyResult(apply) : counts.cancelled > 0 ? 'cancelled' : 'done';
      return { key, apply, items, counts, result };
    })
    .sort((a, b) => lastId(b.items) - lastId(a.items));
  return { current, upcoming, history, counts: countItems(view.items) };
}

const lastId = (items: readonly QueueItemView[]) => items[items.length - 1]?.id ?? 0;

/** When a group's steps ran: its apply's start and end, else its first start and last end. */
export function groupTimes(group: ApplyGroup): { from: string | null; to: string | null } {
  const first = group.items[0];
  const last = group.items[group.items.length - 1];
  return {
    from: group.apply?.createdAt ?? first?.startedAt ?? first?.createdAt ?? null,
    to: group.apply !== null ? group.apply.finishedAt : (last?.finishedAt ?? null),
  };
}

const finishedCount = (a: QueueApplyView) => a.counts.done + a.counts.skipped + a.counts.cancelled;

/**
 * The newest apply any queue lists. Each host's view carries its own copy, read when that host
 * last changed: the one furthest on (finished, else most items finished) is the freshest.
 */
export function latestApply(views: readonly HostQueueView[]): QueueApplyView | null {
  const byId = new Map<string, QueueApplyView>();
  for (const apply of views.flatMap((v) => v.applies)) {
    const seen = byId.get(apply.id);
    const fresher =
      seen === undefined ||
      (seen.finishedAt === null &&
        (apply.finishedAt !== null || finishedCount(apply) > finishedCount(seen)));
    if (fresher) byId.set(apply.id, apply);
  }
  let latest: QueueApplyView | null = null;
  for (const apply of byId.values()) {
    if (latest === null || apply.createdAt > latest.createdAt) latest = apply;
  }
  return latest;
}

/** What the queue page says about an apply. */
export interface ApplyNotice {
  result: ApplyResult;
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Apply finished: 12 steps done on 2 hosts in 1 min 20 s", or how far it got and where it
 * halted (the halted step and host, from the queues that show it).
 */
export function applyNotice(
  apply: QueueApplyView,
  views: readonly HostQueueView[],
  nameOf: (hostId: string) => string,
): ApplyNotice {
  const c = apply.counts;
  const total = c.pending + c.running + c.failed + c.done + c.skipped + c.cancelled;
  const hosts = plural(apply.hosts, 'host');
  const skipped = c.skipped > 0 ? `, ${c.skipped} skipped` : '';
  const result = applyResult(apply);
  switch (result) {
    case 'done': {
      const took = Date.parse(apply.finishedAt ?? '') - Date.parse(apply.createdAt);
      const time = Number.isNaN(took) ? '' : ` in ${formatDuration(Math.max(0, took))}`;
      return {
        result,
        severity: 'success',
        text: `Apply finished: ${plural(c.done, 'step')} done on ${hosts}${time}${skipped}`,
      };
    }
    case 'cancelled':
      return {
        result,
        severity: 'warning',
        text: `Apply cancelled: ${c.done} of ${plural(total, 'step')} done on ${hosts}${skipped}, ${c.cancelled} cancelled`,
      };
    case 'failed':
      return {
        result,
        severity: 'error',
        text: `Apply failed: ${c.done} of ${plural(total, 'step')} done on ${hosts}${skipped}`,
      };
    case 'halted': {
      const halted = views.find((v) => v.status === 'halted' && v.current?.applyId === apply.id);
      const where =
        halted?.current != null
          ? `“${halted.current.title}” failed on ${nameOf(halted.hostId)}`
          : 'a step failed';
      return {
        result,
        severity: 'error',
        text: `Apply halted: ${where}; ${c.done} of ${plural(total, 'step')} done; the rest wait until it succeeds on a retry or is skipped`,
      };
    }
    case 'running':
      return {
        result,
        severity: 'info',
        text: `Apply running: ${c.done + c.skipped} of ${plural(total, 'step')} finished on ${hosts}`,
      };
  }
}
