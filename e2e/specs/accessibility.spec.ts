import { ClusterPage, SETUP_STEP } from '../pages/cluster-page';
import { HostsPage } from '../pages/hosts-page';
import { LbPage } from '../pages/lb-page';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/app-fixtures';
import { oneNodeClusterOnLoopback } from '../support/loopback-cluster';

/*
 * Every screen, dialog and popover of the app as an admin meets them, checked with axe-core's
 * WCAG 2 AA rules: contrast, names of controls, roles, labels, landmarks.
 */
test('every screen passes axe-core WCAG 2 AA: hosts, add host, trust, host facts, setup wizard', async ({
  page,
  sshd,
  app,
}) => {
  const hosts = new HostsPage(page);
  await hosts.open(app.url);
  await expectAccessible(page, 'the empty hosts page');

  await page.getByTestId('add-host-button').click();
  await expect(page.getByTestId('host-name')).toBeVisible();
  await expectAccessible(page, 'the add-host dialog');
  await page.keyboard.press('Escape');

  await hosts.addLoopbackHost(sshd);
  await expectAccessible(page, 'the hosts page with a host');
  await hosts.connect('loop');
  await expect(hosts.trustDialog()).toBeVisible();
  await expectAccessible(page, 'the trust dialog');
  await hosts.trustDialog().getByTestId('trust-accept').click();
  // Connecting opens the host page and probes it.
  await expect(hosts.detailState()).toHaveText('connected');
  await expect(page.getByTestId('facts-probed-at')).toBeVisible();
  await expectAccessible(page, 'the host page with its facts');

  await page.getByTestId('nav-queue').click();
  await expectAccessible(page, 'the queue page');

  const ui = new ClusterPage(page);
  await ui.open();
  await ui.expectStep(SETUP_STEP.layout);
  await expectAccessible(page, 'the setup wizard, layout step');
  await ui.field('cluster-name').fill('web');
  await ui.next();
  await ui.expectStep(SETUP_STEP.manager);
  await expectAccessible(page, 'the setup wizard, manager step');
});

test('every screen passes axe-core WCAG 2 AA: load balancing, service wizard, node operations, plan preview, tasks', async ({
  page,
  sshd,
  app,
}) => {
  await oneNodeClusterOnLoopback(page, app, sshd);
  await expectAccessible(page, 'the hosts page with a cluster');
  const cluster = new ClusterPage(page);
  await cluster.open();
  await expectAccessible(page, 'the cluster page');

  const lb = new LbPage(page);
  await lb.open();
  await expect(lb.serviceRow('http-80')).toBeVisible();
  await expectAccessible(page, 'the load-balancing page');
  await lb.startService();
  await expectAccessible(page, 'the service wizard');
  await lb.field('service-cancel').click();

  await lb.field('lb-review-apply').click();
  const dialog = page.getByTestId('plan-dialog');
  await expect(dialog).toBeVisible();
  // Whatever the preview ends with (the hosts are not trusted here: an error), the dialog is checked.
  await expect(
    dialog.getByTestId('error-alert').or(dialog.getByTestId('plan-apply')).first(),
  ).toBeVisible();
  await expectAccessible(page, 'the plan preview');
  await page.getByTestId('plan-cancel').click();

  await page.getByTestId('tasks-button').click();
  await expect(page.getByTestId('tasks-panel')).toBeVisible();
  await expectAccessible(page, 'the tasks panel');
});
