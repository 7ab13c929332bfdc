import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { cmd } from '../../shared/shell/quote';
import { HostsPage } from '../pages/hosts-page';
import { expect, test } from '../support/app-fixtures';
import { startAppServer, type AppServer } from '../support/app-server';
import { expectAccessible } from '../support/axe';
import { startSshd, type SshdHandle } from '../support/sshd';
import { queueApply } from '../support/queued-apply';

const card = (page: Page, hostId: string): Locator =>
  page.locator(`[data-testid="queue-host"][data-host-id="${hostId}"]`);

const group = (hostCard: Locator, title: string): Locator =>
  hostCard
    .getByTestId('queue-apply-group')
    .filter({ has: hostCard.page().getByTestId('queue-apply-title').getByText(title) });

/** Saves a screenshot of the whole page as an artifact of the test. */
async function snapshot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

/** Connects a host, trusting its key if the app asks (a second host on the same sshd may not). */
async function connect(hosts: HostsPage, name: string): Promise<void> {
  await hosts.gotoHosts();
  await hosts.connect(name);
  const accept = hosts.trustDialog().getByTestId('trust-accept');
  await expect(accept.or(hosts.detailState().getByText('connected'))).toBeVisible();
  if (await accept.isVisible()) await accept.click();
  await expect(hosts.detailState()).toHaveText('connected');
}

/**
 * Adds each sshd as a host (by name) in an app on `dataDir`, trusts and connects it, and stops
 * that app, so that applies can be queued in the data dir while no engine runs. Host ids by name.
 */
async function trustedHosts(
  page: Page,
  dataDir: string,
  servers: Record<string, SshdHandle>,
): Promise<Record<string, string>> {
  const app = await startAppServer({}, { dataDir });
  try {
    const hosts = new HostsPage(page);
    await hosts.open(app.url);
    for (const [name, sshd] of Object.entries(servers)) await hosts.addLoopbackHost(sshd, name);
    const ids: Record<string, string> = {};
    for (const name of Object.keys(servers)) {
      await connect(hosts, name);
      await hosts.gotoHosts();
      const id = await hosts.row(name).getAttribute('data-host-id');
      if (id === null) throw new Error(`the row of ${name} has no host id`);
      ids[name] = id;
    }
    return ids;
  } finally {
    await app.stop();
  }
}

test('queue: the running step stays in view, a waiting step names what it waits for, and the history is grouped by apply', async ({
  page,
  sshd,
}) => {
  test.setTimeout(180_000);
  // The data dir outlives the first app: the applies are queued in it while no engine runs.
  const dataDir = mkdtempSync(join(tmpdir(), 'cd-queue-'));
  // The export step runs until the test creates this file: "running" lasts as long as needed.
  const gate = join(sshd.home, 'export-gate');
  // node1 is a second sshd: the app refuses the same login twice.
  let second: SshdHandle | null = null;
  let app: AppServer | null = null;
  try {
    second = await startSshd();
    const ids = await trustedHosts(page, dataDir, { loop: sshd, node1: second });
    const loop = ids['loop'] ?? '';
    const node1 = ids['node1'] ?? '';

    // Planners refuse a container as a cluster host, so the steps are the test's: real
    // commands that the engine runs over SSH on the loopback sshd, as queued by plans:apply.
    queueApply(dataDir, 'Prepare the hosts', [
      {
        hostId: loop,
        hostName: 'loop',
        steps: Array.from({ length: 12 }, (_, i) => ({
          id: `prepare.${i + 1}`,
          title: `Prepare part ${i + 1}`,
          commands: ['true'],
        })),
      },
    ]);
    queueApply(dataDir, 'Set up the site', [
      {
        hostId: loop,
        hostName: 'loop',
        steps: [
          {
            id: 'site.export',
            title: 'Export the web root',
            commands: [`until ${cmd('test', '-e', gate)}; do sleep 0.2; done`],
          },
          { id: 'site.reload', title: 'Reload the web server', commands: ['true'] },
        ],
      },
      {
        hostId: node1,
        hostName: 'node1',
        steps: [
          {
            id: 'site.mount',
            title: 'Mount the web root',
            commands: ['true'],
            waitFor: [{ hostId: loop, stepId: 'site.export' }],
          },
        ],
      },
    ]);

    app = await startAppServer({}, { dataDir });
    const hosts = new HostsPage(page);
    await hosts.open(app.url);
    await page.getByTestId('nav-queue').click();
    const loopCard = card(page, loop);
    const nodeCard = card(page, node1);

    // The running step is pinned at the top of its host, above the history, and in view.
    const now = loopCard.getByTestId('queue-now');
    await expect(now).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
    await expect(now.getByTestId('queue-current')).toHaveText('Running: Export the web root');
    await expect(now.getByTestId('queue-elapsed')).toHaveText(/^running for \d+:\d\d$/);
    await expect(now).toBeInViewport();
    await expect(loopCard.getByTestId('queue-upcoming')).toContainText('Reload the web server');
    // The counters are those of the rows shown.
    const counts = loopCard.getByTestId('queue-counts');
    await expect(counts).toHaveText('1 running · 1 pending · 12 done');
    const prepare = group(loopCard, 'Prepare the hosts');
    await expect(prepare).toHaveAttribute('data-result', 'done');
    await expect(prepare.getByTestId('queue-apply-counts')).toHaveText('12 done');
    await expect(prepare.getByTestId('queue-item')).toHaveCount(12);

    // The other host waits, and says for which step on which host.
    await expect(nodeCard).toHaveAttribute('data-status', 'waiting');
    await expect(nodeCard.getByTestId('queue-current')).toHaveText(
      'Mount the web root is waiting for “Export the web root” on loop',
    );
    const notice = page.getByTestId('apply-notice');
    await expect(notice).toHaveAttribute('data-result', 'running');
    await expect(notice.getByTestId('apply-notice-text')).toHaveText(
      'Apply running: 0 of 3 steps finished on 2 hosts',
    );
    await expectAccessible(page, 'the queue page with a running and a waiting step');
    await snapshot(page, 'queue-running');

    writeFileSync(gate, '');
    await expect(notice).toHaveAttribute('data-result', 'done', { timeout: 60_000 });
    await expect(notice.getByTestId('apply-notice-text')).toHaveText(
      /^Apply finished: 3 steps done on 2 hosts in (\d+ ms|[\d.]+ s|\d+ min \d+ s)$/,
    );
    await expect(notice).toContainText('Set up the site');
    await expect(loopCard).toHaveAttribute('data-status', 'idle');
    await expect(loopCard.getByTestId('queue-current')).toHaveText('Nothing to do');
    await expect(counts).toHaveText('14 done');

    // History by apply, newest first: only the latest is open.
    const groups = loopCard.getByTestId('queue-apply-group');
    await expect(groups.getByTestId('queue-apply-title')).toHaveText([
      'Set up the site',
      'Prepare the hosts',
    ]);
    const site = group(loopCard, 'Set up the site');
    await expect(site).toHaveAttribute('data-open', 'true');
    await expect(site).toHaveAttribute('data-result', 'done');
    await expect(site.getByTestId('queue-apply-counts')).toHaveText('2 done');
    await expect(site.getByTestId('queue-item')).toHaveCount(2);
    await expect(prepare).toHaveAttribute('data-open', 'false');
    await expect(prepare.getByTestId('queue-item')).toHaveCount(0);
    await prepare.getByTestId('queue-apply-toggle').click();
    await expect(prepare.getByTestId('queue-item')).toHaveCount(12);
    await expect(nodeCard).toHaveAttribute('data-status', 'idle');
    await expect(group(nodeCard, 'Set up the site')).toHaveAttribute('data-result', 'done');
    await expectAccessible(page, 'the queue page after the apply finished');
    await snapshot(page, 'queue-finished');

    // A step opened has a URL: a reload opens it again, its apply group open, and Back leaves it.
    const step = prepare.getByTestId('queue-item').nth(5);
    const itemId = await step.getAttribute('data-item-id');
    await step.getByRole('button').first().click();
    await expect(page).toHaveURL(new RegExp(`#/queue/[^/]+/${itemId}$`));
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
    const again = page.locator(`[data-testid="queue-item"][data-item-id="${itemId}"]`);
    await expect(again).toHaveAttribute('data-selected', 'true');
    await expect(again.getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
    await expect(again).toBeInViewport();
    await page.goBack();
    await expect(page).toHaveURL(/#\/queue$/);
    await expect(again).toHaveAttribute('data-selected', 'false');
  } finally {
    await app?.stop();
    await second?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('queue: a halted step shows its error and next retry, and the apply says where it halted', async ({
  page,
  sshd,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cd-queue-'));
  let app: AppServer | null = null;
  try {
    const { loop = '' } = await trustedHosts(page, dataDir, { loop: sshd });
    queueApply(dataDir, 'Add account alice', [
      {
        hostId: loop,
        hostName: 'loop',
        steps: [
          { id: 'account.user', title: 'Create the user', commands: ['true'] },
          {
            id: 'account.quota',
            title: 'Set the quota',
            commands: ['echo "setquota: not supported" >&2; exit 3'],
          },
          { id: 'account.home', title: 'Create the web root', commands: ['true'] },
        ],
      },
    ]);
    app = await startAppServer({}, { dataDir });
    await new HostsPage(page).open(app.url);
    await page.getByTestId('nav-queue').click();

    const loopCard = card(page, loop);
    const now = loopCard.getByTestId('queue-now');
    await expect(loopCard).toHaveAttribute('data-status', 'halted', { timeout: 60_000 });
    await expect(now.getByTestId('queue-current')).toHaveText('Halted at: Set the quota');
    await expect(now.getByTestId('queue-error')).toContainText('command failed (exit 3)');
    await expect(now.getByTestId('queue-error')).toContainText('setquota: not supported');
    await expect(now.getByTestId('queue-retry-countdown')).toHaveText(
      /^retrying in \d+:\d\d \(at .+\)$/,
    );
    await expect(loopCard.getByTestId('queue-counts')).toHaveText('1 failed · 1 pending · 1 done');
    const notice = page.getByTestId('apply-notice');
    await expect(notice).toHaveAttribute('data-result', 'halted');
    await expect(notice.getByTestId('apply-notice-text')).toContainText(
      'Apply halted: “Set the quota” failed on loop; 1 of 3 steps done',
    );
    // The halted step's own commands and output are one click away.
    await now.getByTestId('queue-now-runs').click();
    await expect(
      now.locator('[data-testid="queue-run"][data-phase="command"][data-exit-code="3"]'),
    ).toBeVisible();
    await expectAccessible(page, 'the queue page with a halted step');
    await snapshot(page, 'queue-halted');

    await loopCard.getByTestId('queue-skip').click();
    await page.getByTestId('queue-skip-confirm').getByTestId('confirm-accept').click();
    await expect(notice).toHaveAttribute('data-result', 'done', { timeout: 60_000 });
    await expect(notice.getByTestId('apply-notice-text')).toHaveText(
      /^Apply finished: 2 steps done on 1 host in .+, 1 skipped$/,
    );
    const account = group(loopCard, 'Add account alice');
    await expect(account.getByTestId('queue-apply-counts')).toHaveText('2 done · 1 skipped');
  } finally {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
