import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plan/types';
import type { TaskProgress } from '../../../shared/model/task';
import type { ApplyRecord } from '../store/clusters-repository';
import type { QueueItem } from '../store/queue-repository';
import { followApply } from './apply-task';

const plan = {
  title: 'Set up cluster web',
  hash: 'a'.repeat(64),
  hosts: [
    { hostId: 'm', hostName: 'manager', steps: [{}, {}] },
    { hostId: 'n1', hostName: 'node1', steps: [{}] },
  ],
} as unknown as Plan;

/** Replays one reading per poll: open steps, each host's head, the apply's end. */
function deps(
  readings: {
    open: number;
    heads: Record<string, Partial<QueueItem> | null>;
    end?: ApplyRecord['result'];
  }[],
) {
  let n = 0;
  // getApply opens each poll; the other reads of that poll see the same reading.
  const now = () => readings[Math.min(n - 1, readings.length - 1)]!;
  return {
    pollMs: 5,
    clusters: {
      getApply: () => {
        n++;
        const r = now();
        return { finishedAt: r.end ? 'x' : null, result: r.end ?? null } as ApplyRecord;
      },
    },
    queueRepo: {
      applyProgress: () => ({ open: now().open, byState: {} }),
      head: (hostId: string) => (now().heads[hostId] ?? null) as QueueItem | null,
    },
  };
}

const item = (over: Partial<QueueItem>): Partial<QueueItem> => ({
  applyId: 'ap',
  state: 'running',
  title: 'step',
  lastError: null,
  nextRetryAt: null,
  ...over,
});

describe('followApply', () => {
  it('reports steps done of all, the running step, a halted host with its error, until the apply ends', async () => {
    const seen: Partial<TaskProgress>[] = [];
    const ctx = {
      signal: new AbortController().signal,
      progress: (p: Partial<TaskProgress>) => seen.push(p),
    };
    await followApply(
      deps([
        { open: 3, heads: { m: item({ title: 'Install nfs' }) } },
        {
          open: 2,
          heads: {
            m: item({
              title: 'Export',
              state: 'failed',
              lastError: 'exportfs: bad',
              nextRetryAt: 0,
            }),
            n1: item({ title: 'Mount' }),
          },
        },
        { open: 0, heads: {}, end: 'ok' },
      ]),
      'ap',
      plan,
      ctx,
    );
    expect(seen[0]).toEqual({ done: 0, total: 3, step: 'Install nfs', hostName: 'manager' });
    expect(seen[1]).toMatchObject({ done: 1, hostName: 'manager' });
    expect(seen[1]?.step).toMatch(
      /^halted at "Export": exportfs: bad; retried at 1970-01-01T00:00:00.000Z$/,
    );
    expect(seen.at(-1)).toEqual({ done: 3, total: 3, step: null, hostName: null });
  });

  it('ignores heads of other applies, and ends as ABORTED when steps were cancelled', async () => {
    const seen: Partial<TaskProgress>[] = [];
    const ctx = {
      signal: new AbortController().signal,
      progress: (p: Partial<TaskProgress>) => seen.push(p),
    };
    await expect(
      followApply(
        deps([{ open: 1, heads: { m: item({ applyId: 'other' }) }, end: 'cancelled' }]),
        'ap',
        plan,
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(seen[0]).toMatchObject({ step: null, hostName: null });
  });
});
