import { create } from 'zustand';
import type { Api } from '../../../../shared/api/client';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../shared/api/errors';
import type { SnapshotInfo } from '../../../../shared/model/snapshot-info';
import { diffSnapshots, type SnapshotDiff } from '../../../../shared/snapshot/diff';
import type { SnapshotBody } from '../../../../shared/snapshot/format';
import { api } from '../../api';
import { useClusterPlan } from '../../flows/cluster-plan';
import { useClustersStore } from '../../stores/clusters-store';
import { decodeSnapshotBytes } from '../../snapshot/decode';
import { base64ToBytes, newTaskId } from './snapshot-bytes';
import { lostPasswordsNote, redactedPasswordAccounts } from './snapshot-redactions';

/** One side of a comparison: which snapshot, and what it holds. */
export interface CompareSide {
  /** The kept snapshot's id, or the file's name for a snapshot from disk. */
  label: string;
  /** The kept snapshot's id; null for a file from disk. */
  id: string | null;
  body: SnapshotBody;
}

/** Two snapshots compared: `older` is the earlier one, whichever was picked first. */
export interface Comparison {
  older: CompareSide;
  newer: CompareSide;
  diff: SnapshotDiff;
}

/** A snapshot being taken: the task the page follows, and why it is taken. */
export interface Taking {
  taskId: string;
  /** `compare`: taken to compare the kept snapshot `baseId` with the cluster now. */
  purpose: 'keep' | 'compare';
  baseId: string | null;
}

/** A snapshot file picked from disk. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** What the store needs besides the API: decoding, diffing and the plan preview. */
export interface SnapshotsDeps {
  decode: (bytes: Uint8Array) => Promise<SnapshotBody>;
  diff: (older: SnapshotBody, newer: SnapshotBody) => SnapshotDiff;
  /** Takes the cluster as saved by snapshots:useModel into the clusters' cache. */
  saved: (view: ClusterView) => void;
  /** Opens the plan preview of the cluster, with a note on top when given. */
  openPlan: (clusterId: string, note: string | null) => Promise<void>;
}

/** The Snapshots page of one cluster: kept snapshots, taking one, comparing, restoring a model. */
export interface SnapshotsState {
  clusterId: string | null;
  list: SnapshotInfo[];
  loaded: boolean;
  listError: ErrorInfo | null;
  taking: Taking | null;
  takeError: ErrorInfo | null;
  comparing: boolean;
  comparison: Comparison | null;
  compareError: ErrorInfo | null;
  /** A model being made the desired one (snapshots:useModel). */
  restoring: boolean;
  restoreError: ErrorInfo | null;
  /** Accounts left without an SFTP password by the last restored model. */
  restoreNote: string | null;
  /** Lists the cluster's kept snapshots (and forgets another cluster's page state). */
  load: (clusterId: string) => Promise<void>;
  /** Takes and keeps a snapshot now, following its task. */
  take: (clusterId: string) => Promise<void>;
  /** Removes a kept snapshot (the page confirms first). */
  remove: (id: string) => Promise<void>;
  /** Compares two kept snapshots, the older one first. */
  compareKept: (a: SnapshotInfo, b: SnapshotInfo) => Promise<void>;
  /** Takes a snapshot now and compares the kept snapshot `base` with it. */
  compareLive: (clusterId: string, base: SnapshotInfo) => Promise<void>;
  /** Compares two snapshot files from disk. */
  compareFiles: (a: PickedFile, b: PickedFile) => Promise<void>;
  closeComparison: () => void;
  /** The bytes of a kept snapshot and its file name (Open, Download). */
  readFile: (id: string) => Promise<{ fileName: string; bytes: Uint8Array }>;
  /** Makes a snapshot's desired model the cluster's, then opens the plan preview. */
  restoreModel: (clusterId: string, body: SnapshotBody) => Promise<void>;
  /** The body of a kept snapshot (read and decoded once). */
  bodyOf: (id: string) => Promise<SnapshotBody>;
}

/** Builds the store over an API and its helpers (fakes in tests). */
export function createSnapshotsStore(snapshotsApi: Pick<Api, 'snapshots'>, deps: SnapshotsDeps) {
  // Decoded bodies of kept snapshots: a snapshot file never changes under its id.
  const bodies = new Map<string, SnapshotBody>();
  return create<SnapshotsState>()((set, get) => {
    const current = (clusterId: string) => get().clusterId === clusterId;
    const refresh = async (clusterId: string) => {
      try {
        const list = await snapshotsApi.snapshots.list({ clusterId });
        if (current(clusterId)) set({ list, loaded: true, listError: null });
      } catch (e) {
        if (current(clusterId)) set({ loaded: true, listError: toErrorInfo(e) });
      }
    };
    const compare = (older: CompareSide, newer: CompareSide) => {
      const [a, b] = older.body.takenAt <= newer.body.takenAt ? [older, newer] : [newer, older];
      set({ comparison: { older: a, newer: b, diff: deps.diff(a.body, b.body) } });
    };
    const runCompare = async (work: () => Promise<void>) => {
      set({ comparing: true, compareError: null, comparison: null });
      try {
        await work();
      } catch (e) {
        set({ compareError: toErrorInfo(e) });
      } finally {
        set({ comparing: false });
      }
    };
    /** Takes a snapshot (a task the page follows); null when another cluster's page took over. */
    const takeNow = async (clusterId: string, taking: Taking): Promise<SnapshotInfo | null> => {
      set({ taking, takeError: null });
      try {
        const info = await snapshotsApi.snapshots.take({ clusterId, taskId: taking.taskId });
        return current(clusterId) ? info : null;
      } finally {
        if (current(clusterId)) set({ taking: null });
        await refresh(clusterId);
      }
    };
    return {
      clusterId: null,
      list: [],
      loaded: false,
      listError: null,
      taking: null,
      takeError: null,
      comparing: false,
      comparison: null,
      compareError: null,
      restoring: false,
      restoreError: null,
      restoreNote: null,
      async load(clusterId) {
        if (!current(clusterId)) {
          set({
            clusterId,
            list: [],
            loaded: false,
            taking: null,
            takeError: null,
            comparison: null,
            compareError: null,
            restoreError: null,
            restoreNote: null,
          });
        }
        await refresh(clusterId);
      },
      async take(clusterId) {
        if (get().taking !== null) return;
        try {
          await takeNow(clusterId, { taskId: newTaskId(), purpose: 'keep', baseId: null });
        } catch (e) {
          if (current(clusterId)) set({ takeError: toErrorInfo(e) });
        }
      },
      async remove(id) {
        const clusterId = get().clusterId;
        try {
          await snapshotsApi.snapshots.remove({ id });
          bodies.delete(id);
          const shown = get().comparison;
          if (shown?.older.id === id || shown?.newer.id === id) set({ comparison: null });
        } catch (e) {
          set({ listError: toErrorInfo(e) });
        }
        if (clusterId !== null) await refresh(clusterId);
      },
      async compareKept(a, b) {
        await runCompare(async () => {
          const [bodyA, bodyB] = await Promise.all([get().bodyOf(a.id), get().bodyOf(b.id)]);
          compare({ label: a.id, id: a.id, body: bodyA }, { label: b.id, id: b.id, body: bodyB });
        });
      },
      async compareLive(clusterId, base) {
        if (get().taking !== null) return;
        await runCompare(async () => {
          const baseBody = await get().bodyOf(base.id);
          const taking: Taking = { taskId: newTaskId(), purpose: 'compare', baseId: base.id };
          const now = await takeNow(clusterId, taking);
          if (now === null) return;
          const nowBody = await get().bodyOf(now.id);
          compare(
            { label: base.id, id: base.id, body: baseBody },
            { label: now.id, id: now.id, body: nowBody },
          );
        });
      },
      async compareFiles(a, b) {
        await runCompare(async () => {
          const [bodyA, bodyB] = await Promise.all([deps.decode(a.bytes), deps.decode(b.bytes)]);
          compare(
            { label: a.name, id: null, body: bodyA },
            { label: b.name, id: null, body: bodyB },
          );
        });
      },
      closeComparison: () => set({ comparison: null, compareError: null }),
      async readFile(id) {
        const { fileName, base64 } = await snapshotsApi.snapshots.read({ id });
        return { fileName, bytes: base64ToBytes(base64) };
      },
      async bodyOf(id) {
        const kept = bodies.get(id);
        if (kept !== undefined) return kept;
        const body = await deps.decode((await get().readFile(id)).bytes);
        bodies.set(id, body);
        return body;
      },
      async restoreModel(clusterId, body) {
        set({ restoring: true, restoreError: null, restoreNote: null });
        try {
          const { cluster, lostPasswords } = await snapshotsApi.snapshots.useModel({
            clusterId,
            model: body.cluster.cluster,
            redactedPasswordsOf: redactedPasswordAccounts(body.redactions),
          });
          deps.saved(cluster);
          const note = lostPasswordsNote(lostPasswords);
          set({ restoreNote: note });
          await deps.openPlan(clusterId, note);
        } catch (e) {
          set({ restoreError: toErrorInfo(e) });
        } finally {
          set({ restoring: false });
        }
      },
    };
  });
}

/** The renderer's Snapshots page state. */
export const useSnapshotsStore = createSnapshotsStore(api, {
  decode: decodeSnapshotBytes,
  diff: diffSnapshots,
  saved: (view) => useClustersStore.getState().upsert(view),
  openPlan: (clusterId, note) =>
    useClusterPlan.getState().preview(clusterId, note === null ? {} : { note }),
});
