import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ELECTRON_SKIP_REASON, electronBinary } from '../support/electron-binary';

const root = resolve(__dirname, '..', '..');

const bin = electronBinary();

test.describe('Electron shell', () => {
  test.skip(!bin, ELECTRON_SKIP_REASON);

  test('opens a sandboxed, isolated window that shows the app and exposes only the api bridge', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cd-electron-'));
    const app = await electron.launch({
      executablePath: bin!,
      args: [join(root, 'out/main/index.cjs')],
      env: { ...process.env, CLUSTERDECK_DATA_DIR: dataDir },
    });
    try {
      const win = await app.firstWindow();
      await expect(win.locator('html')).toHaveAttribute('data-app-state', 'ready');
      const globals = await win.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as { clusterdeck?: object }).clusterdeck ?? {}).sort(),
      }));
      expect(globals).toEqual({
        require: 'undefined',
        process: 'undefined',
        bridge: ['onOpenSnapshot', 'pickFile', 'ready', 'request', 'subscribe'],
      });
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        type Prefs = { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean };
        const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
          getLastWebPreferences(): Prefs | null;
        };
        const p = contents.getLastWebPreferences();
        return {
          contextIsolation: p?.contextIsolation,
          sandbox: p?.sandbox,
          nodeIntegration: p?.nodeIntegration,
        };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      // The key file picker: main's native dialog (answered here in its place) fills the field.
      await app.evaluate(({ dialog }) => {
        dialog.showOpenDialog = () =>
          Promise.resolve({ canceled: false, filePaths: ['/home/admin/.ssh/id_ed25519'] });
      });
      await win.getByTestId('nav-hosts').click();
      await win.getByTestId('add-host-button').click();
      await win.getByTestId('host-auth-method').selectOption('key');
      await win.getByTestId('host-key-browse').click();
      await expect(win.getByTestId('host-key-path')).toHaveValue('/home/admin/.ssh/id_ed25519');
      await win.keyboard.press('Escape');
      // Navigation away from the app is blocked.
      await win.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await expect.poll(() => win.url()).toMatch(/^app:\/\/clusterdeck\//);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
