import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError } from '../../../shared/api/errors';
import { SnapshotInfo } from '../../../shared/model/snapshot-info';
import { SNAPSHOT_EXTENSION, type SnapshotBody } from '../../../shared/snapshot/format';
import { decodeSnapshotFile, SNAPSHOT_MAX_JSON_BYTES } from './file';

/**
 * The snapshots the engine keeps: one `.cdsnap` file each in `<dataDir>/snapshots/`, named
 * `<cluster>-<takenAt, ':' as '-'>-<reason>.cdsnap`, written atomically (temp file + rename).
 *
 * Listing must not decode every file each time: the infos are cached in memory and in
 * `index.json` beside the files (written atomically too). Each list compares the cache with the
 * folder (one readdir and a stat per file): a file that is new or whose size or mtime changed
 * (another process wrote it, the admin copied one in) is decoded once; an entry whose file is
 * gone is dropped. A missing or damaged index is rebuilt from the files. A foreign or damaged
 * file in the folder is left alone and not listed.
 */

const gunzipAsync = promisify(gunzip);

/** The folder of kept snapshots in a data dir. */
export function snapshotDir(dataDir: string): string {
  return join(dataDir, 'snapshots');
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\.cdsnap$/;

/** Refuses an id that is not a bare snapshot file name (no folder, no `..`): VALIDATION on `id`. */
export function checkSnapshotId(id: string): string {
  if (id.length > 255 || !ID.test(id) || id.includes('..')) {
    const message = 'must be a snapshot file name (NAME.cdsnap)';
    throw new AppError('VALIDATION', `id: ${message}`, { issues: [{ field: 'id', message }] });
  }
  return id;
}

/** The file name of a snapshot of `clusterName` taken at `takenAt` (ISO) for `reason`. */
export function snapshotFileName(
  clusterName: string,
  takenAt: string,
  reason: SnapshotInfo['reason'],
): string {
  const name = clusterName.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+/, '') || 'cluster';
  return `${name}-${takenAt.replace(/:/g, '-')}-${reason}${SNAPSHOT_EXTENSION}`;
}

interface Cached {
  info: SnapshotInfo;
  size: number;
  mtimeMs: number;
}

interface IndexFile {
  version: 1;
  entries: Cached[];
}

/** Writes `bytes` to `path` through a temp file and a rename, so a crash leaves old or new. */
export async function writeAtomic(path: string, bytes: Buffer | string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The envelope's content hash of a snapshot file's bytes (already checked by the decode). */
async function contentHashOf(bytes: Buffer): Promise<string> {
  const json = await gunzipAsync(bytes, { maxOutputLength: SNAPSHOT_MAX_JSON_BYTES });
  const hash = (JSON.parse(json.toString('utf8')) as { contentHash?: unknown }).contentHash;
  return typeof hash === 'string' ? hash : '';
}

function infoOf(id: string, body: SnapshotBody, sizeBytes: number, hash: string): SnapshotInfo {
  return {
    id,
    clusterId: body.cluster.cluster.id,
    clusterName: body.cluster.cluster.name,
    takenAt: body.takenAt,
    reason: body.reason,
    sizeBytes,
    contentHash: hash,
    unreachable: body.hosts.filter((h) => !h.reachable).map((h) => h.host.name),
  };
}

const newestFirst = (a: SnapshotInfo, b: SnapshotInfo) =>
  b.takenAt.localeCompare(a.takenAt) || b.id.localeCompare(a.id);

/** The kept snapshot files of one data dir; see the file comment for the index. */
export class SnapshotStore {
  private cache: Map<string, Cached> | null = null;
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = snapshotDir(dataDir);
  }

  /** Keeps `bytes` (an encoded snapshot of `body`) under a fresh name and returns its info. */
  async add(body: SnapshotBody, bytes: Buffer): Promise<SnapshotInfo> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const base = snapshotFileName(body.cluster.cluster.name, body.takenAt, body.reason);
    let id = base;
    for (let n = 2; await exists(join(this.dir, id)); n++)
      id = base.replace(SNAPSHOT_EXTENSION, `-${n}${SNAPSHOT_EXTENSION}`);
    const path = join(this.dir, id);
    await writeAtomic(path, bytes);
    const st = await stat(path);
    const info = infoOf(id, body, bytes.length, await contentHashOf(bytes));
    const cache = await this.load();
    cache.set(id, { info, size: st.size, mtimeMs: st.mtimeMs });
    await this.saveIndex();
    return info;
  }

  /** The kept snapshots (of one cluster, or all), newest first. */
  async list(clusterId?: string): Promise<SnapshotInfo[]> {
    const cache = await this.load();
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const files = names.filter((n) => ID.test(n));
    let changed = false;
    for (const id of [...cache.keys()]) {
      if (!files.includes(id)) changed = cache.delete(id) || changed;
    }
    for (const id of files) {
      const st = await stat(join(this.dir, id)).catch(() => null);
      if (!st?.isFile()) continue;
      const known = cache.get(id);
      if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) continue;
      const bytes = await readFile(join(this.dir, id));
      try {
        const body = await decodeSnapshotFile(bytes);
        const info = infoOf(id, body, bytes.length, await contentHashOf(bytes));
        cache.set(id, { info, size: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // Not a snapshot of ours (or damaged): not listed, left for the admin to look at.
        cache.delete(id);
      }
      changed = true;
    }
    if (changed) await this.saveIndex();
    return [...cache.values()]
      .map((c) => c.info)
      .filter((i) => clusterId === undefined || i.clusterId === clusterId)
      .sort(newestFirst);
  }

  /** A kept snapshot's bytes; NOT_FOUND when there is none of that id. */
  async read(id: string): Promise<Buffer> {
    try {
      return await readFile(join(this.dir, checkSnapshotId(id)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppError('NOT_FOUND', `id: no snapshot ${id}`, { path: id });
      throw e;
    }
  }

  /** Removes a kept snapshot; false when there was none of that id. */
  async remove(id: string): Promise<boolean> {
    const path = join(this.dir, checkSnapshotId(id));
    const there = await exists(path);
    await rm(path, { force: true });
    const cache = await this.load();
    if (cache.delete(id) || there) await this.saveIndex();
    return there;
  }

  /**
   * Keeps the newest `keep` snapshots of the cluster taken for `reason` and removes the older
   * ones; returns the removed ids. Snapshots taken by the admin are never pruned this way
   * unless asked for by reason.
   */
  async prune(clusterId: string, reason: SnapshotInfo['reason'], keep: number): Promise<string[]> {
    const mine = (await this.list(clusterId)).filter((i) => i.reason === reason);
    const old = mine.slice(Math.max(0, keep));
    for (const i of old) await this.remove(i.id);
    return old.map((i) => i.id);
  }

  private async load(): Promise<Map<string, Cached>> {
    if (this.cache) return this.cache;
    const cache = new Map<string, Cached>();
    try {
      const raw = JSON.parse(await readFile(join(this.dir, 'index.json'), 'utf8')) as IndexFile;
      for (const e of raw.version === 1 ? raw.entries : []) {
        const info = SnapshotInfo.safeParse(e.info);
        if (info.success && ID.test(info.data.id) && typeof e.size === 'number')
          cache.set(info.data.id, { info: info.data, size: e.size, mtimeMs: e.mtimeMs });
      }
    } catch {
      // No index yet, or a damaged one: list() rebuilds it from the files.
    }
    this.cache = cache;
    return cache;
  }

  private async saveIndex(): Promise<void> {
    const index: IndexFile = { version: 1, entries: [...(await this.load()).values()] };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeAtomic(join(this.dir, 'index.json'), JSON.stringify(index));
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
