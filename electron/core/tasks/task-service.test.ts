import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { TaskView } from '../../../shared/model/task';
import { realTimers } from '../ssh/types';
import { TaskService } from './task-service';

function service(keepFinished?: number) {
  const updates: TaskView[] = [];
  const tasks = new TaskService({
    emit: (event, payload) => {
      if (event === 'task:updated') updates.push(payload as TaskView);
    },
    timers: realTimers,
    ...(keepFinished !== undefined && { keepFinished }),
  });
  return { tasks, updates };
}

describe('TaskService', () => {
  it('reports start, coalesced progress and the end of a task, with its result', async () => {
    const { tasks, updates } = service();
    const value = await tasks.run(
      { kind: 'preview', title: 'Preview web', id: 'task-0001', clusterId: 'c1' },
      async (t) => {
        for (let i = 1; i <= 20; i++) t.progress({ done: i, total: 20, step: `host ${i}` });
        await delay(250);
        return 42;
      },
    );
    expect(value).toBe(42);
    expect(updates[0]).toMatchObject({
      id: 'task-0001',
      state: 'running',
      clusterId: 'c1',
      progress: { done: 0 },
    });
    const last = updates.at(-1);
    expect(last).toMatchObject({
      state: 'done',
      error: null,
      progress: { done: 20, total: 20, step: 'host 20' },
    });
    expect(last?.finishedAt).not.toBeNull();
    // 20 progress calls in one window are one event, not twenty.
    expect(updates.length).toBeLessThanOrEqual(4);
  });

  it('cancel aborts the signal the work was given, and the task ends cancelled', async () => {
    const { tasks, updates } = service();
    let seen: AbortSignal | undefined;
    const running = tasks.run(
      { kind: 'drain-wait', title: 'Wait for node2 to drain', id: 'drain-0001' },
      async (t) => {
        seen = t.signal;
        await delay(60_000, undefined, { signal: t.signal });
      },
    );
    await delay(10);
    expect(tasks.cancel('drain-0001').id).toBe('drain-0001');
    await expect(running).rejects.toThrow();
    expect(seen?.aborted).toBe(true);
    expect(updates.at(-1)).toMatchObject({ state: 'cancelled', error: { code: 'ABORTED' } });
    // Cancelling a finished task returns it as it is.
    expect(tasks.cancel('drain-0001').state).toBe('cancelled');
  });

  it('records a failure with its code; refuses a running id, unknown ids and uncancellable tasks', async () => {
    const { tasks } = service();
    await expect(
      tasks.run({ kind: 'drift', title: 'Drift', id: 'fail-0001' }, () =>
        Promise.reject(new AppError('TIMEOUT', 'slow host')),
      ),
    ).rejects.toThrow('slow host');
    expect(tasks.list()[0]).toMatchObject({
      state: 'failed',
      error: { code: 'TIMEOUT', message: 'slow host' },
    });

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    tasks.start(
      { kind: 'apply', title: 'Apply', id: 'apply-0001', cancellable: false },
      () => held,
    );
    expect(() => tasks.assertFree('apply-0001')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => tasks.cancel('apply-0001')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => tasks.cancel('nope-nope-nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    release();
    await delay(0);
    expect(tasks.list()[0]).toMatchObject({ id: 'apply-0001', state: 'done' });
  });

  it('sends whole counts whatever the work reports (the events must fit the contract)', async () => {
    const { tasks, updates } = service();
    await tasks.run({ kind: 'drain-wait', title: 'Wait' }, async (t) => {
      t.progress({ done: 1.7, total: 300 });
      await delay(150);
    });
    for (const u of updates) expect(TaskView.safeParse(u).success).toBe(true);
    expect(updates.at(-1)?.progress.done).toBe(1);
  });

  it('keeps running tasks and only the newest finished ones', async () => {
    const { tasks } = service(2);
    for (let i = 0; i < 5; i++)
      await tasks.run({ kind: 'probe', title: `p${i}` }, () => Promise.resolve());
    const running = tasks.run({ kind: 'probe', title: 'long' }, (t) =>
      delay(50, undefined, { signal: t.signal }),
    );
    expect(tasks.list().map((t) => t.title)).toEqual(['long', 'p4', 'p3']);
    await running;
  });
});
