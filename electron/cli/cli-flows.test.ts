import { describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../shared/api/client';
import { AppError, toErrorInfo } from '../../shared/api/errors';
import { lbCluster } from '../../shared/lb/testing/lb-fixtures';
import { parseCluster } from '../../shared/model/cluster';
import type { HostQueueView } from '../../shared/model/queue';
import type { TaskView } from '../../shared/model/task';
import { LAB, LAB_HOSTS } from '../../shared/plan/testing/lab-fixtures';
import { applyCommands } from './apply-commands';
import { CliContext } from './cli-context';
import type { Command } from './command';
import { lbCommands } from './lb-commands';

/*
 * The CLI's long flows against a scripted engine behind the real api object (createApi over a
 * transport that answers from a table): what apply prints while it follows an apply, how it
 * ends, and Ctrl-C on a drain wait.
 */

type Handler = (input: Record<string, unknown>) => unknown;

function scripted(handlers: Record<string, Handler>) {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const transport: Transport = {
    async request(channel, input) {
      const i = input as Record<string, unknown>;
      calls.push({ channel, input: i });
      const h = handlers[channel];
      try {
        if (!h) throw new AppError('INTERNAL', `unscripted ${channel}`);
        return { ok: true, value: JSON.parse(JSON.stringify(await h(i))) as unknown };
      } catch (e) {
        return { ok: false, error: toErrorInfo(e) };
      }
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (event: string, payload: unknown) => listeners.forEach((l) => l(event, payload));
  const out: string[] = [];
  const err: string[] = [];
  const stdout = { write: (t: string) => out.push(t) };
  const stderr = { write: (t: string) => err.push(t) };
  const context = (json: boolean, command: string) =>
    new CliContext(createApi(transport), json, command, { stdout, stderr });
  return { emit, calls, out, err, context };
}

const cluster = parseCluster(lbCluster([]));
const view = { cluster, applied: null, issues: [], updatedAt: '' };
const hosts = Object.entries(LAB_HOSTS).map(([id, h]) => ({ id, name: h?.name ?? id }));
const plan = {
  title: 'Set up cluster lab',
  hash: 'a'.repeat(64),
  hosts: [{ hostId: LAB.node1, hostName: 'node1', role: 'node', steps: [] }],
};

function task(id: string, state: TaskView['state'], done: number): TaskView {
  return {
    id,
    kind: 'apply',
    title: 'Set up cluster lab',
    state,
    cancellable: false,
    clusterId: cluster.id,
    progress: { done, total: 2, step: 'Mount', hostName: 'node1' },
    startedAt: '',
    finishedAt: null,
    error: null,
  };
}

function queue(
  status: HostQueueView['status'],
  state: 'running' | 'failed' | 'done',
): HostQueueView {
  const item = {
    id: 1,
    hostId: LAB.node1,
    applyId: 'ap1',
    stepId: 's',
    title: 'Mount',
    state,
    attempts: 1,
    lastError: state === 'failed' ? 'mount.nfs: timed out' : null,
    outcome: state === 'done' ? 'applied' : null,
    nextRetryAt: null,
    createdAt: '',
    startedAt: null,
    finishedAt: null,
  };
  return {
    hostId: LAB.node1,
    status,
    current: state === 'done' ? null : item,
    pending: 0,
    items: [item],
    waitingFor: null,
    applies: [],
  };
}

const command = (list: Command[], name: string) =>
  list.find((c) => c.name === name) ??
  (() => {
    throw new Error(name);
  })();

function applyEngine(end: 'finished' | 'halted') {
  let polls = 0;
  const s = scripted({
    'clusters:list': () => [view],
    'hosts:list': () => hosts,
    'plans:preview': () => plan,
    'app:getInfo': () => ({
      version: '1',
      mode: 'cli',
      dataDir: '/d',
      secretStore: { available: false, backend: 'none' },
      queues: { runHere: true, ownerPid: null },
    }),
    'plans:apply': (i) => {
      const id = String(i['taskId']);
      queueMicrotask(() => {
        s.emit('task:updated', task(id, 'running', 1));
        s.emit('task:updated', task(id, end === 'finished' ? 'done' : 'running', 2));
      });
      return { applyId: 'ap1', plan, taskId: id };
    },
    'queue:get': () => {
      polls += 1;
      if (end === 'halted') return queue('halted', 'failed');
      if (polls > 1)
        queueMicrotask(() =>
          s.emit('apply:finished', { applyId: 'ap1', clusterId: cluster.id, result: 'ok' }),
        );
      return queue(polls > 1 ? 'idle' : 'running', polls > 1 ? 'done' : 'running');
    },
  });
  return s;
}

describe('apply', () => {
  it('with --json: a {"task"} line per update of its apply task, then the result (exit 0)', async () => {
    const s = applyEngine('finished');
    const outcome = await command(applyCommands, 'apply').run(s.context(true, 'apply'), {
      args: [],
      opts: {},
      rest: [],
    });
    // stdout holds only JSON; the step lines for people went to stderr.
    const lines = s.out.map((l) => JSON.parse(l) as { task: TaskView });
    expect(s.err.join('')).toContain('[node1] done Mount (applied)');
    expect(lines.map((l) => [l.task.state, l.task.progress.done])).toEqual([
      ['running', 1],
      ['done', 2],
    ]);
    expect(outcome).toMatchObject({ data: { applyId: 'ap1', result: 'ok' }, exitCode: 0 });
    // Who runs the queues is asked first, before the preview.
    expect(
      s.calls.map((c) => c.channel).filter((c) => c.startsWith('plans:') || c === 'app:getInfo'),
    ).toEqual(['app:getInfo', 'plans:preview', 'plans:apply']);
  });

  it('for people: the plan, a line per step as it runs, fails or ends, then exit 3 when a queue halted', async () => {
    const s = applyEngine('halted');
    const outcome = await command(applyCommands, 'apply').run(s.context(false, 'apply'), {
      args: ['lab'],
      opts: {},
      rest: [],
    });
    const text = s.out.join('');
    expect(text).toContain('# Set up cluster lab');
    expect(text).toContain('[node1] failed Mount: mount.nfs: timed out');
    expect(text).toContain('[node1] halted at "Mount"; next retry -');
    expect(text).not.toContain('{"task"');
    expect(outcome).toMatchObject({
      data: { result: 'halted', halted: [{ host: 'node1', step: 'Mount' }] },
      exitCode: 3,
    });
  });
});

describe('lb drain', () => {
  it('Ctrl-C while it waits cancels its wait task with tasks:cancel', async () => {
    let waitTask = '';
    let cancelled: () => void = () => undefined;
    const change = {
      hostId: LAB.node2,
      mode: 'drain',
      immediate: { state: 'done', seconds: 0.7, error: null },
      applyId: null,
      message: 'node2: weight 0 in IPVS now',
    };
    const s = scripted({
      'clusters:list': () => [view],
      'hosts:list': () => hosts,
      'lb:setNodeMode': () => ({ cluster: view, change }),
      'lb:waitDrained': (i) =>
        new Promise((_ok, fail) => {
          waitTask = String(i['taskId']);
          // The engine aborts the wait when its task is cancelled.
          cancelled = () =>
            fail(new AppError('ABORTED', 'waiting for the node to drain was cancelled'));
          setImmediate(() => process.emit('SIGINT'));
        }),
      'tasks:cancel': (i) => {
        cancelled();
        return task(String(i['taskId']), 'cancelled', 0);
      },
    });
    const run = command(lbCommands, 'lb drain').run(s.context(false, 'lb drain'), {
      args: ['node2'],
      opts: {},
      rest: [],
    });
    await expect(run).rejects.toMatchObject({
      code: 'ABORTED',
      message: 'stopped waiting for node2 to drain',
    });
    expect(s.calls.find((c) => c.channel === 'tasks:cancel')?.input).toEqual({ taskId: waitTask });
    expect(waitTask).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.out.join('')).toContain('node2: weight 0 in IPVS now');
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
