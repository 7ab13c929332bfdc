import { describe, expect, it } from 'vitest';
import { lbCluster, httpService } from '../../../shared/lb/testing/lb-fixtures';
import { step } from '../../../shared/plan/step';
import type { Plan } from '../../../shared/plan/types';
import { EventBus } from '../events/event-bus';
import type { HostService } from '../hosts/host-service';
import type { CommandQueue, StepTarget } from '../queue/command-queue';
import { AuditRepository } from '../store/audit-repository';
import { ClustersRepository } from '../store/clusters-repository';
import { openDatabase } from '../store/database';
import { HostsRepository } from '../store/hosts-repository';
import { QueueRepository } from '../store/queue-repository';
import { ClusterService } from './cluster-service';

function setup() {
  const db = openDatabase(':memory:');
  const clusters = new ClustersRepository(db);
  const queueRepo = new QueueRepository(db);
  const superseded: string[] = [];
  // The queue does not run here: the test looks at what is queued and what is superseded.
  const queue = {
    assertRunsHere: () => undefined,
    kick: () => undefined,
    supersede: (hostId: string, applyId: string, by: string) => {
      superseded.push(`${hostId} ${applyId} by ${by}`);
      return 1;
    },
  } as unknown as CommandQueue;
  const service = new ClusterService({
    clusters,
    hostsRepo: new HostsRepository(db),
    hosts: {} as unknown as HostService,
    queueRepo,
    queue,
    target: {} as StepTarget,
    audit: new AuditRepository(db),
    events: new EventBus(),
  });
  const cluster = lbCluster([httpService()]);
  clusters.saveDesired(cluster);
  return { service, queueRepo, cluster, superseded };
}

const plan = (hostIds: string[], stepIds: string[]): Plan => ({
  title: 'p',
  hosts: hostIds.map((hostId) => ({
    hostId,
    hostName: hostId,
    role: 'manager' as const,
    steps: stepIds.map((id) => step({ id, title: id, check: null, verify: null })),
  })),
});

describe('ClusterService.queueDirect', () => {
  it('records an apply with its model and queues its steps, hashed like a reviewed plan', () => {
    const { service, queueRepo, cluster } = setup();
    const { applyId, plan: queued } = service.queueDirect(
      cluster.id,
      plan(['m'], ['k', 's']),
      cluster,
      'lb:setNodeMode',
    );
    expect(queued.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(service.applyStatus(applyId)).toMatchObject({
      model: cluster,
      finishedAt: null,
      progress: { open: 2 },
    });
    expect(queueRepo.list('m').map((i) => [i.applyId, i.stepId])).toEqual([
      [applyId, 'k'],
      [applyId, 's'],
    ]);
  });

  it('supersedes earlier applies that have nothing left but the given steps on its hosts', () => {
    const { service, cluster, superseded } = setup();
    const only = service.queueDirect(cluster.id, plan(['m'], ['k', 's']), cluster, 'x').applyId;
    service.queueDirect(cluster.id, plan(['m'], ['k', 'vips']), cluster, 'x');
    service.queueDirect(cluster.id, plan(['m', 'n1'], ['k']), cluster, 'x');
    const newer = service.queueDirect(cluster.id, plan(['m'], ['k', 's']), cluster, 'x', {
      supersedes: ['k', 's'],
    }).applyId;
    // Not `more` (a VIP step left) nor `elsewhere` (a step on another host left).
    expect(superseded).toEqual([`m ${only} by ${newer}`]);
  });
});

describe('ClusterService.validate', () => {
  it('reports what a save would, and a name another cluster has, without saving', () => {
    const { service, cluster } = setup();
    const { id: _id, ...fresh } = cluster;
    const before = service.list().length;
    const issues = service.validate(fresh);
    expect(issues[0]).toEqual({
      field: 'name',
      message: `a cluster named "${cluster.name}" already exists`,
      severity: 'error',
    });
    // The fixture's hosts were never added: the same errors a save refuses the model with.
    const unknown = issues.filter((i) => i.message.includes('not a known host'));
    expect(unknown.map((i) => i.field)).toContain('manager.hostId');
    expect(() => service.save({ ...fresh, name: 'other' })).toThrow(/not a known host/);
    expect(service.list()).toHaveLength(before);
    // The cluster itself keeps its own name.
    expect(service.validate(cluster).some((i) => i.field === 'name')).toBe(false);
  });

  it('fails on a malformed model as a save does', () => {
    const { service, cluster } = setup();
    expect(() => service.validate({ ...cluster, manager: { hostId: 'm' } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
