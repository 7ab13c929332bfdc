import { writeFileSync } from 'node:fs';
import { LbPage } from '../pages/lb-page';
import { SnapshotsPage } from '../pages/snapshots-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';
import { clusterOnLoopback, VIP } from '../support/loopback-cluster';

test('snapshots: two around a model change compared (kept and as files), the first model restored for review, a reachable cluster unchanged since diffs to nothing, one removed', async ({
  page,
  sshd,
  app,
}) => {
  // Five snapshots, each reading the host, and a plan preview on a busy machine.
  test.setTimeout(240_000);
  // The loopback host stays unconnected while the model changes: once probed, its facts (a
  // container) refuse every save of a model that makes it a manager.
  const hosts = await clusterOnLoopback(page, app, sshd);

  // How many snapshots before applies are kept: a cluster setting, checked by the engine.
  await page.getByTestId('nav-cluster').click();
  const keep = page.getByTestId('settings-snapshots-before-apply');
  await expect(keep).toHaveValue('10');
  await keep.fill('101');
  await page.getByTestId('settings-save').click();
  await expect(
    page.locator('[data-testid="field-error"][data-field="settings.snapshotsBeforeApply"]'),
  ).toContainText('at most 100');
  await keep.fill('3');
  await page.getByTestId('settings-save').click();
  // Saved in the engine: a reload shows it (once the save has landed).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('settings-snapshots-before-apply')).toHaveValue('3', {
      timeout: 10_000,
    });
  }).toPass({ timeout: 60_000 });

  const snaps = new SnapshotsPage(page);
  await snaps.open();
  await expect(snaps.field('snapshot-none')).toBeVisible();

  // A host whose key is not trusted yet cannot be read: recorded, and the snapshot still taken.
  const first = await snaps.take();
  await expect(snaps.row(first).getByTestId('snapshot-reason')).toHaveText('manual');
  await expect(snaps.row(first).getByTestId('snapshot-unreachable')).toContainText('not reached');
  await expect(snaps.field('snapshot-compare')).toBeDisabled();
  await expectAccessible(page, 'the Snapshots page with a kept snapshot');

  // A VIP added to the model, then a second snapshot: newest first.
  const lb = new LbPage(page);
  await lb.open();
  await lb.addVip(VIP);
  await expect(lb.vipRow(VIP)).toBeVisible();
  await snaps.open();
  const second = await snaps.take();
  expect(await snaps.ids()).toEqual([second, first]);

  // The diff names the VIP in the model and nothing else.
  await snaps.compare(first, second);
  await expect(snaps.diff()).toHaveAttribute('data-empty', 'false');
  await expect(snaps.changes('model').filter({ hasText: VIP })).not.toHaveCount(0);
  const kinds = await snaps.changes().evaluateAll((els) => els.map((e) => e.dataset['kind']));
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.filter((k) => k !== 'model')).toEqual([]);
  await expectAccessible(page, 'the snapshot diff view with a model change');

  // The two files, downloaded, compare from disk as the kept ones do.
  const saved: string[] = [];
  for (const id of [first, second]) {
    const download = await snaps.download(id);
    expect(download.suggestedFilename()).toBe(id);
    const path = test.info().outputPath(id);
    await download.saveAs(path);
    saved.push(path);
  }
  await snaps.compareFiles(saved[0]!, saved[1]!);
  await expect(snaps.diff()).toHaveAttribute('data-empty', 'false');
  await expect(snaps.changes('model').filter({ hasText: VIP })).not.toHaveCount(0);
  await expectAccessible(page, 'the Snapshots page comparing two files');

  // A file that is no snapshot is refused with its code; the comparison shown goes.
  const foreign = test.info().outputPath('notes.cdsnap');
  writeFileSync(foreign, 'not a snapshot');
  await snaps.field('snapshot-file-b').setInputFiles(foreign);
  await snaps.field('snapshot-files-compare').click();
  await expect(page.getByTestId('snapshot-compare-error')).toContainText('SNAPSHOT_INVALID');
  await expect(snaps.diff()).toHaveCount(0);

  // Opened from the list, the first snapshot shows read-only (without the VIP) until closed.
  await snaps.row(first).getByTestId('snapshot-open').click();
  await expect(page.getByTestId('snapshot-banner')).toBeVisible();
  await lb.open();
  await expect(lb.root()).toBeVisible();
  await expect(lb.vipRow(VIP)).toHaveCount(0);
  await page.getByTestId('snapshot-close').click();
  await expect(page.getByTestId('snapshot-banner')).toHaveCount(0);
  await lb.open();
  await expect(lb.vipRow(VIP)).toBeVisible();
  await snaps.open();

  // The first snapshot's model (no VIP) becomes the desired one, and the plan preview opens:
  // nothing is applied without review.
  await snaps.compare(first, second);
  await snaps.diff().getByTestId('snapshot-use-model').click();
  await expectAccessible(page, 'the confirmation before using a snapshot model');
  await page.getByTestId('snapshot-use-model-dialog').getByTestId('confirm-accept').click();
  const plan = page.getByTestId('plan-dialog');
  await expect(plan).toBeVisible({ timeout: 60_000 });
  await plan.getByTestId('plan-cancel').click();
  await expect(plan).toHaveCount(0);
  await lb.open();
  await expect(lb.vipRow(VIP)).toHaveCount(0);

  // From its row, the second snapshot's model brings the VIP back, again through the preview.
  await snaps.open();
  await snaps.useModel(second);
  await expect(plan).toBeVisible({ timeout: 60_000 });
  await plan.getByTestId('plan-cancel').click();
  await expect(plan).toHaveCount(0);
  await lb.open();
  await expect(lb.vipRow(VIP)).toBeVisible();

  // Connected, the host is read (facts, files); a snapshot of the cluster unchanged since
  // diffs to nothing against it: what moves with time is masked.
  await hosts.gotoHosts();
  await hosts.connectTrusting('loop');
  await snaps.open();
  const reached = await snaps.take();
  await expect(snaps.row(reached).getByTestId('snapshot-unreachable')).toHaveText('all hosts read');
  const now = await snaps.compareWithNow(reached);
  await expect(snaps.row(now).getByTestId('snapshot-unreachable')).toHaveText('all hosts read');
  await expect(snaps.diff()).toHaveAttribute('data-empty', 'true');
  await expect(snaps.diff()).toContainText('No changes');
  await expect(snaps.changes()).toHaveCount(0);
  await expectAccessible(page, 'the snapshot diff view with no changes');

  // Removed (confirmed): the others stay, newest first.
  await snaps.remove(now);
  expect(await snaps.ids()).toEqual([reached, second, first]);
});
