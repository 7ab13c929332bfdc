import { z } from 'zod';

/** What a task is doing; the UI picks an icon and the CLI a word. */
export const TaskKind = z.enum([
  'preview',
  'drift',
  'apply',
  'drain-wait',
  'probe',
  'exec',
  'site-check',
  'snapshot',
]);
export type TaskKind = z.infer<typeof TaskKind>;

export const TaskState = z.enum(['running', 'done', 'failed', 'cancelled']);
export type TaskState = z.infer<typeof TaskState>;

/** Where a task is: the step and host now, and how many of how many (total null when unknown). */
export const TaskProgress = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  step: z.string().nullable(),
  hostName: z.string().nullable(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

/** Long work (over a second) as the UI and the CLI see it: `task:updated` carries it. */
export const TaskView = z.object({
  id: z.string(),
  kind: TaskKind,
  title: z.string(),
  state: TaskState,
  cancellable: z.boolean(),
  /** The cluster it works on, when it works on one. */
  clusterId: z.string().nullable(),
  progress: TaskProgress,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

/**
 * The optional id a client gives a long request, so that it can follow its progress
 * (`task:updated`) and cancel it (`tasks:cancel`) while the request runs.
 */
export const TaskId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'taskId: 8 to 64 letters, digits, _ or -');
