import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '../../shared/api/envelope';

/** What the preload exposes as `window.clusterdeck`: a transport, never raw ipcRenderer. */
export interface PreloadBridge {
  request(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  ready(): void;
}

const listeners = new Set<(event: string, payload: unknown) => void>();

ipcRenderer.on('clusterdeck:event', (_e: IpcRendererEvent, msg: { event: string; payload: unknown }) => {
  for (const l of listeners) l(msg.event, msg.payload);
});

const bridge: PreloadBridge = {
  request: (channel, input) => {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke('clusterdeck:request', { channel, input }) as Promise<Envelope<unknown>>;
  },
  subscribe: (listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  ready: () => ipcRenderer.send('clusterdeck:ready'),
};

contextBridge.exposeInMainWorld('clusterdeck', bridge);
