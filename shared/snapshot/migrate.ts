import { AppError } from '../base/errors';
import { SNAPSHOT_VERSION } from './format';

/**
 * Old snapshot files stay readable: each format change bumps SNAPSHOT_VERSION and adds one
 * migration here that turns a body of version N into a body of version N+1, on the raw JSON
 * (before the schema check, which only knows the current version). openEnvelope checks the
 * content hash against the body as it was written, then runs the migrations in a row.
 *
 * A migration takes the raw body and returns the next version's body; it must not throw on a
 * body that was valid in its version.
 */
export type SnapshotMigration = (body: unknown) => unknown;

/**
 * The migrations, keyed by the version they start from (1 -> 2 is `1`). Version 1 is the first
 * format, so none yet.
 */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, SnapshotMigration>> = {};

/**
 * The body of version `from` migrated to version `to` through `migrations`. A missing step is a
 * file this build cannot read: SNAPSHOT_INVALID (damaged).
 */
export function migrateBody(
  body: unknown,
  from: number,
  to: number = SNAPSHOT_VERSION,
  migrations: Readonly<Record<number, SnapshotMigration>> = SNAPSHOT_MIGRATIONS,
): unknown {
  let current = body;
  for (let v = from; v < to; v++) {
    const step = migrations[v];
    if (!step) {
      throw new AppError(
        'SNAPSHOT_INVALID',
        `snapshot format version ${from} cannot be read: no migration from version ${v}`,
        { reason: 'damaged', version: from },
      );
    }
    current = step(current);
  }
  return current;
}
