#!/usr/bin/env node
// Builds everything the app runs: the renderer (Vite) and the Node/Electron entry points
// (esbuild bundles of our own code; packages stay external and load from node_modules).
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'out');
const only = process.argv.includes('--node-only') ? 'node' : 'all';
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __CLUSTERDECK_VERSION__: JSON.stringify(version) },
};

const entries = [
  { in: 'electron/headless/main.ts', out: 'headless/index.cjs' },
  { in: 'electron/cli/main.ts', out: 'cli/index.cjs' },
  { in: 'electron/main/index.ts', out: 'main/index.cjs', external: ['electron'] },
];

await Promise.all(
  entries.map((e) =>
    esbuild({
      ...common,
      entryPoints: [join(root, e.in)],
      outfile: join(out, e.out),
      external: e.external ?? [],
    }),
  ),
);

// The sandboxed preload can require only 'electron': bundle everything else into it.
await esbuild({
  ...common,
  packages: undefined,
  external: ['electron'],
  platform: 'browser',
  target: 'chrome130',
  entryPoints: [join(root, 'electron/preload/index.ts')],
  outfile: join(out, 'preload/index.cjs'),
});

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');

if (only === 'all') {
  const vite = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
console.log(`built ${only === 'all' ? 'renderer and ' : ''}entry points into out/`);
