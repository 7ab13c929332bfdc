import { createApi, type Api } from '../../../shared/api/client';
import { apiSocketProtocols, apiSocketUrl } from '../../../shared/security/browser-access';
import { sessionStorageOrNull, takeAccessToken } from './access-token';
import type { ConnectionStatus, EngineTransport } from './engine-transport';
import { createIpcTransport } from './ipc-transport';
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

/** The one API object of the renderer; the transport behind it is chosen at start-up. */
export const api: Api = createApi(transport);

/** The link to the engine, independent of the transport behind it. */
export const engineLink = {
  /** Tells the engine the stores subscribed; queued events may now flow. */
  ready: (): void => transport.ready(),
  status: (): ConnectionStatus => transport.status(),
  onStatus: (listener: (status: ConnectionStatus) => void): (() => void) =>
    transport.onStatus(listener),
  reconnectNow: (): void => transport.reconnectNow(),
};
