import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { migrations as defaultMigrations, type Migration } from './migrations';

/** The better-sqlite3 handle type, re-exported so repositories do not import the driver. */
export type Db = Database.Database;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Override of the migration list (tests). */
  migrations?: readonly Migration[];
  /** Path of a better-sqlite3 native binding built for another ABI (Electron). */
  nativeBinding?: string;
}

function hashOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/**
 * Opens the store: WAL journal, foreign keys on, and every pending migration applied in its
 * own transaction. Refuses to start if an applied migration was edited since (hash mismatch)
 * or if the database is newer than this build.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const nativeBinding = opts.nativeBinding ?? process.env['CLUSTERDECK_SQLITE_BINDING'];
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, opts.migrations ?? defaultMigrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function migrate(db: Db, list: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (
      db.prepare('SELECT version, name, hash FROM schema_migrations').all() as {
        version: number;
        name: string;
        hash: string;
      }[]
    ).map((r) => [r.version, r]),
  );
  const known = new Set(list.map((m) => m.version));
  for (const version of applied.keys()) {
    if (!known.has(version)) {
      throw new AppError(
        'INTERNAL',
        `The data store was written by a newer ClusterDeck (migration ${version} is unknown to this version). Upgrade ClusterDeck.`,
      );
    }
  }
  const insert = db.prepare(
    'INSERT INTO schema_migrations (version, name, hash, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    const hash = hashOf(m.sql);
    const done = applied.get(m.version);
    if (done) {
      if (done.hash !== hash) {
        throw new AppError(
          'INTERNAL',
          `Migration ${m.name} was changed after it was applied (hash ${done.hash.slice(0, 12)} != ${hash.slice(0, 12)}); refusing to start.`,
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.version, m.name, hash, new Date().toISOString());
    })();
  }
}
