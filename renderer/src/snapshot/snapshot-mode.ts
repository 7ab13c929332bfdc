import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/contract';
import type { SnapshotBody } from '../../../shared/snapshot/format';
import { setApiSource } from '../api';
import { useAppStore } from '../stores/app-store';
import { useUiStore } from '../stores/ui-store';
import { decodeSnapshotBytes } from './decode';
import { createSnapshotTransport } from './offline-transport';
import { reloadDataStores } from './reload-stores';

/** The snapshot the app shows instead of the live cluster. */
export interface OpenSnapshot {
  fileName: string;
  body: SnapshotBody;
}

interface SnapshotModeState {
  open: OpenSnapshot | null;
}

/** Which snapshot is open (null: the app shows the live cluster). */
export const useSnapshotStore = create<SnapshotModeState>()(() => ({ open: null }));

/** The open snapshot, or null while the app shows the live cluster. */
export function useSnapshotMode(): OpenSnapshot | null {
  return useSnapshotStore((s) => s.open);
}

/** Whether the pages are read-only: a snapshot is open, so no action may be offered. */
export function useReadOnly(): boolean {
  return useSnapshotStore((s) => s.open !== null);
}

/** What app:getInfo answers while a snapshot is open: the engine's info as last known. */
function infoForSnapshot(body: SnapshotBody): AppInfo {
  return (
    useAppStore.getState().info ?? {
      version: body.appVersion,
      mode: window.clusterdeck === undefined ? 'browser' : 'electron',
      dataDir: '',
      secretStore: { available: false, backend: 'none' },
      queues: { runHere: false, ownerPid: null },
    }
  );
}

/**
 * Opens a snapshot file's bytes: decodes them in the page (no connection), puts the snapshot in
 * front of the engine, so every page and store reads it unchanged, reloads the stores and shows
 * the snapshot's cluster. Throws AppError SNAPSHOT_INVALID for a bad file (the caller shows it);
 * what was shown before stays then.
 */
export async function openSnapshotBytes(bytes: Uint8Array, fileName: string): Promise<void> {
  const body = await decodeSnapshotBytes(bytes);
  setApiSource(createSnapshotTransport(body, infoForSnapshot(body)));
  useSnapshotStore.setState({ open: { fileName, body } });
  await reloadDataStores();
  useUiStore.getState().navigate({ kind: 'cluster', clusterId: body.cluster.cluster.id });
}

/** Closes the open snapshot: the engine answers again, the stores reload the live cluster. */
export async function closeSnapshot(): Promise<void> {
  if (useSnapshotStore.getState().open === null) return;
  setApiSource(null);
  useSnapshotStore.setState({ open: null });
  useUiStore.getState().navigate({ kind: 'overview' });
  await reloadDataStores();
}
