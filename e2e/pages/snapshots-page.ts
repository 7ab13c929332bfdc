import { basename } from 'node:path';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

/**
 * Page object of a cluster's Snapshots page and its diff view (test ids are the contract with
 * the UI). Row buttons are found inside their row: the shell has an "Open snapshot" button too.
 */
export class SnapshotsPage {
  /** `slowMs` bounds taking a snapshot (the lab's emulated hosts need minutes). */
  constructor(
    readonly page: Page,
    private readonly slowMs = 60_000,
  ) {}

  /** Opens the page from the cluster page's header. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-cluster').click();
    await this.page.getByTestId('cluster-snapshots').click();
    await expect(this.root()).toBeVisible();
  }

  root(): Locator {
    return this.page.getByTestId('snapshots-page');
  }

  field(testId: string): Locator {
    return this.root().getByTestId(testId);
  }

  /** Every kept snapshot's row, newest first. */
  rows(): Locator {
    return this.page.locator('[data-testid^="snapshot-row-"]');
  }

  row(id: string): Locator {
    return this.page.getByTestId(`snapshot-row-${id}`);
  }

  /** The kept snapshots' ids, newest first. */
  async ids(): Promise<string[]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-snapshot-id') ?? ''),
    );
  }

  /** Waits until no snapshot is being taken and no comparison is being made. */
  async settled(): Promise<void> {
    await expect(this.page.getByTestId('snapshot-progress')).toHaveCount(0, {
      timeout: this.slowMs,
    });
    await expect(this.page.getByTestId('snapshot-comparing')).toHaveCount(0, {
      timeout: this.slowMs,
    });
  }

  /** Takes a snapshot and waits for its row; returns the new snapshot's id. */
  async take(): Promise<string> {
    const before = await this.ids();
    await this.field('snapshot-take').click();
    await expect(this.rows()).toHaveCount(before.length + 1, { timeout: this.slowMs });
    await this.settled();
    const added = (await this.ids()).filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);
    return added[0]!;
  }

  /** Waits until the diff view shows these two snapshots (ids or file names), older first. */
  async expectComparing(older: string, newer: string): Promise<void> {
    await expect(this.diff()).toHaveAttribute('data-older', older, { timeout: 60_000 });
    await expect(this.diff()).toHaveAttribute('data-newer', newer);
  }

  /** Selects exactly these kept snapshots (older first) and compares them. */
  async compare(older: string, newer: string): Promise<void> {
    for (const id of await this.ids()) {
      const box = this.row(id).getByTestId('snapshot-select');
      await box.setChecked(id === older || id === newer);
    }
    await this.field('snapshot-compare').click();
    await this.expectComparing(older, newer);
  }

  /** Compares a kept snapshot with one taken now; returns the new snapshot's id. */
  async compareWithNow(id: string): Promise<string> {
    const before = await this.ids();
    await this.row(id).getByTestId('snapshot-compare-live').click();
    await expect(this.rows()).toHaveCount(before.length + 1, { timeout: this.slowMs });
    const now = (await this.ids()).find((x) => !before.includes(x))!;
    await this.expectComparing(id, now);
    return now;
  }

  /** Downloads a kept snapshot's file. */
  async download(id: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.row(id).getByTestId('snapshot-download').click(),
    ]);
    return download;
  }

  /** Compares two snapshot files from disk (paths; the older one first). */
  async compareFiles(older: string, newer: string): Promise<void> {
    const files = this.field('snapshot-files');
    if (!(await files.isVisible())) await this.field('snapshot-compare-files').click();
    await this.field('snapshot-file-a').setInputFiles(older);
    await this.field('snapshot-file-b').setInputFiles(newer);
    await this.field('snapshot-files-compare').click();
    await this.expectComparing(basename(older), basename(newer));
  }

  /**
   * Uses a snapshot's model, confirmed: from its row, or (`from` omitted) from the diff view's
   * older side. The plan preview opens next (see ClusterPlanDialog).
   */
  async useModel(from?: string): Promise<void> {
    const where = from === undefined ? this.diff() : this.row(from);
    await where.getByTestId('snapshot-use-model').click();
    await this.page.getByTestId('snapshot-use-model-dialog').getByTestId('confirm-accept').click();
  }

  /** Removes a kept snapshot, confirmed, and waits until its row is gone. */
  async remove(id: string): Promise<void> {
    await this.row(id).getByTestId('snapshot-remove').click();
    await this.page.getByTestId('snapshot-remove-dialog').getByTestId('confirm-accept').click();
    await expect(this.row(id)).toHaveCount(0);
  }

  /** The diff view. */
  diff(): Locator {
    return this.page.getByTestId('snapshot-diff');
  }

  /** The diff's changes, of one kind when given ('model', 'file', 'ipvs', 'fact', 'queue'). */
  changes(kind?: string): Locator {
    return kind === undefined
      ? this.diff().getByTestId('snapshot-change')
      : this.diff().locator(`[data-testid="snapshot-change"][data-kind="${kind}"]`);
  }
}
