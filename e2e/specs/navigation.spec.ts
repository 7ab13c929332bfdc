import type { Page } from '@playwright/test';
import { expectAccessible } from '../support/axe';
import { expect, test } from '../support/app-fixtures';
import { oneNodeClusterOnLoopback } from '../support/loopback-cluster';

/** The fragment of the page's URL (the page's route), never the token. */
const route = (page: Page): string => new URL(page.url()).hash;

/** Waits until the URL names `hash` (a route the app wrote, or the browser walked to). */
async function expectRoute(page: Page, hash: string | RegExp): Promise<void> {
  await expect.poll(() => route(page)).toMatch(hash);
}

test('lands on the overview, with the next step while there is no cluster', async ({
  page,
  app,
}) => {
  const token = new URL(app.url).hash.replace(/^#token=/, '');
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await expect(page.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
  expect(page.url()).not.toContain(token);
  await expect(page.getByTestId('overview-no-cluster')).toBeVisible();
  await expect(page.getByTestId('overview-hosts-total')).toHaveText('0 hosts');
  await expect(page.getByTestId('overview-next-step')).toHaveText('Add your hosts');
  await expectAccessible(page, 'the overview without a cluster');

  await page.getByTestId('overview-next-step').click();
  await expect(page.getByTestId('add-host-button')).toBeVisible();
  await expectRoute(page, '#/hosts');
  // Reload keeps the admin logged in and on the page, and the token stays out of the URL.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByTestId('add-host-button')).toBeVisible();
  expect(page.url()).not.toContain(token);
  await page.goBack();
  await expect(page.getByTestId('overview-page')).toBeVisible();
});

test('every page has a URL: Back, Forward and reload keep the admin where they were', async ({
  page,
  sshd,
  app,
}) => {
  const hosts = await oneNodeClusterOnLoopback(page, app, sshd);
  const loopId = await hosts.row('loop').getAttribute('data-host-id');
  expect(loopId).not.toBeNull();

  await page.getByTestId('nav-overview').click();
  await expectRoute(page, '#/');
  const card = page.getByTestId('overview-cluster');
  await expect(card).toHaveCount(1);
  const clusterId = await card.getAttribute('data-cluster-id');
  expect(clusterId).not.toBeNull();
  // Nothing connected, one service whose manager cannot be read, no queue, no apply yet.
  await expect(card.getByTestId('overview-hosts-connected')).toHaveText('0 of 2');
  await expect(card.getByTestId('overview-host-down')).toHaveCount(2);
  await expect(card.getByTestId('overview-services-total')).toHaveText('1 service');
  await expect(card.getByTestId('overview-services-unread')).toBeVisible({ timeout: 30_000 });
  await expect(card.getByTestId('overview-services-down')).toHaveCount(0);
  await expect(card.getByTestId('overview-queue-state')).toHaveAttribute('data-state', 'idle');
  await expect(card.getByTestId('overview-last-apply-state')).toHaveAttribute('data-state', 'none');
  await expectAccessible(page, 'the overview with a cluster');

  // Each figure leads to its page.
  await card.getByTestId('overview-hosts-connected').click();
  await expectRoute(page, '#/hosts');
  await expect(page.getByTestId('nav-hosts')).toHaveAttribute('aria-current', 'page');
  await hosts.row('loop').getByTestId('host-open').click();
  await expectRoute(page, `#/hosts/${loopId}`);
  await expect(page.getByTestId('host-detail')).toHaveAttribute('data-host-id', loopId!);
  await page.getByTestId('nav-cluster').click();
  // The nav item names no cluster; the URL is rewritten to the cluster shown.
  await expectRoute(page, `#/clusters/${clusterId}`);
  await expect(page.getByTestId('cluster-page')).toHaveAttribute('data-cluster-id', clusterId!);
  await page.getByTestId('nav-load-balancing').click();
  await expectRoute(page, `#/clusters/${clusterId}/load-balancing`);
  await expect(page.getByTestId('lb-page')).toHaveAttribute('data-cluster-id', clusterId!);

  // Back walks the same pages in reverse, Forward walks them again.
  await page.goBack();
  await expect(page.getByTestId('cluster-page')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('host-detail')).toHaveAttribute('data-host-id', loopId!);
  await page.goBack();
  await expect(page.getByTestId('add-host-button')).toBeVisible();
  await page.goBack();
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await page.goForward();
  await expect(page.getByTestId('add-host-button')).toBeVisible();
  await page.goForward();
  await expect(page.getByTestId('host-detail')).toHaveAttribute('data-host-id', loopId!);
  await expectRoute(page, `#/hosts/${loopId}`);

  // Reload stays on the page: a host, then the load-balancing page.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByTestId('host-detail')).toHaveAttribute('data-host-id', loopId!);
  await page.goForward();
  await page.goForward();
  await expect(page.getByTestId('lb-page')).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByTestId('lb-page')).toHaveAttribute('data-cluster-id', clusterId!);
  await expect(page.getByTestId('nav-load-balancing')).toHaveAttribute('aria-current', 'page');

  // A queue URL with a selected host's queue is a page too.
  await page.goto(`${app.origin}/#/queue/${loopId}`);
  await expect(page.getByTestId('nav-queue')).toHaveAttribute('aria-current', 'page');
});

test('a URL that names no page says so, with a way to the overview', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');

  for (const hash of ['#/no-such-page', '#/hosts/a%20b/c', '#/queue/h1/0']) {
    await page.goto(`${app.origin}/${hash}`);
    await expect(page.getByTestId('not-found-page')).toBeVisible();
    await expect(page.getByTestId('not-found-page')).toContainText(hash);
  }
  await expectAccessible(page, 'the not-found page');
  await page.getByTestId('not-found-overview').click();
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await expectRoute(page, '#/');

  // A cluster that does not exist is not silently replaced by another one.
  await page.goto(`${app.origin}/#/clusters/nope`);
  await expect(page.getByTestId('not-found-page')).toContainText('No cluster has the id nope.');
  // Reloading an unknown URL shows the same page, never a blank screen.
  await page.goto(`${app.origin}/#/what/ever`);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByTestId('not-found-page')).toContainText('#/what/ever');
});
