import { randomUUID } from 'node:crypto';
import { AppError, toErrorInfo } from '../../../shared/api/errors';
import type { TaskKind, TaskProgress, TaskView } from '../../../shared/model/task';
import type { EventChannel, EventPayload } from '../../../shared/api/contract';
import { coalesceByKey } from '../events/coalesce';
import type { Timers } from '../ssh/types';

/** What a task's work gets: the signal that cancel aborts, and a way to report progress. */
export interface TaskContext {
  signal: AbortSignal;
  /** Merges into the task's progress; updates are coalesced before they are sent. */
  progress(p: Partial<TaskProgress>): void;
}

/** What a new task is. */
export interface TaskSpec {
  kind: TaskKind;
  title: string;
  /** The client's id for the task (to follow and cancel it); a fresh one when absent. */
  id?: string | undefined;
  clusterId?: string | null;
  /** Whether cancel can stop it (default true: the signal reaches its SSH channels). */
  cancellable?: boolean;
}

/** Dependencies of {@link TaskService}. */
export interface TaskServiceDeps {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  timers: Timers;
  /** How many finished tasks are kept for tasks:list (default 50). */
  keepFinished?: number;
}

interface Entry {
  view: TaskView;
  abort: AbortController;
}

/** Progress events of one task at most this often; state changes are sent at once. */
const PROGRESS_WINDOW_MS = 100;

/**
 * Long work (preview, drift, apply, drain wait, probe, exec) as tasks: an id, a title, a state,
 * progress with the current step and host, an error, and a cancel whose signal reaches the SSH
 * channels. Every change is a `task:updated` event; finished tasks are kept a while for the list.
 */
export class TaskService {
  private readonly tasks = new Map<string, Entry>();
  private readonly progressed;

  constructor(private readonly d: TaskServiceDeps) {
    this.progressed = coalesceByKey(d.timers, PROGRESS_WINDOW_MS, (id) => {
      const t = this.tasks.get(id);
      if (t && t.view.state === 'running') this.d.emit('task:updated', t.view);
    });
  }

  /** Runs `work` as a task and returns its result; the task ends done, failed or cancelled. */
  async run<T>(spec: TaskSpec, work: (ctx: TaskContext) => Promise<T>): Promise<T> {
    const { entry, ctx } = this.open(spec);
    try {
      const value = await work(ctx);
      this.finish(entry, null);
      return value;
    } catch (e) {
      this.finish(entry, e);
      throw e;
    }
  }

  /**
   * Starts `work` as a task that goes on after the request returned (an apply follows its
   * queued steps); its end and error are only recorded in the task.
   */
  start(spec: TaskSpec, work: (ctx: TaskContext) => Promise<void>): TaskView {
    const { entry, ctx } = this.open(spec);
    void work(ctx).then(
      () => this.finish(entry, null),
      (e: unknown) => this.finish(entry, e),
    );
    return entry.view;
  }

  /** Refuses (before any work starts) an id that a running task has. */
  assertFree(id: string | undefined): void {
    if (id !== undefined && this.tasks.get(id)?.view.state === 'running') {
      throw new AppError('VALIDATION', `taskId: a task with id ${id} is running`, {
        issues: [{ field: 'taskId', message: 'is already in use by a running task' }],
      });
    }
  }

  /** Cancels a running task; a finished one is returned as it is. */
  cancel(taskId: string): TaskView {
    const t = this.tasks.get(taskId);
    if (!t)
      throw new AppError('NOT_FOUND', `taskId: no task ${taskId} (it may have finished long ago)`);
    if (t.view.state !== 'running') return t.view;
    if (!t.view.cancellable)
      throw new AppError('VALIDATION', `taskId: ${t.view.title} cannot be cancelled`, {
        issues: [{ field: 'taskId', message: 'this task cannot be cancelled' }],
      });
    t.abort.abort(new AppError('ABORTED', `${t.view.title}: cancelled`));
    return t.view;
  }

  /**
   * Says whether cancel can stop a running task from now on: an apply can be cancelled while it
   * takes its snapshot, not once its steps are queued (they are cancelled per host queue).
   */
  setCancellable(taskId: string, on: boolean): void {
    const t = this.tasks.get(taskId);
    if (!t || t.view.state !== 'running' || t.view.cancellable === on) return;
    t.view = { ...t.view, cancellable: on };
    this.d.emit('task:updated', t.view);
  }

  /** Running tasks and the last finished ones, newest first. */
  list(): TaskView[] {
    return [...this.tasks.values()].map((t) => t.view).reverse();
  }

  /** Cancels every running task (engine close). */
  dispose(): void {
    this.progressed.cancel();
    for (const t of this.tasks.values())
      t.abort.abort(new AppError('ABORTED', 'ClusterDeck is closing'));
  }

  private open(spec: TaskSpec): { entry: Entry; ctx: TaskContext } {
    const id = spec.id ?? randomUUID();
    this.assertFree(id);
    this.tasks.delete(id);
    const entry: Entry = {
      abort: new AbortController(),
      view: {
        id,
        kind: spec.kind,
        title: spec.title,
        state: 'running',
        cancellable: spec.cancellable ?? true,
        clusterId: spec.clusterId ?? null,
        progress: { done: 0, total: null, step: null, hostName: null },
        startedAt: new Date(this.d.timers.now()).toISOString(),
        finishedAt: null,
        error: null,
      },
    };
    this.tasks.set(id, entry);
    this.prune();
    this.d.emit('task:updated', entry.view);
    const ctx: TaskContext = {
      signal: entry.abort.signal,
      progress: (p) => {
        if (entry.view.state !== 'running') return;
        // Counts are whole numbers on the wire (seconds waited, steps done): never a fraction.
        const whole = (n: number | null | undefined) =>
          typeof n === 'number' ? Math.max(0, Math.floor(n)) : n;
        const next = { ...entry.view.progress, ...p };
        entry.view = {
          ...entry.view,
          progress: { ...next, done: whole(next.done) ?? 0, total: whole(next.total) ?? null },
        };
        this.progressed.push(id);
      },
    };
    return { entry, ctx };
  }

  private finish(entry: Entry, e: unknown): void {
    const cancelled = entry.abort.signal.aborted;
    const error = e === null ? null : toErrorInfo(cancelled ? entry.abort.signal.reason : e);
    entry.view = {
      ...entry.view,
      state: e === null ? 'done' : cancelled ? 'cancelled' : 'failed',
      finishedAt: new Date(this.d.timers.now()).toISOString(),
      error: error && { code: error.code, message: error.message },
    };
    this.d.emit('task:updated', entry.view);
  }

  /** Keeps every running task and the newest finished ones. */
  private prune(): void {
    const keep = this.d.keepFinished ?? 50;
    const finished = [...this.tasks.values()].filter((t) => t.view.state !== 'running');
    for (const t of finished.slice(0, Math.max(0, finished.length - keep)))
      this.tasks.delete(t.view.id);
  }
}
