import type { Cluster, ClusterAccount, ClusterNode } from '../model/cluster';
import type { LbService, RealServer, Vip } from '../model/lb';
import { canonicalJson } from './codec';
import type { SnapshotChange } from './diff-change';
import type { SnapshotBody } from './format';

/** Model changes of the desired model, compared by identity (see diff.ts). */

/** A value as text: strings bare, absent (undefined or null) as null, others as canonical JSON. */
export function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  return canonicalJson(v);
}

type Emit = (subject: string, before: unknown, after: unknown) => void;

/** Changes of the fields of two versions of one item (same identity), one per field. */
function fields<T extends object>(
  subject: string,
  a: T,
  b: T,
  emit: Emit,
  skip: readonly string[] = [],
): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    if (skip.includes(key)) continue;
    const va = (a as Record<string, unknown>)[key];
    const vb = (b as Record<string, unknown>)[key];
    if (text(va) !== text(vb)) emit(`${subject}: ${key}`, va, vb);
  }
}

/** Items of two lists matched by `id`: added, removed, and the pairs in both. */
function byIdentity<T>(
  a: readonly T[],
  b: readonly T[],
  id: (item: T) => string,
  subject: (key: string) => string,
  summary: (item: T) => unknown,
  emit: Emit,
  same: (key: string, x: T, y: T) => void,
): void {
  const before = new Map(a.map((x) => [id(x), x]));
  const after = new Map(b.map((x) => [id(x), x]));
  for (const [key, x] of before) {
    const y = after.get(key);
    if (y === undefined) emit(subject(key), summary(x), undefined);
    else same(key, x, y);
  }
  for (const [key, y] of after) {
    if (!before.has(key)) emit(subject(key), undefined, summary(y));
  }
}

/** Host names of both snapshots by id (the newer one's name wins). */
export function hostNames(a: SnapshotBody, b: SnapshotBody): Map<string, string> {
  return new Map([...a.hosts, ...b.hosts].map((h) => [h.host.id, h.host.name]));
}

function nodeSummary(n: ClusterNode): string {
  const parts = [n.publicIp, ...(n.privateIp ? [n.privateIp] : [])];
  return `${parts.join(' / ')}${n.enabled ? '' : ', disabled'}, ${n.lbMode}`;
}

function accountSummary(a: ClusterAccount): string {
  return `${a.domain}, uid ${a.uid}, quota ${a.quotaMiB} MiB`;
}

function serviceSummary(s: LbService): string {
  return `${s.name}, ${s.vip}, ${s.method}, ${s.realServers.length} real server(s)`;
}

/** The changes of the desired model from `a` to `b`. */
export function diffModel(a: SnapshotBody, b: SnapshotBody): SnapshotChange[] {
  const out: SnapshotChange[] = [];
  const names = hostNames(a, b);
  const name = (id: string) => names.get(id) ?? id;
  const emit: Emit = (subject, before, after) =>
    out.push({
      kind: 'model',
      hostId: null,
      hostName: null,
      subject,
      before: text(before),
      after: text(after),
      diff: null,
    });
  const ca: Cluster = a.cluster.cluster;
  const cb: Cluster = b.cluster.cluster;

  fields('cluster', ca, cb, emit, ['nodes', 'accounts', 'vips', 'services', 'settings']);
  fields('settings', ca.settings, cb.settings, emit);
  byIdentity(
    ca.nodes,
    cb.nodes,
    (n) => n.hostId,
    (id) => `nodes: ${name(id)}`,
    nodeSummary,
    emit,
    (id, x, y) => fields(`nodes: ${name(id)}`, x, y, emit),
  );
  byIdentity(
    ca.accounts,
    cb.accounts,
    (x) => x.name,
    (key) => `accounts: ${key}`,
    accountSummary,
    emit,
    (key, x, y) => fields(`accounts: ${key}`, x, y, emit),
  );
  byIdentity<Vip>(
    ca.vips ?? [],
    cb.vips ?? [],
    (v) => v.address,
    (key) => `vips: ${key}`,
    (v) => v.interface ?? v.address,
    emit,
    (key, x, y) => fields(`vips: ${key}`, x, y, emit),
  );
  byIdentity(
    ca.services,
    cb.services,
    (s) => s.id,
    (key) => `services: ${key}`,
    serviceSummary,
    emit,
    (key, x, y) => {
      fields(`services: ${key}`, x, y, emit, ['realServers']);
      byIdentity<RealServer>(
        x.realServers,
        y.realServers,
        (r) => r.hostId,
        (id) => `services: ${key}: real server ${name(id)}`,
        (r) => `weight ${r.weight}${r.port === undefined ? '' : `, port ${r.port}`}`,
        emit,
        (id, r, s) => {
          if (r.weight !== s.weight)
            emit(`services: ${key}: weight of ${name(id)}`, r.weight, s.weight);
          if (r.port !== s.port) emit(`services: ${key}: port of ${name(id)}`, r.port, s.port);
        },
      );
    },
  );
  return out;
}
