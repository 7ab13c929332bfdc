import { z } from 'zod';
import { AuditEntry, ClusterView } from '../api/contract';
import { HostFacts } from '../model/facts';
import { HostView } from '../model/host';
import { HostQueueView, QueueRunView } from '../model/queue';
import { DriftReport, LbStatus } from '../lb/status';

/**
 * A cluster snapshot: the whole cluster as it was at one moment, in one file that is read with
 * no connection. It records the API's own views (ClusterView, HostView, LbStatus, ...) so the
 * app can show a snapshot in the same pages it shows the live cluster.
 *
 * The file (`.cdsnap`) is gzip of UTF-8 JSON: a {@link SnapshotEnvelope} whose `body` is the
 * {@link SnapshotBody}. `contentHash` is the SHA-256 (hex) of the body's canonical JSON (see
 * codec.ts), so a damaged file is told apart from a foreign one. No secret is ever in a body:
 * see redact.ts; what was taken out is listed in `redactions`.
 */

/** The `format` of every snapshot file; anything else is not a snapshot. */
export const SNAPSHOT_FORMAT = 'clusterdeck-snapshot';
/** The version this build writes; older ones are migrated on reading (migrate.ts). */
export const SNAPSHOT_VERSION = 1;
/** The file name extension of snapshot files. */
export const SNAPSHOT_EXTENSION = '.cdsnap';

/** A managed file as it was on a host: its content, or null when it did not exist. */
export const SnapshotFile = z.object({
  path: z.string(),
  content: z.string().nullable(),
  /** Why it could not be read (then content is null and says nothing). */
  error: z.string().nullable(),
});
export type SnapshotFile = z.infer<typeof SnapshotFile>;

/** One host of the cluster as it was: its record, probed facts and managed files. */
export const SnapshotHost = z.object({
  /** The host as the app knew it (no secret: HostView has none). */
  host: HostView,
  /** Whether the host answered while the snapshot was taken. */
  reachable: z.boolean(),
  /** Why it did not answer; null when it did. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Its facts: probed while taking the snapshot, else the last known ones (see probedAt). */
  facts: HostFacts.nullable(),
  /** The files ClusterDeck manages on it, as read while taking the snapshot. */
  files: z.array(SnapshotFile),
  /** Its command queue with history and errors. */
  queue: HostQueueView.nullable(),
  /** The recorded runs of its failed and halted steps, by queue item id. */
  runs: z.record(z.string(), z.array(QueueRunView)).default({}),
});
export type SnapshotHost = z.infer<typeof SnapshotHost>;

/** A value taken out because it was (or looked like) a secret. */
export const Redaction = z.object({
  /** Where: e.g. "cluster.accounts[shop].sftp.passwordHash" or "files[node1]/etc/x.conf:12". */
  where: z.string(),
  /** What it was: "password hash", "private key", "password", ... */
  what: z.string(),
});
export type Redaction = z.infer<typeof Redaction>;

/** Everything a snapshot holds. */
export const SnapshotBody = z.object({
  /** ISO time the snapshot was taken. */
  takenAt: z.string(),
  /** The ClusterDeck version that took it. */
  appVersion: z.string(),
  /** Why it was taken: by the admin, or automatically before an apply. */
  reason: z.enum(['manual', 'before-apply']),
  /** The desired and the last applied model, with the findings. */
  cluster: ClusterView,
  hosts: z.array(SnapshotHost),
  /** The live load-balancing status (IPVS table, keepalived's verdicts); null if not read. */
  lb: LbStatus.nullable(),
  /** The drift report; null when it could not be made (then `driftError` says why). */
  drift: DriftReport.nullable(),
  driftError: z.string().nullable(),
  /** The audit log's entries about this cluster and its hosts, newest first. */
  audit: z.array(AuditEntry),
  redactions: z.array(Redaction),
});
export type SnapshotBody = z.infer<typeof SnapshotBody>;

/** The JSON inside a snapshot file. */
export const SnapshotEnvelope = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int().positive(),
  /** SHA-256 (hex) of the body's canonical JSON. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  body: SnapshotBody,
});
export type SnapshotEnvelope = z.infer<typeof SnapshotEnvelope>;
