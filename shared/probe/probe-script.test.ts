import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIpvs } from './parse-kernel';
import { PROBE_SCRIPT } from './probe-script';

const RELEASE = '6.1.0-56-amd64';
const roots: string[] = [];

afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A fake root with the kernel files the ipvs section reads. */
function fakeRoot(files: Record<string, string>, dirs: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'cd-ipvs-'));
  roots.push(root);
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/**
 * Runs the ipvs part of the real probe script with /lib/modules, /proc and /sys/module moved
 * under `root`, so its globs, grep and sed run as they do on a host.
 */
function runIpvsSection(root: string): string {
  const start = PROBE_SCRIPT.indexOf('\ns ipvs\n');
  const end = PROBE_SCRIPT.indexOf('\ns end\n');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const body = PROBE_SCRIPT.slice(start + '\ns ipvs\n'.length, end);
  for (const p of ['/lib/modules/', '/proc/net/ip_vs', '/proc/modules', '/sys/module/'])
    expect(body).toContain(p);
  const moved = body.replace(/\/(lib\/modules|proc|sys\/module)\b/g, `${root}/$1`);
  return execFileSync('sh', ['-c', `r=${RELEASE}\n${moved}`], { encoding: 'utf8' });
}

describe('the probe script ipvs section', () => {
  it('lists module files with any compression suffix and the built-in ones', () => {
    const ipvs = `lib/modules/${RELEASE}/kernel/net/netfilter/ipvs`;
    const root = fakeRoot({
      [`${ipvs}/ip_vs.ko`]: '',
      [`${ipvs}/ip_vs_rr.ko.xz`]: '',
      [`${ipvs}/ip_vs_wlc.ko.zst`]: '',
      [`${ipvs}/ip_vs_ftp.ko`]: '',
      [`${ipvs}/README`]: '',
      [`lib/modules/${RELEASE}/modules.builtin`]:
        'kernel/net/netfilter/ipvs/ip_vs_sh.ko\nkernel/net/netfilter/nf_conntrack.ko\n',
      'proc/modules': 'ext4 1015808 1 - Live 0x0000000000000000\n',
    });
    const out = runIpvsSection(root);
    expect(out).toContain(`file=${root}/${ipvs}/ip_vs_rr.ko.xz\n`);
    expect(out).not.toContain('README');
    expect(parseIpvs(out)).toEqual({
      core: true,
      schedulers: ['rr', 'wlc', 'sh'],
      moduleTree: true,
    });
  });

  it('sees loaded modules through /proc/net/ip_vs, /proc/modules and /sys/module', () => {
    const root = fakeRoot(
      {
        'proc/net/ip_vs': 'IP Virtual Server version 1.2.1 (size=4096)\n',
        'proc/modules':
          'ip_vs_wlc 12288 1 - Live 0x0000000000000000\nip_vs 196608 3 ip_vs_wlc, Live 0x0000000000000000\n',
      },
      ['sys/module/ip_vs_lc', 'sys/module/ip_vs'],
    );
    expect(parseIpvs(runIpvsSection(root))).toEqual({
      core: true,
      schedulers: ['lc', 'wlc'],
      moduleTree: false,
    });
  });

  it('reports an empty module tree, and prints nothing else for it', () => {
    const root = fakeRoot({}, [`lib/modules/${RELEASE}/kernel`]);
    expect(runIpvsSection(root)).toBe('module_tree=1\n');
  });
});
