import type { ClusterView } from '../../../shared/api/contract';
import { AppError, toErrorInfo } from '../../../shared/api/errors';
import type { Cluster } from '../../../shared/model/cluster';
import type { SnapshotInfo } from '../../../shared/model/snapshot-info';
import type { AuditInput } from '../store/audit-repository';
import type { TaskContext } from '../tasks/task-service';
import { captureSnapshot, type CaptureDeps } from './capture';
import { encodeSnapshotFile } from './file';
import { SnapshotStore } from './snapshot-store';
import { restorePasswords } from './use-model';

/** Dependencies of {@link SnapshotService}: what a capture reads, and where the files go. */
export interface SnapshotServiceDeps extends CaptureDeps {
  dataDir: string;
  /** Saves a model as clusters:save does (validated, audited, the UI told). */
  clusters: CaptureDeps['clusters'] & { save(input: unknown): ClusterView };
  audit: CaptureDeps['audit'] & { record(entry: AuditInput): void };
}

/**
 * Cluster snapshots: taken from the live cluster (by the admin, or before every apply, keeping
 * the last N of those per cluster), kept as files in the data dir, listed, read, removed, and a
 * snapshot's model made the desired model again.
 */
export class SnapshotService {
  readonly store: SnapshotStore;

  constructor(private readonly d: SnapshotServiceDeps) {
    this.store = new SnapshotStore(d.dataDir);
  }

  /**
   * Takes a snapshot of the cluster (see captureSnapshot: unreachable hosts are recorded, the
   * snapshot is still taken), redacts its secrets and keeps it; audited.
   */
  async take(
    clusterId: string,
    reason: SnapshotInfo['reason'],
    task: TaskContext,
  ): Promise<SnapshotInfo> {
    try {
      const body = await captureSnapshot(this.d, clusterId, reason, task.signal, (p) =>
        task.progress(p),
      );
      task.progress({ step: 'writing the snapshot', hostName: null });
      const info = await this.store.add(body, await encodeSnapshotFile(body));
      this.d.audit.record({
        action: 'snapshots:take',
        result: 'ok',
        details: { clusterId, id: info.id, reason, unreachable: info.unreachable },
      });
      return info;
    } catch (e) {
      const { code, message } = toErrorInfo(e);
      this.d.audit.record({
        action: 'snapshots:take',
        result: 'error',
        details: { clusterId, reason, code, message },
      });
      throw e;
    }
  }

  /**
   * The snapshot taken before an apply (the cluster's `snapshotsBeforeApply` setting: how many
   * are kept; 0 takes none). It never fails the apply: a failure is audited and null comes
   * back. Only a cancel of the task stops it (ABORTED), before anything was queued.
   */
  async beforeApply(clusterId: string, task: TaskContext): Promise<SnapshotInfo | null> {
    const keep = this.d.clusters.get(clusterId).cluster.settings.snapshotsBeforeApply;
    if (keep === 0) return null;
    const step = (s: string | null | undefined) => `snapshot before apply${s ? `: ${s}` : ''}`;
    const ctx: TaskContext = {
      signal: task.signal,
      progress: (p) => task.progress({ ...p, step: step(p.step) }),
    };
    ctx.progress({ done: 0, total: null, step: null, hostName: null });
    try {
      const info = await this.take(clusterId, 'before-apply', ctx);
      await this.store.prune(clusterId, 'before-apply', keep);
      return info;
    } catch (e) {
      if (task.signal.aborted)
        throw new AppError('ABORTED', 'the apply was cancelled while its snapshot was taken');
      const { code, message } = toErrorInfo(e);
      this.d.audit.record({
        action: 'snapshots:beforeApply',
        result: 'error',
        details: { clusterId, code, message, applied: 'the apply went on without a snapshot' },
      });
      return null;
    }
  }

  /** The kept snapshots (of one cluster, or all), newest first. */
  list(clusterId?: string): Promise<SnapshotInfo[]> {
    return this.store.list(clusterId);
  }

  /** A kept snapshot's file as base64. */
  async read(id: string): Promise<{ fileName: string; base64: string }> {
    return { fileName: id, base64: (await this.store.read(id)).toString('base64') };
  }

  /** Removes a kept snapshot; audited. */
  async remove(id: string): Promise<{ removed: boolean }> {
    const removed = await this.store.remove(id);
    this.d.audit.record({ action: 'snapshots:remove', result: 'ok', details: { id, removed } });
    return { removed };
  }

  /**
   * Makes a snapshot's model the cluster's desired model, saved as clusters:save saves; the SFTP
   * password hashes redacted in the snapshot come back from the live model (see
   * restorePasswords). Nothing is applied: the admin previews and applies as usual.
   */
  useModel(input: { clusterId: string; model: Cluster; redactedPasswordsOf: readonly string[] }): {
    cluster: ClusterView;
    lostPasswords: string[];
  } {
    const live = this.d.clusters.get(input.clusterId).cluster;
    const { model, lostPasswords } = restorePasswords(
      input.clusterId,
      input.model,
      live,
      input.redactedPasswordsOf,
    );
    const cluster = this.d.clusters.save(model);
    this.d.audit.record({
      action: 'snapshots:useModel',
      result: 'ok',
      details: { clusterId: input.clusterId, lostPasswords },
    });
    return { cluster, lostPasswords };
  }
}
