import { expect, type Locator, type Page } from '@playwright/test';

/** The setup wizard's steps, by index. */
export const SETUP_STEP = { layout: 0, manager: 1, storage: 2, nodes: 3, review: 4 } as const;

/** Page object of the Cluster page and its setup wizard (test ids are the contract). */
export class ClusterPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-cluster').click();
  }

  wizard(): Locator {
    return this.page.getByTestId('cluster-setup');
  }

  /** Waits until the wizard shows step `index`. */
  async expectStep(index: number): Promise<void> {
    await expect(this.wizard()).toHaveAttribute('data-step', String(index));
  }

  async next(): Promise<void> {
    await this.page.getByTestId('setup-next').click();
  }

  /** Jumps to a step through the stepper. */
  async goTo(index: number): Promise<void> {
    await this.page.locator(`[data-testid="setup-step"][data-index="${index}"]`).click();
    await this.expectStep(index);
  }

  /** Clicks Next until the review step shows. */
  async nextUntilReview(): Promise<void> {
    for (;;) {
      const step = Number(await this.wizard().getAttribute('data-step'));
      if (step === SETUP_STEP.review) return;
      await this.next();
      await this.expectStep(step + 1);
    }
  }

  async save(): Promise<void> {
    await this.page.getByTestId('setup-save').click();
  }

  field(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** The error message shown under the field of a model path, e.g. `manager.quorumIp`. */
  fieldError(path: string): Locator {
    return this.page.locator(`[data-testid="field-error"][data-field="${path}"]`);
  }

  allFieldErrors(): Locator {
    return this.page.getByTestId('field-error');
  }

  /** Blockers the probe found on a host, as the wizard shows them. */
  hostBlockers(): Locator {
    return this.page.getByTestId('host-blocker');
  }

  saved(): Locator {
    return this.page.getByTestId('setup-saved');
  }

  clusterPage(): Locator {
    return this.page.getByTestId('cluster-page');
  }
}
