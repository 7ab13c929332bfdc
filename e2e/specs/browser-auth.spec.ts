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

/** Opens a WebSocket to the API and reports how the handshake ended. */
function wsHandshake(url: string, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

test('the page needs the per-launch token', async ({ request }) => {
  expect((await request.get(`${app.origin}/`)).status()).toBe(401);
  expect((await request.get(`${app.origin}/?token=wrong`)).status()).toBe(401);
  const ok = await request.get(app.url);
  expect(ok.status()).toBe(200);
  expect(ok.headers()['content-security-policy']).toContain("script-src 'self'");
});

test('the WebSocket needs the token cookie and our own Origin', async ({ page }) => {
  await page.goto(app.url);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  expect(cookie).not.toBe('');
  const wsUrl = app.origin.replace('http', 'ws') + '/api';
  expect(await wsHandshake(wsUrl, { Origin: app.origin })).toBe(401);
  expect(await wsHandshake(wsUrl, { Origin: 'http://evil.example', Cookie: cookie })).toBe(401);
  expect(await wsHandshake(wsUrl, { Origin: app.origin, Cookie: cookie })).toBe('open');
});
