import { LbPage } from '../pages/lb-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';
import { oneNodeClusterOnLoopback } from '../support/loopback-cluster';

test('tasks: a drain wait started in the app shows its progress in the tasks indicator and is cancelled there', async ({
  page,
  sshd,
  app,
}) => {
  // node1 is in drain in the model; the manager (loopback, no ipvsadm) cannot be read, so the
  // wait goes on until it is cancelled, telling why at each reading.
  const hosts = await oneNodeClusterOnLoopback(page, app, sshd, { lbMode: 'drain' });
  await hosts.connectTrusting('loop');
  const lb = new LbPage(page);
  await lb.open();
  const row = lb.root().getByTestId('lb-node-row');
  await expect(row).toHaveAttribute('data-mode', 'drain');

  await row.getByTestId('node-wait-drained').click();
  await expect(row.getByTestId('node-wait-drained')).toBeDisabled();

  await page.getByTestId('tasks-button').click();
  const panel = page.getByTestId('tasks-panel');
  const task = panel.locator('[data-testid="task-row"][data-task-kind="drain-wait"]');
  await expect(task).toHaveAttribute('data-task-state', 'running');
  await expect(task).toContainText('Wait for node1 to drain');
  await expect(task.getByRole('progressbar')).toBeVisible();
  // The manager is read and the progress says why it cannot be.
  await expect(task.getByTestId('task-step')).toContainText('node1: cannot read the manager', {
    timeout: 20_000,
  });

  await task.getByTestId('task-cancel').click();
  await expect(task).toHaveAttribute('data-task-state', 'cancelled');
  await expect(task.getByTestId('task-state')).toHaveText('cancelled');
  await expectAccessible(page, 'the tasks panel with a cancelled task');
  await page.keyboard.press('Escape');
  // The page's wait ended with it, without an error: the button is back.
  await expect(row.getByTestId('node-wait-drained')).toBeEnabled();
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
});
