import { expect, type Locator, type Page } from '@playwright/test';
import type { SshdHandle } from '../support/sshd';

/** What the add-host dialog needs. */
export interface NewHost {
  name: string;
  address: string;
  port: number;
  user: string;
  keyPath: string;
}

/** Page object of the Hosts page and host detail (test ids are the contract with the UI). */
export class HostsPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the app URL (with its token), waits for the readiness signal and goes to the Hosts
   * page (the app lands on the overview). A page that already shows the app is reloaded, as an
   * admin would: the URL differs from the page's only by its fragment, and going to it would not
   * load the page again.
   */
  async open(url: string): Promise<void> {
    if (this.page.url().startsWith(`${new URL(url).origin}/`)) await this.page.reload();
    else await this.page.goto(url);
    await expect(this.page.locator('html')).toHaveAttribute('data-app-state', 'ready');
    await this.gotoHosts();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="host-row"][data-host-name="${name}"]`);
  }

  async addHost(h: NewHost): Promise<void> {
    await this.page.getByTestId('add-host-button').click();
    await this.page.getByTestId('host-name').fill(h.name);
    await this.page.getByTestId('host-address').fill(h.address);
    await this.page.getByTestId('host-port').fill(String(h.port));
    await this.page.getByTestId('host-user').fill(h.user);
    await this.page.getByTestId('host-auth-method').selectOption('key');
    await this.page.getByTestId('host-key-path').fill(h.keyPath);
    await this.page.getByTestId('add-host-submit').click();
    await expect(this.row(h.name)).toBeVisible();
  }

  /** Adds the test's loopback sshd as host `name`, logging in as `user` with its client key. */
  async addLoopbackHost(sshd: SshdHandle, name = 'loop', user = sshd.user): Promise<void> {
    await this.addHost({
      name,
      address: sshd.host,
      port: sshd.port,
      user,
      keyPath: sshd.clientKeyPath,
    });
  }

  /** Connects a host whose key is not trusted yet, trusts it, and waits until it is connected. */
  async connectTrusting(name: string): Promise<void> {
    await this.connect(name);
    await this.trustDialog().getByTestId('trust-accept').click();
    await expect(this.detailState()).toHaveText('connected');
  }

  /** Goes (back) to the host list. */
  async gotoHosts(): Promise<void> {
    await this.page.getByTestId('nav-hosts').click();
    await expect(this.page.getByTestId('add-host-button')).toBeVisible();
  }

  async connect(name: string): Promise<void> {
    await this.row(name).getByTestId('host-connect').click();
  }

  /** The state chip of a host in the list. */
  state(name: string): Locator {
    return this.row(name).getByTestId('host-state');
  }

  /** The state chip on the host detail page (connecting opens it). */
  detailState(): Locator {
    return this.page.getByTestId('host-detail').getByTestId('host-state');
  }

  trustDialog(): Locator {
    return this.page.getByTestId('trust-dialog');
  }

  async openHost(name: string): Promise<void> {
    await this.row(name).getByTestId('host-open').click();
    await expect(this.page.getByTestId('host-detail')).toBeVisible();
  }

  fact(id: 'os' | 'kernel' | 'arch' | 'hostname' | 'virtualization' | 'clock'): Locator {
    return this.page.getByTestId(`fact-${id}`);
  }
}
