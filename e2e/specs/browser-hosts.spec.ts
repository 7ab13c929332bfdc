import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HostsPage } from '../pages/hosts-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';

function osReleaseId(): string {
  const m = /^ID=("?)([^"\n]*)\1$/m.exec(readFileSync('/etc/os-release', 'utf8'));
  return m?.[2] ?? '';
}

test('adds the loopback host, trusts its fingerprint, and shows its facts', async ({
  page,
  sshd,
  app,
}) => {
  const ui = new HostsPage(page);
  await ui.open(app.url);
  await ui.addLoopbackHost(sshd);
  await expect(ui.state('loop')).toHaveText('disconnected');

  await ui.connect('loop');
  const dialog = ui.trustDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('trust-key-type')).toHaveText(sshd.hostKeyType);
  await expect(dialog.getByTestId('trust-fingerprint')).toHaveText(sshd.hostKeyFingerprint);
  await dialog.getByTestId('trust-accept').click();
  // Connecting opens the host detail and probes it.
  await expect(ui.detailState()).toHaveText('connected');
  await expect(ui.fact('hostname')).toContainText(hostname());
  await expect(ui.fact('arch')).toContainText(execFileSync('uname', ['-m']).toString().trim());
  await expect(ui.fact('kernel')).toContainText(execFileSync('uname', ['-r']).toString().trim());
  await expect(ui.fact('os')).toContainText(osReleaseId());
  // The loopback host of these machines has no IPVS: the probe must say so, with a reason.
  const ipvs = page.locator('[data-testid="check-item"][data-check-id="module.ip_vs"]');
  await expect(ipvs).toHaveCount(1);
});

test('refuses a host whose key changed, and says so with HOST_KEY_CHANGED', async ({
  page,
  sshd,
  app,
}) => {
  const ui = new HostsPage(page);
  await ui.open(app.url);
  await ui.addLoopbackHost(sshd);
  await ui.connectTrusting('loop');
  await expect(ui.fact('hostname')).toContainText(hostname());
  await ui.gotoHosts();
  await expect(ui.state('loop')).toHaveText('connected');

  // The server is "reinstalled": same address, new host key.
  sshd.replaceHostKey();
  await sshd.restart();

  await expect(ui.state('loop')).toHaveText('error', { timeout: 60_000 });
  await ui.connect('loop');
  await expect(page.getByTestId('host-key-changed')).toBeVisible();
  await expect(page.getByTestId('host-key-changed').getByTestId('error-code')).toHaveText(
    'HOST_KEY_CHANGED',
  );
  await expectAccessible(page, 'the host-key-changed dialog');
  await expect(ui.trustDialog()).toHaveCount(0);
  await expect(ui.state('loop')).not.toHaveText('connected');
});

/** Every cell of the hosts table shows its whole content, and the table fits its container. */
async function expectNoClippedColumn(page: Page): Promise<void> {
  const clipped = await page.locator('table[aria-label="Hosts"]').evaluate((table) => {
    const out: string[] = [];
    for (const cell of Array.from(table.querySelectorAll<HTMLElement>('th, td'))) {
      if (cell.scrollWidth > cell.clientWidth + 1)
        out.push(`${cell.textContent ?? ''}: ${cell.scrollWidth} > ${cell.clientWidth}`);
    }
    const box = table.parentElement;
    if (box !== null && box.scrollWidth > box.clientWidth + 1)
      out.push(`the table: ${box.scrollWidth} > ${box.clientWidth}`);
    return out;
  });
  expect(clipped).toEqual([]);
}

test('hosts table: a ~/ key path shown absolute, "needs trust" before the first trust, Disconnect when connected, no clipped column at 1280 and 1440 px', async ({
  page,
  sshd,
  app,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The key lives in the engine's home; the admin types it with ~/.
  mkdirSync(join(app.home, '.ssh'), { recursive: true, mode: 0o700 });
  copyFileSync(sshd.clientKeyPath, join(app.home, '.ssh', 'id_loop'));
  const ui = new HostsPage(page);
  await ui.open(app.url);
  await ui.addHost({
    name: 'loop',
    address: sshd.host,
    port: sshd.port,
    user: sshd.user,
    keyPath: '~/.ssh/id_loop',
  });
  await expect(ui.row('loop')).toContainText(`key file ${join(app.home, '.ssh', 'id_loop')}`);
  await expect(ui.row('loop')).not.toContainText('~/');

  // The admin does not trust the key yet: the host waits for trust, it is not in error.
  await ui.connect('loop');
  await expect(ui.trustDialog()).toBeVisible();
  await ui.trustDialog().getByTestId('trust-reject').click();
  await expect(ui.trustDialog()).toHaveCount(0);
  await ui.gotoHosts();
  await expect(ui.state('loop')).toHaveText('needs trust');
  await expect(ui.state('loop')).toHaveAttribute('data-state', 'needs-trust');
  await expect(ui.row('loop').getByTestId('host-last-error')).toHaveCount(0);
  await expectAccessible(page, 'the hosts page with a host that needs trust');
  await ui.openHost('loop');
  await expect(ui.detailState()).toHaveText('needs trust');
  await expect(page.getByTestId('host-needs-trust')).toBeVisible();
  await expect(page.getByTestId('host-detail').getByTestId('host-last-error')).toHaveCount(0);
  await expectAccessible(page, 'the host page of a host that needs trust');
  await ui.gotoHosts();

  await ui.connectTrusting('loop');
  await ui.gotoHosts();
  await expect(ui.state('loop')).toHaveText('connected');
  // Connected: the row offers Disconnect, not Connect.
  await expect(ui.row('loop').getByTestId('host-disconnect')).toBeVisible();
  await expect(ui.row('loop').getByTestId('host-connect')).toHaveCount(0);
  await expectNoClippedColumn(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoClippedColumn(page);
  await expectAccessible(page, 'the hosts page with a connected host');

  await ui.row('loop').getByTestId('host-disconnect').click();
  await expect(ui.state('loop')).toHaveText('disconnected');
  await expect(ui.row('loop').getByTestId('host-connect')).toBeVisible();
});

test('add host: a taken name is an error under the name field, a missing key file under the key field', async ({
  page,
  sshd,
  app,
}) => {
  const ui = new HostsPage(page);
  await ui.open(app.url);
  await ui.addLoopbackHost(sshd);

  const dialog = page.getByTestId('add-host-dialog');
  const fieldError = (field: string) =>
    dialog.locator(`[data-testid="field-error"][data-field="${field}"]`);
  await page.getByTestId('add-host-button').click();
  await page.getByTestId('host-name').fill('loop');
  await page.getByTestId('host-address').fill('192.0.2.50');
  await page.getByTestId('host-auth-method').selectOption('key');
  // Relative: read from the home directory, and the message names the absolute path.
  await page.getByTestId('host-key-path').fill('.ssh/none');
  await page.getByTestId('add-host-submit').click();
  await expect(fieldError('keyPath')).toHaveText(
    `${join(app.home, '.ssh', 'none')} does not exist`,
  );
  await expect(page.getByTestId('host-key-path')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the add-host dialog with a key file error');

  await page.getByTestId('host-key-path').fill(sshd.clientKeyPath);
  await page.getByTestId('add-host-submit').click();
  await expect(fieldError('name')).toHaveText('a host named "loop" already exists');
  await expect(page.getByTestId('host-name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('error-alert')).toHaveCount(0);
  // The browser's files are not the engine's: no file picker in browser mode.
  await expect(page.getByTestId('host-key-browse')).toHaveCount(0);

  await page.getByTestId('host-name').fill('loop2');
  await page.getByTestId('add-host-submit').click();
  await expect(ui.row('loop2')).toBeVisible();
  await expect(dialog).toHaveCount(0);
});
