import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FactCheck } from '../model/facts';
import { assessFacts } from './assess';
import { factsFromSections, type RawHostFacts } from './collect-facts';
import { fixtureSections } from './fixture-files';
import { SECTION_NAMES } from './sections';

const GiB = 1024 ** 3;
const FIXTURE = join(__dirname, 'fixtures', 'debian12-docker');

function loadFixture(): Map<string, string> {
  return fixtureSections(
    (f) => (existsSync(join(FIXTURE, f)) ? readFileSync(join(FIXTURE, f), 'utf8') : undefined),
    SECTION_NAMES,
  );
}

function dockerFacts(): RawHostFacts {
  return factsFromSections(loadFixture(), {
    probedAt: '2026-01-01T00:00:00.000Z',
    clock: { skewMs: 120, rttMs: 8 },
  });
}

/** A healthy Debian 12 KVM guest, derived from the captured facts. */
function kvmFacts(): RawHostFacts {
  const f = dockerFacts();
  const ready = { loaded: false, builtin: false, available: true };
  return {
    ...f,
    virtualization: { kind: 'kvm', isContainer: false, isOpenVz: false },
    modules: { ip_vs: ready, nfsd: ready, nfs: ready },
    tools: {
      ipvsadm: true,
      keepalived: true,
      exportfs: true,
      nfsServer: true,
      nfsClient: true,
      quota: true,
      rquotad: true,
    },
  };
}

function byId(checks: FactCheck[], id: string): FactCheck {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

describe('assessFacts', () => {
  it('gives every check a unique id, a title and a message', () => {
    const checks = assessFacts(dockerFacts());
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'os.supported',
      'virt.container',
      'module.ip_vs',
      'module.nfsd',
      'module.nfs',
      'tool.ipvsadm',
      'disk.free',
      'clock.skew',
    ]) {
      expect(ids).toContain(id);
    }
    for (const c of checks) {
      expect(c.title.length).toBeGreaterThan(3);
      expect(c.message.length).toBeGreaterThan(10);
    }
  });

  it('blocks a container without kernel NFS and explains why', () => {
    const c = byId(assessFacts(dockerFacts()), 'virt.container');
    expect(c.severity).toBe('blocker');
    expect(c.message).toMatch(/docker container/);
    expect(c.message).toMatch(/KVM/);
  });

  it('makes missing ip_vs a blocker for a manager, a warning without role, fine for a node', () => {
    const f = dockerFacts();
    expect(byId(assessFacts(f, { role: 'manager' }), 'module.ip_vs').severity).toBe('blocker');
    expect(byId(assessFacts(f), 'module.ip_vs').severity).toBe('warning');
    expect(byId(assessFacts(f, { role: 'node' }), 'module.ip_vs').severity).toBe('ok');
    expect(byId(assessFacts(f, { role: 'node' }), 'module.nfs').severity).toBe('blocker');
  });

  it('says how to install missing tools', () => {
    const c = byId(assessFacts(dockerFacts()), 'tool.ipvsadm');
    expect(c.severity).toBe('warning');
    expect(c.message).toContain('apt-get install ipvsadm');
  });

  it('passes a healthy Debian 12 VM', () => {
    const checks = assessFacts(kvmFacts(), { role: 'manager' });
    expect(checks.filter((c) => c.severity !== 'ok')).toEqual([]);
  });

  it('grades clock skew: > 5 s warning, > 60 s blocker', () => {
    const at = (skewMs: number): FactCheck['severity'] =>
      byId(assessFacts({ ...kvmFacts(), clock: { skewMs, rttMs: 10 } }), 'clock.skew').severity;
    expect(at(4_000)).toBe('ok');
    expect(at(-6_000)).toBe('warning');
    expect(at(61_000)).toBe('blocker');
    expect(
      byId(assessFacts({ ...kvmFacts(), clock: { skewMs: -6_000, rttMs: 10 } }), 'clock.skew')
        .message,
    ).toMatch(/behind/);
  });

  it('grades free disk space per filesystem and names a missing /chroot', () => {
    const f = kvmFacts();
    const low = { ...f, disks: f.disks.map((d) => ({ ...d, availBytes: 1 * GiB })) };
    const c = byId(assessFacts(low), 'disk.free');
    expect(c.severity).toBe('blocker');
    expect(c.message).toMatch(/\/chroot \(not created yet; would be on \/\)/);
    const mid = { ...f, disks: f.disks.map((d) => ({ ...d, availBytes: 5 * GiB })) };
    expect(byId(assessFacts(mid), 'disk.free').severity).toBe('warning');
  });

  it('refuses non-Debian systems and warns on old releases', () => {
    const f = kvmFacts();
    expect(
      byId(
        assessFacts({
          ...f,
          os: { id: 'centos', versionId: '7', prettyName: 'CentOS 7', idLike: ['rhel'] },
        }),
        'os.supported',
      ).severity,
    ).toBe('blocker');
    expect(
      byId(
        assessFacts({
          ...f,
          os: { id: 'debian', versionId: '10', prettyName: 'Debian 10', idLike: [] },
        }),
        'os.supported',
      ).severity,
    ).toBe('warning');
  });

  it('blocks a host without a global IPv4 address', () => {
    const f = kvmFacts();
    const noV4 = {
      ...f,
      interfaces: f.interfaces.map((i) => ({
        ...i,
        ipv4: i.ipv4.filter((a) => a.scope === 'host'),
      })),
    };
    expect(byId(assessFacts(noV4), 'net.address').severity).toBe('blocker');
  });
});
