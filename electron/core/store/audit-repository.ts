import type { AuditEntry } from '../../../shared/api/contract';
import type { Db } from './database';

/** What is recorded for one audited action. */
export interface AuditInput {
  action: string;
  hostId?: string | null;
  result: 'ok' | 'error';
  details?: Record<string, unknown>;
}

/** Append-only log of what was done, where, and how it ended. */
export class AuditRepository {
  private readonly insert;
  private readonly recent;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, action, host_id, result, details_json) VALUES (?, ?, ?, ?, ?)',
    );
    this.recent = db.prepare(
      'SELECT id, at, action, host_id, result, details_json FROM audit_log ORDER BY id DESC LIMIT ?',
    );
  }

  /** Appends one entry. */
  record(entry: AuditInput): void {
    this.insert.run(
      new Date().toISOString(),
      entry.action,
      entry.hostId ?? null,
      entry.result,
      JSON.stringify(entry.details ?? {}),
    );
  }

  /** The newest entries first. */
  list(limit: number): AuditEntry[] {
    return (
      this.recent.all(limit) as {
        id: number;
        at: string;
        action: string;
        host_id: string | null;
        result: 'ok' | 'error';
        details_json: string;
      }[]
    ).map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      hostId: r.host_id,
      result: r.result,
      details: JSON.parse(r.details_json) as Record<string, unknown>,
    }));
  }
}
