import { AppError } from '../../../shared/api/errors';
import { Cluster } from '../../../shared/model/cluster';
import { Plan } from '../../../shared/plan/types';
import type { Db } from './database';

/** A cluster as stored: the desired model and the last model applied in full. */
export interface ClusterRecord {
  desired: Cluster;
  applied: Cluster | null;
  createdAt: string;
  updatedAt: string;
}

/** An apply: a plan sent to the queues, and how it ended. */
export interface ApplyRecord {
  id: string;
  clusterId: string | null;
  title: string;
  planHash: string;
  plan: Plan;
  model: Cluster | null;
  createdAt: string;
  finishedAt: string | null;
  result: 'ok' | 'error' | 'cancelled' | null;
}

interface ClusterRow {
  desired_json: string;
  applied_json: string | null;
  created_at: string;
  updated_at: string;
}

interface ApplyRow {
  id: string;
  cluster_id: string | null;
  title: string;
  plan_hash: string;
  plan_json: string;
  model_json: string | null;
  created_at: string;
  finished_at: string | null;
  result: ApplyRecord['result'];
}

const toCluster = (r: ClusterRow): ClusterRecord => ({
  desired: Cluster.parse(JSON.parse(r.desired_json)),
  applied: r.applied_json ? Cluster.parse(JSON.parse(r.applied_json)) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toApply = (r: ApplyRow): ApplyRecord => ({
  id: r.id,
  clusterId: r.cluster_id,
  title: r.title,
  planHash: r.plan_hash,
  plan: Plan.parse(JSON.parse(r.plan_json)),
  model: r.model_json ? Cluster.parse(JSON.parse(r.model_json)) : null,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  result: r.result,
});

/** Clusters and applies. */
export class ClustersRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      list: db.prepare('SELECT * FROM clusters ORDER BY name'),
      get: db.prepare('SELECT * FROM clusters WHERE id = ?'),
      byName: db.prepare('SELECT id FROM clusters WHERE name = ?'),
      insert: db.prepare(
        'INSERT INTO clusters (id, name, desired_json, applied_json, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)',
      ),
      updateDesired: db.prepare(
        'UPDATE clusters SET name = ?, desired_json = ?, updated_at = ? WHERE id = ?',
      ),
      updateApplied: db.prepare(
        'UPDATE clusters SET applied_json = ?, updated_at = ? WHERE id = ?',
      ),
      remove: db.prepare('DELETE FROM clusters WHERE id = ?'),
      insertApply: db.prepare(
        `INSERT INTO applies (id, cluster_id, title, plan_hash, plan_json, model_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      getApply: db.prepare('SELECT * FROM applies WHERE id = ?'),
      applies: db.prepare(
        'SELECT * FROM applies WHERE cluster_id = ? ORDER BY created_at DESC LIMIT ?',
      ),
      finishApply: db.prepare(
        'UPDATE applies SET finished_at = ?, result = ? WHERE id = ? AND finished_at IS NULL',
      ),
    };
  }

  /** Every cluster. */
  list(): ClusterRecord[] {
    return (this.s.list.all() as ClusterRow[]).map(toCluster);
  }

  /** One cluster, or NOT_FOUND. */
  get(id: string): ClusterRecord {
    const r = this.s.get.get(id) as ClusterRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', `clusterId: no cluster with id ${id}`);
    return toCluster(r);
  }

  /** Creates or replaces the desired model (the applied one is kept). */
  saveDesired(c: Cluster): void {
    const now = new Date().toISOString();
    const other = this.s.byName.get(c.name) as { id: string } | undefined;
    if (other && other.id !== c.id)
      throw new AppError('NAME_TAKEN', `name: a cluster named "${c.name}" already exists`, {
        field: 'name',
      });
    if (this.s.get.get(c.id)) this.s.updateDesired.run(c.name, JSON.stringify(c), now, c.id);
    else this.s.insert.run(c.id, c.name, JSON.stringify(c), now, now);
  }

  /** Records the model that is now in place on the hosts. */
  saveApplied(id: string, c: Cluster): void {
    this.s.updateApplied.run(JSON.stringify(c), new Date().toISOString(), id);
  }

  /** Removes a cluster from the workstation (nothing on the hosts changes). */
  remove(id: string): boolean {
    return this.s.remove.run(id).changes > 0;
  }

  /** Records an apply. */
  addApply(a: Omit<ApplyRecord, 'finishedAt' | 'result' | 'createdAt'>): void {
    this.s.insertApply.run(
      a.id,
      a.clusterId,
      a.title,
      a.planHash,
      JSON.stringify(a.plan),
      a.model ? JSON.stringify(a.model) : null,
      new Date().toISOString(),
    );
  }

  /** One apply. */
  getApply(id: string): ApplyRecord | null {
    const r = this.s.getApply.get(id) as ApplyRow | undefined;
    return r ? toApply(r) : null;
  }

  /** The newest applies of a cluster. */
  applies(clusterId: string, limit = 20): ApplyRecord[] {
    return (this.s.applies.all(clusterId, limit) as ApplyRow[]).map(toApply);
  }

  /** Marks an apply finished (once). Returns whether this call finished it. */
  finishApply(id: string, result: 'ok' | 'error' | 'cancelled'): boolean {
    return this.s.finishApply.run(new Date().toISOString(), result, id).changes > 0;
  }

  /** Runs several writes as one transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
