import { expect, type Locator, type Page } from '@playwright/test';

/** The add-service wizard's steps, by index. */
export const SERVICE_STEP = { preset: 0, address: 1, scheduling: 2, check: 3, servers: 4 } as const;

/** Page object of the Load balancing page (test ids are the contract with the UI). */
export class LbPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-load-balancing').click();
    await expect(this.root()).toBeVisible();
  }

  root(): Locator {
    return this.page.getByTestId('lb-page');
  }

  field(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** The message shown under the field of a model path, e.g. `services.1.listen.port`. */
  fieldError(path: string): Locator {
    return this.page.locator(`[data-testid="field-error"][data-field="${path}"]`);
  }

  vipRow(address: string): Locator {
    return this.page.locator(`[data-testid="vip-row"][data-vip="${address}"]`);
  }

  async addVip(address: string, iface = ''): Promise<void> {
    await this.field('vip-address').fill(address);
    await this.field('vip-interface').fill(iface);
    await this.field('vip-add').click();
  }

  wizard(): Locator {
    return this.page.getByTestId('service-wizard');
  }

  async expectWizardStep(index: number): Promise<void> {
    await expect(this.wizard()).toHaveAttribute('data-step', String(index));
  }

  /** Opens the add-service wizard on its preset step. */
  async startService(): Promise<void> {
    await this.field('service-add').click();
    await this.expectWizardStep(SERVICE_STEP.preset);
  }

  async pickPreset(id: string): Promise<void> {
    await this.field(`preset-${id}`).check();
  }

  /** Clicks Next until the wizard shows step `index`. */
  async nextUntil(index: number): Promise<void> {
    for (;;) {
      const step = Number(await this.wizard().getAttribute('data-step'));
      if (step >= index) return;
      await this.field('service-next').click();
      await this.expectWizardStep(step + 1);
    }
  }

  async saveService(): Promise<void> {
    await this.field('service-save').click();
  }

  serviceRows(): Locator {
    return this.page.getByTestId('service-row');
  }

  serviceRow(id: string): Locator {
    return this.page.locator(`[data-testid="service-row"][data-service-id="${id}"]`);
  }

  /** The default policy section. */
  policy(): Locator {
    return this.page.getByTestId('lb-policy');
  }

  /** A line of the policy section: scheduler, method, persistence, check, detection, onFailure. */
  policyLine(key: string): Locator {
    return this.policy().getByTestId(`policy-${key}`);
  }

  policyDialog(): Locator {
    return this.page.getByTestId('policy-dialog');
  }

  /** Opens the default policy editor. */
  async editPolicy(): Promise<void> {
    await this.policy().getByTestId('policy-edit').click();
    await expect(this.policyDialog()).toBeVisible();
  }

  /** Resets the default policy to the built-in one (confirmed). */
  async resetPolicy(): Promise<void> {
    await this.policy().getByTestId('policy-reset').click();
    await this.page.getByTestId('policy-reset-dialog').getByTestId('confirm-accept').click();
  }

  /** The live status panel. */
  live(): Locator {
    return this.page.getByTestId('lb-live');
  }

  /** Why the manager's IPVS table could not be read. */
  managerError(): Locator {
    return this.live().getByTestId('lb-status-error');
  }
}
