import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { dispatch, type Handlers } from '../../shared/api/dispatch';
import { HeldEvents } from '../../shared/api/held-events';
import { eventFrame, parseClientMessage, responseFrame } from '../../shared/api/wire';
import {
  API_PATH,
  API_SUBPROTOCOL,
  API_UNAUTHORIZED_CLOSE,
  accessUrl,
  parseApiSocketProtocols,
} from '../../shared/security/browser-access';
import type { AnyEventListener } from '../core/events/event-bus';
import { allowedOrigins, hostAllowed, newToken, tokenMatches } from './auth';
import { SECURITY_HEADERS, serveStatic } from './static-files';

/** What the server needs of the engine. */
export interface EngineEndpoint {
  handlers: Handlers;
  onEvent(listener: AnyEventListener): () => void;
}

/** Options of {@link startHeadlessServer}. */
export interface HeadlessServerOptions {
  engine: EngineEndpoint;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** A fixed token (tests); a fresh random one otherwise. */
  token?: string;
  /** Where a failure inside the server is reported, as one line without the token. */
  onError?: (message: string) => void;
}

/** A running browser-mode server. */
export interface HeadlessServer {
  /** The URL to open: the page, with the token in the fragment (never sent to any server). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Serves the renderer and the API over a WebSocket on 127.0.0.1 only.
 *
 * The page and its assets are public code and are served to any request naming our own
 * loopback authority (Host check against DNS rebinding). The API needs the per-launch token,
 * which the page takes from the printed URL's fragment and presents only in the WebSocket
 * handshake (see shared/security/browser-access.ts): no cookie, query or path carries it, so no
 * other local port a browser visits can ever receive it. The handshake also needs our own
 * Origin. A handshake without the right token is closed at once with
 * {@link API_UNAUTHORIZED_CLOSE}, before the engine sees anything, so the page can say why.
 *
 * No request may end the process (and a running apply with it): every entry point catches what
 * its handler throws, and sockets' errors are handled.
 */
export async function startHeadlessServer(opts: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = opts.token ?? newToken();
  const report = opts.onError ?? (() => undefined);
  // The token never reaches a log, even inside an error's text.
  const onError = (what: string, e: unknown): void =>
    report(`${what} failed: ${String(e)}`.split(token).join('[token]'));
  let port = 0;

  const server: Server = createServer((req, res) => {
    try {
      serveHttp(req, res, port, opts.rendererDir);
    } catch (e) {
      onError('an HTTP request', e);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end();
    }
  });
  // Malformed HTTP: answer 400 when the socket still can, never throw.
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Only the API subprotocol is ever selected: the token entry is never echoed back.
    handleProtocols: (offered) => (offered.has(API_SUBPROTOCOL) ? API_SUBPROTOCOL : false),
  });
  wss.on('error', (e) => onError('the WebSocket server', e));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An error on the raw socket before ws takes it over must not become an uncaught one.
    socket.on('error', () => socket.destroy());
    try {
      const offered = parseApiSocketProtocols(req.headers['sec-websocket-protocol']);
      const origin = req.headers.origin;
      if (
        pathOf(req.url) !== API_PATH ||
        !hostAllowed(req, port) ||
        origin === undefined ||
        !allowedOrigins(port).has(origin) ||
        !offered.api
      ) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const authorized = tokenMatches(offered.token, token);
      wss.handleUpgrade(req, socket, head, (ws) => {
        // ws reports a broken frame as an 'error' event: without a listener it would be an
        // uncaught exception, ending the process.
        ws.on('error', () => ws.terminate());
        if (authorized) serveClient(ws, opts.engine, onError);
        else ws.close(API_UNAUTHORIZED_CLOSE, 'access token missing or wrong');
      });
    } catch (e) {
      onError('a WebSocket handshake', e);
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', (e) => onError('the HTTP server', e));
  port = (server.address() as AddressInfo).port;

  return {
    url: accessUrl(`http://127.0.0.1:${port}`, token),
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The path of a request target, or null when it is not an origin-form path. */
function pathOf(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}

function serveHttp(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  rendererDir: string,
): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  if (!hostAllowed(req, port)) {
    res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = pathOf(req.url);
  if (path === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request target');
    return;
  }
  serveStatic(rendererDir, path, res);
}

/** The text of one WebSocket message, whatever form ws hands it over in. */
function messageText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** One WebSocket client: requests in, responses and events out; events wait for 'ready'. */
function serveClient(
  ws: WebSocket,
  engine: EngineEndpoint,
  onError: (what: string, e: unknown) => void,
): void {
  const sendText = (text: string): void => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  // Held as text: an event is serialized when it happens, like one sent at once.
  const events = new HeldEvents<string>(sendText);
  const unsubscribe = engine.onEvent((event, payload) => events.push(eventFrame(event, payload)));
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', (data) => {
    const m = parseClientMessage(messageText(data));
    if (m?.type === 'ready') events.release();
    else if (m?.type === 'request') {
      const id = m.id;
      dispatch(engine.handlers, m.channel, m.input)
        .then((envelope) => sendText(responseFrame(id, envelope)))
        .catch((e: unknown) => onError('answering a request', e));
    }
  });
}
