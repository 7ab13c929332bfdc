import {
  HOSTILE_MARK,
  HOSTILE_VALUES,
  expectHostileRejected,
} from '../testing/hostile.test-support';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quote } from '../shell/quote';
import { planCluster } from '../cluster/plan';
import { LAB, labCluster, labInput } from './testing/lab-fixtures';
import type { Plan } from './types';

const MARK = HOSTILE_MARK;
const HOSTILE = HOSTILE_VALUES;

/**
 * The character ranges of `cmd` that a POSIX shell reads inside single quotes, the only
 * quoting in which nothing ($, `, \, newline) is interpreted.
 */
function singleQuoted(cmd: string): [number, number][] {
  const out: [number, number][] = [];
  let state: 'plain' | 'double' = 'plain';
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i];
    if (state === 'plain') {
      if (ch === '\\') i++;
      else if (ch === '"') state = 'double';
      else if (ch === "'") {
        const end = cmd.indexOf("'", i + 1);
        // An unterminated quote is a syntax error: nothing after it counts as quoted.
        if (end < 0) break;
        out.push([i + 1, end]);
        i = end;
      }
    } else if (ch === '\\') i++;
    else if (ch === '"') state = 'plain';
    else if (ch === "'") {
      // Inside "...", a single quote is literal, but "$( ... 'x' ... )" starts a new shell
      // context; treat what follows as quoted only if it is a complete single-quoted word.
      const end = cmd.indexOf("'", i + 1);
      if (end > 0 && cmd.slice(0, i).lastIndexOf('$(') > cmd.slice(0, i).lastIndexOf('"')) {
        out.push([i + 1, end]);
        i = end;
      }
    }
  }
  return out;
}

/** Every place where the marker appears outside single quotes. */
function unquotedMarks(cmd: string): number[] {
  const ranges = singleQuoted(cmd);
  const bad: number[] = [];
  for (let at = cmd.indexOf(MARK); at >= 0; at = cmd.indexOf(MARK, at + 1)) {
    if (!ranges.some(([a, b]) => at >= a && at + MARK.length <= b)) bad.push(at);
  }
  return bad;
}

function shellTexts(plan: Plan): string[] {
  return plan.hosts.flatMap((h) =>
    h.steps.flatMap((s) =>
      [...s.commands, s.check, s.verify].filter((x): x is string => x !== null),
    ),
  );
}

describe('hostile input', () => {
  it('the detector flags a value concatenated without quote() and passes a quoted one', () => {
    for (const v of HOSTILE) {
      // Raw, or wrapped in hand-made quotes: each value escapes at least one of them.
      const naive = [`echo ${v}`, `echo '${v}'`].map((t) => unquotedMarks(t).length);
      expect(
        naive.some((n) => n > 0),
        v,
      ).toBe(true);
      expect(unquotedMarks(`echo "${v.replace(/"/g, '')}"`).length, v).toBeGreaterThan(0);
      expect(unquotedMarks(`echo ${quote(v)} && test "$(id -u ${quote(v)})" = 1`), v).toEqual([]);
    }
  });

  it('every user-supplied field of the model rejects shell syntax, naming the field', () => {
    const local = labCluster('public-private');
    const ext = labCluster('public-private', 'external');
    type Case = [string, (v: string) => unknown];
    const cases: Case[] = [
      ['id', (v) => ({ ...local, id: v })],
      ['name', (v) => ({ ...local, name: v })],
      ['manager.hostId', (v) => ({ ...local, manager: { ...local.manager, hostId: v } })],
      [
        'manager.publicIp',
        (v) => ({ ...local, manager: { ...local.manager, publicIp: `10.10.0.10${v}` } }),
      ],
      ['manager.privateIp', (v) => ({ ...local, manager: { ...local.manager, privateIp: v } })],
      [
        'manager.quorumIp',
        (v) => ({ ...local, manager: { ...local.manager, quorumIp: `10.20.0.2${v}` } }),
      ],
      [
        'manager.quorumInterface',
        (v) => ({ ...local, manager: { ...local.manager, quorumInterface: `eth1${v}` } }),
      ],
      [
        'storage.device',
        (v) => ({ ...local, storage: { kind: 'manager', device: `/dev/vdb${v}` } }),
      ],
      ['storage.hostId', (v) => ({ ...ext, storage: { ...ext.storage, hostId: v } })],
      ['storage.address', (v) => ({ ...ext, storage: { ...ext.storage, address: v } })],
      [
        'storage.exportPath',
        (v) => ({ ...ext, storage: { ...ext.storage, exportPath: `/srv/${v}` } }),
      ],
      ['nodes.0.hostId', (v) => ({ ...local, nodes: [{ ...local.nodes[0], hostId: v }] })],
      ['nodes.0.publicIp', (v) => ({ ...local, nodes: [{ ...local.nodes[0], publicIp: v }] })],
      [
        'nodes.0.privateIp',
        (v) => ({ ...local, nodes: [{ ...local.nodes[0], privateIp: `10.20.0.11 ${v}` }] }),
      ],
      [
        'accounts.0.name',
        (v) => ({ ...local, accounts: [{ ...local.accounts[0], name: `web${v}` }] }),
      ],
      [
        'accounts.0.domain',
        (v) => ({ ...local, accounts: [{ ...local.accounts[0], domain: `${v}.example` }] }),
      ],
    ];
    expectHostileRejected(cases);
  });

  it('probed text that reaches commands (OS release, architecture) is always single-quoted', () => {
    for (const v of HOSTILE) {
      const input = labInput(labCluster('public-private', 'external'));
      for (const o of Object.values(input.observed)) {
        if (!o) continue;
        o.facts = { ...o.facts, os: { ...o.facts.os, versionId: `12${v}` }, arch: `x86_64${v}` };
      }
      const texts = shellTexts(planCluster(input));
      expect(
        texts.some((t) => t.includes(MARK)),
        v,
      ).toBe(true);
      for (const t of texts) expect(unquotedMarks(t), t).toEqual([]);
    }
  });

  it('a real shell runs the pre-cluster check with hostile facts without running them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-hostile-'));
    try {
      const input = labInput(labCluster('public-private'));
      for (const o of Object.values(input.observed)) {
        if (o)
          o.facts = {
            ...o.facts,
            os: { ...o.facts.os, versionId: `12'; touch ${dir}/os; echo '$(touch ${dir}/os2)` },
            arch: `$(touch ${dir}/arch)\`touch ${dir}/arch2\``,
          };
      }
      const pretest = planCluster(input)
        .hosts.find((h) => h.hostId === LAB.node1)
        ?.steps.find((s) => s.id === 'node.pretest');
      // The check only reads (os-release, uname, /proc, df): safe to run here. It fails (this
      // machine is not "12'; touch ..."), and must not have created any file.
      for (const cmd of [pretest?.check ?? '', ...(pretest?.commands ?? [])]) {
        try {
          execFileSync('/bin/sh', ['-c', cmd], { stdio: 'ignore' });
        } catch {
          // expected: the comparison fails
        }
      }
      for (const f of ['os', 'os2', 'arch', 'arch2'])
        expect(existsSync(join(dir, f)), f).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a probed interface name or network file that is not plain is never used as a path', () => {
    const input = labInput(labCluster('public-private'));
    const m = input.observed[LAB.manager];
    if (m)
      m.files['/run/systemd/netif/links/3'] =
        'NETWORK_FILE=/etc/systemd/network/$(reboot).network\n';
    const q = planCluster(input).hosts[0]?.steps.find((s) => s.id === 'manager.quorum-ip');
    expect(q?.files[0]?.path).toBe('/etc/systemd/system/clusterdeck-quorum-ip.service');

    const bad = labInput(labCluster('public-private'));
    const mf = bad.observed[LAB.manager];
    if (mf) {
      mf.facts = {
        ...mf.facts,
        interfaces: mf.facts.interfaces.map((i) =>
          i.name === 'eth1' ? { ...i, name: 'eth1;reboot' } : i,
        ),
      };
    }
    expect(() => planCluster(bad)).toThrow(/manager\.quorumInterface/);
  });
});
