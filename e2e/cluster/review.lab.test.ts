/**
 * The admin reviews the running cluster in Chromium against the lab: the load-balancing page and
 * the topology follow a stopped web server and a drain; snapshots record the cluster before and
 * after a change, their diff lists exactly that change, a snapshot's model goes back through
 * the plan preview, and a downloaded snapshot opens in a fresh app while every host is frozen.
 * The cluster is set up once through the engine (the LB lab cluster); then the app runs its
 * queues, and SSH to the hosts only observes or breaks something on purpose. Screenshots land in
 * .cache/test-results/review/.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { ensureLab, type Lab } from '../lab/index.js';
import { pauseHosts, resumeHosts } from '../lab/pause.js';
import { SnapshotsPage } from '../pages/snapshots-page';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startAppServer, type AppServer } from '../support/app-server';
import { labShell } from './cluster-harness';
import {
  DR_VIP,
  LB_LAB_HOSTS,
  NAT_VIP,
  applyLabModel,
  closeLbLab,
  lbLabEngine,
  lbLabModel,
} from './lb-lab-cluster';

const root = resolve(__dirname, '..', '..');
const SHOTS = join(root, '.cache', 'test-results', 'review');
/** Generous bounds: the lab's hosts are software-emulated on a busy machine. */
const UI_MS = 60_000;
const APPLY_MS = 600_000;
/** keepalived's check takes a failed server out within seconds; a poll follows within 2 s. */
const CHECK_MS = 45_000;

let lab: Lab;
let app: AppServer | undefined;
let browser: Browser;
let page: Page;
let home: string;
let data: { dir: string; remove: () => void } | undefined;
let ids: Record<string, string>;
let clusterId: string;
const sh = (host: string, command: string) => labShell(lab)(host, command);

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Goes to a page of the app by its URL fragment (the access token stays in the session). */
async function go(fragment: string): Promise<void> {
  await page.evaluate((f) => {
    window.location.hash = f;
  }, fragment);
}

/** `clusterdeck` on the app's data dir, as a second process beside the app (edits the model). */
function cli(...args: string[]): string {
  const r = spawnSync(
    process.execPath,
    [join(root, 'out/cli/index.cjs'), '--data-dir', data?.dir ?? '', ...args],
    { env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '' }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`clusterdeck ${args.join(' ')}: ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Waits until the open plan dialog has its plan (Apply enabled); fails at once with the
 * dialog's text when it shows an error instead.
 */
async function planReady(): Promise<void> {
  const dialog = page.getByTestId('plan-dialog');
  const apply = dialog.getByTestId('plan-apply');
  const alert = dialog.getByRole('alert').or(page.getByTestId('snapshot-restore-error'));
  await expect(apply.and(page.locator(':enabled')).or(alert).first()).toBeVisible({
    timeout: APPLY_MS,
  });
  if ((await alert.count()) > 0)
    throw new Error(`no plan: ${(await alert.allInnerTexts()).join('\n')}`);
}

/** Previews the cluster's plan on the cluster page and applies it; waits until it is done. */
async function applyFromUi(): Promise<void> {
  // The queue page shows the last apply's notice until this one's comes.
  const notice = page.getByTestId('apply-notice');
  await go('#/queue');
  await expect(page.getByTestId('queue-page')).toBeVisible();
  const before = (await notice.count()) > 0 ? await notice.getAttribute('data-apply-id') : null;
  await go(`#/clusters/${clusterId}`);
  await page.getByTestId('cluster-preview').click();
  await planReady();
  const dialog = page.getByTestId('plan-dialog');
  await dialog.getByTestId('plan-apply').click();
  await expect(dialog).toHaveCount(0, { timeout: UI_MS });
  await expect(page).toHaveURL(/#\/queue/, { timeout: UI_MS });
  await expect(notice).not.toHaveAttribute('data-apply-id', before ?? '', { timeout: UI_MS });
  await expect(notice).not.toHaveAttribute('data-result', 'running', { timeout: APPLY_MS });
  const text = (await page.getByTestId('apply-notice-text').textContent()) ?? '';
  expect(await notice.getAttribute('data-result'), text).toBe('done');
  await queuesIdle();
}

/** Waits until every host's queue is idle (the CLI reads the queues of the data dir). */
async function queuesIdle(): Promise<void> {
  await expect
    .poll(
      () =>
        (JSON.parse(cli('--json', 'queue', 'list')) as { status: string }[]).every(
          (q) => q.status === 'idle',
        ),
      { timeout: APPLY_MS, intervals: [1000] },
    )
    .toBe(true);
}

const node = (id: string) => page.getByTestId(`topo-node-${id}`);
const edge = (id: string) => page.getByTestId(`topo-edge-${id}`);
const snapshots = () => new SnapshotsPage(page, APPLY_MS);

/** Takes a snapshot on the cluster's Snapshots page; returns its id. */
async function takeSnapshot(): Promise<string> {
  await go(`#/clusters/${clusterId}/snapshots`);
  await expect(snapshots().root()).toBeVisible();
  return snapshots().take();
}

/** Compares two kept snapshots (older first); returns each change as [kind, text]. */
async function compare(a: string, b: string): Promise<[string, string][]> {
  await go(`#/clusters/${clusterId}/snapshots`);
  await snapshots().compare(a, b);
  const changes = snapshots().diff().getByTestId('snapshot-change');
  const out: [string, string][] = [];
  for (let i = 0; i < (await changes.count()); i++) {
    const c = changes.nth(i);
    out.push([(await c.getAttribute('data-kind')) ?? '', (await c.textContent()) ?? '']);
  }
  return out;
}

beforeAll(async () => {
  const built = join(root, 'out', 'headless', 'index.cjs');
  expect(existsSync(built), 'out/ is built by the test command before the lab tests').toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  lab = await ensureLab();
  const set = await lbLabEngine(lab);
  data = set.data;
  ids = set.ids;
  clusterId = set.clusterId;
  try {
    await applyLabModel(set.engine, ids, lbLabModel(ids, clusterId));
  } finally {
    // From here on the app runs the queues of this data dir.
    await set.engine.close();
  }
  home = mkdtempSync(join(tmpdir(), 'cd-review-'));
  mkdirSync(join(home, '.ssh'));
  copyFileSync(lab.knownHostsPath, join(home, '.ssh', 'known_hosts'));
  app = await startAppServer({ HOME: home }, { dataDir: data.dir });
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(UI_MS);
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
}, 900_000);

// A failed step leaves the page as it was, to show what the UI said.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page !== undefined)
    await shot(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
});

afterAll(async () => {
  await resumeHosts(lab, LB_LAB_HOSTS).catch(() => undefined);
  await browser?.close();
  await app?.stop();
  rmSync(home, { recursive: true, force: true });
  await closeLbLab(lab, undefined, data);
}, 300_000);

describe('the admin reviews the running cluster in the UI', () => {
  it('the topology draws the manager, both nodes, the storage and each VIP with its service', async () => {
    await go(`#/clusters/${clusterId}/topology`);
    await expect(page.getByTestId('topology-page')).toBeVisible();
    for (const id of [
      `host:${ids['manager']}`,
      `host:${ids['node1']}`,
      `host:${ids['node2']}`,
      'storage',
      `vip:${DR_VIP}`,
      `vip:${NAT_VIP}`,
      'svc:web-dr',
      'svc:web-nat',
    ])
      await expect(node(id), id).toBeVisible({ timeout: UI_MS });
    await expect(page.getByTestId('topology-loading')).toHaveCount(0, { timeout: UI_MS });
    for (const svc of ['web-dr', 'web-nat'])
      for (const n of ['node1', 'node2'])
        await expect(edge(`serves:${svc}:${ids[n]}`)).toHaveAttribute('data-state', 'up', {
          timeout: CHECK_MS,
        });
    await expect(edge(`mount:${ids['node1']}`)).toBeVisible();
    await shot('topology');
  }, 300_000);

  it('a stopped web server turns its serve edges down, on the topology and the LB page, and back up', async () => {
    const drEdge = edge(`serves:web-dr:${ids['node1']}`);
    await sh('node1', 'systemctl stop nginx');
    await expect(drEdge).toHaveAttribute('data-state', 'down', { timeout: CHECK_MS });
    await shot('topology-node1-down');
    await go(`#/clusters/${clusterId}/load-balancing`);
    const row = page
      .locator('[data-testid="status-service"][data-service-id="web-dr"] [data-testid="status-rs"]')
      .filter({ hasText: '10.10.0.11:80' });
    await expect(row).toHaveAttribute('data-state', 'down', { timeout: CHECK_MS });
    await sh('node1', 'systemctl start nginx');
    await expect(row).toHaveAttribute('data-state', 'up', { timeout: CHECK_MS });
    await go(`#/clusters/${clusterId}/topology`);
    await expect(drEdge).toHaveAttribute('data-state', 'up', { timeout: CHECK_MS });
  }, 300_000);

  it('draining node1 from the side panel shows it drained; Return puts it back', async () => {
    const drEdge = edge(`serves:web-dr:${ids['node1']}`);
    const before = await node(`host:${ids['node2']}`).boundingBox();
    await node(`host:${ids['node1']}`).click();
    const panel = page.getByTestId('topology-panel');
    await expect(panel).toContainText('node1');
    await panel.getByTestId('topology-action-drain').click();
    await expect(drEdge).toHaveAttribute('data-state', 'drain', { timeout: CHECK_MS });
    await shot('topology-node1-drained');
    // A state change redraws colours only: node2 stays where it was.
    expect(await node(`host:${ids['node2']}`).boundingBox()).toEqual(before);
    await panel.getByTestId('topology-action-active').click();
    await expect(drEdge).toHaveAttribute('data-state', 'up', { timeout: CHECK_MS });
    await queuesIdle();
  }, 600_000);

  let snapA = '';
  let snapB = '';

  it('snapshots before and after a change: the diff lists that change and nothing else', async () => {
    snapA = await takeSnapshot();
    cli('service', 'edit', 'web-dr', '--nodes', 'node1:3,node2:1');
    cli('account', 'add', 'shop', '--domain', 'shop.example.com', '--quota', '0');
    // The app reads a model saved by another process when it loads the list again.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
    await applyFromUi();
    await sh('node2', 'systemctl stop nginx');
    await go(`#/clusters/${clusterId}/topology`);
    await expect(edge(`serves:web-dr:${ids['node2']}`)).toHaveAttribute('data-state', 'down', {
      timeout: CHECK_MS,
    });
    snapB = await takeSnapshot();

    const changes = await compare(snapA, snapB);
    await shot('snapshot-diff');
    const text = changes.map(([k, t]) => `${k}: ${t}`).join('\n');
    // Each change is one of the three made, and each of the three shows.
    const ours = (t: string) => /shop|weight|node2/i.test(t);
    expect(
      changes.filter(([, t]) => !ours(t)),
      text,
    ).toEqual([]);
    expect(
      changes.some(([k, t]) => k === 'model' && /shop/.test(t)),
      text,
    ).toBe(true);
    expect(
      changes.some(([k, t]) => k === 'model' && /weight/i.test(t)),
      text,
    ).toBe(true);
    expect(
      changes.some(([k, t]) => k === 'ipvs' && /node2/.test(t)),
      text,
    ).toBe(true);
    expect(
      changes.filter(([k]) => k === 'fact' || k === 'queue'),
      text,
    ).toEqual([]);

    const snapC = await takeSnapshot();
    expect(await compare(snapB, snapC)).toEqual([]);
    await expect(snapshots().diff()).toHaveAttribute('data-empty', 'true');
  }, 900_000);

  it("using snapshot A's model shows the weight and the account going back in the plan", async () => {
    await go(`#/clusters/${clusterId}/snapshots`);
    await snapshots().row(snapA).getByTestId('snapshot-use-model').click();
    // It replaces the desired model, so the app asks first.
    const confirm = page.getByTestId('snapshot-use-model-dialog');
    await confirm.getByTestId('confirm-accept').click();
    await expect(confirm).toHaveCount(0, { timeout: UI_MS });
    await expect(page.getByTestId('plan-dialog')).toBeVisible({ timeout: UI_MS });
    const dialog = page.getByTestId('plan-dialog');
    await planReady();
    let all = '';
    for (let i = 0; i < (await dialog.getByTestId('plan-host-tab').count()); i++) {
      await dialog.getByTestId('plan-host-tab').nth(i).click();
      all += `${(await dialog.getByTestId('plan-host').textContent()) ?? ''}\n`;
    }
    expect(all).toContain('Delete account shop');
    await dialog.getByTestId('plan-host-tab').filter({ hasText: 'manager' }).click();
    // The keepalived step says how the running file changes: node1's weight back from 3 to 1.
    const conf = dialog.locator('[data-testid="plan-step"][data-step-id="lb.manager.keepalived"]');
    await expect(conf).toContainText(/-\s*weight 3\s*\+\s*weight 1/);
    await shot('snapshot-restore-plan');
    await dialog.getByTestId('plan-cancel').click();
    await expect(dialog).toHaveCount(0);
  }, 600_000);

  it('snapshot A, downloaded, opens in a fresh app while every host is frozen, with no connection', async () => {
    // Whatever an earlier step left open goes first.
    if ((await page.getByTestId('plan-dialog').count()) > 0)
      await page.getByTestId('plan-cancel').click();
    await go(`#/clusters/${clusterId}/snapshots`);
    const file = join(home, 'a.cdsnap');
    await (await snapshots().download(snapA)).saveAs(file);
    await pauseHosts(lab, LB_LAB_HOSTS);

    // A fresh data dir and HOME: no host, no key, no cluster.
    const fresh = await startAppServer();
    const offline = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const sent: string[] = [];
    offline.on('websocket', (ws) =>
      ws.on('framesent', (f) => sent.push(typeof f.payload === 'string' ? f.payload : '')),
    );
    try {
      await offline.goto(fresh.url);
      await expect(offline.locator('html')).toHaveAttribute('data-app-state', 'ready');
      await offline.getByTestId('snapshot-file-input').setInputFiles(file);
      const banner = offline.getByTestId('snapshot-banner');
      await expect(banner).toContainText('lab', { timeout: UI_MS });
      const opened = sent.length;
      await offline.evaluate((f) => (window.location.hash = f), `#/clusters/${clusterId}`);
      await expect(offline.getByText('node1').first()).toBeVisible();
      await expect(offline.getByText('shop')).toHaveCount(0);
      await offline.evaluate(
        (f) => (window.location.hash = f),
        `#/clusters/${clusterId}/load-balancing`,
      );
      await expect(
        offline.locator('[data-testid="status-service"][data-service-id="web-dr"]'),
      ).toBeVisible();
      await offline.evaluate((f) => (window.location.hash = f), '#/queue');
      await expect(offline.getByTestId('snapshot-banner')).toBeVisible();
      await offline.screenshot({ path: join(SHOTS, 'snapshot-offline.png'), fullPage: true });
      // While the snapshot is open the page asks the engine nothing that reaches a host.
      const asked = sent.slice(opened).join('\n');
      for (const channel of ['hosts:connect', 'hosts:probe', 'lb:status', 'plans:preview'])
        expect(asked).not.toContain(channel);
    } finally {
      await offline.close();
      await fresh.stop();
      await resumeHosts(lab, LB_LAB_HOSTS);
    }
  }, 300_000);
});
