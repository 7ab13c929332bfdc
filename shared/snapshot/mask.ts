import type { DiskFact, HostFacts } from '../model/facts';
import type { HostQueueView, QueueItemView } from '../model/queue';
import type { IpvsCountersView, LbRealServerStatus, LbStatus } from '../lb/status';
import type { SnapshotBody, SnapshotHost } from './format';

/**
 * Volatile fields: what changes from one reading to the next on a cluster that nobody touched
 * (times, counters, rates, clock skew, connection states). They are masked before two snapshots
 * are diffed, so two snapshots of an unchanged cluster diff to nothing. Free disk space moves
 * all the time too: it counts as changed only past {@link diskSpaceChanged}'s threshold.
 */

/** Free space counts as changed when it moved by this share of the filesystem's size... */
export const DISK_CHANGE_FRACTION = 0.05;
/** ...or by this many bytes, whichever is less. */
export const DISK_CHANGE_BYTES = 1024 ** 3;

/** Whether a disk's free space moved by enough to be a change, not the hosts' daily churn. */
export function diskSpaceChanged(before: DiskFact, after: DiskFact): boolean {
  const a = before.availBytes;
  const b = after.availBytes;
  if (a === undefined || b === undefined) return a !== b;
  const size = after.sizeBytes ?? before.sizeBytes;
  const threshold =
    size === undefined
      ? DISK_CHANGE_BYTES
      : Math.min(size * DISK_CHANGE_FRACTION, DISK_CHANGE_BYTES);
  return Math.abs(a - b) >= threshold;
}

const NO_TIME = '';
const ZERO: IpvsCountersView = { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 };

function counters(c: IpvsCountersView | null): IpvsCountersView | null {
  return c === null ? null : ZERO;
}

function realServer(rs: LbRealServerStatus): LbRealServerStatus {
  return {
    ...rs,
    activeConns: 0,
    inactiveConns: 0,
    stats: counters(rs.stats),
    rate: counters(rs.rate),
    down: rs.down && { ...rs.down, since: null },
  };
}

function lb(status: LbStatus): LbStatus {
  return {
    ...status,
    at: NO_TIME,
    services: status.services.map((s) => ({
      ...s,
      stats: counters(s.stats),
      rate: counters(s.rate),
      realServers: s.realServers.map(realServer),
    })),
  };
}

function facts(f: HostFacts): HostFacts {
  return { ...f, probedAt: NO_TIME, clock: { skewMs: 0, rttMs: 0 } };
}

function item(i: QueueItemView): QueueItemView {
  return { ...i, nextRetryAt: null, createdAt: NO_TIME, startedAt: null, finishedAt: null };
}

function queue(q: HostQueueView): HostQueueView {
  return {
    ...q,
    current: q.current && item(q.current),
    items: q.items.map(item),
    applies: q.applies.map((a) => ({ ...a, createdAt: NO_TIME, finishedAt: null })),
  };
}

function host(h: SnapshotHost): SnapshotHost {
  const runs: SnapshotHost['runs'] = {};
  for (const [id, list] of Object.entries(h.runs)) {
    runs[id] = list.map((r) => ({ ...r, startedAt: NO_TIME, durationMs: null }));
  }
  return {
    ...h,
    host: { ...h.host, state: 'disconnected', lastError: null },
    facts: h.facts && facts(h.facts),
    queue: h.queue && queue(h.queue),
    runs,
  };
}

/**
 * The body with its volatile fields set to fixed values: takenAt, probedAt, lb.at, drift.at,
 * cluster.updatedAt, queue and run times and nextRetryAt, clock skew and round trip, IPVS
 * counters and rates, connection counts, keepalived's `down.since`, and each host's connection
 * state and last connection error. Free disk space is left as read (see diskSpaceChanged).
 */
export function maskSnapshot(body: SnapshotBody): SnapshotBody {
  return {
    ...body,
    takenAt: NO_TIME,
    cluster: { ...body.cluster, updatedAt: NO_TIME },
    hosts: body.hosts.map(host),
    lb: body.lb && lb(body.lb),
    drift: body.drift && { ...body.drift, at: NO_TIME },
  };
}
