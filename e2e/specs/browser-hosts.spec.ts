import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
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
