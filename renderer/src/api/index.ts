import { createApi, type Api, type Transport } from '../../../shared/api/client';
import { apiSocketProtocols, apiSocketUrl } from '../../../shared/security/browser-access';
import { sessionStorageOrNull, takeAccessToken } from './access-token';
import type { ConnectionStatus, EngineTransport } from './engine-transport';
import { createIpcTransport } from './ipc-transport';
import { createSwitchableTransport } from './switchable-transport';
import { createWsTransport } from './ws-transport';

export type { ConnectionStatus } from './engine-transport';

function pickTransport(): EngineTransport {
  const bridge = typeof window === 'undefined' ? undefined : window.clusterdeck;
  if (bridge !== undefined) return createIpcTransport(bridge);
  // Browser mode: the token from the printed URL is presented in the WebSocket handshake only.
  // Taken at once, so the fragment leaves the address bar before anything else runs.
  const token =
    typeof window === 'undefined'
      ? null
      : takeAccessToken({
          location: window.location,
          history: window.history,
          storage: sessionStorageOrNull(),
        });
  return createWsTransport({
    url: () => apiSocketUrl(window.location),
    protocols: () => apiSocketProtocols(token),
    createSocket: (url, protocols) => new WebSocket(url, protocols),
  });
}

const transport = pickTransport();
const switchable = createSwitchableTransport(transport);

/**
 * The one API object of the renderer; the engine's transport behind it is chosen at start-up,
 * and an open snapshot can be put in front of it (see {@link setApiSource}).
 */
export const api: Api = createApi(switchable);

/**
 * Answers every request of {@link api} from `source` from now on, or from the engine again with
 * null. Only src/snapshot calls it; the stores then reload.
 */
export function setApiSource(source: Transport | null): void {
  switchable.use(source);
}

/** The link to the engine, independent of the transport behind it. */
export const engineLink = {
  /** Tells the engine the stores subscribed; queued events may now flow. */
  ready: (): void => transport.ready(),
  status: (): ConnectionStatus => transport.status(),
  onStatus: (listener: (status: ConnectionStatus) => void): (() => void) =>
    transport.onStatus(listener),
  reconnectNow: (): void => transport.reconnectNow(),
};
