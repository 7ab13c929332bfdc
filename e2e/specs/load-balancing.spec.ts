import { LbPage, SERVICE_STEP } from '../pages/lb-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';
import {
  clusterOnLoopback,
  httpService,
  oneNodeClusterOnLoopback,
  VIP,
} from '../support/loopback-cluster';

test('load balancing: a VIP and an HTTP service through the wizard; a port clash is refused under the port', async ({
  page,
  sshd,
  app,
}) => {
  await clusterOnLoopback(page, app, sshd);
  const lb = new LbPage(page);
  await lb.open();
  await expect(lb.field('service-add')).toBeDisabled();

  // The engine refuses the quorum IP as a VIP and says so under the address.
  await lb.addVip('10.10.0.2');
  await expect(lb.fieldError('vips.0.address')).toContainText('quorum IP');
  await lb.addVip(VIP);
  await expect(lb.vipRow(VIP)).toBeVisible();
  await expect(lb.fieldError('vips.0.address')).toHaveCount(0);
  await expect(lb.field('vip-address')).toHaveValue('');

  // FTP explains what it needs before anything is chosen.
  await lb.startService();
  await lb.pickPreset('ftp');
  await expect(lb.field('preset-notes')).toContainText('persistence is required');
  await expect(lb.field('preset-notes')).toContainText('ip_vs_ftp');

  // HTTP with the default policy, served by the manager (the cluster has no nodes).
  await lb.pickPreset('http');
  await lb.nextUntil(SERVICE_STEP.address);
  await expect(lb.field('service-vip')).toHaveValue(VIP);
  await expect(lb.field('service-ports')).toHaveValue('80');
  await expect(lb.field('service-name-input')).toHaveValue('HTTP');
  await lb.nextUntil(SERVICE_STEP.scheduling);
  await expect(lb.field('service-scheduler-input')).toHaveValue('wlc');
  await expect(lb.field('service-persistence')).toHaveValue('off');
  await expect(lb.field('method-dr')).toBeChecked();
  await lb.nextUntil(SERVICE_STEP.check);
  // The HTTP preset checks its own protocol: a GET of / expecting 200, both shown.
  await expect(lb.field('check-kind')).toHaveValue('http');
  await expect(lb.field('check-path')).toHaveValue('/');
  await expect(lb.field('check-status')).toHaveValue('200');
  await expectAccessible(page, 'the service wizard check step with an HTTP GET');
  await expect(lb.field('check-detection')).toContainText('within 3 s');
  await expect(lb.field('check-detection')).toContainText('within 5 s');
  await lb.field('check-retries').fill('2');
  await expect(lb.field('check-detection')).toContainText('within 4 s');
  await lb.nextUntil(SERVICE_STEP.servers);
  await expect(lb.field('server-include-manager')).toBeChecked();
  await lb.saveService();
  await expect(lb.wizard()).toHaveCount(0);

  const http = lb.serviceRow('http-80');
  await expect(http.getByTestId('service-label')).toHaveText(`tcp ${VIP}:80`);
  await expect(http.getByTestId('service-method')).toHaveText('DR');
  await expect(http.getByTestId('service-scheduler')).toHaveText('wlc');
  await expect(http.getByTestId('service-check')).toHaveText('HTTP GET / → 200 every 2 s');
  // Saved, never applied: pending apply, in a neutral colour.
  await expect(http.getByTestId('service-pending')).toHaveText('pending apply');
  await expect(http.getByTestId('service-server')).toHaveText('loop (manager) ×1');
  await expect(lb.vipRow(VIP)).toContainText('http-80');
  await expect(page.getByTestId('lb-unapplied')).toBeVisible();

  // A second HTTP service on the same VIP, port and protocol: the engine names the port.
  await lb.startService();
  await lb.pickPreset('http');
  await lb.nextUntil(SERVICE_STEP.servers);
  await lb.saveService();
  await lb.expectWizardStep(SERVICE_STEP.address);
  await expect(lb.fieldError('services.1.listen.port')).toContainText(
    `tcp ${VIP}:80 is already served by service 1 (http-80)`,
  );
  await expect(lb.field('service-ports')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the service wizard with a port clash');
  await expect(lb.serviceRows()).toHaveCount(1);

  // Another port is fine; typing clears the message.
  await lb.field('service-ports').fill('8080');
  await expect(lb.fieldError('services.1.listen.port')).toHaveCount(0);
  await lb.saveService();
  await expect(lb.wizard()).toHaveCount(0);
  await expect(lb.serviceRow('http-8080').getByTestId('service-label')).toHaveText(
    `tcp ${VIP}:8080`,
  );

  // Edit: another scheduler; the id stays.
  await lb.serviceRow('http-8080').getByTestId('service-edit').click();
  await lb.expectWizardStep(SERVICE_STEP.address);
  await lb.field('service-next').click();
  await lb.field('service-scheduler-input').selectOption('rr');
  await lb.saveService();
  await expect(lb.serviceRow('http-8080').getByTestId('service-scheduler')).toHaveText('rr');

  // Remove it (confirmed); a VIP in use cannot be removed.
  await lb.serviceRow('http-8080').getByTestId('service-remove').click();
  await page.getByTestId('service-remove-dialog').getByTestId('confirm-accept').click();
  await expect(lb.serviceRows()).toHaveCount(1);
  await expect(lb.vipRow(VIP).getByTestId('vip-remove')).toBeDisabled();
});

test('default policy: edited and saved in the model, kept on reload, new services start from it', async ({
  page,
  sshd,
  app,
}) => {
  const hosts = await clusterOnLoopback(page, app, sshd, () => ({ vips: [{ address: VIP }] }));
  const lb = new LbPage(page);
  await lb.open();
  await expect(lb.policy()).toHaveAttribute('data-source', 'default');
  await expect(lb.policyLine('scheduler')).toHaveText('wlc — weighted least connections');
  await expect(lb.policyLine('detection')).toHaveText(
    '3 s if it refuses connections, 5 s if it does not answer',
  );
  await expect(lb.policy().getByTestId('policy-reset')).toBeDisabled();

  // The editor starts from the current policy and says that services keep their settings.
  await lb.editPolicy();
  const dialog = lb.policyDialog();
  await expect(dialog.getByTestId('policy-scope')).toContainText('Existing services keep');
  await expect(dialog.getByTestId('service-scheduler-input')).toHaveValue('wlc');
  await expect(dialog.getByTestId('service-netmask')).toHaveCount(0);
  await expect(dialog.getByTestId('sorry-ip')).toHaveCount(0);
  await dialog.getByTestId('service-scheduler-input').selectOption('rr');
  await dialog.getByTestId('service-persistence').selectOption('300');
  await dialog.getByTestId('check-kind').selectOption('http');
  // A path the engine refuses is named under the field; typing clears the message.
  await dialog.getByTestId('check-path').fill('health');
  await dialog.getByTestId('policy-save').click();
  await expect(lb.fieldError('lbPolicy.check.path')).toContainText('must be a URL path');
  await expectAccessible(page, 'the policy dialog with a field error');
  await dialog.getByTestId('check-path').fill('/health');
  await expect(lb.fieldError('lbPolicy.check.path')).toHaveCount(0);
  await expect(dialog.getByTestId('check-detection')).toContainText('within 3 s');
  await dialog.getByTestId('policy-save').click();
  await expect(dialog).toHaveCount(0);

  // Saved in the model: it is there after a reload.
  await hosts.open(app.url);
  await lb.open();
  await expect(lb.policy()).toHaveAttribute('data-source', 'cluster');
  await expect(lb.policyLine('scheduler')).toHaveText('rr — round robin');
  await expect(lb.policyLine('method')).toHaveText('Direct routing (DR)');
  await expect(lb.policyLine('persistence')).toHaveText('300 s');
  await expect(lb.policyLine('check')).toHaveText(
    'HTTP GET /health → 200 every 2 s; timeout 1 s, 1 retry 1 s apart',
  );
  await expect(lb.policyLine('onFailure')).toHaveText('removed from IPVS');

  // A custom service starts from it.
  await lb.startService();
  await lb.pickPreset('custom');
  await lb.nextUntil(SERVICE_STEP.scheduling);
  await expect(lb.field('service-scheduler-input')).toHaveValue('rr');
  await expect(lb.field('service-persistence')).toHaveValue('300');
  await expect(lb.field('method-dr')).toBeChecked();
  await lb.nextUntil(SERVICE_STEP.check);
  await expect(lb.field('check-kind')).toHaveValue('http');
  await expect(lb.field('check-path')).toHaveValue('/health');
  await lb.field('service-cancel').click();
  await expect(lb.wizard()).toHaveCount(0);

  // Reset to defaults drops it from the model.
  await lb.resetPolicy();
  await expect(lb.policy()).toHaveAttribute('data-source', 'default');
  await expect(lb.policyLine('scheduler')).toHaveText('wlc — weighted least connections');
  await expect(lb.policyLine('persistence')).toHaveText('off');
});

test('live status: a manager without ipvsadm shows why it cannot be read, and polling goes on', async ({
  page,
  sshd,
  app,
}) => {
  const hosts = await clusterOnLoopback(page, app, sshd, () => ({
    vips: [{ address: VIP }],
    services: [httpService({ includeManager: { weight: 1 } })],
  }));
  // Connected, so that the status really runs ipvsadm on the manager.
  await hosts.connectTrusting('loop');

  const lb = new LbPage(page);
  await lb.open();
  await expect(lb.managerError()).toContainText('ipvsadm');
  // The services still show, from the model, with the manager's state unknown.
  await expect(lb.live().getByTestId('lb-status-model-only')).toBeVisible();
  await expect(
    lb.live().locator('[data-testid="status-service"][data-service-id="http-80"]'),
  ).toBeVisible();
  await expect(lb.live().getByTestId('lb-keepalived')).toBeVisible();
  await expect(lb.serviceRow('http-80')).toBeVisible();
  // Never applied: the service and its server are pending apply, not missing or down.
  const live = lb.live().locator('[data-testid="status-service"][data-service-id="http-80"]');
  await expect(live.getByTestId('status-pending')).toHaveText('pending apply');
  await expect(live.getByTestId('status-missing')).toHaveCount(0);
  await expect(live.getByTestId('rs-state')).toHaveText('pending apply');
  await expect(live.getByTestId('rs-state')).toHaveAttribute('data-state', 'pending');
  await expect(lb.serviceRow('http-80').getByTestId('service-pending')).toBeVisible();

  // It is read again every 2 s: the reading time moves on, the alert stays.
  const at = lb.live().getByTestId('lb-status-at');
  const first = await at.textContent();
  await expect.poll(() => at.textContent(), { timeout: 10_000 }).not.toBe(first);
  await expect(lb.managerError()).toBeVisible();
  await expectAccessible(page, 'the live status with the manager error');
});

test('node operations: drain and return to service change the model, then open the plan preview', async ({
  page,
  sshd,
  app,
}) => {
  await oneNodeClusterOnLoopback(page, app, sshd);
  const lb = new LbPage(page);
  await lb.open();
  await expect(lb.serviceRow('http-80').getByTestId('service-server')).toHaveText('node1 ×2');
  const row = lb.root().getByTestId('lb-node-row');
  await expect(row).toHaveAttribute('data-mode', 'active');
  await expect(row.getByTestId('node-lb-phase')).toHaveText('active');
  await expect(row.getByTestId('node-return')).toHaveCount(0);

  // Drain: the model changes at once; what reaches the hosts is the previewed plan.
  await row.getByTestId('node-drain').click();
  await expect(row).toHaveAttribute('data-mode', 'drain');
  await expect(row.getByTestId('node-lb-phase')).toHaveAttribute('data-phase', 'drain-pending');
  const dialog = page.getByTestId('plan-dialog');
  await expect(dialog).toBeVisible();
  // The hosts were never trusted here, so the preview cannot observe them and says so.
  await expect(dialog.getByTestId('error-alert')).toBeVisible();
  await expect(dialog.getByTestId('plan-apply')).toBeDisabled();
  await dialog.getByTestId('plan-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expectAccessible(page, 'the node operations with a pending drain');

  // Return to service brings it back to active in the model.
  await row.getByTestId('node-return').click();
  await expect(row).toHaveAttribute('data-mode', 'active');
  await expect(page.getByTestId('plan-dialog')).toBeVisible();
  await page.getByTestId('plan-cancel').click();
  await expect(row.getByTestId('node-lb-phase')).toHaveText('active');

  // Review & apply opens the same plan flow.
  await lb.field('lb-review-apply').click();
  await expect(page.getByTestId('plan-dialog')).toBeVisible();
  await page.getByTestId('plan-cancel').click();
});
