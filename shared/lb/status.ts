import { z } from 'zod';
import { ERROR_CODES } from '../base/errors';

/**
 * What the UI and the CLI see of the running load balancer (lb:status) and of drift between the
 * hosts and the model (lb:drift). The engine builds these from `ipvsadm -Ln --stats/--rate`
 * on the manager and from the checks of the plan's steps; see electron/core/lb.
 */

/** Five IPVS counters (totals with --stats, per second with --rate). */
export const IpvsCountersView = z.object({
  conns: z.number(),
  inPkts: z.number(),
  outPkts: z.number(),
  inBytes: z.number(),
  outBytes: z.number(),
});
export type IpvsCountersView = z.infer<typeof IpvsCountersView>;

/**
 * A real server's state as the manager sees it:
 * - `up`: in IPVS at its model weight;
 * - `down`: its check fails (keepalived removed it, or holds it at weight 0 with inhibit): health,
 *   not drift; `down` says keepalived's reason when its journal has it;
 * - `drain` / `maintenance`: the node's lbMode (weight 0 / out of the service);
 * - `extra`: in IPVS but not in the model (someone ran ipvsadm by hand);
 * - `sorry`: the sorry server, in IPVS because every real server is down;
 * - `pending`: saved in the model but not applied yet (the hosts were never asked to have it);
 * - `unknown`: the manager's table could not be read.
 */
export const RealServerState = z.enum([
  'up',
  'down',
  'drain',
  'maintenance',
  'extra',
  'sorry',
  'pending',
  'unknown',
]);
export type RealServerState = z.infer<typeof RealServerState>;

export const LbRealServerStatus = z.object({
  /** The model's host id; null for an address the model does not know. */
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  address: z.string(),
  port: z.number(),
  isManager: z.boolean(),
  state: RealServerState,
  /** Route, Masq, Tunnel, Local as ipvsadm prints it; null when not in IPVS. */
  forward: z.string().nullable(),
  /** The weight in IPVS now; null when not in IPVS. */
  weight: z.number().nullable(),
  /** The weight the model gives it (0 when drained); null for an extra server. */
  modelWeight: z.number().nullable(),
  activeConns: z.number(),
  inactiveConns: z.number(),
  stats: IpvsCountersView.nullable(),
  rate: IpvsCountersView.nullable(),
  /**
   * keepalived's own verdict on the server's check (its checker dump): `pending` before the
   * first result; null when keepalived does not check it or its dump could not be read.
   */
  check: z.enum(['up', 'down', 'pending']).nullable(),
  /**
   * Why keepalived holds a `down` server out, from its journal on the manager (see
   * shared/lb/keepalived-log.ts): its last failure message and the ISO time it removed the
   * server, each null when the journal lines read do not say. Null unless the state is `down`.
   */
  down: z.object({ reason: z.string().nullable(), since: z.string().nullable() }).nullable(),
});
export type LbRealServerStatus = z.infer<typeof LbRealServerStatus>;

export const LbServiceStatus = z.object({
  /** The model's service id; null for a service IPVS has that the model lacks. */
  serviceId: z.string().nullable(),
  name: z.string(),
  /** e.g. "tcp 10.10.0.100:80" or "fwmark 100 (10.10.0.100 tcp 80,443)". */
  label: z.string(),
  /** The IPVS key (see shared/lb/ipvs-compare.ts ipvsKey). */
  key: z.string(),
  method: z.enum(['dr', 'nat', 'tun']).nullable(),
  /** Whether IPVS has the service. */
  present: z.boolean(),
  /** Saved in the model but not applied as saved yet (new, or changed since the last apply). */
  pending: z.boolean(),
  scheduler: z.string().nullable(),
  persistenceSec: z.number().nullable(),
  stats: IpvsCountersView.nullable(),
  rate: IpvsCountersView.nullable(),
  realServers: z.array(LbRealServerStatus),
});
export type LbServiceStatus = z.infer<typeof LbServiceStatus>;

/** One difference between the live IPVS table and the model (shared/lb/ipvs-compare.ts). */
export const IpvsDriftView = z.object({
  service: z.string(),
  kind: z.enum([
    'missing-service',
    'extra-service',
    'scheduler',
    'persistence',
    'missing-server',
    'server-weight',
    'server-method',
    'extra-server',
  ]),
  message: z.string(),
});

export const LbStatus = z.object({
  clusterId: z.string(),
  /** ISO time of the reading. */
  at: z.string(),
  managerHostId: z.string(),
  /** `systemctl is-active keepalived` on the manager. */
  keepalived: z.enum(['active', 'inactive', 'failed', 'activating', 'unknown']),
  services: z.array(LbServiceStatus),
  /**
   * The IPVS table against the applied model: configuration that differs, each saying what was
   * expected and what was found. Down servers (health) and pending changes are not in it.
   */
  ipvsDrift: z.array(IpvsDriftView),
  /** Why the manager could not be read (then services come from the model only). */
  error: z.string().nullable(),
});
export type LbStatus = z.infer<typeof LbStatus>;

/** A step of the repair plan whose check fails on its host: the host differs from the model. */
export const DriftItem = z.object({
  hostId: z.string(),
  hostName: z.string(),
  stepId: z.string(),
  title: z.string(),
  /** Files of the step whose content on the host differs from the model, with their diffs. */
  files: z.array(z.object({ path: z.string(), diff: z.string() })),
  /** The check's output when it failed (trimmed), to say what differs. */
  detail: z.string(),
});
export type DriftItem = z.infer<typeof DriftItem>;

export const DriftReport = z.object({
  clusterId: z.string(),
  at: z.string(),
  /** True when every step's check passes on its host. */
  inSync: z.boolean(),
  items: z.array(DriftItem),
  /** The IPVS table against the applied model (down servers and pending changes are not drift). */
  ipvsDrift: z.array(IpvsDriftView),
  /**
   * The hash of the plan that puts everything back (the preview the report was made from);
   * plans:apply with it queues the repair. Null when in sync.
   */
  planHash: z.string().nullable(),
});
export type DriftReport = z.infer<typeof DriftReport>;

/** The result of waiting for a drained node's connections to end. */
export const DrainResult = z.object({
  hostId: z.string(),
  /** True when the node's active connections reached 0 before the timeout. */
  drained: z.boolean(),
  /** Active connections left on the node over all services. */
  activeConns: z.number(),
  waitedSec: z.number(),
});
export type DrainResult = z.infer<typeof DrainResult>;

/**
 * A node-mode change (lb:setNodeMode) as it reached the hosts: at once in the manager's IPVS
 * (ipvsadm), and queued for keepalived.conf (a plan on the manager's queue).
 */
export const NodeModeChange = z.object({
  hostId: z.string(),
  mode: z.enum(['active', 'drain', 'maintenance']),
  immediate: z.object({
    /**
     * `done`: IPVS has the mode now; `failed`: IPVS could not be changed now (`error` says
     * why; the queued plan brings the mode when the manager is back); `none`: nothing to change
     * (the hosts do not balance anything to this node yet).
     */
    state: z.enum(['done', 'failed', 'none']),
    /** Seconds from the request to the manager's answer; null when nothing ran. */
    seconds: z.number().nullable(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  }),
  /** The apply that writes the mode into keepalived.conf; null when it has it already. */
  applyId: z.string().nullable(),
  /** One line for a person: what happened and what follows. */
  message: z.string(),
});
export type NodeModeChange = z.infer<typeof NodeModeChange>;
