import { describe, expect, it } from 'vitest';
import type { Cluster } from './cluster';
import { describeStorage, hasUnapplied, sameModel } from './cluster-summary';
import { suggestAccountId } from './cluster-suggest';

const cluster: Cluster = {
  id: 'c1',
  name: 'web',
  layout: 'public',
  manager: { hostId: 'm', publicIp: '192.0.2.2', quorumIp: '192.0.2.3', quorumPrefix: 24 },
  storage: { kind: 'manager' },
  nodes: [{ hostId: 'n', publicIp: '192.0.2.4', enabled: true, lbMode: 'active' }],
  accounts: [],
  services: [],
  settings: { queueRetryIntervalSec: 300, snapshotsBeforeApply: 10 },
};

describe('sameModel', () => {
  it('ignores key order and keys holding undefined', () => {
    const reordered = JSON.parse(JSON.stringify({ ...cluster, name: undefined })) as object;
    expect(sameModel({ ...reordered, name: 'web' }, cluster)).toBe(true);
    expect(
      sameModel({ ...cluster, manager: { ...cluster.manager, privateIp: undefined } }, cluster),
    ).toBe(true);
  });

  it('sees nested changes, array order and length', () => {
    expect(
      sameModel({ ...cluster, nodes: [{ ...cluster.nodes[0], enabled: false }] }, cluster),
    ).toBe(false);
    expect(sameModel({ ...cluster, nodes: [] }, cluster)).toBe(false);
    expect(sameModel([1, 2], [2, 1])).toBe(false);
    expect(sameModel({ a: [] }, { a: {} })).toBe(false);
    expect(sameModel(null, {})).toBe(false);
  });
});

describe('hasUnapplied', () => {
  it('is true when never applied or when the desired model differs', () => {
    expect(hasUnapplied({ cluster, applied: null })).toBe(true);
    expect(hasUnapplied({ cluster, applied: structuredClone(cluster) })).toBe(false);
    expect(
      hasUnapplied({
        cluster,
        applied: { ...cluster, settings: { queueRetryIntervalSec: 60, snapshotsBeforeApply: 10 } },
      }),
    ).toBe(true);
  });
});

describe('suggestAccountId', () => {
  const account = (uid: number, gid: number) => ({
    name: `u${uid}`,
    uid,
    gid,
    quotaMiB: 0,
    domain: `u${uid}.example.com`,
  });
  it('starts at 2000 and goes one above the highest id in use', () => {
    expect(suggestAccountId([], 'uid')).toBe(2000);
    expect(suggestAccountId([account(1500, 1500)], 'gid')).toBe(2000);
    expect(suggestAccountId([account(2000, 2005), account(2003, 2001)], 'uid')).toBe(2004);
    expect(suggestAccountId([account(2000, 2005), account(2003, 2001)], 'gid')).toBe(2006);
  });
});

describe('describeStorage', () => {
  it('names the storage host and a device to format', () => {
    expect(describeStorage(cluster, (id) => id)).toBe('on the manager');
    const ext: Cluster = {
      ...cluster,
      storage: {
        kind: 'external',
        hostId: 's',
        address: '10.0.0.9',
        exportPath: '/srv/c',
        device: '/dev/vdb',
      },
    };
    expect(describeStorage(ext, () => 'nas1')).toBe(
      'NFS 10.0.0.9:/srv/c on nas1, formats blank /dev/vdb',
    );
  });
});
