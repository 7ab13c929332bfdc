import type { DiskFact, HostFacts } from '../model/facts';
import type { QueueItemView } from '../model/queue';
import type { LbRealServerStatus, LbServiceStatus } from '../lb/status';
import { unifiedDiff } from '../plan/diff';
import type { SnapshotChange } from './diff-change';
import { text } from './diff-model';
import type { SnapshotBody, SnapshotFile, SnapshotHost } from './format';
import { diskSpaceChanged } from './mask';

/** Changes of what the hosts had: files, live IPVS, facts and queue failures (see diff.ts). */

type Kind = SnapshotChange['kind'];

function change(
  kind: Kind,
  host: { id: string; name: string } | null,
  subject: string,
  before: unknown,
  after: unknown,
  diff: string | null = null,
): SnapshotChange {
  return {
    kind,
    hostId: host?.id ?? null,
    hostName: host?.name ?? null,
    subject,
    before: text(before),
    after: text(after),
    diff,
  };
}

/** The hosts of both snapshots, paired by id (in `b`'s order, then those only in `a`). */
function pairs(a: SnapshotBody, b: SnapshotBody): [SnapshotHost | undefined, SnapshotHost][] {
  const before = new Map(a.hosts.map((h) => [h.host.id, h]));
  return b.hosts.map((h) => [before.get(h.host.id), h]);
}

/**
 * Files whose content changed on a host read in both snapshots: created, deleted or edited,
 * with the unified diff. A file only one snapshot lists (newly managed, or no longer) counts as
 * absent in the other; a file either side could not read says nothing.
 */
export function diffFiles(a: SnapshotBody, b: SnapshotBody): SnapshotChange[] {
  const out: SnapshotChange[] = [];
  const absent = (path: string): SnapshotFile => ({ path, content: null, error: null });
  for (const [ha, hb] of pairs(a, b)) {
    if (!ha) continue;
    const host = hb.host;
    const before = new Map(ha.files.map((f) => [f.path, f]));
    const after = new Map(hb.files.map((f) => [f.path, f]));
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const path of paths) {
      const fa = before.get(path) ?? absent(path);
      const fb = after.get(path) ?? absent(path);
      if (fa.error !== null || fb.error !== null || fa.content === fb.content) continue;
      const diff =
        fb.content === null
          ? unifiedDiff(path, fa.content, '').replace(/^\+\+\+ b\/.*$/m, '+++ /dev/null')
          : unifiedDiff(path, fa.content, fb.content);
      out.push(
        change(
          'file',
          host,
          `${host.name}:${path}`,
          fa.content === null ? 'absent' : 'present',
          fb.content === null ? 'absent' : 'present',
          diff,
        ),
      );
    }
  }
  return out;
}

/** Whether IPVS has the real server (a weight), and how it stands. */
function rsText(rs: LbRealServerStatus): string {
  const where = rs.weight === null ? 'not in IPVS' : `weight ${rs.weight}`;
  const why = rs.state === 'down' && rs.down?.reason ? ` (${rs.down.reason})` : '';
  return `${rs.state}${why}, ${where}`;
}

function rsKey(rs: LbRealServerStatus): string {
  return `${rs.address}:${rs.port}`;
}

function serviceKey(s: LbServiceStatus): string {
  return s.serviceId ?? s.key;
}

/**
 * The live load balancer's changes: a service that came into or left IPVS, and each real
 * server whose state or IPVS weight changed (one change per server: a server that went down
 * and out of IPVS is one change). Not compared when either reading failed.
 */
export function diffIpvs(a: SnapshotBody, b: SnapshotBody): SnapshotChange[] {
  if (!a.lb || !b.lb || a.lb.error !== null || b.lb.error !== null) return [];
  const out: SnapshotChange[] = [];
  const before = new Map(a.lb.services.map((s) => [serviceKey(s), s]));
  const seen = new Set<string>();
  for (const sb of b.lb.services) {
    const key = serviceKey(sb);
    seen.add(key);
    const sa = before.get(key);
    const label = `${sb.name} (${sb.label})`;
    if (!sa || sa.present !== sb.present) {
      out.push(
        change('ipvs', null, label, sa?.present ? 'in IPVS' : null, sb.present ? 'in IPVS' : null),
      );
      if (!sa) continue;
    }
    const rsBefore = new Map(sa.realServers.map((r) => [rsKey(r), r]));
    const rsSeen = new Set<string>();
    for (const rb of sb.realServers) {
      rsSeen.add(rsKey(rb));
      const ra = rsBefore.get(rsKey(rb));
      if (rb.state === 'unknown' || ra?.state === 'unknown') continue;
      if (ra && ra.state === rb.state && ra.weight === rb.weight) continue;
      const host = rb.hostId === null ? null : { id: rb.hostId, name: rb.hostName ?? rb.hostId };
      const who = rb.hostName ?? rsKey(rb);
      out.push(change('ipvs', host, `${label}: ${who}`, ra ? rsText(ra) : null, rsText(rb)));
    }
    for (const ra of sa.realServers) {
      if (rsSeen.has(rsKey(ra)) || ra.state === 'unknown') continue;
      const host = ra.hostId === null ? null : { id: ra.hostId, name: ra.hostName ?? ra.hostId };
      out.push(change('ipvs', host, `${label}: ${ra.hostName ?? rsKey(ra)}`, rsText(ra), null));
    }
  }
  for (const [key, sa] of before) {
    if (!seen.has(key) && sa.present) {
      out.push(change('ipvs', null, `${sa.name} (${sa.label})`, 'in IPVS', null));
    }
  }
  return out;
}

function gib(bytes: number | undefined): string {
  return bytes === undefined ? 'unknown' : `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function diskText(d: DiskFact): string {
  if (!d.exists) return 'absent';
  return `${d.fsType ?? '?'} on ${d.mount ?? '?'}, ${gib(d.availBytes)} free of ${gib(d.sizeBytes)}`;
}

function factChanges(host: { id: string; name: string }, fa: HostFacts, fb: HostFacts) {
  const out: SnapshotChange[] = [];
  const fact = (subject: string, x: unknown, y: unknown) => {
    if (text(x) !== text(y)) out.push(change('fact', host, subject, x, y));
  };
  fact('OS', fa.os.prettyName, fb.os.prettyName);
  fact('kernel', fa.kernel, fb.kernel);
  fact('arch', fa.arch, fb.arch);
  const disks = new Map(fa.disks.map((d) => [d.path, d]));
  for (const db of fb.disks) {
    const da = disks.get(db.path);
    if (!da) continue;
    const { availBytes: _a, ...restA } = da;
    const { availBytes: _b, ...restB } = db;
    if (text(restA) !== text(restB) || (da.exists && db.exists && diskSpaceChanged(da, db))) {
      out.push(change('fact', host, `disk ${db.path}`, diskText(da), diskText(db)));
    }
  }
  for (const m of ['ip_vs', 'nfsd', 'nfs'] as const) {
    const state = (f: HostFacts) => {
      const x = f.modules[m];
      return x.loaded ? 'loaded' : x.builtin ? 'built in' : x.available ? 'available' : 'missing';
    };
    fact(`module ${m}`, state(fa), state(fb));
  }
  return out;
}

/** Facts that changed on hosts in both snapshots: reach, OS, kernel, arch, disks, modules. */
export function diffFacts(a: SnapshotBody, b: SnapshotBody): SnapshotChange[] {
  const out: SnapshotChange[] = [];
  for (const [ha, hb] of pairs(a, b)) {
    if (!ha) continue;
    const host = hb.host;
    if (ha.reachable !== hb.reachable) {
      const reach = (h: SnapshotHost) =>
        h.reachable ? 'reachable' : `unreachable: ${h.error?.message ?? '?'}`;
      out.push(change('fact', host, 'reachable', reach(ha), reach(hb)));
    }
    if (ha.facts && hb.facts) out.push(...factChanges(host, ha.facts, hb.facts));
  }
  return out;
}

function failed(h: SnapshotHost): QueueItemView[] {
  const items = [...(h.queue?.items ?? []), ...(h.queue?.current ? [h.queue.current] : [])];
  const byId = new Map(items.filter((i) => i.state === 'failed').map((i) => [i.id, i]));
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/** Failed steps in `b` that had not failed in `a` (by queue item id), per host. */
export function diffQueues(a: SnapshotBody, b: SnapshotBody): SnapshotChange[] {
  const out: SnapshotChange[] = [];
  const before = new Map(a.hosts.map((h) => [h.host.id, new Set(failed(h).map((i) => i.id))]));
  for (const hb of b.hosts) {
    const old = before.get(hb.host.id);
    for (const item of failed(hb)) {
      if (old?.has(item.id)) continue;
      const subject = `${item.title} (${item.stepId}, item ${item.id})`;
      out.push(
        change('queue', hb.host, subject, null, `failed: ${item.lastError ?? 'no message'}`),
      );
    }
  }
  return out;
}
