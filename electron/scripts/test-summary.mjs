#!/usr/bin/env node
// Adds up the JSON reports of the test command's runs (vitest projects and Playwright) into one
// closing line: "Summary: N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : []) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  if (r.stats) {
    // Playwright
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
  } else {
    // vitest (jest-compatible JSON); a file that failed to load counts as a failure
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
}
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
