import type { Transport } from './client';

/**
 * The Electron link between the renderer and main: the bridge the preload exposes as
 * `window.clusterdeck`, and the IPC channels behind it. Preload, main and renderer import these
 * from here so the two ends cannot drift. Types and names only: the sandboxed preload bundles it.
 */

/** An event the engine pushes to a client (an IPC message, or the body of an event frame). */
export interface EventMessage {
  event: string;
  payload: unknown;
}

/** A request as it travels from the preload to main (main checks both fields). */
export interface IpcRequest {
  channel: string;
  input: unknown;
}

/** The IPC channels between the preload and Electron main. */
export const IPC_CHANNELS = {
  /** invoke: an {@link IpcRequest}, answered with an envelope. */
  request: 'clusterdeck:request',
  /** main to renderer: one {@link EventMessage}. */
  event: 'clusterdeck:event',
  /** renderer to main: the stores are subscribed, held events may flow. */
  ready: 'clusterdeck:ready',
  /** invoke: a {@link PickFileRequest}, answered with the chosen path or null. */
  pickFile: 'clusterdeck:pickFile',
  /** main to renderer: a {@link SnapshotFileMessage} (File > Open, the command line, open-file). */
  openSnapshot: 'clusterdeck:openSnapshot',
} as const;

/** A snapshot file main read for the renderer to open: its name and its bytes, nothing else. */
export interface SnapshotFileMessage {
  fileName: string;
  bytes: Uint8Array;
}

/** What the desktop file picker is opened for: its title (the dialog starts in ~/.ssh). */
export interface PickFileRequest {
  title: string;
}

/** What the preload exposes as `window.clusterdeck`: a transport, never raw ipcRenderer. */
export interface ClusterdeckBridge extends Transport {
  /** The renderer's stores are subscribed: main may send the events it held. */
  ready(): void;
  /**
   * Opens the desktop's file dialog (a local file such as an SSH key) and resolves with the
   * chosen absolute path, or null when cancelled. Only the path crosses, never the file.
   */
  pickFile(request: PickFileRequest): Promise<string | null>;
  /**
   * Subscribes to the snapshot files the desktop opens (File > Open, a `.cdsnap` on the command
   * line or from the file manager); files that came before the first subscriber are delivered to
   * it. Returns the unsubscribe function.
   */
  onOpenSnapshot(listener: (file: SnapshotFileMessage) => void): () => void;
}
