import type { HostQueueView, QueueItemView, QueueRunView } from '../../../../shared/model/queue';

/** A host queue's status. */
export type QueueStatus = HostQueueView['status'];

/** Chip colour and words of each queue status. */
export const STATUS_META: Record<
  QueueStatus,
  { label: string; color: 'default' | 'info' | 'warning' | 'error' }
> = {
  idle: { label: 'idle', color: 'default' },
  running: { label: 'running', color: 'info' },
  waiting: { label: 'waiting', color: 'warning' },
  halted: { label: 'halted', color: 'error' },
};

/** A duration as a clock: 272_000 -> "4:32", 3_723_000 -> "1:02:03"; rounds up to the second. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = (total % 60).toString().padStart(2, '0');
  return h > 0 ? `${h}:${m.toString().padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "retrying in 4:32" for a failed item, "retrying now…" once its time has come, else null. */
export function retryText(item: QueueItemView | null, now: number): string | null {
  if (item === null || item.state !== 'failed' || item.nextRetryAt === null) return null;
  const left = item.nextRetryAt - now;
  return left > 0 ? `retrying in ${formatCountdown(left)}` : 'retrying now…';
}

/**
 * How far the host got in the batch of its current step (items of the same apply): finished
 * items listed so far over those plus the unfinished ones. Null when nothing is unfinished.
 * The view lists only recent finished items, so long batches count from the recent ones.
 */
export function queueProgress(view: HostQueueView): { done: number; total: number } | null {
  const current = view.current;
  if (current === null || view.pending === 0) return null;
  const done = view.items.filter(
    (i) => i.applyId === current.applyId && i.id < current.id && isFinished(i),
  ).length;
  return { done, total: done + view.pending };
}

/** Whether an item reached a final state. */
export function isFinished(item: QueueItemView): boolean {
  return item.state === 'done' || item.state === 'skipped' || item.state === 'cancelled';
}

/** One line telling what the queue does now; a waiting queue names the step it waits for. */
export function statusLine(
  view: HostQueueView,
  nameOf: (hostId: string) => string = (id) => id,
): string {
  const title = view.current?.title;
  switch (view.status) {
    case 'idle':
      return 'Nothing to do';
    case 'running':
      return `Running: ${title ?? '…'}`;
    case 'waiting': {
      const dep = view.waitingFor;
      const what =
        dep === null
          ? 'a step on another host'
          : `“${dep.title ?? dep.stepId}” on ${nameOf(dep.hostId)}`;
      return `${title ?? 'The next step'} is waiting for ${what}`;
    }
    case 'halted':
      return `Halted at: ${title ?? '…'}`;
  }
}

/** "running for 1:05" for a running item (ticking with `now`), else null. */
export function elapsedText(item: QueueItemView | null, now: number): string | null {
  if (item?.state !== 'running' || item.startedAt === null) return null;
  const started = Date.parse(item.startedAt);
  if (Number.isNaN(started)) return null;
  return `running for ${formatCountdown(now - started)}`;
}

/** The outcome of a done item in words ("already done" means its check passed: no change). */
export function outcomeText(item: QueueItemView): string | null {
  if (item.outcome === null) return null;
  if (item.outcome === 'already done') return 'already done (no change needed)';
  return item.outcome;
}

/** Queues in a stable order: by host name, then id (statuses change; positions should not). */
export function sortQueues(
  views: readonly HostQueueView[],
  nameOf: (hostId: string) => string,
): HostQueueView[] {
  return [...views].sort(
    (a, b) => nameOf(a.hostId).localeCompare(nameOf(b.hostId)) || a.hostId.localeCompare(b.hostId),
  );
}

/** A timestamp compactly: the time alone when it is today, else date and time. */
export function formatShortTime(iso: string | null, now = new Date()): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  return d.toDateString() === now.toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
}

/** Duration of a run in words: "35 ms", "2.4 s", "3 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toString()} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** How a run ended: a check's non-zero exit only means "not done yet", not a failure. */
export function runVerdict(run: QueueRunView): { tone: 'ok' | 'failed' | 'neutral'; text: string } {
  const code = run.exitCode === null ? 'no exit code' : `exit ${run.exitCode}`;
  if (run.phase === 'check') {
    return run.exitCode === 0
      ? { tone: 'ok', text: `${code} · already done` }
      : { tone: 'neutral', text: `${code} · to be applied` };
  }
  return { tone: run.exitCode === 0 ? 'ok' : 'failed', text: code };
}

/** Runs grouped by attempt, the latest attempt first, runs in the order they ran. */
export function runsByAttempt(
  runs: readonly QueueRunView[],
): { attempt: number; runs: QueueRunView[] }[] {
  const groups = new Map<number, QueueRunView[]>();
  for (const run of runs) {
    const list = groups.get(run.attempt);
    if (list === undefined) groups.set(run.attempt, [run]);
    else list.push(run);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .map(([attempt, list]) => ({ attempt, runs: list }));
}
