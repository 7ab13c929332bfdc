import { test as base } from '@playwright/test';
import { startAppServer, type AppServer } from './app-server';
import { startSshd, type SshdHandle } from './sshd';

/** Playwright's `test` with a fresh loopback sshd and a fresh browser-mode app for each test. */
export const test = base.extend<{ sshd: SshdHandle; app: AppServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  sshd: async ({}, use) => {
    const sshd = await startSshd();
    await use(sshd);
    await sshd.stop();
  },
  // Started after sshd and stopped before it, as the tests did by hand.
  app: async ({ sshd: _sshd }, use) => {
    const app = await startAppServer();
    await use(app);
    await app.stop();
  },
});

export { expect } from '@playwright/test';
