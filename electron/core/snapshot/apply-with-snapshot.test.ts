import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { HostView } from '../../../shared/model/host';
import { zeroQueueCounts } from '../../../shared/model/queue';
import type { TaskView } from '../../../shared/model/task';
import type { Plan } from '../../../shared/plan/types';
import { snapshotBody } from '../../../shared/snapshot/testing/snapshot-fixtures';
import { realTimers } from '../ssh/types';
import type { AuditInput } from '../store/audit-repository';
import type { ApplyRecord } from '../store/clusters-repository';
import { TaskService } from '../tasks/task-service';
import { applyWithSnapshot } from './apply-with-snapshot';
import { SnapshotService, type SnapshotServiceDeps } from './snapshot-service';

const plan = { title: 'Set up cluster lab', hash: 'a'.repeat(64), hosts: [] } as unknown as Plan;
const host: HostView = {
  id: 'h-manager',
  name: 'manager',
  address: '127.0.0.1',
  port: 22,
  user: 'root',
  auth: { method: 'agent' },
  hasStoredSecret: false,
  trustedKey: null,
  state: 'connected',
  lastError: null,
  createdAt: '2026-12-01T00:00:00.000Z',
};

/**
 * The apply with its snapshot before, on fakes: the cluster service queues nothing real, the
 * snapshot reads one host whose probe answers when `probe` says (or waits for the cancel).
 */
function setup(dataDir: string, opts: { keep?: number; probe?: 'waits' | 'fails' | 'ok' } = {}) {
  const audit: AuditInput[] = [];
  const queued: string[] = [];
  const updates: TaskView[] = [];
  const view: ClusterView = snapshotBody().cluster;
  const cluster: ClusterView = {
    ...view,
    cluster: {
      ...view.cluster,
      settings: { queueRetryIntervalSec: 300, snapshotsBeforeApply: opts.keep ?? 10 },
    },
  };
  const deps: SnapshotServiceDeps = {
    dataDir,
    clusters: { get: () => cluster, save: () => cluster },
    hosts: {
      list: () => [host],
      probe: (_id, signal) =>
        opts.probe === 'ok'
          ? Promise.resolve(snapshotBody().hosts[0]!.facts!)
          : opts.probe === 'fails'
            ? Promise.reject(new AppError('INTERNAL', 'the probe broke'))
            : new Promise((_, reject) => {
                if (signal?.aborted) reject(signal.reason as Error);
                signal?.addEventListener('abort', () => reject(signal.reason as Error));
              }),
      getFacts: () => null,
    },
    target: {
      ensureConnected: () => Promise.resolve(),
      run: () => Promise.resolve({ code: 0, signal: null, stdout: '', stderr: '', durationMs: 1 }),
    },
    queue: {
      view: (hostId) => ({
        hostId,
        status: 'idle',
        current: null,
        pending: 0,
        items: [],
        waitingFor: null,
        applies: [],
      }),
    },
    queueRepo: { runs: () => [] },
    lb: {
      status: () => Promise.resolve(snapshotBody().lb!),
      drift: () => Promise.reject(new AppError('INTERNAL', 'no drift here')),
    },
    audit: { list: () => [], record: (e) => audit.push(e) },
    appVersion: '0.0.0-test',
  };
  const snapshots = new SnapshotService(deps);
  const tasks = new TaskService({
    emit: (event, payload) => {
      if (event === 'task:updated') updates.push(payload as TaskView);
    },
    timers: realTimers,
  });
  const run = (taskId: string) =>
    applyWithSnapshot(
      {
        tasks,
        snapshots,
        clusters: {
          reviewedPlan: () => plan,
          apply: () => {
            queued.push(taskId);
            return { applyId: `apply-${queued.length}`, plan };
          },
        },
        follow: {
          pollMs: 5,
          queueRepo: {
            applyProgress: () => ({ open: 0, byState: zeroQueueCounts() }),
            head: () => null,
          },
          clusters: { getApply: () => ({ finishedAt: 'x', result: 'ok' }) as ApplyRecord },
        },
      },
      { clusterId: cluster.cluster.id, planHash: plan.hash ?? '', taskId },
    );
  return { run, tasks, snapshots, audit, queued, updates };
}

describe('plans:apply with a snapshot before it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-apply-snap-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the snapshot, then queues, and the apply task says so in its progress', async () => {
    const s = setup(dir, { probe: 'ok' });
    const r = await s.run('apply-task-01');
    expect(r).toEqual({ applyId: 'apply-1', plan, taskId: 'apply-task-01' });
    const kept = await s.snapshots.list();
    expect(kept.map((k) => k.reason)).toEqual(['before-apply']);
    const steps = s.updates.map((u) => u.progress.step ?? '');
    expect(steps.some((x) => x.startsWith('snapshot before apply'))).toBe(true);
    // Cancellable while the snapshot is taken, not once the steps are queued.
    expect(s.updates[0]?.cancellable).toBe(true);
    expect(s.tasks.list()[0]?.cancellable).toBe(false);
  });

  it('a snapshot that fails does not stop the apply, and the audit log says why', async () => {
    const s = setup(dir, { probe: 'ok' });
    // A file where the snapshot folder must be: the snapshot cannot be written.
    writeFileSync(join(dir, 'snapshots'), 'in the way');
    const r = await s.run('apply-task-02');
    expect(r.applyId).toBe('apply-1');
    expect(s.queued).toHaveLength(1);
    expect(s.audit).toContainEqual(
      expect.objectContaining({ action: 'snapshots:beforeApply', result: 'error' }),
    );
  });

  it('an unreachable host is recorded and the snapshot is still kept', async () => {
    const s = setup(dir, { probe: 'fails' });
    await s.run('apply-task-03');
    const [info] = await s.snapshots.list();
    expect(info?.unreachable).toEqual(['manager']);
  });

  it('a cancel while the snapshot is taken queues nothing and fails the request', async () => {
    const s = setup(dir, { probe: 'waits' });
    const pending = s.run('apply-task-04');
    // The apply task is running and waits in the snapshot's probe.
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.tasks.cancel('apply-task-04');
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(s.queued).toEqual([]);
    expect(await s.snapshots.list()).toEqual([]);
    await expect.poll(() => s.tasks.list()[0]?.state).toBe('cancelled');
  });

  it('with snapshotsBeforeApply 0 it takes none', async () => {
    const s = setup(dir, { keep: 0, probe: 'ok' });
    await s.run('apply-task-05');
    expect(s.queued).toHaveLength(1);
    expect(await s.snapshots.list()).toEqual([]);
  });
});
