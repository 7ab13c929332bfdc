import { describe, expect, it } from 'vitest';
import { isAppError } from '../base/errors';
import {
  LAB,
  LAB_HOSTS,
  debianFacts,
  freshFiles,
  labCluster,
  labObserved,
} from '../plan/testing/lab-fixtures';
import { parseCluster, type Cluster, type ClusterInput } from './cluster';
import type { Issue, ValidationContext } from './cluster-issues';
import { validateCluster } from '../cluster/validate';
import { storageLayout } from '../plan/context';
import type { BlockDevice, HostFacts } from './facts';

function ctxFor(
  c: Cluster,
  tweak?: (
    facts: Record<string, HostFacts>,
    files: Record<string, Record<string, string | null>>,
  ) => void,
): ValidationContext {
  const observed = labObserved(c.layout);
  const facts: Record<string, HostFacts> = {};
  const files: Record<string, Record<string, string | null>> = {};
  for (const [id, o] of Object.entries(observed)) {
    facts[id] = o.facts;
    files[id] = o.files;
  }
  tweak?.(facts, files);
  return { hosts: LAB_HOSTS, facts, files };
}

function errors(c: Cluster, ctx = ctxFor(c)): Issue[] {
  return validateCluster(c, ctx).filter((i) => i.severity === 'error');
}

function edit(c: Cluster, patch: (input: ClusterInput) => void): Cluster {
  const copy = structuredClone(c) as ClusterInput;
  patch(copy);
  return parseCluster(copy);
}

/** The fields named by errors whose message matches. */
function fields(issues: Issue[], re: RegExp): string[] {
  return issues.filter((i) => re.test(i.message)).map((i) => i.field);
}

describe('Cluster schema', () => {
  it('fills defaults: enabled nodes, no services, a 5 minute retry interval', () => {
    const c = labCluster('public-private');
    expect(c.settings.queueRetryIntervalSec).toBe(300);
    expect(c.services).toEqual([]);
    expect(c.nodes.every((n) => n.enabled)).toBe(true);
  });

  it('throws one VALIDATION error naming every bad field', () => {
    try {
      parseCluster({
        ...labCluster('public'),
        name: 'Bad Name',
        manager: { ...labCluster('public').manager, quorumIp: '10.0.0.300' },
      });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('VALIDATION');
      expect((e as Error).message).toMatch(/name: name must be lower-case/);
      expect((e as Error).message).toMatch(/manager\.quorumIp: must be an IPv4 address/);
    }
  });

  it('refuses system folders as export path and odd device paths', () => {
    const base = labCluster('public-private', 'external');
    for (const exportPath of ['/etc/cluster', '/', '/srv/../etc', '/srv/a b', 'srv']) {
      expect(
        () => parseCluster({ ...base, storage: { ...base.storage, exportPath } }),
        exportPath,
      ).toThrow(/storage\.exportPath/);
    }
    for (const device of ['/tmp/x', '/dev/../etc/passwd', '/dev/vd b']) {
      expect(() => parseCluster({ ...base, storage: { ...base.storage, device } }), device).toThrow(
        /storage\.device/,
      );
    }
  });
});

describe('validateCluster', () => {
  it('accepts every lab layout and storage choice', () => {
    for (const c of [
      labCluster('public'),
      labCluster('public-private'),
      labCluster('private-nat'),
      labCluster('public-private', 'external'),
    ]) {
      expect(errors(c), c.layout).toEqual([]);
    }
  });

  it('quorum IP: not on the manager', () => {
    const c = edit(labCluster('public-private'), (x) => void (x.manager.quorumIp = '10.20.0.2'));
    const ctx = ctxFor(c, (facts) => {
      facts[LAB.manager] = debianFacts('manager', { eth0: '10.10.0.10/24', eth1: '10.30.0.10/24' });
    });
    expect(fields(errors(c, ctx), /is not on the manager/)).toEqual(['manager.quorumIp']);
  });

  it('quorum IP: used by a node, configured on another host, equal to the public address', () => {
    const c = labCluster('public-private');
    expect(
      fields(
        errors(edit(c, (x) => void (x.manager.quorumIp = '10.20.0.11'))),
        /already node 1's private address/,
      ),
    ).toEqual(['manager.quorumIp']);
    const ctx = ctxFor(c, (facts) => {
      facts[LAB.node2] = debianFacts('node2', { eth0: '10.10.0.12/24', eth1: '10.20.0.2/24' });
    });
    expect(fields(errors(c, ctx), /already configured on host node2/)).toEqual([
      'manager.quorumIp',
    ]);
    const pub = labCluster('public');
    expect(
      fields(
        errors(edit(pub, (x) => void (x.manager.quorumIp = '10.10.0.10'))),
        /never used for sites/,
      ),
    ).toEqual(['manager.quorumIp']);
  });

  it('quorum IP: network, broadcast and reserved addresses', () => {
    const c = labCluster('public-private');
    expect(
      fields(
        errors(edit(c, (x) => void (x.manager.quorumIp = '10.20.0.255'))),
        /broadcast address/,
      ),
    ).toEqual(['manager.quorumIp']);
    expect(
      fields(errors(edit(c, (x) => void (x.manager.quorumIp = '10.20.0.0'))), /network address/),
    ).toEqual(['manager.quorumIp']);
    expect(
      fields(errors(edit(c, (x) => void (x.manager.quorumIp = '127.0.0.2'))), /loopback/),
    ).toContain('manager.quorumIp');
  });

  it('quorum IP: on the private subnet in public-private', () => {
    const c = edit(labCluster('public-private'), (x) => void (x.manager.quorumIp = '10.10.0.2'));
    expect(fields(errors(c), /private subnet/)).toEqual(['manager.quorumIp']);
  });

  it('one segment: a node on another subnet', () => {
    const c = edit(labCluster('public'), (x) => {
      const n = x.nodes?.[1];
      if (n) n.publicIp = '10.11.0.12';
    });
    const ctx = ctxFor(c, (facts) => {
      facts[LAB.node2] = debianFacts('node2', { eth0: '10.11.0.12/24' });
    });
    expect(fields(errors(c, ctx), /needs one segment/)).toEqual(['nodes.1.publicIp']);
  });

  it('private addresses are required outside the all-public layout', () => {
    const c = edit(labCluster('public-private'), (x) => {
      const n = x.nodes?.[0];
      if (n) delete n.privateIp;
      delete x.manager.privateIp;
    });
    expect(fields(errors(c), /is required/).sort()).toEqual([
      'manager.privateIp',
      'nodes.0.privateIp',
    ]);
  });

  it('addresses must exist on their host and be used once', () => {
    const c = edit(labCluster('public-private'), (x) => {
      const n = x.nodes?.[1];
      if (n) n.privateIp = '10.20.0.11';
    });
    const errs = errors(c);
    expect(fields(errs, /already node 1's private address/)).toEqual(['nodes.1.privateIp']);
    expect(fields(errs, /is not an address of host node2/)).toEqual(['nodes.1.privateIp']);
  });

  it("OS release and architecture must equal the manager's", () => {
    const c = labCluster('public-private');
    const ctx = ctxFor(c, (facts) => {
      const f = facts[LAB.node1];
      if (f) facts[LAB.node1] = { ...f, os: { ...f.os, versionId: '11' }, arch: 'aarch64' };
    });
    const errs = fields(errors(c, ctx), /manager's OS release|manager's architecture/);
    expect(errs).toEqual(['nodes.0.hostId', 'nodes.0.hostId']);
  });

  it('an OpenVZ container without kernel NFS is refused, naming it', () => {
    const c = labCluster('public-private');
    const ctx = ctxFor(c, (facts) => {
      const f = facts[LAB.node2];
      const none = { loaded: false, builtin: false, available: false };
      if (f)
        facts[LAB.node2] = {
          ...f,
          virtualization: { kind: 'openvz', isContainer: true, isOpenVz: true },
          modules: { ...f.modules, nfs: none },
        };
    });
    const e = errors(c, ctx).find((i) => i.field === 'nodes.1.hostId');
    expect(e?.message).toMatch(/OpenVZ\/Virtuozzo container without kernel NFS/);
  });

  it('other operating systems are refused for now', () => {
    const c = labCluster('public-private');
    const ctx = ctxFor(c, (facts) => {
      const f = facts[LAB.manager];
      if (f)
        facts[LAB.manager] = {
          ...f,
          os: { id: 'rocky', versionId: '9', prettyName: 'Rocky Linux 9', idLike: ['rhel'] },
        };
    });
    expect(fields(errors(c, ctx), /Debian and Ubuntu hosts only/)).toEqual(['manager.hostId']);
  });

  it('without a device, the storage must already have quotas on', () => {
    const c = edit(labCluster('public-private'), (x) => void (x.storage = { kind: 'manager' }));
    expect(fields(errors(c), /without user quotas/)).toEqual(['storage.device']);
    const ok = ctxFor(c, (_facts, files) => {
      files[LAB.manager] = freshFiles({
        '/proc/mounts': '/dev/vda / ext4 rw,usrquota,grpquota 0 0\n',
      });
    });
    expect(errors(c, ok)).toEqual([]);
  });

  it('a device to format must be blank and not the system disk, where the probe listed it', () => {
    const c = edit(labCluster('public-private'), (x) => {
      x.storage = { kind: 'manager', device: '/dev/vdb' };
    });
    const disks = (vdb: Partial<BlockDevice>) => (facts: Record<string, HostFacts>) => {
      const f = facts[LAB.manager];
      if (f === undefined) return;
      facts[LAB.manager] = {
        ...f,
        blockDevices: [
          { name: 'vda', path: '/dev/vda', sizeBytes: 3 * 2 ** 30, type: 'disk', holdsRoot: true },
          {
            name: 'vdb',
            path: '/dev/vdb',
            sizeBytes: 4 * 2 ** 30,
            type: 'disk',
            holdsRoot: false,
            ...vdb,
          },
        ],
      };
    };
    const deviceErrors = (x: Cluster, tweak: ReturnType<typeof disks>) =>
      errors(x, ctxFor(x, tweak)).filter((i) => i.field === 'storage.device');
    expect(deviceErrors(c, disks({}))).toEqual([]);
    expect(deviceErrors(c, disks({ fsType: 'ext4' })).map((i) => i.message)).toEqual([
      '/dev/vdb on manager is not blank (ext4): ClusterDeck formats blank devices only',
    ]);
    // The filesystem an earlier apply made (the UUID the plan gives it, mounted or not) is the
    // cluster's own: re-planning a set-up cluster is not refused; another ext4 still is.
    const own = storageLayout(c).uuid;
    expect(own).toBeDefined();
    expect(deviceErrors(c, disks({ fsType: 'ext4', uuid: own, mountpoint: '/chroot' }))).toEqual(
      [],
    );
    expect(deviceErrors(c, disks({ fsType: 'ext4', uuid: own }))).toEqual([]);
    expect(
      deviceErrors(c, disks({ fsType: 'ext4', uuid: '0b9f3c1e-2a4d-4e8b-9c1a-5d6e7f801234' })),
    ).toHaveLength(1);
    const root = edit(c, (x) => void (x.storage = { kind: 'manager', device: '/dev/vda' }));
    expect(deviceErrors(root, disks({})).map((i) => i.message)).toEqual([
      '/dev/vda on manager holds / (the system disk): never formatted',
    ]);
  });

  it('references: unknown hosts, the manager as a node, the storage host as a node', () => {
    const c = edit(labCluster('public-private', 'external'), (x) => {
      x.nodes = [
        ...(x.nodes ?? []),
        { hostId: LAB.manager, publicIp: '10.10.0.30', privateIp: '10.20.0.30' },
        { hostId: 'h-ghost', publicIp: '10.10.0.31', privateIp: '10.20.0.31' },
      ];
      if (x.storage.kind === 'external') x.storage.hostId = LAB.node1;
    });
    const errs = errors(c);
    expect(fields(errs, /cannot also join as a node/)).toEqual(['nodes.2.hostId']);
    expect(fields(errs, /not a known host/)).toEqual(['nodes.3.hostId']);
    expect(fields(errs, /is also a node/)).toEqual(['storage.hostId']);
  });

  it('accounts: duplicate names, uids, gids and domains, id ranges, system names', () => {
    const a = { name: 'web1', uid: 2001, gid: 2001, quotaMiB: 10, domain: 'web1.example' };
    const c = edit(labCluster('public-private'), (x) => {
      x.accounts = [
        a,
        { ...a, domain: 'Web1.Example' },
        { name: 'root', uid: 999, gid: 70000, quotaMiB: 0, domain: 'r.example' },
      ];
    });
    const errs = errors(c);
    expect(fields(errs, /already used by account 1/).sort()).toEqual([
      'accounts.1.domain',
      'accounts.1.gid',
      'accounts.1.name',
      'accounts.1.uid',
    ]);
    expect(fields(errs, /must be between 1000 and 59999/).sort()).toEqual([
      'accounts.2.gid',
      'accounts.2.uid',
    ]);
    expect(fields(errs, /system account name/)).toEqual(['accounts.2.name']);
  });

  it('accounts: a uid or name already taken on a host', () => {
    const c = edit(
      labCluster('public-private'),
      (x) =>
        void (x.accounts = [
          { name: 'admin', uid: 2001, gid: 2001, quotaMiB: 0, domain: 'a.example' },
        ]),
    );
    const errs = errors(c);
    expect(
      errs.some(
        (i) =>
          i.field === 'accounts.0.uid' && /already has user admin with uid 1000/.test(i.message),
      ),
    ).toBe(true);
    const d = edit(
      labCluster('public-private'),
      (x) =>
        void (x.accounts = [
          { name: 'web9', uid: 1000, gid: 2009, quotaMiB: 0, domain: 'a.example' },
        ]),
    );
    expect(
      errors(d).some(
        (i) => i.field === 'accounts.0.uid' && /uid 1000 is user admin/.test(i.message),
      ),
    ).toBe(true);
  });

  it('warns about hosts that were not probed instead of failing', () => {
    const c = labCluster('public-private');
    const ctx = ctxFor(c);
    ctx.facts[LAB.node2] = undefined;
    const issues = validateCluster(c, ctx);
    expect(issues.find((i) => i.field === 'nodes.1.hostId')?.severity).toBe('warning');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
