import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { PlanStep } from '../../../shared/plan/types';
import type { ExecResult, Timers } from '../ssh/types';
import { openDatabase, type Db } from '../store/database';
import { QueueRepository } from '../store/queue-repository';
import { CommandQueue, type StepTarget } from './command-queue';

/** Manual clock: timers fire only when the test advances time. */
class ManualTimers implements Timers {
  t = 1_000_000;
  private pending: { at: number; fn: () => void; live: boolean }[] = [];
  now = () => this.t;
  setTimeout(fn: () => void, ms: number) {
    const entry = { at: this.t + ms, fn, live: true };
    this.pending.push(entry);
    return { cancel: () => void (entry.live = false) };
  }
  advance(ms: number): void {
    this.t += ms;
    const due = this.pending.filter((p) => p.live && p.at <= this.t);
    this.pending = this.pending.filter((p) => !due.includes(p));
    for (const p of due) p.fn();
  }
}

/**
 * A scripted host: a command's result comes from `behave`; every command that ran is logged.
 * The state that checks look at is a set of strings the commands "create".
 */
class FakeHosts implements StepTarget {
  log: string[] = [];
  state = new Set<string>();
  down = new Set<string>();
  behave: (hostId: string, command: string) => number | 'hang' = () => 0;
  async ensureConnected(hostId: string): Promise<void> {
    if (this.down.has(hostId)) throw new AppError('HOST_UNREACHABLE', `${hostId} is down`);
  }
  async run(hostId: string, command: string, opts: { signal: AbortSignal }): Promise<ExecResult> {
    this.log.push(`${hostId}: ${command}`);
    const b = this.behave(hostId, command);
    if (b === 'hang') {
      await new Promise((_r, reject) =>
        opts.signal.addEventListener('abort', () => reject(new AppError('ABORTED', 'aborted'))),
      );
    }
    let code = typeof b === 'number' ? b : 0;
    const [verb, key] = command.split(' ');
    if (code === 0 && verb === 'create' && key) this.state.add(`${hostId}:${key}`);
    if (verb === 'exists' && key) code = this.state.has(`${hostId}:${key}`) ? 0 : 1;
    return {
      code,
      signal: null,
      stdout: '',
      stderr: code ? `failed: ${command}` : '',
      durationMs: 1,
    };
  }
  async writeFile(hostId: string, file: { path: string }): Promise<void> {
    this.log.push(`${hostId}: write ${file.path}`);
  }
}

const step = (id: string, over: Partial<PlanStep> = {}): PlanStep =>
  PlanStep.parse({
    id,
    title: `step ${id}`,
    commands: [`create ${id}`],
    files: [],
    check: `exists ${id}`,
    verify: `exists ${id}`,
    ...over,
  });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(db: Db = openDatabase(':memory:')) {
  const repo = new QueueRepository(db);
  const hosts = new FakeHosts();
  const timers = new ManualTimers();
  const changes: string[] = [];
  const queue = new CommandQueue({
    repo,
    target: hosts,
    timers,
    retryIntervalMs: () => 300_000,
    onChange: (h) => changes.push(h),
  });
  return { db, repo, hosts, timers, queue, changes };
}

describe('CommandQueue', () => {
  it('runs each host FIFO; a step whose check passes runs no command', async () => {
    const { repo, hosts, queue } = setup();
    hosts.state.add('m:b');
    repo.enqueue('m', null, [step('a'), step('b'), step('c')]);
    queue.start();
    await queue.idle();
    expect(hosts.log.filter((l) => l.includes('create'))).toEqual(['m: create a', 'm: create c']);
    expect(queue.view('m').items.map((i) => `${i.stepId}:${i.state}:${i.outcome}`)).toEqual([
      'a:done:applied',
      'b:done:already done',
      'c:done:applied',
    ]);
    expect(queue.view('m').status).toBe('idle');
  });

  it('a failing step halts only its host, is retried on the interval, and the queue resumes', async () => {
    const { repo, hosts, timers, queue } = setup();
    let broken = true;
    hosts.behave = (h, c) => (h === 'n2' && c === 'create x' && broken ? 1 : 0);
    repo.enqueue('n1', null, [step('x'), step('y')]);
    repo.enqueue('n2', null, [step('x'), step('y')]);
    queue.start();
    await queue.idle();
    expect(queue.view('n1').status).toBe('idle');
    const halted = queue.view('n2');
    expect(halted.status).toBe('halted');
    expect(halted.current?.stepId).toBe('x');
    expect(halted.current?.lastError).toMatch(/command failed \(exit 1\): create x/);
    expect(halted.current?.nextRetryAt).toBe(timers.now() + 300_000);
    expect(hosts.log).not.toContain('n2: create y');

    timers.advance(299_000);
    await queue.idle();
    expect(queue.view('n2').status).toBe('halted');
    broken = false;
    timers.advance(1_000);
    await queue.idle();
    expect(queue.view('n2').status).toBe('idle');
    expect(queue.view('n2').items.find((i) => i.stepId === 'x')?.attempts).toBe(2);
    expect(hosts.log).toContain('n2: create y');
  });

  it('an unreachable host halts with its error code and catches up when it is back', async () => {
    const { repo, hosts, timers, queue } = setup();
    hosts.down.add('n2');
    repo.enqueue('n2', null, [step('x')]);
    queue.start();
    await queue.idle();
    expect(queue.view('n2').current?.lastError).toMatch(/^HOST_UNREACHABLE/);
    hosts.down.delete('n2');
    expect(queue.retryNow('n2')).toBe(true);
    await queue.idle();
    expect(queue.view('n2').status).toBe('idle');
    expect(timers.now()).toBe(1_000_000);
  });

  it('skip moves past a failed head; cancel stops a running step and clears the queue', async () => {
    const { repo, hosts, queue } = setup();
    hosts.behave = (_h, c) => (c === 'create bad' ? 1 : c === 'create slow' ? 'hang' : 0);
    repo.enqueue('m', null, [step('bad'), step('ok')]);
    queue.start();
    await queue.idle();
    const head = queue.view('m').current!;
    expect(() => queue.skip('m', head.id + 1)).toThrow(
      expect.objectContaining({ code: 'SKIP_REFUSED' }),
    ); // only the head
    queue.skip('m', head.id);
    await queue.idle();
    expect(queue.view('m').items.map((i) => i.state)).toEqual(['skipped', 'done']);

    repo.enqueue('m', null, [step('slow'), step('after')]);
    queue.kick('m');
    await new Promise((r) => setTimeout(r, 10));
    expect(queue.view('m').current?.state).toBe('running');
    expect(queue.cancel('m')).toBe(2);
    await queue.idle();
    expect(
      queue
        .view('m')
        .items.slice(-2)
        .map((i) => i.state),
    ).toEqual(['cancelled', 'cancelled']);
    expect(hosts.log).not.toContain('m: create after');
  });

  it('supersede skips the not-started items of an earlier apply; a running one is left to finish', async () => {
    const { db, repo, hosts, queue } = setup();
    for (const id of ['old', 'stale', 'new'])
      db.prepare(
        "INSERT INTO applies (id, title, plan_hash, plan_json, created_at) VALUES (?, 't', 'h', '{}', 'now')",
      ).run(id);
    hosts.behave = (_h, c) => (c === 'create old-a' ? 'hang' : 0);
    repo.enqueue('m', 'old', [step('old-a'), step('old-b')]);
    repo.enqueue('m', 'stale', [step('stale-a')]);
    queue.start();
    await new Promise((r) => setTimeout(r, 10));
    repo.enqueue('m', 'new', [step('new-a')]);
    expect(queue.supersede('m', 'old', 'new')).toBe(1);
    expect(queue.supersede('m', 'stale', 'new')).toBe(1);
    expect(queue.supersede('m', 'stale', 'new')).toBe(0);
    expect(queue.view('m').items.map((i) => `${i.stepId}:${i.state}:${i.outcome ?? ''}`)).toEqual([
      'old-a:running:',
      'old-b:skipped:superseded by apply new',
      'stale-a:skipped:superseded by apply new',
      'new-a:pending:',
    ]);
    queue.cancel('m');
    await queue.idle();
    expect(hosts.log.filter((l) => l.includes('create'))).toEqual(['m: create old-a']);
  });

  it('a step waits for a step of another host in the same apply', async () => {
    const { db, repo, hosts, queue } = setup();
    db.prepare(
      "INSERT INTO applies (id, title, plan_hash, plan_json, created_at) VALUES ('a1', 't', 'h', '{}', 'now')",
    ).run();
    let exportReady = false;
    hosts.behave = (h, c) => (h === 'm' && c === 'create export' && !exportReady ? 1 : 0);
    repo.enqueue('n1', 'a1', [step('mount', { waitFor: [{ hostId: 'm', stepId: 'export' }] })]);
    repo.enqueue('m', 'a1', [step('export')]);
    queue.start();
    await queue.idle();
    // The manager's export failed: the node waits instead of failing, and says for what.
    expect(queue.view('m').status).toBe('halted');
    expect(queue.view('n1').status).toBe('waiting');
    expect(queue.view('n1').waitingFor).toEqual({
      hostId: 'm',
      stepId: 'export',
      title: 'step export',
    });
    expect(queue.view('m').waitingFor).toBeNull();
    expect(queue.view('n1').applies).toEqual([
      {
        id: 'a1',
        title: 't',
        createdAt: 'now',
        finishedAt: null,
        result: null,
        hosts: 2,
        counts: { pending: 1, running: 0, failed: 1, done: 0, skipped: 0, cancelled: 0 },
      },
    ]);
    expect(hosts.log).not.toContain('n1: create mount');
    exportReady = true;
    queue.retryNow('m');
    await queue.idle();
    expect(queue.view('m').status).toBe('idle');
    expect(queue.view('n1').status).toBe('idle');
    expect(queue.view('n1').waitingFor).toBeNull();
    expect(queue.view('n1').applies[0]?.counts.done).toBe(2);
    expect(hosts.log).toContain('n1: create mount');
  });

  it('after a crash, a step that was running is checked before it runs again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-queue-'));
    dirs.push(dir);
    const file = join(dir, 'q.db');
    const first = setup(openDatabase(file));
    const [id] = first.repo.enqueue('m', null, [step('a'), step('b')]);
    first.repo.start(id!); // the engine died right after marking the step running...
    first.hosts.state.add('m:a'); // ...and after the step's commands had taken effect
    first.db.close();

    const second = setup(openDatabase(file));
    second.hosts.state = first.hosts.state;
    second.queue.start();
    await second.queue.idle();
    expect(second.hosts.log[0]).toBe('m: exists a');
    expect(second.hosts.log).not.toContain('m: create a');
    expect(second.hosts.log).toContain('m: create b');
    expect(second.queue.view('m').items.map((i) => `${i.stepId}:${i.outcome}`)).toEqual([
      'a:already done',
      'b:applied',
    ]);
  });

  it('records the output and exit status of every run', async () => {
    const { repo, queue } = setup();
    const [id] = repo.enqueue('m', null, [
      step('a', {
        files: [
          {
            path: '/etc/x',
            mode: '0644',
            owner: 'root',
            group: 'root',
            content: 'x',
            current: null,
            diff: '',
          },
        ],
      }),
    ]);
    queue.start();
    await queue.idle();
    expect(repo.runs(id!).map((r) => `${r.phase}:${r.exitCode}`)).toEqual([
      'check:1',
      'file:0',
      'command:0',
      'verify:0',
    ]);
  });
});
