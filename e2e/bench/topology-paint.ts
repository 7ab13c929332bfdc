/**
 * Topology paint benchmark: the Topology page of a 500-node cluster in Chromium (browser mode,
 * the built app). Prints the time from navigation to the layout done and the nodes drawn (every
 * node up to the page's virtualisation threshold, VISIBLE_ONLY_ABOVE in TopologyDiagram.tsx;
 * above it, the nodes in view), the time to open every node group, and the time from the frame
 * that carries a status change (a node drained) to the diagram showing it. It is not a timed
 * test: figures depend on the machine and its load.
 *
 *   npm run bench:topology-paint [-- --nodes 500 --runs 3 --screenshot /tmp/topology.png]
 *
 * The cluster is seeded through the public API as the renderer and CLI use it (hosts:add for
 * the manager and every node, never connected, then clusters:save), over the browser-mode
 * WebSocket with the launch's token: adding 500 hosts through 500 CLI processes would take
 * minutes. A model of hosts without facts is judged by the model alone, so the save passes.
 */
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { API_PATH, apiSocketProtocols } from '../../shared/security/browser-access';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startAppServer, type AppServer } from '../support/app-server';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** A minimal API client over the browser-mode WebSocket (requests only). */
async function connectApi(app: AppServer) {
  const token = new URL(app.url).hash.replace(/^#token=/, '');
  const ws = new WebSocket(`ws://${new URL(app.url).host}${API_PATH}`, apiSocketProtocols(token), {
    origin: app.origin,
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 0;
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown; error?: unknown }) => void>();
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { type: string; id: number; ok: boolean };
    if (m.type === 'response') waiting.get(m.id)?.(m);
  });
  const call = <T>(channel: string, input: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, (m) => {
        waiting.delete(id);
        if (m.ok) resolve(m.value as T);
        else reject(new Error(`${channel}: ${JSON.stringify(m.error)}`));
      });
      ws.send(JSON.stringify({ type: 'request', id, channel, input }));
    });
  return { call, close: () => ws.close() };
}

/** Node i's address: 10.20.0.0/16 holds the manager, the VIP and up to 50,000 nodes. */
const address = (i: number) => `10.20.${Math.floor(i / 200) + 1}.${(i % 200) + 20}`;

/**
 * Adds the hosts and saves a cluster of `count` nodes serving HTTP and HTTPS (NAT forwarding).
 * The layout is private-nat: its one segment is the quorum prefix of the model (/16 here), where
 * the public layouts take the prefix from the manager's probed facts (/24 without facts), which
 * no host that is never connected has; 500 nodes do not fit in a /24.
 */
async function seed(app: AppServer, count: number) {
  const api = await connectApi(app);
  const add = (name: string, addr: string) =>
    api.call<{ id: string }>('hosts:add', { name, address: addr, auth: { method: 'agent' } });
  const manager = await add('manager', '10.20.0.10');
  const nodeIds: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, k) =>
      add(`node${i + k + 1}`, address(i + k)),
    );
    nodeIds.push(...(await Promise.all(batch)).map((h) => h.id));
  }
  const realServers = nodeIds.map((hostId) => ({ hostId }));
  const service = (id: string, name: string, port: number) => ({
    id,
    name,
    vip: '10.20.0.100',
    listen: { kind: 'port', port },
    method: 'nat',
    realServers,
  });
  const cluster = {
    name: 'bench',
    layout: 'private-nat',
    manager: {
      hostId: manager.id,
      publicIp: '10.20.0.10',
      quorumIp: '10.20.0.2',
      quorumPrefix: 16,
    },
    storage: { kind: 'manager' },
    nodes: nodeIds.map((hostId, i) => ({ hostId, publicIp: address(i), privateIp: address(i) })),
    vips: [{ address: '10.20.0.100' }],
    services: [service('http', 'HTTP', 80), service('https', 'HTTPS', 443)],
  };
  const saved = await api.call<{ cluster: typeof cluster & { id: string } }>('clusters:save', {
    cluster,
  });
  return { api, saved: saved.cluster, nodeIds };
}

async function attr(page: Page, name: string): Promise<string | null> {
  return page.getByTestId('topology-page').getAttribute(name);
}

/**
 * Waits until the page laid out and drew its nodes: every node of the graph, or above the
 * page's virtualisation threshold those in view (the internet and the VIP among them). Returns
 * the graph's node count and how many are in the DOM.
 */
async function waitDrawn(page: Page): Promise<{ graph: number; dom: number }> {
  await page.waitForFunction(
    () => {
      const root = document.querySelector('[data-testid="topology-page"]');
      if (root === null || root.getAttribute('data-laid-out') !== 'true') return false;
      const want = Number(root.getAttribute('data-node-count'));
      const dom = document.querySelectorAll('[data-testid^="topo-node-"][data-state]').length;
      if (dom === want) return true;
      return (
        want > 200 &&
        document.querySelector('[data-testid="topo-node-internet"]') !== null &&
        document.querySelector('[data-testid^="topo-node-vip:"]') !== null
      );
    },
    undefined,
    { timeout: 120_000, polling: 'raf' },
  );
  return page.evaluate(() => ({
    graph: Number(
      document.querySelector('[data-testid="topology-page"]')?.getAttribute('data-node-count'),
    ),
    dom: document.querySelectorAll('[data-testid^="topo-node-"][data-state]').length,
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main() {
  const count = arg('nodes', 500);
  const runs = arg('runs', 3);
  const app = await startAppServer();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const { api, saved, nodeIds } = await seed(app, count);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // When a frame carrying the drained node's model reaches the page (see the status update).
    await page.addInitScript(() => {
      const w = window as unknown as { __drainFrameAt?: number };
      const Orig = window.WebSocket;
      window.WebSocket = class extends Orig {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener('message', (e: MessageEvent) => {
            if (typeof e.data === 'string' && e.data.includes('"lbMode":"drain"'))
              w.__drainFrameAt = performance.now();
          });
        }
      };
    });
    await page.goto(app.url);
    await page.waitForSelector('html[data-app-state="ready"]', {
      state: 'attached',
      timeout: 120_000,
    });
    const hash = `#/clusters/${saved.id}/topology`;

    const firstPaint: number[] = [];
    let drawn = { graph: 0, dom: 0 };
    for (let r = 0; r < runs; r++) {
      await page.evaluate(() => (window.location.hash = '#/'));
      await page.waitForSelector('[data-testid="topology-page"]', { state: 'detached' });
      const t0 = Date.now();
      await page.evaluate((h) => (window.location.hash = h), hash);
      drawn = await waitDrawn(page);
      firstPaint.push(Date.now() - t0);
    }
    const shot = process.argv.indexOf('--screenshot');
    if (shot >= 0) await page.screenshot({ path: process.argv[shot + 1] ?? 'topology-paint.png' });
    const groups = await page.locator('[data-testid^="topo-node-group:"]').count();
    console.log(`Topology page, ${count} nodes + manager (private-nat layout), 2 services`);
    console.log(
      `  graph nodes: ${drawn.graph} (${groups} groups); in the DOM at first paint: ${drawn.dom}`,
    );
    console.log(
      `  navigation -> laid out and drawn: median ${ms(median(firstPaint))} of ${runs} (${firstPaint.map(ms).join(', ')})`,
    );

    // Every group opened, one click each (each adds its nodes to the layout, nothing moves).
    const t1 = Date.now();
    for (;;) {
      const group = page.locator('[data-testid^="topo-node-group:"]').first();
      if ((await group.count()) === 0) break;
      await group.click();
      await page.getByTestId('topology-panel-close').click();
      await waitDrawn(page);
    }
    const expanded = Number(await attr(page, 'data-node-count'));
    console.log(
      `  every group opened (${groups} clicks) -> ${expanded} nodes drawn: ${ms(Date.now() - t1)}`,
    );

    // A status change: a node drained in the model (no structure change, no layout).
    const layoutsBefore = await attr(page, 'data-layouts');
    // The first node in the DOM (a node out of view is not drawn above the threshold).
    // Fit view (clamped to the readable zoom) brings the middle of the node column in view.
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForSelector('[data-testid^="topo-node-host:"]');
    const drawnIds = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid^="topo-node-host:"]'), (el) =>
        (el.getAttribute('data-testid') ?? '').slice('topo-node-host:'.length),
      ),
    );
    const drainIndex = nodeIds.findIndex((id) => drawnIds.includes(id));
    if (drainIndex < 0) throw new Error('no node is drawn');
    const target = page.getByTestId(`topo-node-host:${nodeIds[drainIndex] ?? ''}`);
    await target.evaluate((el) => {
      const w = window as unknown as { __changedAt?: number };
      new MutationObserver(() => {
        w.__changedAt ??= performance.now();
      }).observe(el, { attributes: true, subtree: true, childList: true, characterData: true });
    });
    const cluster = {
      ...saved,
      nodes: saved.nodes.map((n, i) => (i === drainIndex ? { ...n, lbMode: 'drain' } : n)),
    };
    const t2 = Date.now();
    await api.call('clusters:save', { cluster });
    await page.waitForFunction(
      () => (window as unknown as { __changedAt?: number }).__changedAt !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    const total = Date.now() - t2;
    const inPage = await page.evaluate(() => {
      const w = window as unknown as { __changedAt?: number; __drainFrameAt?: number };
      return (w.__changedAt ?? NaN) - (w.__drainFrameAt ?? NaN);
    });
    console.log(
      `  status update (node${drainIndex + 1} drained): frame received -> node redrawn: ${ms(inPage)}`,
    );
    console.log(
      `    from the save request (engine, event, debounced re-fetch included): ${ms(total)}`,
    );
    console.log(`    layouts before/after: ${layoutsBefore}/${await attr(page, 'data-layouts')}`);
    api.close();
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
