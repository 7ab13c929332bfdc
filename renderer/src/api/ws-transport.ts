import type { Envelope } from '../../../shared/api/envelope';
import { parseServerMessage, type ClientMessage } from '../../../shared/api/wire';
import { API_UNAUTHORIZED_CLOSE } from '../../../shared/security/browser-access';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import {
  ACCESS_REFUSED,
  CONNECTION_LOST,
  type ConnectionStatus,
  type EngineTransport,
} from './engine-transport';

/** The part of the DOM WebSocket this transport uses (so tests can pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}

/** Dependencies of {@link createWsTransport}. */
export interface WsTransportOptions {
  /** Computed at each connect, so the page's location is read lazily. */
  url: () => string;
  /** The subprotocols offered at each connect (they carry the access token). */
  protocols?: () => string[];
  createSocket: (url: string, protocols: string[]) => SocketLike;
  backoff?: BackoffOptions;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;

const lost = (): Envelope<unknown> => ({
  ok: false,
  error: { code: 'INTERNAL', message: CONNECTION_LOST },
});

const unauthorized = (): Envelope<unknown> => ({
  ok: false,
  error: { code: 'INTERNAL', message: ACCESS_REFUSED },
});

/**
 * Transport over the headless engine's WebSocket. Connects lazily on first use, queues
 * requests made before the first open, fails in-flight requests when the socket drops
 * (INTERNAL "connection to the engine lost"), and reconnects with exponential back-off.
 * The ready handshake is repeated on every reconnect: the server keeps one event queue per
 * socket. A close with {@link API_UNAUTHORIZED_CLOSE} (no token, or a wrong one) ends in
 * status 'unauthorized' without retrying: only another URL can help.
 */
export function createWsTransport(options: WsTransportOptions): EngineTransport {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const pending = new Map<number, (env: Envelope<unknown>) => void>();
  const outbox: string[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  let socket: SocketLike | null = null;
  let status: ConnectionStatus = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let timer: unknown = null;
  let readyWanted = false;

  const setStatus = (s: ConnectionStatus) => {
    if (s === status) return;
    status = s;
    for (const l of statusListeners) l(s);
  };

  const send = (msg: ClientMessage) => socket?.send(JSON.stringify(msg));

  const failAll = (why: () => Envelope<unknown>) => {
    outbox.length = 0;
    const resolvers = [...pending.values()];
    pending.clear();
    for (const resolve of resolvers) resolve(why());
  };

  const connect = () => {
    timer = null;
    setStatus('connecting');
    const s = options.createSocket(options.url(), options.protocols?.() ?? []);
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      attempt = 0;
      if (readyWanted) send({ type: 'ready' });
      for (const frame of outbox.splice(0)) s.send(frame);
      setStatus('connected');
    };
    s.onmessage = (ev) => {
      if (socket !== s) return;
      const msg = parseServerMessage(ev.data);
      if (msg === null) return;
      if (msg.type === 'response') {
        const resolve = pending.get(msg.id);
        pending.delete(msg.id);
        resolve?.(msg.envelope);
        return;
      }
      for (const l of listeners) {
        try {
          l(msg.event, msg.payload);
        } catch (e) {
          // One broken listener must not starve the others.
          console.error(`listener for ${msg.event} failed`, e);
        }
      }
    };
    // Errors are always followed by close; reconnecting is handled there.
    s.onerror = () => undefined;
    s.onclose = (ev) => {
      if (socket !== s) return;
      socket = null;
      if (ev.code === API_UNAUTHORIZED_CLOSE) {
        failAll(unauthorized);
        setStatus('unauthorized');
        return;
      }
      failAll(lost);
      setStatus('disconnected');
      timer = setTimer(
        connect,
        backoffDelay(attempt++, options.backoff ?? DEFAULT_BACKOFF, options.random),
      );
    };
  };

  const ensureStarted = () => {
    if (socket === null && timer === null && status !== 'unauthorized') connect();
  };

  return {
    request(channel, input) {
      ensureStarted();
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        const frame = JSON.stringify({
          type: 'request',
          id,
          channel,
          input,
        } satisfies ClientMessage);
        if (socket !== null && socket.readyState === OPEN) {
          pending.set(id, resolve);
          socket.send(frame);
        } else if (socket !== null) {
          pending.set(id, resolve);
          outbox.push(frame);
        } else if (status === 'unauthorized') {
          resolve(unauthorized());
        } else {
          // Waiting to reconnect: fail fast rather than leave the UI hanging.
          resolve(lost());
        }
      });
    },
    subscribe(listener) {
      ensureStarted();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready() {
      readyWanted = true;
      ensureStarted();
      if (socket !== null && socket.readyState === OPEN) send({ type: 'ready' });
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    reconnectNow() {
      if (socket !== null) return;
      if (timer !== null) clearTimer(timer);
      attempt = 0;
      connect();
    },
  };
}
