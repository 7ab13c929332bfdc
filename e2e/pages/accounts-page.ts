import { expect, type Locator, type Page } from '@playwright/test';

/** An account to add through the dialog (empty optional fields are left as they are). */
export interface NewAccount {
  name: string;
  domain: string;
  aliases?: string;
  key?: string;
}

/** Page object of the cluster page's accounts: the list, the add and edit dialogs, the details. */
export class AccountsPage {
  constructor(readonly page: Page) {}

  row(name: string): Locator {
    return this.page.locator(`[data-testid="account-row"][data-account="${name}"]`);
  }

  async add(a: NewAccount): Promise<void> {
    await this.page.getByTestId('account-add').click();
    const dialog = this.page.getByTestId('add-account-dialog');
    await dialog.getByTestId('account-name').fill(a.name);
    await dialog.getByTestId('account-domain').fill(a.domain);
    if (a.aliases !== undefined) await dialog.getByTestId('account-aliases').fill(a.aliases);
    if (a.key !== undefined) await dialog.getByTestId('account-key').fill(a.key);
    await dialog.getByTestId('account-submit').click();
  }

  details(): Locator {
    return this.page.getByTestId('account-details');
  }

  async openDetails(name: string): Promise<void> {
    await this.row(name).getByTestId('account-open').click();
    await expect(this.details()).toBeVisible();
  }

  editDialog(): Locator {
    return this.page.getByTestId('account-edit-dialog');
  }

  /** The site check's rows, one per web node, once no check is running. */
  async siteChecksSettled(): Promise<Locator> {
    const section = this.details().getByTestId('account-site-checks');
    await expect(section).toHaveAttribute('data-checking', 'false', { timeout: 60_000 });
    return section.getByTestId('account-site-check');
  }

  /** The error shown under a field, by its path (`accounts.0.aliases`, `sftp.authorizedKeys`). */
  fieldError(path: string): Locator {
    return this.page.locator(`[data-testid="field-error"][data-field="${path}"]`);
  }
}
