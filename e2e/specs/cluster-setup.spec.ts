import { networkInterfaces } from 'node:os';
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

test('setup wizard: engine validation lands under the fields; fixed, it saves or only host blockers stay', async ({
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
  await ui.field('manager-host').selectOption(hostId);
  // The public address is pre-filled from the probed facts: one of this machine's addresses.
  const publicIp = await ui.field('manager-public-ip').inputValue();
  const spare = spareAddressNear(publicIp);
  await ui.field('manager-private-ip').fill('');
  // An address on no network of the manager.
  await ui.field('quorum-ip').fill('198.18.77.5');
  await ui.field('quorum-prefix').fill('24');
  const blocked = (await ui.hostBlockers().count()) > 0;
  await ui.nextUntilReview();
  await ui.save();

  // The engine's validation comes back under the fields, on the manager step.
  await ui.expectStep(SETUP_STEP.manager);
  await expect(ui.fieldError('manager.privateIp')).toContainText(
    'required in the public-private layout',
  );
  await expect(ui.fieldError('manager.quorumIp')).toContainText('is not on the manager');
  await expect(ui.field('quorum-ip')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the setup wizard with field errors');

  // Fix: all-public layout, and a spare quorum IP in the manager's public subnet.
  await ui.goTo(SETUP_STEP.layout);
  await ui.field('cluster-layout').selectOption('public');
  await ui.goTo(SETUP_STEP.manager);
  await expect(ui.field('manager-private-ip')).toHaveCount(0);
  await ui.field('quorum-ip').fill(spare.ip);
  await ui.field('quorum-prefix').fill(String(spare.prefix));
  await expect(ui.allFieldErrors()).toHaveCount(0);
  await ui.nextUntilReview();
  await expect(page.getByTestId('setup-summary')).toContainText(spare.ip);
  await ui.save();

  if (!blocked) {
    // Zero nodes are allowed: the cluster is saved, and its page shows it.
    await expect(ui.saved()).toBeVisible();
    await page.getByTestId('setup-open-cluster').click();
    await expect(ui.clusterPage()).toBeVisible();
    await expect(page.getByTestId('cluster-summary')).toContainText(spare.ip);
    await expect(page.getByTestId('cluster-unapplied')).toBeVisible();
    return;
  }
  // This machine cannot be a manager (e.g. a container without kernel NFS): the field errors
  // are gone and only the host's own blocker stays, under the manager host field.
  await ui.expectStep(SETUP_STEP.manager);
  await expect(ui.fieldError('manager.hostId')).toBeVisible();
  await expect(ui.fieldError('manager.hostId')).toContainText('loop');
  await expect(ui.fieldError('manager.quorumIp')).toHaveCount(0);
  await expect(ui.fieldError('manager.privateIp')).toHaveCount(0);
  await expect(ui.allFieldErrors()).toHaveCount(1);
  await expect(ui.saved()).toHaveCount(0);
});
