#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists, browser mode otherwise.
// `npm run serve` (--browser): always browser mode. Extra arguments go to the app
// (e.g. `npm run serve -- --port 8080 --data-dir /tmp/cd`).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ensureDependencies, root } from './bootstrap.mjs';

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const appArgs = args.filter((a) => a !== '--browser');

ensureDependencies();
ensureBuilt();

function electronBinary() {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/**
 * better-sqlite3 is a native addon: node_modules holds the build for Node (tests, browser mode,
 * CLI); Electron needs one for its own ABI. Build that copy once into .cache/ and point the
 * store at it, so the two never overwrite each other.
 */
function electronSqliteBinding() {
  const version = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  const dir = join(root, '.cache/electron-native', version, 'better-sqlite3');
  const binding = join(dir, 'build/Release/better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building better-sqlite3 for Electron ${version} (once)...`);
  cpSync(join(root, 'node_modules/better-sqlite3'), dir, { recursive: true });
  const gyp = join(root, 'node_modules/node-gyp/bin/node-gyp.js');
  const r = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--arch=' + process.arch,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: dir, stdio: 'inherit' },
  );
  return r.status === 0 && existsSync(binding) ? binding : null;
}

function run(cmd, cmdArgs, env = {}) {
  const child = spawn(cmd, cmdArgs, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const electron = browser ? null : electronBinary();
if (!browser && !electron) {
  console.log(
    "Electron's binary is not installed here (node_modules/electron/dist is missing): starting browser mode instead.",
  );
}
const binding = electron ? electronSqliteBinding() : null;
if (electron && binding) {
  run(electron, [join(root, 'out/main/index.cjs'), ...appArgs], {
    CLUSTERDECK_SQLITE_BINDING: binding,
  });
} else {
  if (electron)
    console.log('better-sqlite3 could not be built for Electron: starting browser mode instead.');
  run(process.execPath, [join(root, 'out/headless/index.cjs'), ...appArgs]);
}
