import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import type { TaskView } from '../../../shared/model/task';
import { createTasksStore, selectRunningCount, selectTaskList, taskPercent } from './tasks-store';

const task = (id: string, over: Partial<TaskView> = {}): TaskView => ({
  id,
  kind: 'drain-wait',
  title: `task ${id}`,
  state: 'running',
  cancellable: true,
  clusterId: null,
  progress: { done: 0, total: null, step: null, hostName: null },
  startedAt: '2026-12-03T10:00:00.000Z',
  finishedAt: null,
  error: null,
  ...over,
});

describe('tasks store', () => {
  it('orders running tasks first, then the newest finished; counts the running ones', async () => {
    const store = createTasksStore({
      tasks: {
        list: () =>
          Promise.resolve([
            task('a', {
              state: 'done',
              finishedAt: '2026-12-03T10:01:00.000Z',
            }),
            task('b', { startedAt: '2026-12-03T10:02:00.000Z' }),
            task('c', {
              state: 'failed',
              finishedAt: '2026-12-03T10:03:00.000Z',
            }),
            task('d', { startedAt: '2026-12-03T09:00:00.000Z' }),
          ]),
        cancel: () => Promise.reject(new Error('unused')),
      },
    });
    await store.getState().refresh();
    expect(selectTaskList(store.getState()).map((t) => t.id)).toEqual(['d', 'b', 'c', 'a']);
    expect(selectRunningCount(store.getState())).toBe(2);
    store.getState().update(
      task('b', {
        state: 'cancelled',
        finishedAt: '2026-12-03T10:04:00.000Z',
      }),
    );
    expect(selectRunningCount(store.getState())).toBe(1);
  });

  it('keeps the engine answer of a cancel, and its error when refused', async () => {
    let refuse = false;
    const store = createTasksStore({
      tasks: {
        list: () => Promise.resolve([]),
        cancel: ({ taskId }) =>
          refuse
            ? Promise.reject(new AppError('NOT_FOUND', 'taskId: no task'))
            : Promise.resolve(task(taskId, { state: 'cancelled' })),
      },
    });
    await store.getState().cancel('x');
    expect(store.getState().byId['x']?.state).toBe('cancelled');
    refuse = true;
    await store.getState().cancel('y');
    expect(store.getState().error?.code).toBe('NOT_FOUND');
  });

  it('gives a percentage only when the total is known', () => {
    expect(
      taskPercent(
        task('a', {
          progress: { done: 3, total: 4, step: null, hostName: null },
        }),
      ),
    ).toBe(75);
    expect(taskPercent(task('a'))).toBeNull();
    expect(
      taskPercent(
        task('a', {
          progress: { done: 9, total: 4, step: null, hostName: null },
        }),
      ),
    ).toBe(100);
  });
});
