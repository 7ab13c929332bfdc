import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import {
  fieldLabel,
  fieldPlace,
  inWords,
  issuesOf,
  issuesPerStep,
  messagesByField,
  modelPath,
  REVIEW_STEP,
  stepOfField,
  unshownIssues,
} from './cluster-fields';

describe('stepOfField', () => {
  it('maps each model area to the wizard step that edits it', () => {
    expect(stepOfField('name')).toBe(0);
    expect(stepOfField('layout')).toBe(0);
    expect(stepOfField('manager.quorumIp')).toBe(1);
    expect(stepOfField('manager.hostId')).toBe(1);
    expect(stepOfField('storage.exportPath')).toBe(2);
    expect(stepOfField('storage')).toBe(2);
    expect(stepOfField('nodes.1.privateIp')).toBe(3);
  });

  it('accepts the request schema paths and sends unknown areas to the review', () => {
    expect(stepOfField('cluster.manager.publicIp')).toBe(1);
    expect(stepOfField('accounts.0.name')).toBe(REVIEW_STEP);
    expect(stepOfField('(input)')).toBe(REVIEW_STEP);
    expect(stepOfField('managerX')).toBe(REVIEW_STEP);
  });
});

describe('issuesOf', () => {
  it('reads the field issues of a VALIDATION error as model paths', () => {
    const e = new AppError('VALIDATION', 'x', {
      issues: [
        { field: 'cluster.manager.quorumIp', message: 'must be an IPv4 address' },
        { field: 'nodes.1.privateIp', message: 'is required' },
      ],
    });
    expect(issuesOf(e.toInfo())).toEqual([
      { field: 'manager.quorumIp', message: 'must be an IPv4 address' },
      { field: 'nodes.1.privateIp', message: 'is required' },
    ]);
  });

  it('is null for other codes and for VALIDATION without usable issues', () => {
    expect(issuesOf({ code: 'NAME_TAKEN', message: 'x', details: { issues: [] } })).toBeNull();
    expect(
      issuesOf({
        code: 'VALIDATION',
        message: 'x',
        details: { issues: [{ field: 3, message: 'malformed' }] },
      }),
    ).toBeNull();
    expect(issuesOf({ code: 'VALIDATION', message: 'x' })).toBeNull();
    expect(issuesOf({ code: 'VALIDATION', message: 'x', details: { issues: 'no' } })).toBeNull();
  });
});

describe('messagesByField', () => {
  it('joins distinct messages of one field and keeps others apart', () => {
    expect(
      messagesByField([
        { field: 'manager.quorumIp', message: 'a' },
        { field: 'manager.quorumIp', message: 'b' },
        { field: 'manager.quorumIp', message: 'a' },
        { field: 'name', message: 'c' },
      ]),
    ).toEqual({ 'manager.quorumIp': 'a; b', name: 'c' });
  });
});

describe('issuesPerStep and unshownIssues', () => {
  const issues = [
    { field: 'manager.quorumIp', message: 'a' },
    { field: 'manager.privateIp', message: 'b' },
    { field: 'nodes.0.publicIp', message: 'c' },
    { field: 'services', message: 'd' },
  ];
  it('counts issues per step', () => {
    expect(issuesPerStep(issues)).toEqual([0, 2, 0, 1, 1]);
  });
  it('lists the issues no shown field displays', () => {
    expect(unshownIssues(issues, new Set(['manager.quorumIp', 'manager.privateIp']))).toEqual([
      'Node 1 public IP: c',
      'Services: d',
    ]);
  });
  it('strips only a leading request prefix', () => {
    expect(modelPath('cluster.name')).toBe('name');
    expect(modelPath('input.cluster.name')).toBe('name');
    expect(modelPath('nodes.0.cluster')).toBe('nodes.0.cluster');
  });
});

describe('fields in words', () => {
  it('names every wizard field by its label, node rows by number', () => {
    expect(fieldLabel('name')).toBe('Cluster name');
    expect(fieldLabel('cluster.manager.quorumIp')).toBe('Quorum IP');
    expect(fieldLabel('manager.publicIp')).toBe("Manager's public IP");
    expect(fieldLabel('storage.device')).toBe('Block device');
    expect(fieldLabel('nodes.0.privateIp')).toBe('Node 1 private IP');
    expect(fieldLabel('nodes.2.hostId')).toBe('Node 3 host');
    expect(fieldLabel('nodes.1')).toBe('Node 2');
    expect(fieldLabel('accounts.0.uid')).toBe('Account 1 UID');
    expect(fieldLabel('services')).toBe('Services');
  });

  it('says on which step a field is', () => {
    expect(fieldPlace('manager.quorumIp')).toBe('Manager › Quorum IP');
    expect(fieldPlace('nodes.0.publicIp')).toBe('Nodes › Node 1 public IP');
    expect(fieldPlace('storage.address')).toBe('Storage › Address to mount from');
    expect(fieldPlace('accounts.0.name')).toBe('Account 1 name');
  });

  it('replaces the model paths a message names, and nothing else', () => {
    expect(inWords("10.0.0.5 is already node 1's private address (nodes.0.privateIp)")).toBe(
      "10.0.0.5 is already node 1's private address (Nodes › Node 1 private IP)",
    );
    expect(inWords('192.0.2.3 is already the manager (cluster.manager.publicIp)')).toBe(
      "192.0.2.3 is already the manager (Manager › Manager's public IP)",
    );
    expect(inWords('must be in 10.0.0.0/24 (a subnet)')).toBe('must be in 10.0.0.0/24 (a subnet)');
    expect(inWords('10.9.0.5 is not on the manager: set quorumInterface or fix the address')).toBe(
      '10.9.0.5 is not on the manager: set the quorum interface or fix the address',
    );
    expect(inWords('give a blank device in storage.device, or mount …')).toBe(
      'give a blank device in “Block device”, or mount …',
    );
    expect(
      messagesByField([{ field: 'nodes.1.publicIp', message: 'is node 1 (nodes.0.publicIp)' }]),
    ).toEqual({ 'nodes.1.publicIp': 'is node 1 (Nodes › Node 1 public IP)' });
  });
});
