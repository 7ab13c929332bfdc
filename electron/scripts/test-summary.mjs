#!/usr/bin/env node
// Adds up the JSON reports of the test command's stages (vitest projects and Playwright) into
// one closing line, "Summary: N passed, N failed, N skipped", and exits non-zero when any stage
// failed. A stage that failed without a failed test in its report (lint, typecheck, a runner
// that crashed or saw an unhandled error) counts as one failure and is named. Each failed test
// is named with the first line of its error, last, so a log cut short still says what failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const dir = process.argv[2];

/** passed/failed/skipped of one JSON report. */
function countsOf(file) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  if (r.stats) {
    // Playwright
    return {
      passed: r.stats.expected + r.stats.flaky,
      failed: r.stats.unexpected,
      skipped: r.stats.skipped,
    };
  }
  // vitest (jest-compatible JSON); a file that failed to load counts as a failure
  return {
    passed: r.numPassedTests ?? 0,
    failed:
      (r.numFailedTests ?? 0) +
      (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

/** The first line of an error message that says something, without colour codes. */
function firstLine(message) {
  const plain = stripVTControlCharacters(String(message ?? ''));
  return (
    plain
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

/** Failed tests of one JSON report: "file › title" and the first line of the error. */
function failuresOf(file) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const out = [];
  if (r.stats) {
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status !== 'unexpected') continue;
          const last = t.results?.at(-1);
          const err = last?.errors?.[0]?.message ?? last?.error?.message;
          out.push({ name: `${spec.file ?? path} › ${spec.title}`, error: firstLine(err) });
        }
      }
      for (const child of suite.suites ?? []) walk(child, suite.file ?? path);
    };
    for (const s of r.suites ?? []) walk(s, s.file ?? '');
    return out;
  }
  for (const fileResult of r.testResults ?? []) {
    const rel = String(fileResult.name ?? '').replace(`${process.cwd()}/`, '');
    const failedTests = (fileResult.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests)
      out.push({
        name: `${rel} › ${a.fullName ?? a.title}`,
        error: firstLine(a.failureMessages?.[0]),
      });
    if (failedTests.length === 0 && fileResult.status === 'failed')
      out.push({ name: rel, error: firstLine(fileResult.message) || 'the file failed to run' });
  }
  return out;
}

const reports = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
const byReport = new Map(reports.map((f) => [f, countsOf(f)]));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const c of byReport.values()) {
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
}

const stagesFile = join(dir ?? '.', 'stages.tsv');
const stages = existsSync(stagesFile)
  ? readFileSync(stagesFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, report, status] = l.split('\t');
        return { name, report, status: Number(status) };
      })
  : [];
const failedStages = stages.filter((s) => s.status !== 0);
for (const s of failedStages) {
  if ((byReport.get(s.report)?.failed ?? 0) === 0) failed += 1;
}
// A run that ended before its stages (dependencies or build failed) has failed too.
const unfinished = stages.length === 0 && process.env.CLUSTERDECK_TEST_EXIT !== '0';

console.log('');
for (const f of reports) {
  for (const { name, error } of failuresOf(f))
    console.log(`failed: ${name}${error ? `\n  ${error}` : ''}`);
}
for (const s of failedStages) console.log(`failed stage: ${s.name} (exit ${s.status})`);
if (unfinished && failedStages.length === 0)
  console.log('the run stopped before its test stages (see above)');
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failedStages.length > 0 || unfinished ? 1 : 0;
