import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { planCluster } from '../cluster/plan';
import { parseCluster } from '../model/cluster';
import { LB_SERVICES, LB_VIPS, lbCluster, lbInput } from '../lb/testing/lb-fixtures';
import { labCluster, labInput } from './testing/lab-fixtures';
import type * as Step from './step';

type StepModule = typeof Step;

// Every allOf() the planners call, with its parts.
const calls = vi.hoisted(() => new Map<string, string[]>());
vi.mock('./step', async (importOriginal) => {
  const step = await importOriginal<StepModule>();
  return {
    ...step,
    allOf: (...parts: string[]) => {
      calls.set(JSON.stringify(parts), parts);
      return step.allOf(...parts);
    },
  };
});

const { allOf } = await vi.importActual<StepModule>('./step');

/**
 * Runs shell text traced (`set -x`), with every external command a no-op that succeeds: the
 * planners' parts run as far as their structure lets them, and touch nothing.
 */
function traced(script: string): { status: number | null; trace: string[] } {
  const r = spawnSync(
    '/bin/bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      `command_not_found_handle() { return 0; }; cd_ok() { return 0; }; cd_fail() { return 1; }; set -x\n${script}`,
    ],
    { env: { PATH: '/nonexistent' }, encoding: 'utf8', timeout: 10_000 },
  );
  return { status: r.status, trace: r.stderr.split('\n').filter((l) => l.startsWith('+')) };
}

describe('composed checks and verifies (allOf) fail when any one part fails', () => {
  // The plans of every layout and of a load-balanced cluster with each kind of service.
  for (const layout of ['public', 'public-private', 'private-nat'] as const)
    planCluster(labInput(labCluster(layout)));
  planCluster(labInput(labCluster('public-private', 'external')));
  // Accounts with aliases and SFTP (keys, password), and with SFTP taken away again.
  const sftp = labCluster('public', 'manager', {
    accounts: [
      {
        name: 'web1',
        uid: 2001,
        gid: 2001,
        quotaMiB: 10,
        domain: 'web1.example',
        aliases: ['shop.example'],
        sftp: { authorizedKeys: [], passwordHash: `$6$salt$${'a'.repeat(86)}` },
      },
    ],
  });
  planCluster(labInput(sftp));
  planCluster(labInput(labCluster('public'), sftp));
  const lb = lbCluster(LB_SERVICES, 'public-private', LB_VIPS);
  planCluster(lbInput(lb));
  planCluster(lbInput(parseCluster({ ...lb, services: [], vips: [] }), lb));
  const compositions = [...calls.values()].filter((parts) => parts.length > 1);

  it('the planners compose checks (the recording works)', () => {
    expect(compositions.length).toBeGreaterThan(10);
  });

  it('a failing part fails the whole, and nothing after it runs', () => {
    const wrong: string[] = [];
    for (const parts of compositions) {
      for (let i = 0; i < parts.length; i++) {
        // Parts before: succeed; part i: fails; the real parts after it must never run.
        const script = allOf(...parts.map((p, j) => (j < i ? 'cd_ok' : j === i ? 'cd_fail' : p)));
        const { status, trace } = traced(script);
        const after = trace.slice(trace.indexOf('+ cd_fail') + 1).filter((l) => l !== '+ return 1');
        if (status === 0 || after.length > 0)
          wrong.push(`part ${i} of: ${script}\n  ran after it: ${after.join(' | ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a failing part fails the whole whatever the real parts before it do', () => {
    const wrong: string[] = [];
    for (const parts of compositions) {
      for (let i = 1; i < parts.length; i++) {
        const script = allOf(...parts.map((p, j) => (j < i ? p : j === i ? 'cd_fail' : 'cd_ok')));
        if (traced(script).status === 0) wrong.push(`part ${i} of: ${script}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
