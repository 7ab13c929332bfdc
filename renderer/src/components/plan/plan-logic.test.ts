import { describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../../../shared/plan/types';
import { plan, planStep } from '../../testing/fixtures';
import {
  classifyDiffLine,
  describeWaitFor,
  diffLines,
  fileChange,
  formatSummary,
  shortHash,
  summarizePlan,
} from './plan-logic';

const file = (over: Partial<PlannedFile>): PlannedFile => ({
  path: '/etc/keepalived/keepalived.conf',
  mode: '0644',
  owner: 'root',
  group: 'root',
  content: 'a\n',
  current: 'a\n',
  diff: '',
  ...over,
});

describe('classifyDiffLine', () => {
  it('tells headers, hunks, additions, removals, context and markers apart', () => {
    expect(classifyDiffLine('--- a/etc/hosts')).toBe('header');
    expect(classifyDiffLine('+++ b/etc/hosts')).toBe('header');
    expect(classifyDiffLine('@@ -1,2 +1,3 @@')).toBe('hunk');
    expect(classifyDiffLine('+10.0.0.2 web2')).toBe('add');
    expect(classifyDiffLine('-10.0.0.9 old')).toBe('del');
    expect(classifyDiffLine(' 127.0.0.1 localhost')).toBe('context');
    expect(classifyDiffLine('\\ No newline at end of file')).toBe('meta');
    // An added line that itself starts with "++" is still an addition.
    expect(classifyDiffLine('++x')).toBe('add');
    expect(classifyDiffLine('')).toBe('context');
  });
});

describe('diffLines', () => {
  it('splits a diff without a phantom last line', () => {
    const lines = diffLines('@@ -1 +1 @@\n-a\n+b\n');
    expect(lines.map((l) => l.kind)).toEqual(['hunk', 'del', 'add']);
    expect(diffLines('')).toEqual([]);
  });
});

describe('fileChange', () => {
  it('tells new, changed and unchanged files apart', () => {
    expect(fileChange(file({ current: null, diff: '+a' }))).toBe('new');
    expect(fileChange(file({ current: 'b\n', diff: '-b\n+a' }))).toBe('changed');
    expect(fileChange(file({}))).toBe('unchanged');
  });
});

describe('summarizePlan', () => {
  it('counts hosts with steps, steps and created or changed files', () => {
    const p = plan({
      hosts: [
        {
          hostId: 'm1',
          hostName: 'lb1',
          role: 'manager',
          steps: [
            planStep({ files: [file({}), file({ current: null, diff: '+a' })] }),
            planStep({ id: 'x', files: [file({ current: 'z', diff: '-z\n+a' })] }),
          ],
        },
        { hostId: 'n1', hostName: 'web1', role: 'node', steps: [planStep()] },
        { hostId: 'n2', hostName: 'web2', role: 'node', steps: [] },
      ],
    });
    expect(summarizePlan(p)).toEqual({ hosts: 2, steps: 3, filesChanged: 2 });
  });
});

describe('formatSummary', () => {
  it('writes the counts with singular and plural', () => {
    expect(formatSummary({ hosts: 2, steps: 14, filesChanged: 3 })).toBe(
      '2 hosts, 14 steps, 3 files changed',
    );
    expect(formatSummary({ hosts: 1, steps: 1, filesChanged: 0 })).toBe(
      '1 host, 1 step, 0 files changed',
    );
  });
});

describe('shortHash', () => {
  it('keeps 12 characters and drops an algorithm prefix', () => {
    expect(shortHash('sha256:0123456789abcdef')).toBe('0123456789ab');
    expect(shortHash(undefined)).toBeNull();
  });
});

describe('describeWaitFor', () => {
  it('names the step and host from the plan, or their ids', () => {
    const p = plan();
    expect(describeWaitFor(p, { hostId: 'm1', stepId: 'packages.install' })).toBe(
      'after Install packages on lb1',
    );
    expect(describeWaitFor(p, { hostId: 'zz', stepId: 'nfs.export' })).toBe(
      'after nfs.export on zz',
    );
  });
});
