import { z } from 'zod';

/** Life of one queued step. `failed` halts the host's queue until a retry succeeds or it is skipped. */
export const QueueItemState = z.enum([
  'pending',
  'running',
  'done',
  'failed',
  'skipped',
  'cancelled',
]);
export type QueueItemState = z.infer<typeof QueueItemState>;

/** One queued step as the UI sees it. */
export const QueueItemView = z.object({
  id: z.number(),
  hostId: z.string(),
  applyId: z.string().nullable(),
  stepId: z.string(),
  title: z.string(),
  state: QueueItemState,
  attempts: z.number(),
  lastError: z.string().nullable(),
  /** How a done item ended: 'applied', or 'already done' when its check passed. */
  outcome: z.string().nullable(),
  /** Epoch ms of the next automatic retry of a failed item. */
  nextRetryAt: z.number().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type QueueItemView = z.infer<typeof QueueItemView>;

/** How many items are in each state. */
export const QueueCounts = z.object({
  pending: z.number(),
  running: z.number(),
  failed: z.number(),
  done: z.number(),
  skipped: z.number(),
  cancelled: z.number(),
});
export type QueueCounts = z.infer<typeof QueueCounts>;

/** Counts with nothing counted yet. */
export function zeroQueueCounts(): QueueCounts {
  return { pending: 0, running: 0, failed: 0, done: 0, skipped: 0, cancelled: 0 };
}

/** An apply that queued items: which plan, when, how it ended, and its items on every host. */
export const QueueApplyView = z.object({
  id: z.string(),
  /** The plan's title. */
  title: z.string(),
  createdAt: z.string(),
  /** When its last item finished; null while any is unfinished (a halted one included). */
  finishedAt: z.string().nullable(),
  result: z.enum(['ok', 'error', 'cancelled']).nullable(),
  /** How many hosts it queued items on. */
  hosts: z.number(),
  /** Its items on every host, by state. */
  counts: QueueCounts,
});
export type QueueApplyView = z.infer<typeof QueueApplyView>;

/** The step of another host that a waiting queue's head waits for. */
export const QueueWaitingFor = z.object({
  hostId: z.string(),
  stepId: z.string(),
  /** The step's title; null when that host has no item for it. */
  title: z.string().nullable(),
});
export type QueueWaitingFor = z.infer<typeof QueueWaitingFor>;

/**
 * A host's queue: idle (nothing to do), running, waiting (the head waits for a step on another
 * host), or halted (the head failed; it is retried at `nextRetryAt`).
 */
export const HostQueueView = z.object({
  hostId: z.string(),
  status: z.enum(['idle', 'running', 'waiting', 'halted']),
  current: QueueItemView.nullable(),
  pending: z.number(),
  /** Recent finished items and every unfinished one, oldest first. */
  items: z.array(QueueItemView),
  /** What the head waits for while the status is `waiting`, else null. */
  waitingFor: QueueWaitingFor.nullable(),
  /** The applies of the listed items. */
  applies: z.array(QueueApplyView),
});
export type HostQueueView = z.infer<typeof HostQueueView>;

/** One recorded run of a command of a step (check, file write, command, verify). */
export const QueueRunView = z.object({
  id: z.number(),
  attempt: z.number(),
  phase: z.enum(['check', 'file', 'command', 'verify', 'connect']),
  command: z.string(),
  exitCode: z.number().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  startedAt: z.string(),
  durationMs: z.number().nullable(),
});
export type QueueRunView = z.infer<typeof QueueRunView>;
