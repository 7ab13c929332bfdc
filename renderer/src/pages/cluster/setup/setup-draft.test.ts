import { describe, expect, it } from 'vitest';
import {
  clearField,
  draftIssues,
  EMPTY_DRAFT,
  issuesOfStep,
  shiftNodeIssues,
  toClusterInput,
  type SetupDraft,
} from './setup-draft';

const draft: SetupDraft = {
  ...EMPTY_DRAFT,
  name: 'web',
  managerHostId: 'm1',
  publicIp: ' 192.0.2.2 ',
  privateIp: '10.0.0.2',
  quorumIp: '192.0.2.3',
  quorumPrefix: '24',
  nodes: [{ hostId: 'n1', publicIp: '192.0.2.4', privateIp: '10.0.0.4' }],
};

describe('toClusterInput', () => {
  it('drops hidden private addresses in the all-public layout and trims', () => {
    const c = toClusterInput(draft);
    expect(c.manager).toEqual({
      hostId: 'm1',
      publicIp: '192.0.2.2',
      quorumIp: '192.0.2.3',
      quorumPrefix: 24,
    });
    expect(c.nodes).toEqual([{ hostId: 'n1', publicIp: '192.0.2.4', enabled: true }]);
    expect(c.storage).toEqual({ kind: 'manager' });
  });

  it('keeps private addresses where the layout has them, and omits empty ones', () => {
    const c = toClusterInput({ ...draft, layout: 'public-private', privateIp: '' });
    expect(c.manager.privateIp).toBeUndefined();
    expect(c.nodes?.[0]?.privateIp).toBe('10.0.0.4');
  });

  it('builds external storage with its optional device', () => {
    const c = toClusterInput({
      ...draft,
      storageKind: 'external',
      storageHostId: 's1',
      storageAddress: '192.0.2.9',
      storageDevice: '/dev/vdb',
    });
    expect(c.storage).toEqual({
      kind: 'external',
      hostId: 's1',
      address: '192.0.2.9',
      exportPath: '/srv/cluster',
      device: '/dev/vdb',
    });
  });
});

describe('draftIssues', () => {
  it('is empty for a well-formed draft', () => {
    expect(draftIssues(draft)).toEqual([]);
  });

  it('reports format errors by model path, a typed prefix that is no number included', () => {
    const issues = draftIssues({
      ...draft,
      name: 'Web Site',
      quorumIp: '10.0.0',
      quorumPrefix: '2x',
    });
    const fields = issues.map((i) => i.field);
    expect(fields).toContain('name');
    expect(fields).toContain('manager.quorumIp');
    expect(fields).toContain('manager.quorumPrefix');
    expect(
      issuesOfStep(issues, 1)
        .map((i) => i.field)
        .sort(),
    ).toEqual(['manager.quorumIp', 'manager.quorumPrefix']);
  });

  it('names the manager host when none was picked', () => {
    expect(draftIssues({ ...draft, managerHostId: '' }).map((i) => i.field)).toContain(
      'manager.hostId',
    );
  });
});

describe('issue bookkeeping', () => {
  const issues = [
    { field: 'nodes.0.publicIp', message: 'a' },
    { field: 'nodes.1.privateIp', message: 'b' },
    { field: 'nodes.2.hostId', message: 'c' },
    { field: 'manager.quorumIp', message: 'd' },
  ];

  it('clears a field and everything under it', () => {
    expect(clearField(issues, 'nodes.1').map((i) => i.field)).toEqual([
      'nodes.0.publicIp',
      'nodes.2.hostId',
      'manager.quorumIp',
    ]);
    expect(clearField(issues, 'manager').map((i) => i.field)).toHaveLength(3);
  });

  it('moves the messages of later nodes up when a node row is removed', () => {
    expect(shiftNodeIssues(issues, 1)).toEqual([
      { field: 'nodes.0.publicIp', message: 'a' },
      { field: 'nodes.1.hostId', message: 'c' },
      { field: 'manager.quorumIp', message: 'd' },
    ]);
  });
});
