import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { URL } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type Handlers } from '../../shared/api/dispatch';
import type { AnyEventListener } from '../core/events/event-bus';
import { allowedOrigins, cookieName, hostAllowed, newToken, readCookie, tokenMatches } from './auth';
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
}

/** A running browser-mode server. */
export interface HeadlessServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Serves the renderer and the API over a WebSocket on 127.0.0.1 only. The token from the
 * printed URL is exchanged once for an HttpOnly, SameSite=Strict cookie; every page, asset and
 * the WebSocket require it, and the WebSocket also requires our own Origin.
 */
export async function startHeadlessServer(opts: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = opts.token ?? newToken();
  let port = 0;
  const authed = (req: IncomingMessage) => tokenMatches(readCookie(req, cookieName(port)), token);

  const server: Server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const presented = url.searchParams.get('token');
    if (presented !== null) {
      if (!tokenMatches(presented, token)) {
        res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized: wrong token.');
        return;
      }
      // Trade the token for a cookie and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        'Set-Cookie': `${cookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!authed(req)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain' })
        .end('Unauthorized: open the URL printed by ClusterDeck at start-up (it carries the access token).');
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    if (
      url.pathname !== '/api' ||
      !hostAllowed(req, port) ||
      !origin ||
      !allowedOrigins(port).has(origin) ||
      !authed(req)
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, opts.engine));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
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

/** One WebSocket client: requests in, responses and events out; events wait for 'ready'. */
function serveClient(ws: WebSocket, engine: EngineEndpoint): void {
  let ready = false;
  const pending: string[] = [];
  const send = (msg: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubscribe = engine.onEvent((event, payload) => {
    const text = JSON.stringify({ type: 'event', event, payload });
    if (ready) {
      if (ws.readyState === ws.OPEN) ws.send(text);
    } else if (pending.length < 10_000) pending.push(text);
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
  ws.on('message', (data) => {
    let msg: unknown;
    try {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { type?: unknown; id?: unknown; channel?: unknown; input?: unknown };
    if (m.type === 'ready') {
      ready = true;
      for (const text of pending.splice(0)) ws.send(text);
      return;
    }
    if (m.type === 'request' && typeof m.id === 'number') {
      const id = m.id;
      void dispatch(engine.handlers, m.channel, m.input).then((envelope) => send({ type: 'response', id, ...envelope }));
    }
  });
}
