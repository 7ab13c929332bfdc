import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../shared/api/errors';
import { httpService, lbCluster, LAB_VIP } from '../../shared/lb/testing/lb-fixtures';
import { LAB, LAB_HOSTS } from '../../shared/plan/testing/lab-fixtures';
import type { QueueItemView } from '../../shared/model/queue';
import { parseCluster } from '../../shared/model/cluster';
import { errorReport, renderError, usageError } from './cli-errors';
import { renderCluster } from './cluster-render';
import { progressLine } from './tasks';
import { modelOfFile, resolveHostNames } from './model-names';
import { renderQueues, type NamedQueue } from './queue-commands';

const name = (id: string) => LAB_HOSTS[id]?.name ?? id;
const hosts = Object.entries(LAB_HOSTS).map(([id, h]) => ({ id, name: h?.name ?? id }));
const UUID = /[0-9a-f]{8}-|h-(manager|node\d|storage)/;

describe('cluster show for people', () => {
  it('names every host and lists nodes, accounts, VIPs and services in tables', () => {
    const c = parseCluster(
      lbCluster([
        httpService({ realServers: [{ hostId: LAB.node1, weight: 3 }, { hostId: LAB.node2 }] }),
      ]),
    );
    const text = renderCluster(
      { cluster: c, applied: c, issues: [], updatedAt: '2026-01-01T00:00:00Z' },
      name,
    ).join('\n');
    expect(text).toContain('cluster lab  (public-private, applied');
    expect(text).toMatch(/^NODE +PUBLIC IP +PRIVATE IP +ENABLED +LB MODE$/m);
    expect(text).toMatch(/^node1 +10\.10\.0\.11/m);
    expect(text).toMatch(
      new RegExp(
        `^http +HTTP +tcp ${LAB_VIP.replace(/\./g, '\\.')}:80 +DR +wlc .* node1 \\(3\\), node2$`,
        'm',
      ),
    );
    expect(text).not.toMatch(UUID);
  });
});

describe('host names in a model file', () => {
  it('stand for ids wherever a host is named, real servers included; ids stay', () => {
    const model = {
      manager: { hostId: 'manager' },
      storage: { kind: 'external', hostId: 'storage' },
      nodes: [{ hostId: 'node1' }, { hostId: LAB.node2 }],
      services: [{ realServers: [{ hostId: 'node1' }, { hostId: 'node2' }] }],
    };
    expect(resolveHostNames(model, hosts)).toEqual({
      manager: { hostId: LAB.manager },
      storage: { kind: 'external', hostId: LAB.storage },
      nodes: [{ hostId: LAB.node1 }, { hostId: LAB.node2 }],
      services: [{ realServers: [{ hostId: LAB.node1 }, { hostId: LAB.node2 }] }],
    });
    expect(model.manager.hostId).toBe('manager');
  });

  it('refuses an unknown name with VALIDATION naming each field', () => {
    const model = {
      manager: { hostId: 'manager' },
      nodes: [{ hostId: 'node9' }],
      services: [{ realServers: [{ hostId: 'nodeX' }] }],
    };
    let caught: unknown;
    try {
      resolveHostNames(model, hosts);
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.details).toEqual({
      issues: [
        { field: 'nodes.0.hostId', message: 'no host named "node9"' },
        { field: 'services.0.realServers.0.hostId', message: 'no host named "nodeX"' },
      ],
    });
  });

  it('takes back what cluster show --json printed', () => {
    expect(modelOfFile({ cluster: { name: 'web' }, applied: null, issues: [] })).toEqual({
      name: 'web',
    });
    expect(modelOfFile({ name: 'web' })).toEqual({ name: 'web' });
  });
});

const item = (patch: Partial<QueueItemView>): QueueItemView => ({
  id: 1,
  hostId: LAB.node1,
  applyId: 'a1b2c3d4e5f6',
  stepId: 's',
  title: 'Mount /chroot/home',
  state: 'pending',
  attempts: 0,
  lastError: null,
  outcome: null,
  nextRetryAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  ...patch,
});

describe('queue for people', () => {
  const failed = item({
    id: 2,
    state: 'failed',
    lastError: 'mount.nfs: timed out\nmore',
    nextRetryAt: Date.UTC(2026, 0, 1, 12, 5),
  });
  const queues: NamedQueue[] = [
    {
      hostId: LAB.manager,
      hostName: 'manager',
      status: 'idle',
      current: null,
      pending: 0,
      items: [
        item({
          id: 1,
          hostId: LAB.manager,
          state: 'done',
          outcome: 'applied',
          finishedAt: '2026-01-01T00:01:00Z',
          title: 'Exports',
        }),
      ],
      waitingFor: null,
      applies: [],
    },
    {
      hostId: LAB.node1,
      hostName: 'node1',
      status: 'halted',
      current: failed,
      pending: 1,
      items: [failed, item({ id: 3 })],
      waitingFor: null,
      applies: [],
    },
  ];
  const titles = new Map([['a1b2c3d4e5f6', 'Update cluster lab: add node node1']]);

  it('shows the current apply with its progress and where it halted, and each host by name', () => {
    const text = renderQueues(queues, titles, false).join('\n');
    expect(text).toContain(
      'Applying: Update cluster lab: add node node1 (a1b2c3d4): 1 of 3 steps done, halted on node1',
    );
    expect(text).toMatch(
      /^node1 +halted +1 +Mount \/chroot\/home +2026-01-01 12:05:00 +mount\.nfs: timed out$/m,
    );
    expect(text).not.toContain('History');
    expect(text).not.toMatch(UUID);
  });

  it('lists the finished steps only with --history', () => {
    expect(renderQueues(queues, titles, true).join('\n')).toMatch(
      /History:\nFINISHED +HOST +STATE +STEP\n2026-01-01T00:01:00Z +manager +applied +Exports/,
    );
  });
});

describe('errors and progress for people', () => {
  it('print code, message, each field of a VALIDATION error and the hint', () => {
    const many = new AppError('VALIDATION', 'a: x; b: y', {
      issues: [
        { field: 'a', message: 'x' },
        { field: 'b', message: 'y' },
      ],
    });
    expect(renderError(errorReport(many))).toBe(
      'clusterdeck: VALIDATION: 2 problems\n  a: x\n  b: y\n  hint: Correct the named field and try again.\n',
    );
    expect(renderError(errorReport(usageError('--file', 'give a file', 'cluster create')))).toBe(
      'clusterdeck: VALIDATION: --file: give a file\n  hint: See: clusterdeck cluster create --help\n',
    );
    expect(errorReport(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
  });

  it('put a task on one line: title, count, host and step', () => {
    const t = {
      id: 't',
      kind: 'apply',
      title: 'Apply lab',
      state: 'running',
      cancellable: true,
      clusterId: null,
      startedAt: '',
      finishedAt: null,
      error: null,
    } as const;
    expect(
      progressLine({ ...t, progress: { done: 3, total: 12, step: 'Mount', hostName: 'node1' } }),
    ).toBe('Apply lab [3/12] node1: Mount');
    expect(
      progressLine({ ...t, progress: { done: 0, total: null, step: null, hostName: null } }),
    ).toBe('Apply lab');
  });
});
