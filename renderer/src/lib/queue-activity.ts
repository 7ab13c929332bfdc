import type { HostQueueView } from '../../../shared/model/queue';

/** What the queues of some hosts are doing, for the navigation and the overview. */
export interface QueueActivity {
  /** Hosts whose queue runs a step, or waits for a step on another host (an apply is on). */
  running: string[];
  /** Hosts whose queue is halted on a failed step. */
  halted: string[];
  /** Steps still to run on these hosts (the running ones included). */
  pending: number;
  /** Hosts whose queue the store has not read (yet). */
  unknown: string[];
}

/**
 * The activity of the queues of `hostIds` (every queue the store holds when absent), read from
 * the queue store's views; a host without a view is `unknown`, never counted as idle.
 */
export function queueActivity(
  byHost: Record<string, HostQueueView>,
  hostIds: readonly string[] = Object.keys(byHost),
): QueueActivity {
  const activity: QueueActivity = { running: [], halted: [], pending: 0, unknown: [] };
  for (const hostId of hostIds) {
    const view = byHost[hostId];
    if (view === undefined) {
      activity.unknown.push(hostId);
      continue;
    }
    if (view.status === 'running' || view.status === 'waiting') activity.running.push(hostId);
    else if (view.status === 'halted') activity.halted.push(hostId);
    activity.pending += view.pending;
  }
  return activity;
}

/** Whether any queue the store holds is running (the navigation's activity sign). */
export function selectAnyQueueRunning(s: { byHost: Record<string, HostQueueView> }): boolean {
  return Object.values(s.byHost).some((v) => v.status === 'running' || v.status === 'waiting');
}
