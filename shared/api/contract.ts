import { z } from 'zod';
import { HostFacts } from '../model/facts';
import { ConnectionState, HostInput, HostView } from '../model/host';
import { HostQueueView, QueueRunView } from '../model/queue';
import { HostId } from '../base/fields';
import { AccountName, Cluster } from '../model/cluster';
import { Issue } from '../model/cluster-issues';
import { Plan } from '../plan/types';
import { DrainResult, DriftReport, LbStatus, NodeModeChange } from '../lb/status';
import { TaskId, TaskView } from '../model/task';
import { SnapshotInfo } from '../model/snapshot-info';

const hostId = z.string().min(1, 'hostId is required');
const empty = z.object({}).strict();
/** Long requests run as tasks; a client may name the task to follow and cancel it. */
const task = { taskId: TaskId.optional() };

/** An entry of the audit log. */
export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  hostId: z.string().nullable(),
  result: z.enum(['ok', 'error']),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A cluster as the UI sees it: desired model, last applied model, findings. */
export const ClusterView = z.object({
  cluster: Cluster,
  applied: Cluster.nullable(),
  issues: z.array(Issue),
  updatedAt: z.string(),
});
export type ClusterView = z.infer<typeof ClusterView>;

const clusterId = z.string().min(1, 'clusterId is required');
/** A kept snapshot's id: its file name in the snapshot folder, never a path. */
const snapshotId = z
  .string()
  .max(255, 'id is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.cdsnap$/, 'id must be a snapshot file name (NAME.cdsnap)');

/** One web node's HTTP answer for an account's site (accounts:siteCheck). */
export const SiteAnswer = z.object({
  hostId: z.string(),
  hostName: z.string(),
  /** The HTTP status, or null when there was no answer (see `error`). */
  status: z.number().int().nullable(),
  error: z.string().optional(),
  ms: z.number(),
});
export type SiteAnswer = z.infer<typeof SiteAnswer>;

/** What the engine tells about itself. */
export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  secretStore: z.object({ available: z.boolean(), backend: z.string() }),
  /** Whether this process runs the data dir's queues, and the live process that does when not. */
  queues: z.object({ runHere: z.boolean(), ownerPid: z.number().int().nullable() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * Every request: channel -> input and output schemas. Channels are `domain:verbNoun`.
 * Inputs are validated in main/headless before any service sees them.
 */
export const requests = {
  'app:getInfo': { input: empty, output: AppInfo },
  'hosts:list': { input: empty, output: z.array(HostView) },
  'hosts:add': { input: HostInput, output: HostView },
  'hosts:remove': { input: z.object({ hostId }), output: z.object({ removed: z.boolean() }) },
  /**
   * Opens (or reuses) the host's kept SSH session. Fails with HOST_KEY_UNKNOWN (details:
   * keyType, fingerprint) until the key is trusted, and SSH_CREDENTIAL_REQUIRED when a
   * password or passphrase is needed. `secret` is used for this connection only unless
   * `rememberSecret` is set and a safe secret store exists.
   */
  'hosts:connect': {
    input: z.object({
      hostId,
      secret: z.string().max(4096, 'secret is too long').optional(),
      rememberSecret: z.boolean().optional(),
    }),
    output: HostView,
  },
  'hosts:disconnect': { input: z.object({ hostId }), output: HostView },
  /** Trusts the key last presented by the host; the fingerprint must match what was seen. */
  'hosts:trustKey': {
    input: z.object({
      hostId,
      keyType: z.string().min(1),
      fingerprint: z.string().startsWith('SHA256:'),
    }),
    output: HostView,
  },
  /** Forgets the trusted key (after a verified reinstall); the next connect asks again. */
  'hosts:forgetKey': { input: z.object({ hostId }), output: HostView },
  'hosts:probe': { input: z.object({ hostId, ...task }), output: HostFacts },
  /**
   * Runs the admin's own shell command on the hosts at once over kept sessions (a task; the
   * command is the point, so it runs as given). Each host's result, or why it could not run.
   */
  'hosts:exec': {
    input: z.object({
      hostIds: z.array(hostId).min(1, 'hostIds: give at least one host').max(256),
      command: z.string().min(1, 'command is required').max(65536, 'command is too long'),
      timeoutSec: z.number().int().min(1).max(86400).default(60),
      ...task,
    }),
    output: z.array(
      z.object({
        hostId: z.string(),
        hostName: z.string(),
        code: z.number().nullable(),
        stdout: z.string(),
        stderr: z.string(),
        durationMs: z.number().nullable(),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      }),
    ),
  },
  'hosts:getFacts': { input: z.object({ hostId }), output: HostFacts.nullable() },
  'clusters:list': { input: empty, output: z.array(ClusterView) },
  'clusters:get': { input: z.object({ clusterId }), output: ClusterView },
  /** Creates (without id) or replaces a cluster's desired model; nothing changes on hosts. */
  'clusters:save': {
    input: z.object({ cluster: Cluster.extend({ id: HostId.optional() }) }),
    output: ClusterView,
  },
  /**
   * What clusters:save would report for this model, without saving it: its issues against the
   * hosts' last facts (errors refuse a save, warnings do not) and a name already taken. A
   * malformed model fails with VALIDATION as a save does.
   */
  'clusters:validate': {
    input: z.object({ cluster: Cluster.extend({ id: HostId.optional() }) }),
    output: z.array(Issue),
  },
  'clusters:remove': { input: z.object({ clusterId }), output: z.object({ removed: z.boolean() }) },
  /**
   * Sets (or, with null, removes) the SFTP password of an account's user: the engine keeps only
   * its SHA-512 crypt hash in the model, saved as clusters:save saves (validated, audited); the
   * password is never stored or logged. Keys and other account fields go through clusters:save.
   */
  'accounts:setSftpPassword': {
    input: z.object({
      clusterId,
      account: AccountName,
      password: z
        .string()
        .min(8, 'password must be at least 8 characters')
        .max(1024, 'password is too long')
        .nullable(),
    }),
    output: ClusterView,
  },
  /**
   * From each web node, GET http://127.0.0.1/ with the account's domain as Host (in parallel,
   * each with a timeout; a task): the status each node answers, or why it could not be asked.
   */
  'accounts:siteCheck': {
    input: z.object({ clusterId, account: AccountName, ...task }),
    output: z.array(SiteAnswer),
  },
  /** Drops an unreachable node from the model and lists what stays on it. */
  'clusters:forceRemoveNode': {
    input: z.object({ clusterId, hostId }),
    output: z.object({ cluster: ClusterView, leftovers: z.array(z.string()) }),
  },
  /** Observes the hosts and plans desired vs. applied: exact commands and file diffs. */
  'plans:preview': {
    input: z.object({ clusterId, full: z.boolean().default(false), ...task }),
    output: Plan,
  },
  /**
   * Queues the reviewed plan (the latest preview's hash); PLAN_STALE if the model changed since,
   * QUEUE_OWNED_ELSEWHERE where this process does not run the queues. Returns at once; the task
   * `taskId` follows the queued steps until the apply finished.
   */
  'plans:apply': {
    input: z.object({
      clusterId,
      planHash: z.string().regex(/^[0-9a-f]{64}$/, 'planHash must be a plan hash'),
      ...task,
    }),
    output: z.object({ applyId: z.string(), plan: Plan, taskId: z.string() }),
  },
  /** Every host's command queue. */
  'queue:list': { input: empty, output: z.array(HostQueueView) },
  'queue:get': { input: z.object({ hostId }), output: HostQueueView },
  /** The recorded runs (commands, exit codes, output) of one queued step. */
  'queue:runs': {
    input: z.object({ itemId: z.number().int().positive() }),
    output: z.array(QueueRunView),
  },
  /** Retries the failed head of a host's queue now instead of at its retry time. */
  'queue:retryNow': { input: z.object({ hostId }), output: HostQueueView },
  /** Skips the head step (the UI confirms first): the queue goes on without it. */
  'queue:skip': {
    input: z.object({ hostId, itemId: z.number().int().positive() }),
    output: HostQueueView,
  },
  /** Cancels every unfinished step of a host's queue, stopping the running one. */
  'queue:cancel': { input: z.object({ hostId }), output: HostQueueView },
  /**
   * The manager's IPVS table (`ipvsadm -Ln --stats --rate --exact`) joined with the model:
   * services, real servers with state, weights, connections and rates; one round trip over
   * the kept session, cheap enough to poll every 2 s.
   */
  'lb:status': { input: z.object({ clusterId }), output: LbStatus },
  /**
   * Observes the hosts, plans the model and runs every step's check: the steps that fail are
   * drift. The report's planHash is the repair plan (apply it with plans:apply).
   */
  'lb:drift': { input: z.object({ clusterId, ...task }), output: DriftReport },
  /**
   * Sets a node's load-balancing mode (drain: weight 0 everywhere; maintenance: out of every
   * service; active: back at its weights): saved in the model, set in the manager's IPVS at
   * once, and queued for keepalived.conf on the manager. Only where the queues run
   * (QUEUE_OWNED_ELSEWHERE). When the manager cannot be changed now, the mode is still saved
   * and queued, and `change.immediate` says why it did not take effect yet.
   */
  'lb:setNodeMode': {
    input: z.object({ clusterId, hostId, mode: z.enum(['active', 'drain', 'maintenance']) }),
    output: z.object({ cluster: ClusterView, change: NodeModeChange }),
  },
  /** Polls the manager until the node has no active connection left, or the timeout. */
  'lb:waitDrained': {
    input: z.object({
      clusterId,
      hostId,
      timeoutSec: z.number().int().min(1).max(86400).default(300),
      ...task,
    }),
    output: DrainResult,
  },
  /**
   * Takes a snapshot of the cluster now (a task: every host is read in parallel; a host that
   * cannot be reached is recorded as such) and keeps it in the data dir's snapshot folder.
   */
  'snapshots:take': { input: z.object({ clusterId, ...task }), output: SnapshotInfo },
  /** The kept snapshots (of one cluster, or all), newest first. */
  'snapshots:list': {
    input: z.object({ clusterId: clusterId.optional() }),
    output: z.array(SnapshotInfo),
  },
  /** A kept snapshot's file (base64 of its bytes), to save elsewhere or open. */
  'snapshots:read': {
    input: z.object({ id: snapshotId }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'snapshots:remove': {
    input: z.object({ id: snapshotId }),
    output: z.object({ removed: z.boolean() }),
  },
  /**
   * Makes a snapshot's desired model the cluster's desired model, saved as clusters:save saves
   * (validated, audited); nothing is applied. The SFTP password hashes redacted in the snapshot
   * (`redactedPasswordsOf`) are taken from the live model's same-named accounts; the accounts
   * where none exists are listed in `lostPasswords` (they have no SFTP password now).
   */
  'snapshots:useModel': {
    input: z.object({
      clusterId,
      model: Cluster,
      redactedPasswordsOf: z.array(AccountName).max(10000).default([]),
    }),
    output: z.object({ cluster: ClusterView, lostPasswords: z.array(z.string()) }),
  },
  /** Running tasks and the last finished ones, newest first. */
  'tasks:list': { input: empty, output: z.array(TaskView) },
  /** Cancels a running task (the signal reaches its SSH channels); a finished one is returned as it is. */
  'tasks:cancel': { input: z.object({ taskId: TaskId }), output: TaskView },
  'audit:list': {
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(AuditEntry),
  },
} as const;

/** Events pushed from the engine to the UI. */
export const events = {
  'host:status': z.object({
    hostId,
    state: ConnectionState,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
  'hosts:changed': z.object({}),
  'host:facts': z.object({ hostId, facts: HostFacts }),
  'clusters:changed': z.object({}),
  'apply:finished': z.object({
    applyId: z.string(),
    clusterId: z.string().nullable(),
    result: z.enum(['ok', 'error', 'cancelled']),
  }),
  /** A host's queue changed; re-read it with queue:get (bursts are coalesced). */
  'queue:changed': z.object({ hostId }),
  /** A task started, progressed (coalesced) or finished. */
  'task:updated': TaskView,
} as const;

export type Requests = typeof requests;
export type RequestChannel = keyof Requests;
export type RequestInput<C extends RequestChannel> = z.input<Requests[C]['input']>;
export type RequestParsedInput<C extends RequestChannel> = z.output<Requests[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<Requests[C]['output']>;
export type Events = typeof events;
export type EventChannel = keyof Events;
export type EventPayload<E extends EventChannel> = z.output<Events[E]>;

/** Whether a string names a request of the contract. */
export function isRequestChannel(s: unknown): s is RequestChannel {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(requests, s);
}
