import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../shared/api/dispatch';
import { acquireEngineLock, type LockHolder } from './engine-lock';
import { coalesceByKey } from './events/coalesce';
import { EventBus, type AnyEventListener } from './events/event-bus';
import { HostKeyPolicy } from './hosts/host-key-policy';
import { HostService, type Prober } from './hosts/host-service';
import { probeHost } from './probe/probe-host';
import { CommandQueue } from './queue/command-queue';
import { SshStepTarget, type StepSessions } from './queue/ssh-step-target';
import { noSecretStore, type SecretStore } from './secrets/secret-store';
import { openPrivateDataDir } from './paths';
import { SshPool } from './ssh/ssh-pool';
import { realTimers, type Timers } from './ssh/types';
import { AuditRepository } from './store/audit-repository';
import { openDatabase, type Db } from './store/database';
import { HostsRepository } from './store/hosts-repository';
import { QueueRepository, type QueueItem } from './store/queue-repository';
import { ClustersRepository } from './store/clusters-repository';
import { ClusterService } from './cluster/cluster-service';
import { LbService } from './lb/lb-service';
import { applyWithSnapshot } from './snapshot/apply-with-snapshot';
import { SnapshotService } from './snapshot/snapshot-service';
import { execOnHosts } from './hosts/host-exec';
import { AccountService } from './accounts/account-service';
import { TaskService } from './tasks/task-service';
import { APP_VERSION } from './version';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  dataDir: string;
  mode: 'electron' | 'browser' | 'cli';
  secretStore?: SecretStore;
  /** known_hosts files whose entries count as trusted; default ~/.ssh/known_hosts. */
  knownHostsFiles?: readonly string[];
  /** Replaces the SSH pool (tests). */
  sessions?: StepSessions & { closeAll(): Promise<void> };
  probe?: Prober;
  timers?: Timers;
  /** Retry interval of failed queue steps (the cluster setting; default 5 minutes). */
  queueRetryIntervalMs?: number;
  /**
   * Whether this engine runs the queues (default true). Only one engine per data dir does: when
   * another live process holds the lock, this one only reads and plans.
   */
  runQueue?: boolean;
}

const DEFAULT_RETRY_INTERVAL_MS = 5 * 60_000;

/** The engine as the transports see it. */
export interface Engine {
  handlers: Handlers;
  onEvent(listener: AnyEventListener): () => void;
  hosts: HostService;
  queue: CommandQueue;
  queueRepo: QueueRepository;
  clusters: ClusterService;
  /** Load balancing as it runs: live IPVS status, drift, node modes. */
  lb: LbService;
  /** The process that runs this data dir's queues, when it is not this engine. */
  queueOwner: LockHolder | null;
  /** The kept SSH sessions (tests). */
  sessions: StepSessions;
  /** Long work with progress and cancel. */
  tasks: TaskService;
  close(): Promise<void>;
}

/** Wires store, SSH pool and services into the handlers of every request of the contract. */
export function createEngine(opts: EngineOptions): Engine {
  // The data dir holds what runs as root on every host: refused when others could change it.
  const db: Db = openDatabase(join(openPrivateDataDir(opts.dataDir), 'clusterdeck.db'));
  const lock = opts.runQueue === false ? null : acquireEngineLock(opts.dataDir);
  const releaseLock = lock && 'release' in lock ? lock.release : null;
  const queueOwner = lock && 'heldBy' in lock ? lock.heldBy : null;
  const hostsRepo = new HostsRepository(db);
  const audit = new AuditRepository(db);
  const events = new EventBus();
  const secrets = opts.secretStore ?? noSecretStore;
  const keys = new HostKeyPolicy(
    hostsRepo,
    opts.knownHostsFiles ?? [join(homedir(), '.ssh', 'known_hosts')],
  );
  const sessions = opts.sessions ?? new SshPool({ verifier: keys.verifier() });
  const hosts = new HostService({
    hosts: hostsRepo,
    audit,
    sessions,
    keys,
    secrets,
    events,
    probe: opts.probe ?? ((exec) => probeHost(exec)),
  });
  const timers = opts.timers ?? realTimers;
  const queueRepo = new QueueRepository(db);
  const clustersRepo = new ClustersRepository(db);
  const queueChanged = coalesceByKey(timers, 75, (hostId) =>
    events.emit('queue:changed', { hostId }),
  );
  const target = new SshStepTarget(sessions, hosts);
  // The retry interval is the setting of the cluster whose apply queued the step.
  const retryIntervalMs = (item: QueueItem) => {
    if (opts.queueRetryIntervalMs !== undefined) return opts.queueRetryIntervalMs;
    const sec = item.applyId
      ? clustersRepo.getApply(item.applyId)?.model?.settings.queueRetryIntervalSec
      : undefined;
    return sec !== undefined ? sec * 1000 : DEFAULT_RETRY_INTERVAL_MS;
  };
  // The queue reports finished items to the cluster service, which needs the queue: tie the knot.
  const finished: { service?: ClusterService } = {};
  const queue = new CommandQueue({
    repo: queueRepo,
    target,
    timers,
    retryIntervalMs,
    onChange: (hostId) => queueChanged.push(hostId),
    onItemFinished: (item) => finished.service?.onItemFinished(item),
    owner: queueOwner,
  });
  const clusterService = new ClusterService({
    clusters: clustersRepo,
    hostsRepo,
    hosts,
    queueRepo,
    queue,
    target,
    audit,
    events,
  });
  finished.service = clusterService;
  const lb = new LbService({
    clusters: clustersRepo,
    clusterService,
    hostsRepo,
    target,
    audit,
    queue,
  });
  const accounts = new AccountService({
    clusters: clustersRepo,
    clusterService,
    hostsRepo,
    target,
    audit,
  });
  const tasks = new TaskService({ emit: (event, payload) => events.emit(event, payload), timers });
  const snapshots = new SnapshotService({
    dataDir: opts.dataDir,
    clusters: clusterService,
    hosts,
    target,
    queue,
    queueRepo,
    lb,
    audit,
    appVersion: APP_VERSION,
  });
  if (releaseLock) queue.start();

  const clusterName = (clusterId: string) => clustersRepo.get(clusterId).desired.name;
  const hostName = (hostId: string) => hostsRepo.get(hostId).name;

  const handlers: Handlers = {
    'app:getInfo': () => ({
      version: APP_VERSION,
      mode: opts.mode,
      dataDir: opts.dataDir,
      secretStore: { available: secrets.available, backend: secrets.backend },
      queues: { runHere: queue.running, ownerPid: queueOwner?.pid ?? null },
    }),
    'hosts:list': () => hosts.list(),
    'hosts:add': (input) => hosts.add(input),
    'hosts:remove': ({ hostId }) => hosts.remove(hostId),
    'hosts:connect': (input) => hosts.connect(input),
    'hosts:disconnect': ({ hostId }) => hosts.disconnect(hostId),
    'hosts:trustKey': (input) => hosts.trustKey(input),
    'hosts:forgetKey': ({ hostId }) => hosts.forgetKey(hostId),
    'hosts:probe': ({ hostId, taskId }) =>
      tasks.run({ kind: 'probe', title: `Probe ${hostName(hostId)}`, id: taskId }, (t) =>
        hosts.probe(hostId, t.signal),
      ),
    'hosts:exec': ({ taskId, ...input }) =>
      tasks.run(
        { kind: 'exec', title: `Run a command on ${input.hostIds.length} host(s)`, id: taskId },
        (t) => execOnHosts({ hosts, sessions, audit }, input, t),
      ),
    'hosts:getFacts': ({ hostId }) => hosts.getFacts(hostId),
    'clusters:list': () => clusterService.list(),
    'clusters:get': ({ clusterId }) => clusterService.get(clusterId),
    'clusters:save': ({ cluster }) => clusterService.save(cluster),
    'clusters:validate': ({ cluster }) => clusterService.validate(cluster),
    'clusters:remove': ({ clusterId }) => clusterService.remove(clusterId),
    'clusters:forceRemoveNode': ({ clusterId, hostId }) =>
      clusterService.forceRemoveNode(clusterId, hostId),
    'accounts:setSftpPassword': ({ clusterId, account, password }) =>
      accounts.setSftpPassword(clusterId, account, password),
    'accounts:siteCheck': ({ clusterId, account, taskId }) =>
      tasks.run(
        { kind: 'site-check', title: `Check the site of ${account}`, id: taskId, clusterId },
        (t) => accounts.siteCheck(clusterId, account, t.signal),
      ),
    'plans:preview': ({ clusterId, full, taskId }) =>
      tasks.run(
        {
          kind: 'preview',
          title: `Preview the plan of ${clusterName(clusterId)}`,
          id: taskId,
          clusterId,
        },
        (t) => clusterService.preview(clusterId, full, t),
      ),
    // A snapshot first (cancellable), then the steps run in the queues; the task follows them.
    'plans:apply': (input) =>
      applyWithSnapshot(
        {
          tasks,
          clusters: clusterService,
          snapshots,
          follow: { queueRepo, clusters: clustersRepo },
        },
        input,
      ),
    'queue:list': () => queueRepo.hosts().map((h) => queue.view(h)),
    'queue:get': ({ hostId }) => queue.view(hostId),
    'queue:runs': ({ itemId }) => queueRepo.runs(itemId),
    'queue:retryNow': ({ hostId }) => {
      queue.retryNow(hostId);
      return queue.view(hostId);
    },
    'queue:skip': ({ hostId, itemId }) => {
      queue.skip(hostId, itemId);
      return queue.view(hostId);
    },
    'queue:cancel': ({ hostId }) => {
      queue.cancel(hostId);
      return queue.view(hostId);
    },
    'lb:status': ({ clusterId }) => lb.status(clusterId),
    'lb:drift': ({ clusterId, taskId }) =>
      tasks.run(
        {
          kind: 'drift',
          title: `Check ${clusterName(clusterId)} for drift`,
          id: taskId,
          clusterId,
        },
        (t) => lb.drift(clusterId, t),
      ),
    'lb:setNodeMode': ({ clusterId, hostId, mode }) => lb.setNodeMode(clusterId, hostId, mode),
    'lb:waitDrained': ({ clusterId, hostId, timeoutSec, taskId }) => {
      const node = hostName(hostId);
      return tasks.run(
        { kind: 'drain-wait', title: `Wait for ${node} to drain`, id: taskId, clusterId },
        (t) =>
          lb.waitDrained(clusterId, hostId, timeoutSec, {
            signal: t.signal,
            onProgress: (p) =>
              t.progress({
                done: p.waitedSec,
                total: timeoutSec,
                hostName: node,
                step:
                  p.activeConns === null
                    ? `cannot read the manager: ${p.error ?? 'no answer'}`
                    : `${p.activeConns} active connections`,
              }),
          }),
      );
    },
    'snapshots:take': ({ clusterId, taskId }) =>
      tasks.run(
        { kind: 'snapshot', title: `Snapshot of ${clusterName(clusterId)}`, id: taskId, clusterId },
        (t) => snapshots.take(clusterId, 'manual', t),
      ),
    'snapshots:list': ({ clusterId }) => snapshots.list(clusterId),
    'snapshots:read': ({ id }) => snapshots.read(id),
    'snapshots:remove': ({ id }) => snapshots.remove(id),
    'snapshots:useModel': (input) => snapshots.useModel(input),
    'tasks:list': () => tasks.list(),
    'tasks:cancel': ({ taskId }) => tasks.cancel(taskId),
    'audit:list': ({ limit }) => audit.list(limit),
  };

  return {
    handlers,
    onEvent: (l) => events.onEvent(l),
    hosts,
    queue,
    queueRepo,
    clusters: clusterService,
    lb,
    queueOwner,
    sessions,
    tasks,
    async close() {
      tasks.dispose();
      await queue.stop();
      queueChanged.cancel();
      hosts.dispose();
      await sessions.closeAll();
      db.close();
      releaseLock?.();
    },
  };
}
