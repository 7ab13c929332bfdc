import type { Transport } from '../../../shared/api/client';
import type { ClusterdeckBridge } from '../../../shared/api/bridge';

/**
 * Whether the renderer can currently reach the engine. 'unauthorized': browser mode only, the
 * engine refused the page's access token (none, or one of an earlier launch).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

/**
 * A {@link Transport} plus what the renderer needs around it: the ready handshake and the
 * link status for the "disconnected" banner.
 */
export interface EngineTransport extends Transport {
  /** Tells the engine the stores are subscribed, so it may flush queued events. */
  ready(): void;
  /** The current link status. */
  status(): ConnectionStatus;
  /** Subscribes to link status changes; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Skips the back-off wait and reconnects now (no-op when the link cannot drop). */
  reconnectNow(): void;
}

declare global {
  interface Window {
    /** Present only inside the Electron shell (set by the preload). */
    clusterdeck?: ClusterdeckBridge;
  }
}

/** Message used when a request cannot complete because the link to the engine dropped. */
export const CONNECTION_LOST = 'connection to the engine lost';

/** Message used when the engine refused the page's access token. */
export const ACCESS_REFUSED =
  'the engine refused this page: open the URL ClusterDeck printed at start-up (it carries the access token)';
