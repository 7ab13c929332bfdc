import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startAppServer, type AppServer } from '../support/app-server';

let app: AppServer;
test.beforeEach(async () => {
  app = await startAppServer();
});
test.afterEach(async () => {
  await app.stop();
});

const API = 'clusterdeck.v1';
const tokenOf = (url: string): string => new URL(url).hash.replace(/^#token=/, '');

/** How an attempt to use the API ended: refused at the handshake, closed after it, or answered. */
type ApiAttempt = { refused: number } | { closed: number } | 'answered' | 'error';

/**
 * Opens the API WebSocket with the given subprotocols and headers and asks for app info: the
 * attempt is 'answered' only when the engine replied.
 */
function tryApi(
  origin: string,
  protocols: string[],
  headers: Record<string, string>,
): Promise<ApiAttempt> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, protocols, { headers });
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'app:getInfo', input: {} })),
    );
    ws.on('message', (data) => {
      if ((JSON.parse((data as Buffer).toString()) as { type?: string }).type === 'response') {
        resolve('answered');
        ws.close();
      }
    });
    ws.on('close', (code) => resolve({ closed: code }));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => resolve('error'));
  });
}

/** A plain GET with a chosen Host header (Playwright's request would set its own). */
function getWithHost(origin: string, host: string): Promise<number> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: u.hostname, port: u.port, path: '/', headers: { Host: host } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('the page is public code; the API answers only the token, in the handshake, from our own Origin', async ({
  request,
}) => {
  const page = await request.get(`${app.origin}/`);
  expect(page.status()).toBe(200);
  expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers()['set-cookie']).toBeUndefined();
  expect(await getWithHost(app.origin, 'evil.example')).toBe(421);

  const token = tokenOf(app.url);
  expect(token).toMatch(/^[\w-]{43}$/);
  const own = { Origin: app.origin };
  expect(await tryApi(app.origin, [API], own)).toEqual({ closed: 4401 });
  expect(await tryApi(app.origin, [API, `token.${'x'.repeat(43)}`], own)).toEqual({ closed: 4401 });
  // Two token entries carry none: one handshake is one guess at most.
  expect(await tryApi(app.origin, [API, `token.${'x'.repeat(43)}`, `token.${token}`], own)).toEqual(
    { closed: 4401 },
  );
  expect(
    await tryApi(app.origin, [API, `token.${token}`], { Origin: 'http://127.0.0.1:1' }),
  ).toEqual({ refused: 403 });
  expect(await tryApi(app.origin, [API, `token.${token}`], {})).toEqual({ refused: 403 });
  expect(await tryApi(app.origin, [`token.${token}`], own)).toEqual({ refused: 403 });
  expect(await tryApi(app.origin, [API, `token.${token}`], own)).toBe('answered');
});

/** Everything a server received: request line, headers, body. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Another local web service the admin's browser visits: it records every request, and its page
 * reports what it can see (cookies, storage) and whether it can open the app's API itself.
 */
async function startOtherService(
  appOrigin: string,
): Promise<{ origin: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const page = `<!doctype html><html><head><title>other</title></head><body><script>
    (async () => {
      const report = (what, value) => fetch('/report/' + what, { method: 'POST', body: String(value), credentials: 'include' });
      await fetch('/probe', { credentials: 'include' });
      await report('cookie', document.cookie);
      await report('storage', JSON.stringify(Object.entries(sessionStorage)) + JSON.stringify(Object.entries(localStorage)));
      const ws = new WebSocket(${JSON.stringify(appOrigin.replace('http', 'ws') + '/api')}, ['${API}']);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'app:getInfo', input: {} }));
      ws.onmessage = (e) => report('ws-message', e.data);
      ws.onclose = (e) => report('ws-close', e.code);
    })();
  </script></body></html>`;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res
        .writeHead(200, { 'Content-Type': req.url === '/' ? 'text/html' : 'text/plain' })
        .end(req.url === '/' ? page : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

test('after the app was used in Chromium, another local port receives nothing that opens the API', async ({
  page,
  context,
}) => {
  const token = tokenOf(app.url);
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  // The token left the address bar (and so the history), and no cookie was set at all.
  expect(page.url()).not.toContain(token);
  expect(await context.cookies()).toEqual([]);
  // A reload of the tab keeps working: the token stays in this origin's tab storage.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');

  const other = await startOtherService(app.origin);
  try {
    // Visited in the same tab and in a new one, as an admin's browser would.
    await page.goto(other.origin);
    const second = await context.newPage();
    await second.goto(other.origin);
    for (const p of [page, second]) {
      await expect
        .poll(() => other.received.filter((r) => r.url === '/report/ws-close').length, {
          timeout: 20_000,
        })
        .toBeGreaterThanOrEqual(p === page ? 1 : 2);
    }
    expect(other.received.filter((r) => r.url === '/report/ws-message')).toEqual([]);
    for (const r of other.received.filter((x) => x.url === '/report/cookie'))
      expect(r.body).toBe('');
    for (const r of other.received.filter((x) => x.url === '/report/storage'))
      expect(r.body).toBe('[][]');

    // Nothing it received carries the token...
    const everything = JSON.stringify(other.received);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(encodeURIComponent(token));
    // ...and nothing it received opens the API when replayed from our own Origin.
    for (const r of other.received) {
      const replay: Record<string, string> = { Origin: app.origin };
      for (const h of ['cookie', 'authorization']) {
        const v = r.headers[h];
        if (typeof v === 'string') replay[h] = v;
      }
      const offered = (r.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      expect(await tryApi(app.origin, [API, ...offered.filter((s) => s !== API)], replay)).not.toBe(
        'answered',
      );
    }
    expect(other.received.length).toBeGreaterThanOrEqual(8);
  } finally {
    await new Promise((resolve) => other.server.close(resolve));
  }
});

test('a page opened without the token, or with an old one, says to open the printed URL', async ({
  page,
}) => {
  const banner = page.getByTestId('connection-banner');
  await page.goto(app.origin + '/');
  await expect(banner).toHaveAttribute('data-status', 'unauthorized');
  await expect(banner).toContainText('Open the URL that ClusterDeck printed at start-up');
  // A token of an earlier launch, kept by this tab...
  await page.goto('about:blank');
  await page.goto(`${app.origin}/#token=${'o'.repeat(43)}`);
  await expect(banner).toHaveAttribute('data-status', 'unauthorized');
  await page.goto('about:blank');
  await page.goto(`${app.origin}/`);
  await expect(banner).toHaveAttribute('data-status', 'unauthorized');
  // ...is replaced by the printed URL in the same tab.
  await page.goto('about:blank');
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(banner).toHaveCount(0);
});
