import { AppError, queueOwnedElsewhere, toErrorInfo } from '../../../shared/api/errors';
import type { LockHolder } from '../engine-lock';
import type { HostQueueView } from '../../../shared/model/queue';
import type { PlannedFile } from '../../../shared/plan/types';
import type { ExecResult, Timers } from '../ssh/types';
import type { QueueItem, QueueRepository } from '../store/queue-repository';

/** What the queue needs to run steps on a host. */
export interface StepTarget {
  /** Makes sure the host's kept session is up (throws an AppError when it cannot be). */
  ensureConnected(hostId: string): Promise<void>;
  /** Runs one shell command. */
  run(
    hostId: string,
    command: string,
    opts: { timeoutMs: number; signal: AbortSignal },
  ): Promise<ExecResult>;
  /** Writes a file atomically with its mode and owner. */
  writeFile(hostId: string, file: PlannedFile, signal: AbortSignal): Promise<void>;
}

/** Dependencies of {@link CommandQueue}. */
export interface CommandQueueDeps {
  repo: QueueRepository;
  target: StepTarget;
  timers: Timers;
  /** The retry interval for a failed item (the cluster's setting; 5 minutes by default). */
  retryIntervalMs(item: QueueItem): number;
  /** A host's queue changed (coalesce before telling the UI). */
  onChange(hostId: string): void;
  /** An item reached a final state (done, skipped, cancelled). */
  onItemFinished?(item: QueueItem): void;
  /** The live process that runs this data dir's queues when this one does not. */
  owner?: LockHolder | null;
}

class StepFailed extends Error {}

const WAIT = Symbol('wait for a step on another host');

/**
 * One FIFO queue per host, persisted. The head runs; a failing head halts its host's queue
 * and is retried on the interval until it succeeds, is skipped, or the queue is cancelled.
 * Other hosts go on. Every step's check runs first, so a retry (or a restart after a crash in
 * the middle of a step) never applies a step twice.
 */
export class CommandQueue {
  private readonly workers = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly retryTimers = new Map<string, { cancel(): void }>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly waiting = new Set<string>();
  private stopped = false;
  private started = false;

  constructor(private readonly d: CommandQueueDeps) {}

  /** Whether this queue runs steps (only the engine holding the data dir's lock does). */
  get running(): boolean {
    return this.started && !this.stopped;
  }

  /** Recovers items a crash left running and starts every host that has work. */
  start(): void {
    this.started = true;
    this.d.repo.recoverInterrupted();
    for (const hostId of this.d.repo.hostsWithWork()) this.kick(hostId);
  }

  /**
   * Refuses (QUEUE_OWNED_ELSEWHERE) any change to the queues unless this process runs them: a
   * step queued here would wait for a process that never looks, and one queued by two processes
   * could run twice. Every caller that queues, retries, skips or cancels meets this rule.
   */
  assertRunsHere(action: string): void {
    if (!this.running) throw queueOwnedElsewhere(action, this.d.owner?.pid ?? null);
  }

  /** Runs the host's queue if it is not running already. */
  kick(hostId: string): void {
    if (!this.running) return;
    if (this.workers.has(hostId)) {
      this.again.add(hostId);
      return;
    }
    const worker = this.drain(hostId)
      .catch(() => undefined)
      .finally(() => {
        this.workers.delete(hostId);
        if (this.again.delete(hostId)) this.kick(hostId);
      });
    this.workers.set(hostId, worker);
  }

  /** Retries the failed head of a host's queue now. */
  retryNow(hostId: string): boolean {
    this.assertRunsHere('retry');
    const head = this.d.repo.head(hostId);
    if (!head || head.state !== 'failed') return false;
    this.d.repo.setRetryAt(head.id, this.d.timers.now());
    this.kick(hostId);
    return true;
  }

  /**
   * Skips the head item (failed or not yet started); the queue goes on with the next one.
   * SKIP_REFUSED for any other item, or the head while it runs.
   */
  skip(hostId: string, itemId: number): void {
    this.assertRunsHere('skip');
    const head = this.d.repo.head(hostId);
    if (!head || head.id !== itemId || head.state === 'running') {
      throw new AppError(
        'SKIP_REFUSED',
        'itemId: only the first unfinished step of a queue can be skipped, and not while it runs',
        {
          hostId,
          itemId,
        },
      );
    }
    this.d.repo.finish(itemId, 'skipped', 'skipped by the user');
    this.d.onChange(hostId);
    this.d.onItemFinished?.({ ...head, state: 'skipped' });
    this.kick(hostId);
    this.kickWaiting();
  }

  /**
   * Skips the items of `applyId` on a host that have not started (pending, or failed and
   * waiting for a retry) because a newer apply, `by`, does the same work with newer content. A
   * running item finishes first. Returns how many were skipped.
   */
  supersede(hostId: string, applyId: string, by: string): number {
    this.assertRunsHere('supersede');
    const items = this.d.repo
      .list(hostId, 0)
      .filter((i) => i.applyId === applyId && (i.state === 'pending' || i.state === 'failed'));
    for (const item of items) {
      this.d.repo.finish(item.id, 'skipped', `superseded by apply ${by}`);
      this.d.onItemFinished?.({ ...item, state: 'skipped' });
    }
    if (items.length > 0) {
      this.d.onChange(hostId);
      this.kick(hostId);
      this.kickWaiting();
    }
    return items.length;
  }

  /** Cancels everything unfinished on a host, stopping a running step. */
  cancel(hostId: string): number {
    this.assertRunsHere('cancel');
    const open = this.d.repo.list(hostId, 0);
    const n = this.d.repo.cancelHost(hostId);
    this.aborts.get(hostId)?.abort();
    this.retryTimers.get(hostId)?.cancel();
    this.retryTimers.delete(hostId);
    this.d.onChange(hostId);
    for (const item of open) this.d.onItemFinished?.({ ...item, state: 'cancelled' });
    this.kickWaiting();
    return n;
  }

  /** The host's queue as the UI shows it. */
  view(hostId: string): HostQueueView {
    const listed = this.d.repo.list(hostId);
    const head =
      listed.find((i) => i.state === 'pending' || i.state === 'running' || i.state === 'failed') ??
      null;
    const status: HostQueueView['status'] = !head
      ? 'idle'
      : head.state === 'failed'
        ? 'halted'
        : this.waiting.has(hostId) && head.state === 'pending'
          ? 'waiting'
          : 'running';
    const items = listed.map(({ step: _step, ...v }) => v);
    const applyIds = [...new Set(items.map((i) => i.applyId).filter((id) => id !== null))];
    return {
      hostId,
      status,
      current: items.find((i) => i.id === head?.id) ?? null,
      pending: this.d.repo.openCount(hostId),
      items,
      waitingFor: status === 'waiting' && head ? this.unfinishedDependency(head) : null,
      applies: applyIds.flatMap((id) => this.d.repo.applySummary(id) ?? []),
    };
  }

  /** Stops all work: running steps are aborted (and re-checked at the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.retryTimers.values()) t.cancel();
    this.retryTimers.clear();
    for (const a of this.aborts.values()) a.abort();
    await Promise.all([...this.workers.values()]);
  }

  /** Waits until no host has a worker running (tests, CLI `apply`). */
  async idle(): Promise<void> {
    while (this.workers.size > 0) await Promise.all([...this.workers.values()]);
  }

  private kickWaiting(): void {
    for (const hostId of [...this.waiting]) this.kick(hostId);
  }

  private async drain(hostId: string): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const head = this.d.repo.head(hostId);
      if (!head) {
        this.waiting.delete(hostId);
        return;
      }
      if (head.state === 'failed') {
        const wait = (head.nextRetryAt ?? 0) - this.d.timers.now();
        if (wait > 0) {
          this.scheduleRetry(hostId, wait);
          return;
        }
      }
      const blocker = this.blockingDependency(head);
      if (blocker === WAIT) {
        if (!this.waiting.has(hostId)) {
          this.waiting.add(hostId);
          this.d.onChange(hostId);
        }
        return;
      }
      this.waiting.delete(hostId);
      if (blocker) {
        this.d.repo.fail(
          head.id,
          blocker.error,
          this.d.timers.now() + this.d.retryIntervalMs(head),
        );
        this.d.onChange(hostId);
        continue;
      }
      await this.runItem(head);
    }
  }

  /** WAIT while a dependency is unfinished, an error if it can never finish, else null. */
  private blockingDependency(item: QueueItem): typeof WAIT | { error: string } | null {
    if (!item.applyId) return null;
    for (const dep of item.step.waitFor) {
      const state = this.d.repo.stepState(item.applyId, dep.hostId, dep.stepId);
      if (state === null || state === 'done' || state === 'skipped') continue;
      if (state === 'cancelled')
        return { error: `waits for step ${dep.stepId} on another host, which was cancelled` };
      return WAIT;
    }
    return null;
  }

  /** The first step of another host that `item` waits for and that has not finished. */
  private unfinishedDependency(item: QueueItem): HostQueueView['waitingFor'] {
    if (!item.applyId) return null;
    for (const dep of item.step.waitFor) {
      const state = this.d.repo.stepState(item.applyId, dep.hostId, dep.stepId);
      if (state !== 'pending' && state !== 'running' && state !== 'failed') continue;
      const title = this.d.repo.stepTitle(item.applyId, dep.hostId, dep.stepId);
      return { hostId: dep.hostId, stepId: dep.stepId, title };
    }
    return null;
  }

  private scheduleRetry(hostId: string, ms: number): void {
    this.retryTimers.get(hostId)?.cancel();
    this.retryTimers.set(
      hostId,
      this.d.timers.setTimeout(() => {
        this.retryTimers.delete(hostId);
        this.kick(hostId);
      }, ms),
    );
  }

  private async runItem(item: QueueItem): Promise<void> {
    const { repo, target } = this.d;
    const abort = new AbortController();
    this.aborts.set(item.hostId, abort);
    repo.start(item.id);
    const attempt = item.attempts + 1;
    this.d.onChange(item.hostId);
    const step = item.step;
    const timeoutMs = step.timeoutSec * 1000;

    const exec = async (
      phase: 'check' | 'command' | 'verify',
      command: string,
    ): Promise<ExecResult> => {
      const startedAt = new Date().toISOString();
      const r = await target.run(item.hostId, command, { timeoutMs, signal: abort.signal });
      repo.addRun({
        itemId: item.id,
        attempt,
        phase,
        command,
        exitCode: r.code,
        stdout: r.stdout,
        stderr: r.stderr,
        startedAt,
        durationMs: r.durationMs,
      });
      return r;
    };

    try {
      await target.ensureConnected(item.hostId);
      if (step.check !== null && (await exec('check', step.check)).code === 0) {
        repo.finish(item.id, 'done', 'already done');
      } else {
        for (const file of step.files) {
          const startedAt = new Date().toISOString();
          await target.writeFile(item.hostId, file, abort.signal);
          repo.addRun({
            itemId: item.id,
            attempt,
            phase: 'file',
            command: `write ${file.path} (mode ${file.mode}, ${file.owner}:${file.group}, ${file.content.length} bytes)`,
            exitCode: 0,
            stdout: '',
            stderr: '',
            startedAt,
            durationMs: null,
          });
        }
        for (const command of step.commands) {
          const r = await exec('command', command);
          if (r.code !== 0) throw new StepFailed(describeFailure('command', command, r));
        }
        if (step.verify !== null) {
          const r = await exec('verify', step.verify);
          if (r.code !== 0) throw new StepFailed(describeFailure('verify', step.verify, r));
        }
        repo.finish(item.id, 'done', 'applied');
      }
      this.d.onItemFinished?.({ ...item, state: 'done' });
      this.kickWaiting();
    } catch (e) {
      if (repo.get(item.id)?.state === 'cancelled') return;
      if (this.stopped) return; // left running: re-checked at the next start
      const message =
        e instanceof StepFailed ? e.message : `${toErrorInfo(e).code}: ${toErrorInfo(e).message}`;
      repo.fail(item.id, message, this.d.timers.now() + this.d.retryIntervalMs(item));
    } finally {
      this.aborts.delete(item.hostId);
      this.d.onChange(item.hostId);
    }
  }
}

function describeFailure(what: 'command' | 'verify', command: string, r: ExecResult): string {
  const out = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-5).join('\n');
  const status = r.code === null ? `signal ${r.signal ?? '?'}` : `exit ${r.code}`;
  return `${what === 'verify' ? 'verify failed' : 'command failed'} (${status}): ${command.slice(0, 300)}${out ? `\n${out}` : ''}`;
}
