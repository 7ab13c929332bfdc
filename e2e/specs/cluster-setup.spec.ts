import { networkInterfaces } from 'node:os';
import type { Page } from '@playwright/test';
import { ClusterPage, SETUP_STEP } from '../pages/cluster-page';
import { HostsPage } from '../pages/hosts-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';

const toInt = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** An unused address in the subnet of one of this machine's addresses, and the prefix. */
function spareAddressNear(address: string): { ip: string; prefix: number } {
  const nic = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && a.address === address);
  if (!nic?.cidr) throw new Error(`${address} is not an address of this machine`);
  const prefix = Number(nic.cidr.split('/')[1]);
  if (prefix > 29) throw new Error(`the subnet of ${nic.cidr} has no room for a quorum IP`);
  const size = 2 ** (32 - prefix);
  const base = toInt(address) - (toInt(address) % size);
  const used = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((a) => a?.address),
  );
  for (let host = size - 2; host > 0; host--) {
    const ip = toIp(base + host);
    if (!used.has(ip)) return { ip, prefix };
  }
  throw new Error(`no spare address in ${nic.cidr}`);
}

/** Model paths such as `manager.quorumIp` or `nodes.0.privateIp`: never shown to the admin. */
const MODEL_PATH =
  /\b(manager|storage|nodes)\.[A-Za-z0-9.]+|\b(quorumInterface|quorumIp|publicIp|privateIp)\b/;

/**
 * The storage step offers the manager's block devices as the probe found them: this machine's
 * disks, or none (a container may see none); blank ones fill the device field when clicked.
 */
async function expectBlockDevices(page: Page, ui: ClusterPage): Promise<void> {
  const choices = page.getByTestId('device-choices').or(page.getByTestId('device-choices-none'));
  await expect(choices).toBeVisible();
  for (const label of await page.getByTestId('device-choice').allTextContents())
    expect(label).toMatch(/^\/dev\/\S+ · \d+\.\d GiB (disk|partition) · blank$/);
  // The disk holding / is listed as the system disk, never offered.
  for (const root of await page.locator('[data-testid="device-refused"][data-root="true"]').all())
    await expect(root).toContainText('the system disk');
  const free = page.getByTestId('device-choice');
  if ((await free.count()) > 0) {
    const path = await free.first().getAttribute('data-path');
    await free.first().click();
    await expect(ui.field('storage-device')).toHaveValue(path ?? '');
    await ui.field('storage-device').fill('');
  }
  await expectAccessible(page, 'the storage step with the block devices');
}

test('setup wizard: conflicts show under their fields in words on leaving the step; fixed, it saves or only host blockers stay', async ({
  page,
  sshd,
  app,
}) => {
  const hosts = new HostsPage(page);
  await hosts.open(app.url);
  await hosts.addLoopbackHost(sshd);
  const hostId = await hosts.row('loop').getAttribute('data-host-id');
  if (hostId === null) throw new Error('the host row has no id');
  await hosts.connectTrusting('loop');
  await expect(page.getByTestId('facts-probed-at')).toBeVisible();

  // No cluster yet: the Cluster entry opens the wizard.
  const ui = new ClusterPage(page);
  await ui.open();
  await ui.expectStep(SETUP_STEP.layout);
  await ui.field('cluster-name').fill('web');
  await ui.field('cluster-layout').selectOption('public-private');
  await ui.next();

  await ui.expectStep(SETUP_STEP.manager);
  // Host choices name the address and the SSH port.
  await expect(ui.field('manager-host').locator(`option[value="${hostId}"]`)).toContainText(
    `loop — ${sshd.host}:${sshd.port}`,
  );
  await ui.field('manager-host').selectOption(hostId);
  // The public address is pre-filled from the probed facts: one of this machine's addresses.
  const publicIp = await ui.field('manager-public-ip').inputValue();
  const spare = spareAddressNear(publicIp);
  await ui.field('manager-private-ip').fill('');
  // An address on no network of the manager.
  await ui.field('quorum-ip').fill('198.18.77.5');
  await ui.field('quorum-prefix').fill('24');
  const blocked = (await ui.hostBlockers().count()) > 0;

  // Leaving the step asks the engine: its findings land under the fields, on this step.
  await ui.next();
  await expect(ui.fieldError('manager.quorumIp')).toContainText('is not on the manager');
  await expect(ui.fieldError('manager.privateIp')).toContainText(
    'required in the public-private layout',
  );
  await ui.expectStep(SETUP_STEP.manager);
  await expect(ui.field('quorum-ip')).toHaveAttribute('aria-invalid', 'true');
  for (const text of await ui.allFieldErrors().allTextContents())
    expect(text).not.toMatch(MODEL_PATH);
  await expectAccessible(page, 'the setup wizard with field errors');

  // A conflict: the quorum IP is the manager's own public address.
  await ui.goTo(SETUP_STEP.layout);
  await ui.field('cluster-layout').selectOption('public');
  await ui.next();
  await ui.expectStep(SETUP_STEP.manager);
  await expect(ui.field('manager-private-ip')).toHaveCount(0);
  await ui.field('quorum-ip').fill(publicIp);
  await ui.field('quorum-prefix').fill(String(spare.prefix));
  await ui.next();
  await expect(ui.fieldError('manager.quorumIp')).toContainText(
    "must differ from the manager's public address",
  );
  await ui.expectStep(SETUP_STEP.manager);

  // Fixed: a spare quorum IP in the manager's public subnet.
  await ui.field('quorum-ip').fill(spare.ip);
  await expect(ui.fieldError('manager.quorumIp')).toHaveCount(0);
  await ui.next();

  if (blocked) {
    // This machine cannot be a manager (e.g. a container without kernel NFS): the step keeps
    // the admin there with the host's own blocker only, under the manager host field.
    await expect(ui.fieldError('manager.hostId')).toContainText('loop');
    await ui.expectStep(SETUP_STEP.manager);
    await expect(ui.fieldError('manager.quorumIp')).toHaveCount(0);
    await expect(ui.allFieldErrors()).toHaveCount(1);
    // The stepper still goes on (counting the manager step's problem): the storage step.
    await ui.goTo(SETUP_STEP.storage);
    await expectBlockDevices(page, ui);
    return;
  }
  await ui.expectStep(SETUP_STEP.storage);
  await expectBlockDevices(page, ui);
  await ui.nextUntilReview();
  await expect(page.getByTestId('setup-summary')).toContainText(spare.ip);
  await ui.save();

  // Zero nodes are allowed: the cluster is saved, and its page shows it.
  await expect(ui.saved()).toBeVisible();
  await page.getByTestId('setup-open-cluster').click();
  await expect(ui.clusterPage()).toBeVisible();
  await expect(page.getByTestId('cluster-summary')).toContainText(spare.ip);
  await expect(page.getByTestId('cluster-unapplied')).toBeVisible();
});
