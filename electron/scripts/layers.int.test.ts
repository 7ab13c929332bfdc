import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/**
 * Compiles one probe file inside a layer with that layer's own tsconfig and returns tsc's
 * output. Proves that a layer crossing fails the build, not just the linter.
 */
function compileInLayer(
  layerDir: string,
  source: string,
  probeSubdir = '',
): { status: number | null; out: string } {
  const dir = join(root, layerDir);
  const probe = join(dir, probeSubdir, '__layer_probe__.ts');
  const config = join(dir, '__layer_probe__.tsconfig.json');
  writeFileSync(probe, source);
  writeFileSync(
    config,
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: {
        composite: false,
        declaration: false,
        emitDeclarationOnly: false,
        noEmit: true,
        tsBuildInfoFile: null,
      },
      files: [probe],
      include: [],
      references: [],
    }),
  );
  try {
    const r = spawnSync(process.execPath, [tsc, '-p', config], { cwd: root, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  } finally {
    rmSync(probe, { force: true });
    rmSync(config, { force: true });
  }
}

describe('layer boundaries are enforced by the compiler', () => {
  it('shared/ cannot use Node built-ins', () => {
    const r = compileInLayer(
      'shared',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/node:fs/);
  });

  it('shared/ code that stays in its layer compiles (the probe itself is sound)', () => {
    const r = compileInLayer(
      'shared',
      "import { quote } from './shell/quote';\nexport const x = quote('a b');\n",
    );
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('the renderer cannot use process or Node built-ins', () => {
    const r = compileInLayer('renderer', 'export const x: string = process.platform;\n', 'src');
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/process/);
  });

  it('electron/core cannot import electron', () => {
    const r = compileInLayer(
      'electron/core',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/electron/);
  });
});
