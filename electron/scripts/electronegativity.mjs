#!/usr/bin/env node
// Runs Electronegativity (Doyensec's Electron security linter) over the app's code: the Electron
// shell, the preload, the engine and the renderer, tests left out. Fails on any finding of high
// or medium severity; a false positive is marked where it is found with an
// `eng-disable CHECK_ID` comment that says why. Lower findings are printed for review.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, '.cache', 'electronegativity');
const input = join(work, 'src');
const report = join(work, 'findings.csv');

rmSync(work, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
const isTest = (src) => /\.test\.tsx?$/.test(src) || src.includes(`${join('e2e', '')}`);
for (const dir of ['electron', 'renderer', 'shared']) {
  cpSync(join(root, dir), join(input, dir), { recursive: true, filter: (src) => !isTest(src) });
}

// Its Electron version: the one the app is built with (the binary may be absent here).
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const bin = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const run = spawnSync(
  process.execPath,
  [bin, '-i', input, '-r', '-v', 'false', '-e', electronVersion, '-o', report],
  {
    encoding: 'utf8',
    // It looks up Electron's releases online; where that is blocked it says so and goes on.
    timeout: 300_000,
  },
);
if (run.status !== 0 || !existsSync(report)) {
  console.error(`electronegativity failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

/** Splits one CSV line of its report (quoted fields may hold commas). */
function fields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const findings = readFileSync(report, 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => {
    const [issue, severity, confidence, file, location, , description] = fields(l);
    return { issue, severity, confidence, file, location, description };
  });
const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
for (const f of findings) {
  console.log(`${f.severity.padEnd(13)} ${f.issue} ${f.file}:${f.location} ${f.description}`);
}
console.log(
  `Electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${blocking.length} of high or medium severity`,
);
process.exit(blocking.length > 0 ? 1 : 0);
