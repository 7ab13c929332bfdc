import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsFromSections } from './collect-facts';
import { fixtureSections, type EXTRA_CAPTURES } from './fixture-files';
import { clockSkew, parseRemoteClock } from './parse-clock';
import { parseDfPosix, parseDiskSection } from './parse-disk';
import { parseIpvs, parseModules, parseTools } from './parse-kernel';
import { parseDefaultRoutes, parseIpAddrJson, parseIpAddrOneline } from './parse-network';
import { parseHostname, parseOsRelease, parseUname, parseVirt } from './parse-system';
import { SECTION_NAMES, joinSections, splitSections } from './sections';

const FIXTURES = join(__dirname, 'fixtures');

function loadFixture(name: string): Map<string, string> {
  const dir = join(FIXTURES, name);
  return fixtureSections(
    (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined),
    SECTION_NAMES,
  );
}

function extra(name: string, file: keyof typeof EXTRA_CAPTURES): string {
  return readFileSync(join(FIXTURES, name, file), 'utf8');
}

const fixtureNames = readdirSync(FIXTURES);

/**
 * Sections a fixture was captured without, because the probe did not print them yet; they
 * read as unknown. Recapturing the host (capture-fixtures.ts) empties its entry.
 */
const CAPTURED_BEFORE: Record<string, readonly string[]> = {
  'debian12-qemu-lab': ['ipvs'],
};

describe('sections', () => {
  it('splits by the marker and ignores forged headers', () => {
    const marker = 'CDPROBE-0123456789abcdef';
    const out = `\n${marker} os-release\nID=debian\nCDPROBE-ffff hostname\n\n${marker} hostname\nweb1\n\n${marker} end\n`;
    const s = splitSections(out, marker);
    expect([...s.keys()]).toEqual(['os-release', 'hostname', 'end']);
    expect(s.get('os-release')).toBe('ID=debian\nCDPROBE-ffff hostname');
    expect(s.get('hostname')).toBe('web1');
    expect(splitSections(joinSections(s, marker), marker)).toEqual(s);
  });
});

describe.each(fixtureNames)('captured fixture %s', (name) => {
  const sections = loadFixture(name);

  it('has every section the script prints', () => {
    const later = CAPTURED_BEFORE[name] ?? [];
    for (const s of SECTION_NAMES) {
      if (s.startsWith('ip-addr-')) continue;
      expect(sections.has(s), s).toBe(!later.includes(s));
    }
    expect(sections.has('ip-addr-json') || sections.has('ip-addr-oneline')).toBe(true);
  });

  it('parses os-release, uname and hostname', () => {
    const os = parseOsRelease(sections.get('os-release') ?? '');
    expect(os.id).toMatch(/^[a-z0-9._-]+$/);
    expect(os.prettyName).not.toBe('');
    const { kernel, arch } = parseUname(sections.get('uname') ?? '');
    expect(kernel).toMatch(/^\d+\.\d+/);
    expect(arch).toMatch(/^(x86_64|aarch64|i686|armv7l|riscv64|ppc64le|s390x)$/);
    expect(parseHostname(sections.get('hostname') ?? '')).not.toBe('');
  });

  it('agrees between ip -j and ip -o on every address', () => {
    const json = parseIpAddrJson(extra(name, 'extra-ip-addr-json.txt'));
    const oneline = parseIpAddrOneline(extra(name, 'extra-ip-addr-oneline.txt'));
    const addrs = (ifs: typeof json): string[] =>
      ifs
        .flatMap((i) =>
          [...i.ipv4, ...i.ipv6].map((a) => `${i.name} ${a.address}/${a.prefix} ${a.scope ?? ''}`),
        )
        .sort();
    expect(addrs(oneline)).toEqual(addrs(json));
    expect(
      json.some(
        (i) => i.name === 'lo' && i.ipv4.some((a) => a.address === '127.0.0.1' && a.prefix === 8),
      ),
    ).toBe(true);
  });

  it('agrees between df -B1 -T and df -k on the root filesystem', () => {
    const b1 = parseDiskSection('/', sections.get('disk /') ?? '');
    const k = parseDfPosix(extra(name, 'extra-df-pk-root.txt'));
    expect(b1.exists).toBe(true);
    expect(b1.mount).toBe('/');
    expect(k?.mount).toBe('/');
    expect(k?.filesystem).toBe(b1.filesystem);
    // Captured a moment apart and rounded to KiB: sizes match closely, free space roughly.
    expect(Math.abs((k?.sizeBytes ?? 0) - (b1.sizeBytes ?? 0))).toBeLessThan(1024 * 1024);
    expect(Math.abs((k?.availBytes ?? 0) - (b1.availBytes ?? 0))).toBeLessThan(512 * 1024 * 1024);
  });

  it('builds complete facts', () => {
    const f = factsFromSections(sections, {
      probedAt: '2026-01-01T00:00:00.000Z',
      clock: { skewMs: 0, rttMs: 1 },
    });
    expect(f.disks.map((d) => d.path)).toEqual(['/', '/home', '/chroot']);
    for (const d of f.disks) {
      expect(d.mount, d.path).toBeDefined();
      expect(d.availBytes, d.path).toBeGreaterThan(0);
    }
    expect(f.interfaces.length).toBeGreaterThan(0);
    expect('ipvs' in f).toBe(sections.has('ipvs'));
    expect(Array.isArray(f.blockDevices)).toBe(sections.has('lsblk'));
    expect(parseRemoteClock(sections.get('clock') ?? '')).toBeGreaterThan(1.6e12);
  });
});

describe('debian12-docker specifics', () => {
  const s = loadFixture('debian12-docker');

  it('reads Debian 12 in a Docker container without cluster tools or modules', () => {
    expect(parseOsRelease(s.get('os-release') ?? '')).toEqual({
      id: 'debian',
      versionId: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      idLike: [],
    });
    expect(parseVirt(s.get('virt') ?? '')).toEqual({
      kind: 'docker',
      isContainer: true,
      isOpenVz: false,
    });
    expect(Object.values(parseTools(s.get('tools') ?? '')).some(Boolean)).toBe(false);
    expect(parseModules(s.get('modules') ?? '').ip_vs).toEqual({
      loaded: false,
      builtin: false,
      available: false,
    });
  });

  it('sees no module tree and no IPVS in the container', () => {
    expect(parseIpvs(s.get('ipvs') ?? '')).toEqual({
      core: false,
      schedulers: [],
      moduleTree: false,
    });
  });

  it('reports a missing /chroot with the filesystem that would hold it', () => {
    const d = parseDiskSection('/chroot', s.get('disk /chroot') ?? '');
    expect(d).toMatchObject({ path: '/chroot', exists: false, mount: '/', fsType: 'ext4' });
  });

  it('reads the default routes with their gateways', () => {
    expect(parseDefaultRoutes(s.get('route4') ?? '')).toEqual([
      { gateway: '192.0.2.1', dev: 'eth0' },
    ]);
    expect(parseDefaultRoutes(s.get('route6') ?? '')).toEqual([
      { gateway: 'fd00::1', dev: 'eth0' },
    ]);
  });
});

describe('parsers on other shapes', () => {
  it('unquotes os-release values and splits ID_LIKE', () => {
    const os = parseOsRelease(
      'NAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n',
    );
    expect(os).toEqual({
      id: 'ubuntu',
      versionId: '22.04',
      prettyName: 'Ubuntu 22.04.4 LTS',
      idLike: ['debian'],
    });
    expect(parseOsRelease('PRETTY_NAME="a \\"b\\""').prettyName).toBe('a "b"');
  });

  it('tells OpenVZ guests from OpenVZ hosts and from VMs', () => {
    expect(
      parseVirt('detect_virt=openvz\nexists=/proc/vz\nexists=/proc/user_beancounters'),
    ).toEqual({ kind: 'openvz', isContainer: true, isOpenVz: true });
    expect(parseVirt('detect_virt=\nexists=/proc/vz')).toMatchObject({
      kind: 'openvz',
      isContainer: true,
    });
    expect(parseVirt('detect_virt=none\nexists=/proc/vz\nexists=/proc/bc')).toEqual({
      kind: 'none',
      isContainer: false,
      isOpenVz: false,
    });
    expect(parseVirt('detect_virt=kvm')).toEqual({
      kind: 'kvm',
      isContainer: false,
      isOpenVz: false,
    });
    expect(parseVirt('detect_virt=lxc')).toMatchObject({ isContainer: true });
  });

  it('finds tools and NFS units', () => {
    const t = parseTools(
      'ipvsadm=/usr/sbin/ipvsadm\nkeepalived=\nmount.nfs=/sbin/mount.nfs\nsetquota=/usr/sbin/setquota\nunit=/lib/systemd/system/nfs-server.service',
    );
    expect(t).toEqual({
      ipvsadm: true,
      keepalived: false,
      exportfs: false,
      nfsServer: true,
      nfsClient: true,
      quota: true,
      rquotad: false,
    });
  });

  it('counts a module as available when only modinfo knows it, loaded when its filesystem is registered', () => {
    const m = parseModules(
      'ip_vs proc_modules=0 sys_module=0 filesystems=0 builtin=0 modules_dep=1 modinfo=1 modprobe=1\nnfsd proc_modules=0 sys_module=0 filesystems=1 builtin=0 modules_dep=0 modinfo=0 modprobe=0',
    );
    expect(m.ip_vs).toEqual({ loaded: false, builtin: false, available: true });
    expect(m.nfsd).toEqual({ loaded: true, builtin: false, available: true });
    expect(m.nfs).toEqual({ loaded: false, builtin: false, available: false });
  });

  it('finds the IPVS core and schedulers as module files of a Debian 12 kernel', () => {
    const dir = '/lib/modules/6.1.0-56-amd64/kernel/net/netfilter/ipvs';
    const modules = 'dh fo ftp lblc lblcr lc mh nq ovf pe_sip rr sed sh twos wlc wrr'.split(' ');
    const files = ['ip_vs', ...modules.map((m) => `ip_vs_${m}`)].map((m) => `file=${dir}/${m}.ko`);
    expect(parseIpvs(['module_tree=1', ...files].join('\n'))).toEqual({
      core: true,
      // SCHEDULERS order; ip_vs_ftp and ip_vs_pe_sip are helpers, not schedulers.
      schedulers: 'rr wrr lc wlc lblc lblcr dh sh mh sed nq fo ovf twos'.split(' '),
      moduleTree: true,
    });
  });

  it('reads compressed module files, built-in modules and loaded ones', () => {
    const dir = '/lib/modules/6.8.0-45-generic/kernel/net/netfilter/ipvs';
    const compressed = ['ip_vs.ko.zst', 'ip_vs_rr.ko.zst', 'ip_vs_sh.ko.xz', 'ip_vs_ftp.ko.gz'];
    expect(
      parseIpvs(['module_tree=1', ...compressed.map((f) => `file=${dir}/${f}`)].join('\n')),
    ).toEqual({ core: true, schedulers: ['rr', 'sh'], moduleTree: true });
    const builtin = ['ip_vs.ko', 'ip_vs_wlc.ko'].map(
      (f) => `builtin=kernel/net/netfilter/ipvs/${f}`,
    );
    expect(parseIpvs(['module_tree=1', ...builtin].join('\n'))).toEqual({
      core: true,
      schedulers: ['wlc'],
      moduleTree: true,
    });
    // A container: no module tree, but the host kernel has loaded ip_vs and two schedulers.
    const loaded = [
      'module_tree=0',
      'proc_net_ip_vs=1',
      'proc_modules=ip_vs_wlc',
      'proc_modules=ip_vs',
      'sys_module=/sys/module/ip_vs_lc',
    ];
    expect(parseIpvs(loaded.join('\n'))).toEqual({
      core: true,
      schedulers: ['lc', 'wlc'],
      moduleTree: false,
    });
    // /proc/net/ip_vs alone is the core, not a scheduler.
    expect(parseIpvs('module_tree=0\nproc_net_ip_vs=1')).toEqual({
      core: true,
      schedulers: [],
      moduleTree: false,
    });
  });

  it('finds no IPVS in a tree without it and ignores names that are not ip_vs schedulers', () => {
    expect(parseIpvs('module_tree=1')).toEqual({ core: false, schedulers: [], moduleTree: true });
    const odd = [
      'module_tree=1',
      'file=/x/ip_vs_fastest.ko',
      'proc_modules=ip_vs_rr_extra',
      'file=/x/ip_vs_rr.txt',
      'proc_net_ip_vs=0',
    ];
    expect(parseIpvs(odd.join('\n'))).toEqual({ core: false, schedulers: [], moduleTree: true });
  });

  it('reads clocks with and without milliseconds, and skew against the midpoint', () => {
    expect(parseRemoteClock('1700000000123')).toBe(1700000000123);
    expect(parseRemoteClock('1700000000%3N')).toBe(1700000000000);
    expect(parseRemoteClock('garbage')).toBeUndefined();
    expect(clockSkew(10_500, 10_000, 10_200)).toEqual({ skewMs: 400, rttMs: 200 });
    expect(clockSkew(9_000, 10_000, 10_200)).toEqual({ skewMs: -1100, rttMs: 200 });
  });

  it('refuses output cut short', () => {
    expect(() =>
      factsFromSections(new Map([['os-release', 'ID=debian']]), {
        probedAt: '',
        clock: { skewMs: 0, rttMs: 0 },
      }),
    ).toThrow(/incomplete/);
  });
});

describe('debian12-qemu-lab specifics (the lab manager, a real Debian VM)', () => {
  const s = loadFixture('debian12-qemu-lab');

  it('reads a qemu VM with the cluster tools installed and IPVS/NFS modules loadable', () => {
    expect(parseOsRelease(s.get('os-release') ?? '')).toMatchObject({
      id: 'debian',
      versionId: '12',
    });
    expect(parseVirt(s.get('virt') ?? '')).toEqual({
      kind: 'qemu',
      isContainer: false,
      isOpenVz: false,
    });
    const tools = parseTools(s.get('tools') ?? '');
    expect(tools).toMatchObject({
      ipvsadm: true,
      keepalived: true,
      exportfs: true,
      nfsClient: true,
      quota: true,
    });
    const modules = parseModules(s.get('modules') ?? '');
    for (const m of ['ip_vs', 'nfsd', 'nfs'] as const) expect(modules[m].available, m).toBe(true);
  });

  it('was captured before the probe asked for IPVS schedulers: they read as unknown', () => {
    const f = factsFromSections(s, { probedAt: '', clock: { skewMs: 0, rttMs: 0 } });
    expect(s.has('ipvs')).toBe(false);
    expect(f.ipvs).toBeUndefined();
  });

  it('reads both cluster networks from ip -j addr', () => {
    const ifaces = parseIpAddrJson(s.get('ip-addr-json') ?? '');
    const v4 = ifaces.flatMap((i) => i.ipv4.map((a) => `${i.name} ${a.address}/${a.prefix}`));
    expect(v4).toEqual(expect.arrayContaining(['eth0 10.10.0.10/24', 'eth1 10.20.0.10/24']));
  });

  it('lists the blank data disk beside the root disk', () => {
    const f = factsFromSections(s, { probedAt: '', clock: { skewMs: 0, rttMs: 0 } });
    expect(f.blockDevices?.map((d) => `${d.path} ${d.type} ${String(d.holdsRoot)}`)).toEqual([
      '/dev/sr0 rom false',
      '/dev/vda disk true',
      '/dev/vdb disk false',
    ]);
  });

  it('reports the blank data disk case: /chroot not there yet, on the root filesystem', () => {
    expect(parseDiskSection('/chroot', s.get('disk /chroot') ?? '')).toMatchObject({
      exists: false,
      mount: '/',
    });
  });
});
