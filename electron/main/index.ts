import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  protocol,
  session,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_CHANNELS, type EventMessage } from '../../shared/api/bridge';
import { dispatch } from '../../shared/api/dispatch';
import { HeldEvents } from '../../shared/api/held-events';
import { createEngine, type Engine } from '../core/engine';
import { CSP } from '../../shared/security/csp';
import { safeStorageSecretStore } from './secret-store';
import { snapshotOpening } from './snapshot-open';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://clusterdeck`;
const rendererDir = join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
const snapshots = snapshotOpening();

/** Serves the built renderer from app://clusterdeck/, confined to its folder. */
function registerAppProtocol(): void {
  protocol.handle(SCHEME, (req) => {
    const url = new URL(req.url);
    if (url.host !== 'clusterdeck') return new Response('not found', { status: 404 });
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response('bad path', { status: 400 });
    }
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

function isOurFrame(contents: WebContents, frameUrl: string | undefined): boolean {
  return (
    !contents.isDestroyed() && typeof frameUrl === 'string' && frameUrl.startsWith(ORIGIN + '/')
  );
}

function hardenSession(): void {
  // The app needs no web permission (camera, notifications, clipboard...): every request and
  // every check is denied.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

function registerIpc(engine: Engine, win: BrowserWindow): void {
  const events = new HeldEvents<EventMessage>((msg) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_CHANNELS.event, msg);
  });
  const unsubscribe = engine.onEvent((event, payload) => events.push({ event, payload }));
  win.on('closed', unsubscribe);

  ipcMain.handle(
    IPC_CHANNELS.request,
    async (event, msg: { channel?: unknown; input?: unknown }) => {
      if (!isOurFrame(event.sender, event.senderFrame?.url)) {
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'request from a foreign frame' },
        };
      }
      return dispatch(engine.handlers, msg?.channel, msg?.input);
    },
  );
  // The desktop file picker (e.g. an SSH key): only the chosen path goes back to the renderer.
  ipcMain.handle(IPC_CHANNELS.pickFile, async (event, msg: { title?: unknown }) => {
    if (!isOurFrame(event.sender, event.senderFrame?.url)) return null;
    const title = typeof msg?.title === 'string' ? msg.title.slice(0, 200) : 'Choose a file';
    const ssh = join(app.getPath('home'), '.ssh');
    const r = await dialog.showOpenDialog(win, {
      title,
      defaultPath: existsSync(ssh) ? ssh : app.getPath('home'),
      properties: ['openFile', 'showHiddenFiles'],
    });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  ipcMain.on(IPC_CHANNELS.ready, (event) => {
    if (!isOurFrame(event.sender, event.senderFrame?.url)) return;
    events.release();
  });
}

function createWindow(engine: Engine): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'ClusterDeck',
    show: false,
    webPreferences: {
      // The preload exposes one bridge (window.clusterdeck: request, subscribe, ready) through
      // contextBridge, never ipcRenderer itself; main checks every sender frame. (Electronegativity
      // asks for a review of every preload: this is it.)
      preload: join(__dirname, '..', 'preload', 'index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // No middle-click opening of links in new windows (window.open is denied as well).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(ORIGIN + '/')) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  followBackForward(win);
  win.once('ready-to-show', () => win.show());
  registerIpc(engine, win);
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

/**
 * Back and Forward as a browser has them: every page of the app is a URL fragment, and the
 * window has no toolbar, so Alt+Left/Right and the mouse's back/forward buttons walk its history.
 */
function followBackForward(win: BrowserWindow): void {
  const history = win.webContents.navigationHistory;
  const go = (back: boolean) => {
    if (back && history.canGoBack()) history.goBack();
    else if (!back && history.canGoForward()) history.goForward();
  };
  win.webContents.on('before-input-event', (e, input) => {
    if (input.type !== 'keyDown' || !input.alt || input.control || input.meta || input.shift)
      return;
    if (input.key !== 'ArrowLeft' && input.key !== 'ArrowRight') return;
    e.preventDefault();
    go(input.key === 'ArrowLeft');
  });
  win.on('app-command', (_e, command) => {
    if (command === 'browser-backward' || command === 'browser-forward')
      go(command === 'browser-backward');
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  registerAppProtocol();
  hardenSession();
  const dataDir = process.env['CLUSTERDECK_DATA_DIR'] ?? app.getPath('userData');
  const engine = createEngine({ dataDir, mode: 'electron', secretStore: safeStorageSecretStore() });
  snapshots.attach(createWindow(engine));
  app.on('window-all-closed', () => {
    void engine.close().finally(() => app.quit());
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (e, url) => {
    if (!url.startsWith(ORIGIN + '/')) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

main().catch((e: unknown) => {
  console.error(e);
  app.exit(1);
});
