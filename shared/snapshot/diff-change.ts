import { z } from 'zod';

/**
 * One change:
 * - `model`: the desired model (nodes, accounts, VIPs, services and their weights, settings);
 * - `file`: a managed file's content on one host, with its unified `diff`;
 * - `ipvs`: the live load balancer: a service or real server added to or gone from IPVS, a
 *   weight, a state (up, down, drain, ...);
 * - `fact`: a host's OS, kernel, arch, disks (free space past the threshold), modules, reach;
 * - `queue`: a step that failed in `b` and had not failed in `a`.
 */
export const SnapshotChange = z.object({
  kind: z.enum(['model', 'file', 'ipvs', 'fact', 'queue']),
  /** The host it is about, when one host's (files, facts, queue; IPVS real servers). */
  hostId: z.string().nullable(),
  hostName: z.string().nullable(),
  /** What changed: "accounts: shop", "services: web-dr: weight of node1", "node1:/etc/x.conf". */
  subject: z.string(),
  /** The value in `a` as text; null when it was not there (added). */
  before: z.string().nullable(),
  /** The value in `b` as text; null when it is gone (removed). */
  after: z.string().nullable(),
  /** For files: the unified diff from `a` to `b`; null otherwise. */
  diff: z.string().nullable(),
});
export type SnapshotChange = z.infer<typeof SnapshotChange>;

export const SnapshotDiff = z.object({ changes: z.array(SnapshotChange) });
export type SnapshotDiff = z.infer<typeof SnapshotDiff>;
