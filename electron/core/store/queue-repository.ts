import { PlanStep } from '../../../shared/plan/types';
import type {
  QueueApplyView,
  QueueItemState,
  QueueItemView,
  QueueRunView,
} from '../../../shared/model/queue';
import { zeroQueueCounts } from '../../../shared/model/queue';
import type { Db } from './database';

/** A queued step with its full step definition (what the executor runs). */
export interface QueueItem extends QueueItemView {
  step: PlanStep;
}

interface ItemRow {
  id: number;
  host_id: string;
  apply_id: string | null;
  step_id: string;
  step_json: string;
  state: QueueItemState;
  attempts: number;
  last_error: string | null;
  outcome: string | null;
  next_retry_at: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const OPEN_STATES = "('pending', 'running', 'failed')";
const MAX_OUTPUT = 64 * 1024;

function toItem(r: ItemRow): QueueItem {
  const step = PlanStep.parse(JSON.parse(r.step_json));
  return {
    id: r.id,
    hostId: r.host_id,
    applyId: r.apply_id,
    stepId: r.step_id,
    title: step.title,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    outcome: r.outcome,
    nextRetryAt: r.next_retry_at,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    step,
  };
}

function clip(s: string): string {
  return s.length > MAX_OUTPUT
    ? s.slice(0, MAX_OUTPUT) + `\n[... ${s.length - MAX_OUTPUT} more characters not kept]`
    : s;
}

/**
 * The persisted per-host FIFO queues. Every state change is one statement (or one
 * transaction), so a crash at any point leaves a consistent queue behind.
 */
export class QueueRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO queue_items (host_id, apply_id, step_id, step_json, state, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?)`,
      ),
      head: db.prepare(
        `SELECT * FROM queue_items WHERE host_id = ? AND state IN ${OPEN_STATES} ORDER BY id LIMIT 1`,
      ),
      get: db.prepare('SELECT * FROM queue_items WHERE id = ?'),
      hostsWithWork: db.prepare(
        `SELECT DISTINCT host_id FROM queue_items WHERE state IN ${OPEN_STATES}`,
      ),
      byHost: db.prepare(
        `SELECT * FROM (SELECT * FROM queue_items WHERE host_id = ? AND state NOT IN ${OPEN_STATES} ORDER BY id DESC LIMIT ?)
         UNION ALL SELECT * FROM queue_items WHERE host_id = ? AND state IN ${OPEN_STATES} ORDER BY id`,
      ),
      allHosts: db.prepare('SELECT DISTINCT host_id FROM queue_items'),
      countOpen: db.prepare(
        `SELECT COUNT(*) AS n FROM queue_items WHERE host_id = ? AND state IN ${OPEN_STATES}`,
      ),
      start: db.prepare(
        "UPDATE queue_items SET state = 'running', attempts = attempts + 1, started_at = ?, next_retry_at = NULL WHERE id = ?",
      ),
      finish: db.prepare(
        'UPDATE queue_items SET state = ?, outcome = ?, last_error = NULL, finished_at = ? WHERE id = ?',
      ),
      fail: db.prepare(
        "UPDATE queue_items SET state = 'failed', last_error = ?, next_retry_at = ? WHERE id = ?",
      ),
      retryAt: db.prepare(
        "UPDATE queue_items SET next_retry_at = ? WHERE id = ? AND state = 'failed'",
      ),
      interrupted: db.prepare(
        "UPDATE queue_items SET state = 'pending', last_error = 'interrupted (the engine stopped while it ran); its check runs before it is run again' WHERE state = 'running'",
      ),
      cancelHost: db.prepare(
        `UPDATE queue_items SET state = 'cancelled', finished_at = ? WHERE host_id = ? AND state IN ${OPEN_STATES}`,
      ),
      byStep: db.prepare(
        'SELECT state FROM queue_items WHERE apply_id = ? AND host_id = ? AND step_id = ? ORDER BY id DESC LIMIT 1',
      ),
      stepTitle: db.prepare(
        'SELECT step_json FROM queue_items WHERE apply_id = ? AND host_id = ? AND step_id = ? ORDER BY id DESC LIMIT 1',
      ),
      applySummary: db.prepare(
        `SELECT a.id, a.title, a.created_at, a.finished_at, a.result,
           (SELECT COUNT(DISTINCT host_id) FROM queue_items WHERE apply_id = a.id) AS hosts
         FROM applies a WHERE a.id = ?`,
      ),
      openInApply: db.prepare(
        `SELECT COUNT(*) AS n FROM queue_items WHERE apply_id = ? AND state IN ${OPEN_STATES}`,
      ),
      statesInApply: db.prepare(
        'SELECT state, COUNT(*) AS n FROM queue_items WHERE apply_id = ? GROUP BY state',
      ),
      addRun: db.prepare(
        `INSERT INTO queue_runs (item_id, attempt, phase, command, exit_code, stdout, stderr, started_at, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      runs: db.prepare('SELECT * FROM queue_runs WHERE item_id = ? ORDER BY id'),
    };
  }

  /** Appends steps to a host's queue, all or none. */
  enqueue(hostId: string, applyId: string | null, steps: readonly PlanStep[]): number[] {
    const now = new Date().toISOString();
    return this.db.transaction(() =>
      steps.map((step) =>
        Number(
          this.s.insert.run(hostId, applyId, step.id, JSON.stringify(step), now).lastInsertRowid,
        ),
      ),
    )();
  }

  /** The first unfinished item of a host (pending, running or failed), if any. */
  head(hostId: string): QueueItem | null {
    const r = this.s.head.get(hostId) as ItemRow | undefined;
    return r ? toItem(r) : null;
  }

  /** One item. */
  get(id: number): QueueItem | null {
    const r = this.s.get.get(id) as ItemRow | undefined;
    return r ? toItem(r) : null;
  }

  /** Hosts whose queue has unfinished items. */
  hostsWithWork(): string[] {
    return (this.s.hostsWithWork.all() as { host_id: string }[]).map((r) => r.host_id);
  }

  /** Every host that has ever had a queue. */
  hosts(): string[] {
    return (this.s.allHosts.all() as { host_id: string }[]).map((r) => r.host_id);
  }

  /** A host's recent finished items (at most `recent`) and all unfinished ones, oldest first. */
  list(hostId: string, recent = 50): QueueItem[] {
    const rows = this.s.byHost.all(hostId, recent, hostId) as ItemRow[];
    return rows.map(toItem).sort((a, b) => a.id - b.id);
  }

  /** Number of unfinished items of a host. */
  openCount(hostId: string): number {
    return (this.s.countOpen.get(hostId) as { n: number }).n;
  }

  /** Marks an item running (the crash-recovery point: a running item is re-checked on restart). */
  start(id: number): void {
    this.s.start.run(new Date().toISOString(), id);
  }

  /** Marks an item finished. */
  finish(id: number, state: 'done' | 'skipped', outcome: string): void {
    this.s.finish.run(state, outcome, new Date().toISOString(), id);
  }

  /** Marks an item failed; the queue halts until `retryAt` (epoch ms). */
  fail(id: number, error: string, retryAt: number): void {
    this.s.fail.run(error, retryAt, id);
  }

  /** Moves a failed item's retry time (retry now). */
  setRetryAt(id: number, at: number): boolean {
    return this.s.retryAt.run(at, id).changes > 0;
  }

  /** After a crash: items that were running go back to pending (their check runs first). */
  recoverInterrupted(): number {
    return this.s.interrupted.run().changes;
  }

  /** Cancels every unfinished item of a host. */
  cancelHost(hostId: string): number {
    return this.s.cancelHost.run(new Date().toISOString(), hostId).changes;
  }

  /** State of the latest item for a step of an apply on a host (for waitFor). */
  stepState(applyId: string, hostId: string, stepId: string): QueueItemState | null {
    const r = this.s.byStep.get(applyId, hostId, stepId) as { state: QueueItemState } | undefined;
    return r?.state ?? null;
  }

  /** The title of the latest item for a step of an apply on a host, null when there is none. */
  stepTitle(applyId: string, hostId: string, stepId: string): string | null {
    const r = this.s.stepTitle.get(applyId, hostId, stepId) as { step_json: string } | undefined;
    return r ? PlanStep.parse(JSON.parse(r.step_json)).title : null;
  }

  /** An apply with its plan's title and its items on every host by state; null if unknown. */
  applySummary(applyId: string): QueueApplyView | null {
    const a = this.s.applySummary.get(applyId) as
      | {
          id: string;
          title: string;
          created_at: string;
          finished_at: string | null;
          result: QueueApplyView['result'];
          hosts: number;
        }
      | undefined;
    if (!a) return null;
    const counts = zeroQueueCounts();
    for (const [state, n] of Object.entries(this.applyProgress(applyId).byState))
      counts[state as QueueItemState] = n;
    return {
      id: a.id,
      title: a.title,
      createdAt: a.created_at,
      finishedAt: a.finished_at,
      result: a.result,
      hosts: a.hosts,
      counts,
    };
  }

  /** Counts of an apply's items by state, and how many are unfinished. */
  applyProgress(applyId: string): {
    open: number;
    byState: Partial<Record<QueueItemState, number>>;
  } {
    const open = (this.s.openInApply.get(applyId) as { n: number }).n;
    const byState = Object.fromEntries(
      (this.s.statesInApply.all(applyId) as { state: QueueItemState; n: number }[]).map((r) => [
        r.state,
        r.n,
      ]),
    );
    return { open, byState };
  }

  /** Records one command run of an item (output clipped to keep the store small). */
  addRun(run: Omit<QueueRunView, 'id'> & { itemId: number }): void {
    this.s.addRun.run(
      run.itemId,
      run.attempt,
      run.phase,
      run.command,
      run.exitCode,
      clip(run.stdout),
      clip(run.stderr),
      run.startedAt,
      run.durationMs,
    );
  }

  /** The recorded runs of an item. */
  runs(itemId: number): QueueRunView[] {
    return (
      this.s.runs.all(itemId) as {
        id: number;
        attempt: number;
        phase: QueueRunView['phase'];
        command: string;
        exit_code: number | null;
        stdout: string;
        stderr: string;
        started_at: string;
        duration_ms: number | null;
      }[]
    ).map((r) => ({
      id: r.id,
      attempt: r.attempt,
      phase: r.phase,
      command: r.command,
      exitCode: r.exit_code,
      stdout: r.stdout,
      stderr: r.stderr,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
    }));
  }
}
