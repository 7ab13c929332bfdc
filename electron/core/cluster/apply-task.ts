import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../../../shared/api/errors';
import type { Plan } from '../../../shared/plan/types';
import type { ClustersRepository } from '../store/clusters-repository';
import type { QueueRepository } from '../store/queue-repository';
import type { TaskContext } from '../tasks/task-service';

/** What following an apply reads. */
export interface ApplyFollowDeps {
  /** Each read is one indexed row per host: the head of its queue (never its history). */
  queueRepo: Pick<QueueRepository, 'applyProgress' | 'head'>;
  clusters: Pick<ClustersRepository, 'getApply'>;
  pollMs?: number;
}

/**
 * Follows a queued apply as its task's progress (steps finished of all, the running or halted
 * step and its host) until the apply finished. A halted queue does not end it: the step is
 * retried on the interval, and the progress says where it halted and why. Cancelled steps end
 * the task as cancelled.
 */
export async function followApply(
  d: ApplyFollowDeps,
  applyId: string,
  plan: Plan,
  ctx: TaskContext,
): Promise<void> {
  const total = plan.hosts.reduce((n, h) => n + h.steps.length, 0);
  for (;;) {
    const apply = d.clusters.getApply(applyId);
    const { open } = d.queueRepo.applyProgress(applyId);
    let where: { step: string; hostName: string } | null = null;
    for (const h of plan.hosts) {
      const head = d.queueRepo.head(h.hostId);
      if (head?.applyId !== applyId || head.state === 'pending') continue;
      if (head.state === 'failed') {
        const retry =
          head.nextRetryAt === null
            ? ''
            : `; retried at ${new Date(head.nextRetryAt).toISOString()}`;
        where = {
          step: `halted at "${head.title}": ${head.lastError ?? 'failed'}${retry}`,
          hostName: h.hostName,
        };
        break;
      }
      where ??= { step: head.title, hostName: h.hostName };
    }
    ctx.progress({
      done: total - open,
      total,
      step: where?.step ?? null,
      hostName: where?.hostName ?? null,
    });
    if (apply?.finishedAt) {
      if (apply.result === 'ok') return;
      throw new AppError(
        'ABORTED',
        `${plan.title}: ${apply.result === 'cancelled' ? 'steps were cancelled' : 'ended with an error'}`,
      );
    }
    await delay(d.pollMs ?? 500, undefined, { signal: ctx.signal });
  }
}
