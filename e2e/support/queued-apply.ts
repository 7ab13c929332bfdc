import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Plan, type PlanStep } from '../../shared/plan/types';
import { openDatabase } from '../../electron/core/store/database';
import { ClustersRepository } from '../../electron/core/store/clusters-repository';
import { QueueRepository } from '../../electron/core/store/queue-repository';

/** One host's steps of a {@link queueApply}: ids, titles and the shell commands they run. */
export interface QueuedHostSteps {
  hostId: string;
  hostName: string;
  steps: (Pick<PlanStep, 'id' | 'title' | 'commands'> & Partial<PlanStep>)[];
}

/**
 * Records an apply of `hosts`' steps and queues them in a stopped app's data dir, with the
 * engine's own repositories, as plans:apply does: the next engine started on that data dir
 * runs them over SSH like any apply. For what the planners cannot plan on the loopback sshd
 * (a container is refused as a cluster host), with commands the test chooses. Returns its id.
 */
export function queueApply(dataDir: string, title: string, hosts: QueuedHostSteps[]): string {
  const db = openDatabase(join(dataDir, 'clusterdeck.db'));
  try {
    const plan = Plan.parse({
      title,
      hosts: hosts.map((h) => ({
        hostId: h.hostId,
        hostName: h.hostName,
        role: 'manager',
        steps: h.steps.map((s) => ({ files: [], check: null, verify: null, ...s })),
      })),
    });
    const applyId = randomUUID();
    const clusters = new ClustersRepository(db);
    const queue = new QueueRepository(db);
    clusters.transaction(() => {
      clusters.addApply({
        id: applyId,
        clusterId: null,
        title,
        planHash: 'e2e',
        plan,
        model: null,
      });
      for (const h of plan.hosts) queue.enqueue(h.hostId, applyId, h.steps);
    });
    return applyId;
  } finally {
    db.close();
  }
}
