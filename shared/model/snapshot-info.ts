import { z } from 'zod';

/**
 * A snapshot file the engine keeps in its data dir (taken by the admin, or before an apply).
 * The file format itself is shared/snapshot/format.ts; this is what lists of them show.
 */
export const SnapshotInfo = z.object({
  /** The file's name in the data dir's snapshot folder, e.g. "web-2026-12-03T18-55-01Z.cdsnap". */
  id: z.string(),
  clusterId: z.string(),
  clusterName: z.string(),
  takenAt: z.string(),
  reason: z.enum(['manual', 'before-apply']),
  sizeBytes: z.number().int(),
  contentHash: z.string(),
  /** Hosts that could not be read while it was taken (recorded as unreachable). */
  unreachable: z.array(z.string()),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;
