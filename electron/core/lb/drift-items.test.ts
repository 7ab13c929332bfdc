import { describe, expect, it } from 'vitest';
import { plannedFile, step } from '../../../shared/plan/step';
import type { HostPlan, PlanStep } from '../../../shared/plan/types';
import type { SectionResult } from '../cluster/run-sections';
import {
  CHECK_OUTPUT_BYTES,
  CHECK_TIMEOUT_SEC,
  changedLines,
  checkSections,
  driftItems,
} from './drift-items';

const same = plannedFile('/etc/same.conf', 'a\n', 'a\n');
const changed = plannedFile('/etc/changed.conf', 'new\n', 'old\n');

const host: HostPlan = {
  hostId: 'h1',
  hostName: 'node1',
  role: 'node',
  steps: [
    step({ id: 'ok', title: 'In place', check: 'true', verify: null, files: [changed] }),
    step({
      id: 'silent',
      title: 'Silent check',
      check: 'grep -q x /etc/x',
      verify: null,
      files: [same, changed],
    }),
    step({ id: 'talks', title: 'Talking check', check: 'cmp x y', verify: null }),
    step({ id: 'slow', title: 'Slow check', check: 'sleep 99', verify: null, timeoutSec: 900 }),
    step({ id: 'long', title: 'Long output', check: 'cat big', verify: null, timeoutSec: 10 }),
    step({
      id: 'files',
      title: 'No check, files differ',
      check: null,
      verify: null,
      files: [same, changed],
    }),
    step({
      id: 'run',
      title: 'No check, nothing differs',
      check: null,
      verify: null,
      files: [same],
    }),
  ],
};

const result = (patch: Partial<SectionResult>): SectionResult => ({
  code: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  truncated: false,
  ...patch,
});

function byStep(results: Record<string, SectionResult>): Map<PlanStep, SectionResult> {
  return new Map(
    host.steps.flatMap((s) => {
      const r = results[s.id];
      return r ? [[s, r] as const] : [];
    }),
  );
}

describe('checkSections', () => {
  it('runs each check with a short time limit and a cap on its output; steps without one are left out', () => {
    const sections = checkSections(host);
    expect(sections.map((s) => s.step.id)).toEqual(['ok', 'silent', 'talks', 'slow', 'long']);
    expect(sections.map((s) => s.section.timeoutSec)).toEqual([
      CHECK_TIMEOUT_SEC,
      CHECK_TIMEOUT_SEC,
      CHECK_TIMEOUT_SEC,
      CHECK_TIMEOUT_SEC,
      10,
    ]);
    expect(sections.every((s) => s.section.maxBytes === CHECK_OUTPUT_BYTES)).toBe(true);
    expect(sections[1]?.section.command).toBe('grep -q x /etc/x');
  });
});

describe('driftItems', () => {
  it('lists the failing checks and the unchecked steps whose files differ, with their diffs', () => {
    const items = driftItems(
      host,
      byStep({
        ok: result({}),
        silent: result({ code: 1 }),
        talks: result({ code: 1, stdout: 'x y differ: byte 1, line 1\n', stderr: 'warning\n' }),
        slow: result({ code: 124, timedOut: true }),
        long: result({ code: 2, stdout: 'z'.repeat(10), truncated: true }),
      }),
    );
    const fileDiffers = '/etc/changed.conf differs from the plan: 2 lines (diff below)';
    expect(items.map((i) => [i.stepId, i.detail])).toEqual([
      ['silent', `expected: Silent check\nfound: ${fileDiffers}`],
      ['talks', 'expected: Talking check\nfound: warning\nx y differ: byte 1, line 1'],
      [
        'slow',
        `expected: Slow check\nfound: unknown: the check did not finish in ${CHECK_TIMEOUT_SEC} s`,
      ],
      ['long', `expected: Long output\nfound: ${'z'.repeat(10)}\n…`],
      ['files', `expected: No check, files differ\nfound: ${fileDiffers}`],
    ]);
    // Never "the check failed (exit N)" alone.
    expect(items.every((i) => !/^the check failed/.test(i.detail))).toBe(true);
    expect(items[0]).toEqual({
      hostId: 'h1',
      hostName: 'node1',
      stepId: 'silent',
      title: 'Silent check',
      files: [{ path: '/etc/changed.conf', diff: changed.diff }],
      detail: `expected: Silent check\nfound: ${fileDiffers}`,
    });
    expect(changed.diff).not.toBe('');
    expect(items[1]?.files).toEqual([]);
  });

  it('a silent failing check without files says what was expected and that it is not in place', () => {
    const only: HostPlan = { ...host, steps: host.steps.filter((s) => s.id === 'talks') };
    const [item] = driftItems(
      only,
      new Map(only.steps.map((s) => [s, result({ code: 3 })] as const)),
    );
    expect(item?.detail).toBe(
      'expected: Talking check\nfound: not in place (its check exited 3 without saying why)',
    );
  });

  it('counts the changed lines of a diff, not its headers', () => {
    expect(changedLines('--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same\n')).toBe(2);
    expect(changedLines('')).toBe(0);
  });

  it('nothing when every check passes', () => {
    const green = byStep(
      Object.fromEntries(checkSections(host).map((c) => [c.step.id, result({})])),
    );
    const inSync: HostPlan = { ...host, steps: host.steps.filter((s) => s.id !== 'files') };
    expect(driftItems(inSync, green)).toEqual([]);
  });

  it('a checked step without a result is an error, not "in place"', () => {
    expect(() => driftItems(host, byStep({ ok: result({}) }))).toThrow(
      /no check result for step silent/,
    );
  });
});
