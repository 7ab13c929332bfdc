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
} as const;

/** What the preload exposes as `window.clusterdeck`: a transport, never raw ipcRenderer. */
export interface ClusterdeckBridge extends Transport {
  /** The renderer's stores are subscribed: main may send the events it held. */
  ready(): void;
}
