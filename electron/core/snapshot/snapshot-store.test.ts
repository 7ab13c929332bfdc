import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import type { SnapshotBody } from '../../../shared/snapshot/format';
import { snapshotBody, snapshotHost } from '../../../shared/snapshot/testing/snapshot-fixtures';
import { encodeSnapshotFile } from './file';
import { checkSnapshotId, snapshotFileName, SnapshotStore } from './snapshot-store';

describe('snapshot files in the data dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-snapstore-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const body = (takenAt: string, patch: Partial<SnapshotBody> = {}) =>
    snapshotBody({ takenAt, ...patch });
  const add = async (store: SnapshotStore, b: SnapshotBody) =>
    store.add(b, await encodeSnapshotFile(b));
  const files = () => readdirSync(join(dir, 'snapshots')).sort();

  it('names a file after the cluster, the time (no colons) and the reason', () => {
    expect(snapshotFileName('web', '2026-12-03T18:55:01.123Z', 'before-apply')).toBe(
      'web-2026-12-03T18-55-01.123Z-before-apply.cdsnap',
    );
  });

  it('takes only bare snapshot file names as ids', () => {
    expect(checkSnapshotId('web-2026-12-03T18-55-01.123Z-manual.cdsnap')).toBeTruthy();
    for (const bad of [
      '../clusterdeck.db',
      '../../x.cdsnap',
      'a/b.cdsnap',
      '.hidden.cdsnap',
      'web..cdsnap',
      'web.cdsnap/..',
      'index.json',
      '',
    ]) {
      const e = (() => {
        try {
          checkSnapshotId(bad);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e, bad).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
      expect((e as AppError).message).toMatch(/^id: /);
    }
  });

  it('keeps files atomically, lists them newest first with their infos, reads and removes them', async () => {
    const store = new SnapshotStore(dir);
    const older = await add(store, body('2026-12-01T10:00:00.000Z'));
    const newer = await add(
      store,
      body('2026-12-02T10:00:00.000Z', {
        hosts: [
          snapshotHost('h-manager', 1),
          { ...snapshotHost('h-node1', 2), reachable: false, facts: null, files: [] },
        ],
      }),
    );
    expect(older).toMatchObject({
      id: 'lab-2026-12-01T10-00-00.000Z-manual.cdsnap',
      clusterId: 'c-lab',
      clusterName: 'lab',
      reason: 'manual',
      unreachable: [],
    });
    expect(older.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(newer.unreachable).toEqual(['node1']);
    // No temp file is left behind.
    expect(files()).toEqual(['index.json', older.id, newer.id].sort());
    expect(await store.list()).toEqual([newer, older]);
    expect(await store.list('another-cluster')).toEqual([]);
    expect((await store.read(older.id)).length).toBe(older.sizeBytes);

    expect(await store.remove(older.id)).toBe(true);
    expect(await store.remove(older.id)).toBe(false);
    expect(await store.list()).toEqual([newer]);
    await expect(store.read(older.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two snapshots taken in the same millisecond get two files', async () => {
    const store = new SnapshotStore(dir);
    const a = await add(store, body('2026-12-01T10:00:00.000Z'));
    const b = await add(store, body('2026-12-01T10:00:00.000Z'));
    expect(b.id).not.toBe(a.id);
    expect((await store.list()).map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('lists from its index, rebuilds a lost one, and picks up files another process wrote', async () => {
    const first = new SnapshotStore(dir);
    const a = await add(first, body('2026-12-01T10:00:00.000Z'));

    // Another process (the CLI) adds one; this one sees it at its next list.
    const other = new SnapshotStore(dir);
    const b = await add(other, body('2026-12-02T10:00:00.000Z'));
    expect(await first.list()).toEqual([b, a]);

    // The index is trusted for unchanged files: a planted entry shows, no file is decoded.
    const index = JSON.parse(readFileSync(join(dir, 'snapshots', 'index.json'), 'utf8')) as {
      entries: { info: { clusterName: string } }[];
    };
    for (const e of index.entries) e.info.clusterName = 'from-index';
    writeFileSync(join(dir, 'snapshots', 'index.json'), JSON.stringify(index));
    expect((await new SnapshotStore(dir).list()).map((i) => i.clusterName)).toEqual([
      'from-index',
      'from-index',
    ]);

    // A damaged index is rebuilt from the files.
    writeFileSync(join(dir, 'snapshots', 'index.json'), '{"version": 1, "entr');
    expect(await new SnapshotStore(dir).list()).toEqual([b, a]);
    const rebuilt = JSON.parse(readFileSync(join(dir, 'snapshots', 'index.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(rebuilt.entries).toHaveLength(2);
  });

  it('leaves a foreign or damaged file in the folder alone and does not list it', async () => {
    const store = new SnapshotStore(dir);
    const a = await add(store, body('2026-12-01T10:00:00.000Z'));
    writeFileSync(join(dir, 'snapshots', 'foreign.cdsnap'), 'not a snapshot');
    const bytes = readFileSync(join(dir, 'snapshots', a.id));
    writeFileSync(join(dir, 'snapshots', 'cut.cdsnap'), bytes.subarray(0, bytes.length / 2));
    expect(await new SnapshotStore(dir).list()).toEqual([a]);
    expect(files()).toContain('foreign.cdsnap');
  });

  it('prunes a cluster to the newest N of a reason, leaving other reasons and clusters', async () => {
    const store = new SnapshotStore(dir);
    const at = (d: number) => `2026-12-0${d}T10:00:00.000Z`;
    const before = [];
    for (const d of [1, 2, 3, 4])
      before.push(await add(store, body(at(d), { reason: 'before-apply' })));
    const manual = await add(store, body(at(1)));
    const otherCluster = snapshotBody({
      takenAt: at(1),
      reason: 'before-apply',
      cluster: {
        ...snapshotBody().cluster,
        cluster: { ...snapshotBody().cluster.cluster, id: 'c-2', name: 'two' },
      },
    });
    const other = await add(store, otherCluster);

    const removed = await store.prune('c-lab', 'before-apply', 2);
    expect(removed.sort()).toEqual([before[0]?.id, before[1]?.id].sort());
    expect((await store.list()).map((i) => i.id).sort()).toEqual(
      [before[2]?.id, before[3]?.id, manual.id, other.id].sort(),
    );
    expect(await store.prune('c-lab', 'before-apply', 0)).toHaveLength(2);
    expect((await store.list('c-lab')).map((i) => i.reason)).toEqual(['manual']);
  });
});
