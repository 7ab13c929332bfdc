import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CHANNELS,
  type ClusterdeckBridge,
  type EventMessage,
  type IpcRequest,
  type PickFileRequest,
  type SnapshotFileMessage,
} from '../../shared/api/bridge';
import type { Envelope } from '../../shared/api/envelope';

const listeners = new Set<(event: string, payload: unknown) => void>();

ipcRenderer.on(IPC_CHANNELS.event, (_e: IpcRendererEvent, msg: EventMessage) => {
  for (const l of listeners) l(msg.event, msg.payload);
});

const snapshotListeners = new Set<(file: SnapshotFileMessage) => void>();
// A file opened from the command line may come before the page subscribed: held until then.
const heldSnapshots: SnapshotFileMessage[] = [];

ipcRenderer.on(IPC_CHANNELS.openSnapshot, (_e: IpcRendererEvent, msg: SnapshotFileMessage) => {
  if (typeof msg?.fileName !== 'string' || !(msg.bytes instanceof Uint8Array)) return;
  const file = { fileName: msg.fileName, bytes: msg.bytes };
  if (snapshotListeners.size === 0) heldSnapshots.push(file);
  for (const l of snapshotListeners) l(file);
});

const bridge: ClusterdeckBridge = {
  request: (channel, input) => {
    if (typeof channel !== 'string')
      return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(IPC_CHANNELS.request, {
      channel,
      input,
    } satisfies IpcRequest) as Promise<Envelope<unknown>>;
  },
  subscribe: (listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  ready: () => ipcRenderer.send(IPC_CHANNELS.ready),
  pickFile: (request) =>
    ipcRenderer.invoke(IPC_CHANNELS.pickFile, {
      title: request.title,
    } satisfies PickFileRequest) as Promise<string | null>,
  onOpenSnapshot: (listener) => {
    snapshotListeners.add(listener);
    for (const file of heldSnapshots.splice(0)) listener(file);
    return () => {
      snapshotListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('clusterdeck', bridge);
