/**
 * The admin's first hour, through the UI only, in Chromium against the lab: add the hosts and
 * trust them, set the cluster up with the wizard (the disk chosen from the probed list),
 * preview and apply while the running step is in view, put a site behind a VIP, add an account
 * and reach its placeholder page through the VIP, upload a file over SFTP as the account, see
 * a stopped web server as down, and reload without losing the page. SSH to the hosts only
 * observes (curl from the client VM, sftp as the account) or breaks something on purpose
 * (nginx stopped). Each step leaves a screenshot in .cache/test-results/first-hour/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureLab, type Lab } from '../lab/index.js';
import { ClusterPage, SETUP_STEP } from '../pages/cluster-page';
import { HostsPage } from '../pages/hosts-page';
import { LbPage, SERVICE_STEP } from '../pages/lb-page';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startAppServer, type AppServer } from '../support/app-server';
import { labShell, tempDataDir } from './cluster-harness';

const root = resolve(__dirname, '..', '..');
const SHOTS = join(root, '.cache', 'test-results', 'first-hour');
const HOSTS = ['manager', 'node1', 'node2'] as const;
const VIP = '10.10.0.100';
const ACCOUNT = { name: 'shop', domain: 'shop.example.com' };
const NODES = {
  node1: { publicIp: '10.10.0.11', privateIp: '10.20.0.11' },
  node2: { publicIp: '10.10.0.12', privateIp: '10.20.0.12' },
} as const;
/** Generous bounds: the lab's hosts are software-emulated on a busy machine. */
const APPLY_MS = 600_000;
const UI_MS = 60_000;

let lab: Lab;
let app: AppServer;
let browser: Browser;
let page: Page;
let home: string;
let data: ReturnType<typeof tempDataDir>;
let shots = 0;
/** Host name -> the id the app gave it. */
const ids: Record<string, string> = {};
const sh = (host: string, command: string) => labShell(lab)(host, command);

/** A full-page screenshot of the step, numbered in the order the journey takes. */
async function shot(name: string): Promise<void> {
  shots += 1;
  await page.screenshot({
    path: join(SHOTS, `${String(shots).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** `count` requests from the client VM with the site's Host header: the status and body of each. */
async function fromClient(url: string, count: number): Promise<string[]> {
  const out = await sh(
    'client',
    `for i in $(seq ${count}); do curl -sS -m 5 -o /tmp/body -w '%{http_code} ' -H 'Host: ${ACCOUNT.domain}' ${url} && head -c 200 /tmp/body | tr '\\n' ' '; echo; done`,
  );
  return out.split('\n');
}

/**
 * Clicks Apply in the open plan dialog and waits on the queue page (where the app goes after an
 * apply) until the newest apply says it finished; returns its notice. `whileRunning` runs once
 * the queue shows a running step.
 */
async function applyAndWait(whileRunning?: () => Promise<void>): Promise<string> {
  const notice = page.getByTestId('apply-notice');
  const before = (await notice.count()) > 0 ? await notice.getAttribute('data-apply-id') : null;
  const dialog = page.getByTestId('plan-dialog');
  await expect(dialog.getByTestId('plan-apply')).toBeEnabled({ timeout: UI_MS });
  await dialog.getByTestId('plan-apply').click();
  await expect(dialog).toHaveCount(0, { timeout: UI_MS });
  await expect(page).toHaveURL(/#\/queue/, { timeout: UI_MS });
  await expect(notice).not.toHaveAttribute('data-apply-id', before ?? '', { timeout: UI_MS });
  if (whileRunning) await whileRunning();
  await expect(notice).not.toHaveAttribute('data-result', 'running', { timeout: APPLY_MS });
  const text = (await page.getByTestId('apply-notice-text').textContent()) ?? '';
  expect(await notice.getAttribute('data-result'), text).toBe('done');
  return text;
}

beforeAll(async () => {
  lab = await ensureLab();
  await lab.reset([...HOSTS, 'client']);
  mkdirSync(SHOTS, { recursive: true });
  // The app's own HOME with no known_hosts: every key is trusted through the UI.
  home = mkdtempSync(join(tmpdir(), 'cd-first-hour-'));
  data = tempDataDir();
  app = await startAppServer({ HOME: home }, { dataDir: data.dir });
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(UI_MS);
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  data?.remove();
  if (home) rmSync(home, { recursive: true, force: true });
  await lab?.reset([...HOSTS, 'client']);
}, 300_000);

describe("the admin's first hour, through the UI", () => {
  it('lands on the overview, adds the three hosts and trusts each key after comparing it', async () => {
    await expect(page.getByTestId('overview-page')).toBeVisible();
    await shot('overview-empty');
    const hosts = new HostsPage(page);
    await hosts.gotoHosts();
    for (const name of HOSTS) {
      const h = lab.host(name);
      await hosts.addHost({
        name,
        address: h.sshHost,
        port: h.sshPort,
        user: 'root',
        keyPath: h.privateKeyPath,
      });
      await hosts.connect(name);
      const id = await hosts.row(name).getAttribute('data-host-id');
      if (id === null) throw new Error(`the row of ${name} has no host id`);
      ids[name] = id;
      const fingerprint = h.hostKeyFingerprint;
      expect(fingerprint, `the lab knows ${name}'s host key`).toBeTruthy();
      await expect(hosts.trustDialog().getByTestId('trust-fingerprint')).toHaveText(
        fingerprint ?? '',
      );
      if (name === 'manager') await shot('trust-manager');
      await hosts.trustDialog().getByTestId('trust-accept').click();
      await expect(hosts.detailState()).toHaveText('connected');
      await expect(page.getByTestId('facts-probed-at')).toBeVisible();
      await hosts.gotoHosts();
    }
    for (const name of HOSTS) await expect(hosts.state(name)).toHaveText('connected');
    await shot('hosts-connected');
  }, 300_000);

  it('sets the cluster up with the wizard: layout from the networks, the disk from the list', async () => {
    const ui = new ClusterPage(page);
    await ui.open();
    await ui.expectStep(SETUP_STEP.layout);
    await ui.field('cluster-name').fill('lab');
    // The hosts have a public and a private network: that layout is the recommended one.
    await expect(page.getByTestId('layout-recommended')).toBeVisible();
    await expect(ui.field('cluster-layout')).toHaveValue('public-private');
    await shot('wizard-layout');
    await ui.next();

    await ui.expectStep(SETUP_STEP.manager);
    const managerId = hostId('manager');
    await ui.field('manager-host').selectOption(managerId);
    await ui.field('manager-public-ip').fill('10.10.0.10');
    await ui.field('manager-private-ip').fill('10.20.0.10');
    await ui.field('quorum-ip').fill('10.20.0.2');
    await ui.field('quorum-prefix').fill('24');
    await shot('wizard-manager');
    await ui.next();

    await ui.expectStep(SETUP_STEP.storage);
    // The manager's blank second disk is offered; its system disk is not.
    const disk = page.locator('[data-testid="device-choice"][data-path="/dev/vdb"]');
    await disk.click();
    await expect(ui.field('storage-device')).toHaveValue('/dev/vdb');
    await expect(page.locator('[data-testid="device-choice"][data-path="/dev/vda"]')).toHaveCount(
      0,
    );
    await shot('wizard-storage');
    await ui.next();

    await ui.expectStep(SETUP_STEP.nodes);
    for (const [i, name] of (['node1', 'node2'] as const).entries()) {
      await page.getByTestId('node-add').click();
      const row = page.getByTestId('node-row').nth(i);
      await row.getByTestId('node-host').selectOption(hostId(name));
      await row.getByTestId('node-public-ip').fill(NODES[name].publicIp);
      await row.getByTestId('node-private-ip').fill(NODES[name].privateIp);
    }
    await shot('wizard-nodes');
    await ui.nextUntilReview();
    await expect(page.getByTestId('setup-summary')).toContainText('10.20.0.2');
    await ui.save();
    await expect(ui.saved()).toBeVisible();
    await page.getByTestId('setup-open-cluster').click();
    await expect(ui.clusterPage()).toBeVisible();
  }, 300_000);

  it(
    'previews the plan and applies it, with the running step in view on the queue page',
    async () => {
      await page.getByTestId('cluster-preview').click();
      await expect(
        page.getByTestId('plan-dialog').getByTestId('plan-host-tab').first(),
      ).toBeVisible({ timeout: 180_000 });
      await shot('plan-preview');
      let sawRunning = false;
      const text = await applyAndWait(async () => {
        const now = page
          .getByTestId('queue-now')
          .filter({ has: page.getByTestId('queue-current') });
        await expect(now.first()).toBeInViewport({ timeout: UI_MS });
        sawRunning = true;
        await shot('queue-running');
      });
      expect(sawRunning).toBe(true);
      console.log(`cluster setup through the UI: ${text}`);
      await shot('queue-finished');
    },
    APPLY_MS + 300_000,
  );

  it(
    'puts an HTTP service on a VIP over both nodes, through the wizard and one apply',
    async () => {
      const lb = new LbPage(page);
      await lb.open();
      await lb.addVip(VIP);
      await expect(lb.vipRow(VIP)).toBeVisible();
      await lb.startService();
      await lb.pickPreset('http');
      await lb.nextUntil(SERVICE_STEP.check);
      await expect(lb.field('check-kind')).toHaveValue('http');
      await lb.nextUntil(SERVICE_STEP.servers);
      await shot('service-servers');
      await lb.saveService();
      await expect(lb.wizard()).toHaveCount(0);
      await page.getByTestId('lb-review-apply').click();
      await applyAndWait();
    },
    APPLY_MS + 120_000,
  );

  it(
    'adds an account whose placeholder page answers through the VIP from both nodes after one apply',
    async () => {
      const ui = new ClusterPage(page);
      await ui.open();
      await page.getByTestId('account-add').click();
      const dialog = page.getByTestId('add-account-dialog');
      await dialog.getByTestId('account-name').fill(ACCOUNT.name);
      await dialog.getByTestId('account-domain').fill(ACCOUNT.domain);
      await dialog.getByTestId('account-key').fill(sftpKey().publicKey);
      await shot('account-add');
      await dialog.getByTestId('account-submit').click();
      await expect(dialog).toHaveCount(0);
      await page.getByTestId('cluster-preview').click();
      await applyAndWait();

      const viaVip = await fromClient(`http://${VIP}/`, 10);
      for (const line of viaVip) expect(line).toMatch(/^200 .*This site is ready/);
      for (const node of Object.values(NODES))
        expect((await fromClient(`http://${node.publicIp}/`, 1))[0]).toMatch(/^200 /);

      // The account's page shows each node's answer for the site.
      await ui.open();
      await page
        .locator(`[data-testid="account-row"][data-account="${ACCOUNT.name}"]`)
        .getByTestId('account-open')
        .click();
      const details = page.getByTestId('account-details');
      for (const name of ['node1', 'node2'])
        await expect(
          details.locator(`[data-testid="account-site-check"][data-host="${name}"]`),
        ).toHaveAttribute('data-status', '200');
      await shot('account-details');
      await page.keyboard.press('Escape');
    },
    APPLY_MS + 120_000,
  );

  it('takes a file uploaded over SFTP as the account and serves it through the VIP', async () => {
    const key = sftpKey();
    const file = join(key.dir, 'hello.txt');
    writeFileSync(file, 'hello from sftp\n');
    const node1 = lab.host('node1');
    const sftp = spawnSync(
      'sftp',
      [
        '-b',
        '-',
        '-i',
        key.path,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        `UserKnownHostsFile=${lab.knownHostsPath}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-P',
        String(node1.sshPort),
        `${ACCOUNT.name}@${node1.sshHost}`,
      ],
      { input: `put ${file} /public_html/hello.txt\n`, encoding: 'utf8', timeout: 60_000 },
    );
    expect(sftp.status, sftp.stderr).toBe(0);
    const lines = await fromClient(`http://${VIP}/hello.txt`, 4);
    for (const line of lines) expect(line.trim()).toBe('200 hello from sftp');
  }, 180_000);

  it('shows node1 down on the cluster and hosts pages within one poll when its nginx stops', async () => {
    await sh('node1', 'systemctl stop nginx');
    try {
      const ui = new ClusterPage(page);
      await ui.open();
      const row = page.locator(`[data-testid="cluster-nodes"] [data-host-id="${hostId('node1')}"]`);
      await expect(row.getByTestId('host-lb-down').first()).toBeVisible({ timeout: UI_MS });
      await shot('cluster-node1-down');
      const hosts = new HostsPage(page);
      await hosts.gotoHosts();
      await expect(hosts.row('node1').getByTestId('host-lb-down').first()).toBeVisible({
        timeout: UI_MS,
      });
      await expect(hosts.row('node2').getByTestId('host-lb-down')).toHaveCount(0);
      await shot('hosts-node1-down');

      // A reload keeps the admin on the page they were on.
      const url = page.url();
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
      expect(page.url()).toBe(url);
      await expect(hosts.row('node1')).toBeVisible();
      await shot('hosts-after-reload');
    } finally {
      await sh('node1', 'systemctl start nginx');
    }
  }, 300_000);
});

/** The id the app gave a host when the journey added it. */
function hostId(name: string): string {
  const id = ids[name];
  if (id === undefined) throw new Error(`${name} was not added`);
  return id;
}

let key: { dir: string; path: string; publicKey: string } | undefined;
/** The account's SFTP key pair, made once for the journey. */
function sftpKey(): { dir: string; path: string; publicKey: string } {
  if (key) return key;
  const dir = mkdtempSync(join(tmpdir(), 'cd-sftp-'));
  const path = join(dir, 'id_ed25519');
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'shop', '-f', path]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${String(r.stderr)}`);
  key = { dir, path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
  return key;
}
