import { describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/api/client';
import type { AppInfo } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { snapshotBody } from '../../../shared/snapshot/testing/snapshot-fixtures';
import { queueRun } from '../testing/fixtures';
import { createSnapshotTransport } from './offline-transport';

const INFO: AppInfo = {
  version: '9.9.9',
  mode: 'browser',
  dataDir: '/tmp/x',
  secretStore: { available: false, backend: 'none' },
  queues: { runHere: true, ownerPid: null },
};

function setup(patch: Parameters<typeof snapshotBody>[0] = {}) {
  const body = snapshotBody(patch);
  const transport = createSnapshotTransport(body, INFO);
  return { body, transport, api: createApi(transport) };
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => 'answered',
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('createSnapshotTransport', () => {
  it('answers the pages reads from the snapshot', async () => {
    const { body, api } = setup();
    const id = body.cluster.cluster.id;
    const first = body.hosts[0];
    if (first === undefined) throw new Error('fixture has hosts');
    await expect(api.app.getInfo({})).resolves.toEqual(INFO);
    await expect(api.hosts.list({})).resolves.toEqual(body.hosts.map((h) => h.host));
    await expect(api.hosts.getFacts({ hostId: first.host.id })).resolves.toEqual(first.facts);
    await expect(api.clusters.list({})).resolves.toEqual([body.cluster]);
    await expect(api.clusters.get({ clusterId: id })).resolves.toEqual(body.cluster);
    await expect(api.lb.status({ clusterId: id })).resolves.toEqual(body.lb);
    await expect(api.lb.drift({ clusterId: id })).resolves.toEqual(body.drift);
    await expect(api.queue.list({})).resolves.toEqual(body.hosts.map((h) => h.queue));
    await expect(api.queue.get({ hostId: first.host.id })).resolves.toEqual(first.queue);
    await expect(api.tasks.list({})).resolves.toEqual([]);
    await expect(api.audit.list({ limit: 1 })).resolves.toEqual(body.audit.slice(0, 1));
  });

  it("answers a step's runs from the host that recorded them, else none", async () => {
    const { body } = setup();
    const run = queueRun({ exitCode: 1, stderr: 'E: no space left' });
    const hosts = body.hosts.map((h, i) => (i === 1 ? { ...h, runs: { '7': [run] } } : h));
    const { api } = setup({ hosts });
    await expect(api.queue.runs({ itemId: 7 })).resolves.toEqual([run]);
    await expect(api.queue.runs({ itemId: 8 })).resolves.toEqual([]);
  });

  it('says what is not in the snapshot: another cluster or host, no LB status, a failed drift check', async () => {
    const { api } = setup({ lb: null, drift: null, driftError: 'node2: connection refused' });
    expect((await failure(api.clusters.get({ clusterId: 'other' }))).code).toBe('NOT_FOUND');
    expect((await failure(api.hosts.getFacts({ hostId: 'nobody' }))).code).toBe('NOT_FOUND');
    expect((await failure(api.queue.get({ hostId: 'nobody' }))).code).toBe('NOT_FOUND');
    const { body } = setup();
    const id = body.cluster.cluster.id;
    expect((await failure(api.lb.status({ clusterId: id }))).code).toBe('NOT_FOUND');
    const drift = await failure(api.lb.drift({ clusterId: id }));
    expect(drift.message).toContain('node2: connection refused');
  });

  it('refuses every other request as read-only, naming it, before looking at its input', async () => {
    const { body, api } = setup();
    const id = body.cluster.cluster.id;
    const refused = [
      api.hosts.connect({ hostId: 'h1' }),
      api.hosts.add({} as never),
      api.hosts.probe({ hostId: 'h1' }),
      api.clusters.save({ cluster: body.cluster.cluster }),
      api.plans.preview({ clusterId: id }),
      api.queue.retryNow({ hostId: 'h1' }),
      api.lb.setNodeMode({ clusterId: id, hostId: 'h1', mode: 'drain' }),
      api.tasks.cancel({ taskId: 'task-0001' }),
    ];
    const channels = [
      'hosts:connect',
      'hosts:add',
      'hosts:probe',
      'clusters:save',
      'plans:preview',
      'queue:retryNow',
      'lb:setNodeMode',
      'tasks:cancel',
    ];
    const errors = await Promise.all(refused.map(failure));
    expect(errors.map((e) => e.code)).toEqual(channels.map(() => 'SNAPSHOT_READ_ONLY'));
    expect(errors.map((e) => e.details)).toEqual(channels.map((channel) => ({ channel })));
    errors.forEach((e, i) => expect(e.message).toContain(channels[i]));
  });

  it("validates the reads' inputs with the contract's schemas", async () => {
    const { transport } = setup();
    const bad = [
      ['hosts:getFacts', {}],
      ['queue:runs', { itemId: -1 }],
      ['audit:list', { limit: 5000 }],
      ['hosts:list', { extra: 1 }],
      ['nothing:here', {}],
    ] as const;
    for (const [channel, input] of bad) {
      const env = await transport.request(channel, input);
      expect(env, channel).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('emits no events', () => {
    const { transport } = setup();
    const seen: string[] = [];
    const off = transport.subscribe((e) => seen.push(e));
    off();
    expect(seen).toEqual([]);
  });
});
