import type { ClusterdeckBridge } from '../../../shared/api/bridge';
import type { Envelope } from '../../../shared/api/envelope';
import { toErrorInfo } from '../../../shared/api/errors';
import type { EngineTransport } from './engine-transport';

/** Transport over the Electron preload bridge; the IPC link never drops. */
export function createIpcTransport(bridge: ClusterdeckBridge): EngineTransport {
  return {
    async request(channel: string, input: unknown): Promise<Envelope<unknown>> {
      try {
        return await bridge.request(channel, input);
      } catch (e) {
        // The preload should always answer with an envelope; anything thrown is a bug there.
        return { ok: false, error: toErrorInfo(e) };
      }
    },
    subscribe: (listener) => bridge.subscribe(listener),
    ready: () => bridge.ready(),
    status: () => 'connected',
    onStatus: () => () => undefined,
    reconnectNow: () => undefined,
  };
}
