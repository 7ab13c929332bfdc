import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { TaskView } from '../../../shared/model/task';
import { api } from '../api';

/** The engine's long work as the shell shows it (tasks indicator). */
export interface TasksState {
  byId: Record<string, TaskView>;
  /** Error of the last list fetch or cancel. */
  error: ErrorInfo | null;
  /** Fetches every task now (start-up, engine reconnect). */
  refresh: () => Promise<void>;
  /** A `task:updated` event. */
  update: (task: TaskView) => void;
  /** Asks the engine to cancel a running task. */
  cancel: (taskId: string) => Promise<void>;
}

/** Builds the tasks store over an API (a fake one in tests). */
export function createTasksStore(tasksApi: Pick<Api, 'tasks'>) {
  return create<TasksState>()((set) => ({
    byId: {},
    error: null,
    async refresh() {
      try {
        const list = await tasksApi.tasks.list({});
        set({
          byId: Object.fromEntries(list.map((t) => [t.id, t])),
          error: null,
        });
      } catch (e) {
        set({ error: toErrorInfo(e) });
      }
    },
    update: (task) => set((s) => ({ byId: { ...s.byId, [task.id]: task } })),
    async cancel(taskId) {
      try {
        const task = await tasksApi.tasks.cancel({ taskId });
        set((s) => ({ byId: { ...s.byId, [task.id]: task }, error: null }));
      } catch (e) {
        set({ error: toErrorInfo(e) });
      }
    },
  }));
}

/** The renderer's tasks. */
export const useTasksStore = createTasksStore(api);

/** Running tasks first (oldest first), then the finished ones (newest first). */
export function selectTaskList(s: Pick<TasksState, 'byId'>): TaskView[] {
  const all = Object.values(s.byId);
  const running = all
    .filter((t) => t.state === 'running')
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const finished = all
    .filter((t) => t.state !== 'running')
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  return [...running, ...finished];
}

/** How many tasks run now. */
export function selectRunningCount(s: Pick<TasksState, 'byId'>): number {
  return Object.values(s.byId).filter((t) => t.state === 'running').length;
}

/** The progress of a task as a percentage, or null when its total is unknown. */
export function taskPercent(t: Pick<TaskView, 'progress'>): number | null {
  const { done, total } = t.progress;
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.round((done / total) * 100));
}
