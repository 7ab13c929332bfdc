import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { Plan } from '../../../shared/plan/types';
import { followApply, type ApplyFollowDeps } from '../cluster/apply-task';
import type { ClusterService } from '../cluster/cluster-service';
import type { TaskService } from '../tasks/task-service';
import type { SnapshotService } from './snapshot-service';

/** What {@link applyWithSnapshot} uses. */
export interface ApplyWithSnapshotDeps {
  tasks: Pick<TaskService, 'assertFree' | 'start' | 'setCancellable'>;
  clusters: Pick<ClusterService, 'reviewedPlan' | 'apply'>;
  snapshots: Pick<SnapshotService, 'beforeApply'>;
  follow: ApplyFollowDeps;
}

/**
 * plans:apply: refuses a stale plan at once (PLAN_STALE, QUEUE_OWNED_ELSEWHERE), then starts the
 * apply task, which first takes the snapshot before apply (progress "snapshot before apply";
 * cancellable until then: a cancel queues nothing and the request fails with ABORTED), then
 * queues the reviewed plan and answers, and goes on following the queued steps. A snapshot that
 * fails does not stop the apply (see SnapshotService.beforeApply).
 */
export async function applyWithSnapshot(
  d: ApplyWithSnapshotDeps,
  input: { clusterId: string; planHash: string; taskId?: string | undefined },
): Promise<{ applyId: string; plan: Plan; taskId: string }> {
  const { clusterId, planHash } = input;
  d.tasks.assertFree(input.taskId);
  const reviewed = d.clusters.reviewedPlan(clusterId, planHash);
  const taskId = input.taskId ?? randomUUID();
  return new Promise((resolve, reject) => {
    d.tasks.start({ kind: 'apply', title: reviewed.title, id: taskId, clusterId }, async (t) => {
      let queued: { applyId: string; plan: Plan };
      try {
        await d.snapshots.beforeApply(clusterId, t);
        if (t.signal.aborted) throw new AppError('ABORTED', `${reviewed.title}: cancelled`);
        // From here the steps run in the queues, where they are cancelled per host.
        d.tasks.setCancellable(taskId, false);
        queued = d.clusters.apply(clusterId, planHash);
      } catch (e) {
        reject(e instanceof Error ? e : new AppError('INTERNAL', String(e)));
        throw e;
      }
      resolve({ ...queued, taskId });
      await followApply(d.follow, queued.applyId, queued.plan, t);
    });
  });
}
