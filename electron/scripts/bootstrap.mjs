#!/usr/bin/env node
// Makes a checkout runnable: installs npm dependencies when package-lock.json changed (Electron's
// binary download is tried separately so that a machine without access to it still installs),
// and rebuilds out/ when any source is newer than the last build. Uses only Node built-ins.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// What installing and building print goes to stderr: stdout is the command's own (clusterdeck --json).
function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['inherit', 2, 'inherit'],
    env: { ...process.env, ...env },
  });
  return r.status === 0;
}

/** Installs dependencies if node_modules does not match package-lock.json. */
export function ensureDependencies({ tryElectron = true } = {}) {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const want = createHash('sha256').update(lock).digest('hex');
  const stampFile = join(root, 'node_modules', '.clusterdeck-lock-hash');
  const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (have === want) return;
  console.error('Installing dependencies (npm ci)...');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })) {
    console.error('npm ci failed; see the output above.');
    process.exit(1);
  }
  if (tryElectron && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    // Where Electron's download host is unreachable this fails; browser mode still works.
    const r = spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      const why =
        `${r.stderr}`
          .split('\n')
          .find((l) => /error/i.test(l))
          ?.trim() ?? 'download failed';
      console.error(
        `Electron's binary could not be downloaded (${why}); the app will run in browser mode.`,
      );
    }
  }
  writeFileSync(stampFile, want + '\n');
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|tsx|mjs|html|css|svg|json)$/.test(entry.name))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Rebuilds out/ when a source under shared/, electron/ or renderer/ is newer than the last build. */
export function ensureBuilt({ force = false } = {}) {
  const stamp = join(root, 'out', '.build-stamp');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const newest = Math.max(
    ...['shared', 'electron', 'renderer', 'assets'].map((d) => newestMtime(join(root, d))),
  );
  if (!force && built >= newest && existsSync(join(root, 'out/renderer/index.html'))) return;
  if (!run(process.execPath, [join(root, 'electron/scripts/build.mjs')])) {
    console.error('Build failed; see the output above.');
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString() + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDependencies({ tryElectron: !process.argv.includes('--no-electron') });
  ensureBuilt({ force: process.argv.includes('--force') });
}
