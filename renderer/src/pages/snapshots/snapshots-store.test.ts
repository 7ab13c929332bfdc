import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../../shared/api/client';
import { AppError } from '../../../../shared/api/errors';
import type { SnapshotInfo } from '../../../../shared/model/snapshot-info';
import type { SnapshotDiff } from '../../../../shared/snapshot/diff';
import type { SnapshotBody } from '../../../../shared/snapshot/format';
import { snapshotBody } from '../../../../shared/snapshot/testing/snapshot-fixtures';
import { createSnapshotsStore, type SnapshotsDeps } from './snapshots-store';

const info = (id: string, takenAt: string): SnapshotInfo => ({
  id,
  clusterId: 'c1',
  clusterName: 'web',
  takenAt,
  reason: 'manual',
  sizeBytes: 1000,
  contentHash: 'a'.repeat(64),
  unreachable: [],
});

/** A fake engine keeping snapshot files whose bytes are their id (decoded by the fake decode). */
function fakeEngine(bodies: Record<string, SnapshotBody>) {
  let list: SnapshotInfo[] = [];
  const takes: { clusterId: string; taskId?: string }[] = [];
  const useModel = vi.fn((_input: unknown) =>
    Promise.resolve({ cluster: snapshotBody().cluster, lostPasswords: ['shop'] }),
  );
  let nextTake: (() => Promise<SnapshotInfo>) | null = null;
  const api = {
    snapshots: {
      list: () => Promise.resolve(list),
      take: (input: { clusterId: string; taskId?: string }) => {
        takes.push(input);
        if (nextTake === null) throw new Error('no take planned');
        return nextTake();
      },
      read: ({ id }: { id: string }) => Promise.resolve({ fileName: id, base64: btoa(id) }),
      remove: ({ id }: { id: string }) => {
        list = list.filter((s) => s.id !== id);
        return Promise.resolve({ removed: true });
      },
      useModel,
    },
  } as unknown as Pick<Api, 'snapshots'>;
  const diffs: [string, string][] = [];
  const openPlan = vi.fn((_clusterId: string, _note: string | null) => Promise.resolve());
  const saved = vi.fn((_view: unknown) => undefined);
  const deps: SnapshotsDeps = {
    decode: (bytes) => {
      const id = new TextDecoder().decode(bytes);
      const body = bodies[id];
      return body
        ? Promise.resolve(body)
        : Promise.reject(
            new AppError('SNAPSHOT_INVALID', 'not a snapshot', { reason: 'not-snapshot' }),
          );
    },
    diff: (a, b): SnapshotDiff => {
      diffs.push([a.takenAt, b.takenAt]);
      return { changes: [] };
    },
    saved,
    openPlan,
  };
  return {
    api,
    deps,
    takes,
    diffs,
    useModel,
    saved,
    openPlan,
    setList: (l: SnapshotInfo[]) => (list = l),
    planTake: (f: () => Promise<SnapshotInfo>) => (nextTake = f),
  };
}

const OLD = snapshotBody({ takenAt: '2026-12-01T10:00:00.000Z' });
const NEW = snapshotBody({ takenAt: '2026-12-02T10:00:00.000Z' });

describe('snapshots store', () => {
  it('takes a snapshot under a task id of its own, shows it while running, then lists it', async () => {
    const f = fakeEngine({});
    const store = createSnapshotsStore(f.api, f.deps);
    await store.getState().load('c1');
    expect(store.getState().list).toEqual([]);
    let finish!: (s: SnapshotInfo) => void;
    f.planTake(() => new Promise((r) => (finish = r)));
    const taking = store.getState().take('c1');
    const shown = store.getState().taking;
    expect(shown?.purpose).toBe('keep');
    expect(shown?.taskId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(f.takes).toEqual([{ clusterId: 'c1', taskId: shown?.taskId }]);
    const a = info('a.cdsnap', OLD.takenAt);
    f.setList([a]);
    finish(a);
    await taking;
    expect(store.getState().taking).toBeNull();
    expect(store.getState().list).toEqual([a]);
  });

  it('shows why a snapshot could not be taken', async () => {
    const f = fakeEngine({});
    f.planTake(() => Promise.reject(new AppError('NOT_FOUND', 'no cluster c1')));
    const store = createSnapshotsStore(f.api, f.deps);
    await store.getState().load('c1');
    await store.getState().take('c1');
    expect(store.getState().takeError?.code).toBe('NOT_FOUND');
    expect(store.getState().taking).toBeNull();
  });

  it('compares two kept snapshots older first, whichever was picked first', async () => {
    const f = fakeEngine({ 'a.cdsnap': OLD, 'b.cdsnap': NEW });
    const store = createSnapshotsStore(f.api, f.deps);
    await store.getState().load('c1');
    await store
      .getState()
      .compareKept(info('b.cdsnap', NEW.takenAt), info('a.cdsnap', OLD.takenAt));
    const c = store.getState().comparison;
    expect([c?.older.id, c?.newer.id]).toEqual(['a.cdsnap', 'b.cdsnap']);
    expect(f.diffs).toEqual([[OLD.takenAt, NEW.takenAt]]);
    expect(store.getState().comparing).toBe(false);
  });

  it('compares a kept snapshot with one taken now', async () => {
    const f = fakeEngine({ 'a.cdsnap': OLD, 'now.cdsnap': NEW });
    f.planTake(() => Promise.resolve(info('now.cdsnap', NEW.takenAt)));
    const store = createSnapshotsStore(f.api, f.deps);
    await store.getState().load('c1');
    await store.getState().compareLive('c1', info('a.cdsnap', OLD.takenAt));
    expect(f.takes[0]?.taskId).toMatch(/^snap-/);
    const c = store.getState().comparison;
    expect([c?.older.id, c?.newer.id]).toEqual(['a.cdsnap', 'now.cdsnap']);
    expect(store.getState().taking).toBeNull();
  });

  it('says why two files could not be compared', async () => {
    const f = fakeEngine({ 'a.cdsnap': OLD });
    const store = createSnapshotsStore(f.api, f.deps);
    const bytes = (t: string) => new TextEncoder().encode(t);
    await store
      .getState()
      .compareFiles({ name: 'a', bytes: bytes('a.cdsnap') }, { name: 'x', bytes: bytes('junk') });
    expect(store.getState().compareError?.code).toBe('SNAPSHOT_INVALID');
    expect(store.getState().comparison).toBeNull();
  });

  it("restores a snapshot's model with its redacted passwords named, then opens the plan", async () => {
    const f = fakeEngine({});
    const store = createSnapshotsStore(f.api, f.deps);
    const body = snapshotBody({
      redactions: [{ where: 'cluster.accounts[shop].sftp.passwordHash', what: 'password hash' }],
    });
    await store.getState().restoreModel('c1', body);
    expect(f.useModel).toHaveBeenCalledWith({
      clusterId: 'c1',
      model: body.cluster.cluster,
      redactedPasswordsOf: ['shop'],
    });
    expect(f.saved).toHaveBeenCalledWith(snapshotBody().cluster);
    expect(store.getState().restoreNote).toContain('shop');
    expect(f.openPlan).toHaveBeenCalledWith('c1', store.getState().restoreNote);
  });

  it('drops the comparison of a snapshot that is removed', async () => {
    const f = fakeEngine({ 'a.cdsnap': OLD, 'b.cdsnap': NEW });
    const a = info('a.cdsnap', OLD.takenAt);
    const b = info('b.cdsnap', NEW.takenAt);
    f.setList([b, a]);
    const store = createSnapshotsStore(f.api, f.deps);
    await store.getState().load('c1');
    await store.getState().compareKept(a, b);
    await store.getState().remove('a.cdsnap');
    expect(store.getState().comparison).toBeNull();
    expect(store.getState().list).toEqual([b]);
  });
});
