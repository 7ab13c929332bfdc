import { describe, expect, it } from 'vitest';
import type { SnapshotChange } from '../../../../shared/snapshot/diff';
import { changeSubject, changeSummary, groupChanges } from './snapshot-diff-groups';

const change = (patch: Partial<SnapshotChange>): SnapshotChange => ({
  kind: 'model',
  hostId: null,
  hostName: null,
  subject: 'vips: 10.10.0.100',
  before: null,
  after: '10.10.0.100',
  diff: null,
  ...patch,
});

const file = (hostId: string, path: string): SnapshotChange =>
  change({
    kind: 'file',
    hostId,
    hostName: hostId.toUpperCase(),
    subject: `${hostId.toUpperCase()}:${path}`,
    before: 'present',
    after: 'present',
    diff: '@@ -1 +1 @@\n-a\n+b\n',
  });

describe('groupChanges', () => {
  it('puts the model first, files per host, then IPVS, facts and queue failures', () => {
    const changes = [
      change({ kind: 'queue', hostId: 'n1', hostName: 'node1', subject: 'step' }),
      file('n2', '/etc/exports'),
      change({ kind: 'fact', hostId: 'n1', hostName: 'node1', subject: 'kernel' }),
      change({ subject: 'accounts: shop' }),
      file('n1', '/etc/fstab'),
      change({ kind: 'ipvs', subject: 'tcp 10.10.0.100:80' }),
      file('n2', '/etc/fstab'),
    ];
    const groups = groupChanges(changes);
    expect(groups.map((g) => [g.key, g.title, g.changes.length])).toEqual([
      ['model', 'Model', 1],
      ['files:n2', 'Files on N2', 2],
      ['files:n1', 'Files on N1', 1],
      ['ipvs', 'IPVS', 1],
      ['fact', 'Facts', 1],
      ['queue', 'Queue failures', 1],
    ]);
    // Within a group the diff's order stays.
    expect(groups[1]?.changes.map((c) => c.subject)).toEqual(['N2:/etc/exports', 'N2:/etc/fstab']);
  });

  it('has no group for an empty diff', () => {
    expect(groupChanges([])).toEqual([]);
  });
});

describe('changeSubject', () => {
  it("names the host of one host's change, except files (their heading names it)", () => {
    expect(changeSubject(change({}))).toBe('vips: 10.10.0.100');
    expect(
      changeSubject(change({ kind: 'fact', hostId: 'n1', hostName: 'node1', subject: 'kernel' })),
    ).toBe('node1: kernel');
    expect(changeSubject(file('n1', '/etc/fstab'))).toBe('/etc/fstab');
  });
});

describe('changeSummary', () => {
  it('reads before → after, added or removed', () => {
    expect(changeSummary(change({ before: '2', after: '5' }))).toBe('2 → 5');
    expect(changeSummary(change({ before: null, after: 'x' }))).toBe('added: x');
    expect(changeSummary(change({ before: 'x', after: null }))).toBe('removed: x');
    expect(changeSummary(change({ before: null, after: null }))).toBe('');
  });

  it('says nothing of a file edited in place, but tells a file that appeared', () => {
    expect(changeSummary(file('n1', '/x'))).toBe('');
    expect(changeSummary(change({ kind: 'file', before: 'absent', after: 'present' }))).toBe(
      'absent → present',
    );
  });
});
