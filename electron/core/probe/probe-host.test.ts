import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/api/errors';
import { fixtureSections } from '../../../shared/probe/fixture-files';
import { parseRemoteClock } from '../../../shared/probe/parse-clock';
import { PROBE_SCRIPT, probeCommand, probeStdin } from '../../../shared/probe/probe-script';
import { SECTION_NAMES, joinSections, splitSections } from '../../../shared/probe/sections';
import { factsFromSections } from '../../../shared/probe/collect-facts';
import type { ExecOptions, ExecResult } from '../ssh/types';
import { probeHost } from './probe-host';

const MARKER = 'CDPROBE-00000000000000000000000000000000';
const FIXTURE = join(__dirname, '../../../shared/probe/fixtures/debian12-docker');
const sections = fixtureSections(
  (f) => (existsSync(join(FIXTURE, f)) ? readFileSync(join(FIXTURE, f), 'utf8') : undefined),
  SECTION_NAMES,
);

describe('probeHost with a replayed capture', () => {
  it('sends one static command and measures skew at the midpoint of the clock round trip', async () => {
    let t = 1_000;
    const commands: string[] = [];
    const stdins: unknown[] = [];
    const exec = (command: string, opts: ExecOptions): Promise<ExecResult> => {
      commands.push(command);
      stdins.push(opts.stdin);
      const out = joinSections(sections, MARKER);
      const cut = out.indexOf(`${MARKER} os-release`) + MARKER.length + 12;
      t = 1_200; // the clock section arrives 200 ms after sending
      opts.onStdout?.(Buffer.from(out.slice(0, cut)));
      t = 5_000; // the rest takes long: must not affect the skew
      opts.onStdout?.(Buffer.from(out.slice(cut)));
      return Promise.resolve({ code: 0, signal: null, stdout: out, stderr: '', durationMs: 4000 });
    };
    const facts = await probeHost(exec, { marker: MARKER, now: () => t });
    expect(commands).toEqual([probeCommand()]);
    expect(stdins).toEqual([`${MARKER}\n`]);
    const remote = parseRemoteClock(sections.get('clock') ?? '') ?? 0;
    expect(facts.clock).toEqual({ skewMs: remote - 1_100, rttMs: 200 });
    expect(facts.os.id).toBe('debian');
    expect(facts.checks.find((c) => c.id === 'clock.skew')?.severity).toBe('blocker');
    expect(facts.checks.find((c) => c.id === 'virt.container')?.severity).toBe('blocker');
  });

  it('fails with COMMAND_FAILED when the script fails or is cut short', async () => {
    const failing = (): Promise<ExecResult> =>
      Promise.resolve({
        code: 127,
        signal: null,
        stdout: '',
        stderr: 'sh: not found',
        durationMs: 1,
      });
    await expect(probeHost(failing, { marker: MARKER })).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
    });
    const cut = (): Promise<ExecResult> =>
      Promise.resolve({
        code: 0,
        signal: null,
        stdout: `\n${MARKER} clock\n1\n`,
        stderr: '',
        durationMs: 1,
      });
    const e: unknown = await probeHost(cut, { marker: MARKER }).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('COMMAND_FAILED');
  });
});

describe('the probe script', () => {
  it('is valid POSIX sh and runs under the local /bin/sh', () => {
    execFileSync('sh', ['-n', '-c', PROBE_SCRIPT]);
    const out = execFileSync('sh', ['-c', PROBE_SCRIPT, 'clusterdeck-probe'], {
      encoding: 'utf8',
      input: probeStdin(MARKER),
    });
    const s = splitSections(out, MARKER);
    const f = factsFromSections(s, { probedAt: '', clock: { skewMs: 0, rttMs: 0 } });
    expect(f.hostname).toBe(hostname());
    // lsblk may list this machine's disks or none (a container): a list either way.
    expect(Array.isArray(f.blockDevices)).toBe(true);
    expect(f.arch).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
  });

  it('sends a random marker on stdin only: the command line is the same for every run', async () => {
    const seen: { command: string; stdin: unknown }[] = [];
    const exec = (command: string, opts: ExecOptions): Promise<ExecResult> => {
      seen.push({ command, stdin: opts.stdin });
      return Promise.resolve({
        code: 1,
        signal: null,
        stdout: '',
        stderr: 'stop here',
        durationMs: 1,
      });
    };
    await probeHost(exec).catch(() => undefined);
    await probeHost(exec).catch(() => undefined);
    const [a, b] = seen.map((x) => String(x.stdin).trim());
    expect(a).toMatch(/^CDPROBE-[0-9a-f]{32}$/);
    expect(b).not.toBe(a);
    expect(seen.map((x) => x.command)).toEqual([probeCommand(), probeCommand()]);
    for (const x of seen) expect(x.command).not.toContain(String(x.stdin).trim());
  });

  it('takes the marker from stdin, never from its arguments, and refuses unsafe markers', () => {
    expect(probeCommand()).not.toContain('CDPROBE');
    expect(probeCommand().endsWith(' clusterdeck-probe')).toBe(true);
    expect(probeStdin(MARKER)).toBe(`${MARKER}\n`);
    expect(() => probeStdin('x; rm -rf /')).toThrow();
    // Without a marker the script prints nothing at all.
    const r = spawnSync('sh', ['-c', PROBE_SCRIPT, 'p'], { input: '', encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([97, '']);
  });
});
