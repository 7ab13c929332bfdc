import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_CHANNELS,
  type ClusterdeckBridge,
  type EventMessage,
  type IpcRequest,
  type PickFileRequest,
} from '../../shared/api/bridge';
import type { Envelope } from '../../shared/api/envelope';

const listeners = new Set<(event: string, payload: unknown) => void>();

ipcRenderer.on(IPC_CHANNELS.event, (_e: IpcRendererEvent, msg: EventMessage) => {
  for (const l of listeners) l(msg.event, msg.payload);
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
};

contextBridge.exposeInMainWorld('clusterdeck', bridge);
