import type { z } from 'zod';
import { AppError } from '../base/errors';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotBody, type SnapshotEnvelope } from './format';
import { migrateBody, SNAPSHOT_MIGRATIONS, type SnapshotMigration } from './migrate';

/**
 * The snapshot envelope: sealing a body (content hash) and opening the JSON of a file (format,
 * version, hash, migration, schema). Gzip and SHA-256 belong to the platform (node:zlib and
 * node:crypto in the engine, DecompressionStream and crypto.subtle in the browser), so the hash
 * function is passed in: `sha256Hex(text)` is the SHA-256 of the UTF-8 bytes of `text`, in
 * lower-case hex.
 */
export type Sha256Hex = (text: string) => Promise<string>;

/**
 * The JSON of `value` with the keys of every object in one fixed order, no spaces, and
 * properties whose value is undefined left out (as JSON.stringify does). The same value always
 * gives the same text, whatever order its keys were built in: the content hash is taken over it.
 *
 * The order is the one JSON.stringify gives an object whose keys were inserted sorted (by
 * UTF-16 code units): integer-like keys ("2", "10") first in ascending numeric order, as the
 * language orders them, then the other keys sorted. Native stringify with a sorting replacer is
 * what makes a 200-node snapshot open in well under a second.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null';
}

function sortKeys(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record);
  const sorted = [...keys].sort();
  if (sorted.every((k, i) => k === keys[i])) return v;
  const out: Record<string, unknown> = {};
  for (const k of sorted) out[k] = record[k];
  return out;
}

/** The envelope of a body: this build's format and version, and the body's content hash. */
export async function sealEnvelope(
  body: SnapshotBody,
  sha256Hex: Sha256Hex,
): Promise<SnapshotEnvelope> {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    contentHash: await sha256Hex(canonicalJson(body)),
    body,
  };
}

function invalid(
  reason: 'not-snapshot' | 'damaged' | 'too-new',
  message: string,
  version?: number,
): AppError<'SNAPSHOT_INVALID'> {
  return new AppError(
    'SNAPSHOT_INVALID',
    message,
    version === undefined ? { reason } : { reason, version },
  );
}

/** "hosts[2].facts.kernel: expected string" for the first issue zod found. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the body does not fit the snapshot schema';
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
  return `${path || 'body'}: ${issue.message}`;
}

/**
 * The body of a snapshot file's JSON, checked and brought to this build's version. Throws
 * AppError SNAPSHOT_INVALID with `details.reason`:
 * - `not-snapshot`: not JSON, or no `format` of a ClusterDeck snapshot (a foreign file);
 * - `too-new`: written by a newer ClusterDeck (`details.version` is its format version);
 * - `damaged`: a snapshot whose version, content hash or body is wrong (the message names the
 *   first bad field).
 * The hash is checked against the body as written, before older versions are migrated.
 */
export async function openEnvelope(
  json: string,
  sha256Hex: Sha256Hex,
  migrations: Readonly<Record<number, SnapshotMigration>> = SNAPSHOT_MIGRATIONS,
): Promise<SnapshotBody> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw invalid('not-snapshot', 'not a ClusterDeck snapshot: the file is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('not-snapshot', 'not a ClusterDeck snapshot: the file holds no snapshot');
  }
  const envelope = raw as Record<string, unknown>;
  if (envelope.format !== SNAPSHOT_FORMAT) {
    throw invalid(
      'not-snapshot',
      `not a ClusterDeck snapshot: its format is not "${SNAPSHOT_FORMAT}"`,
    );
  }
  const version = envelope.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid('damaged', 'damaged snapshot: version: must be a whole number from 1');
  }
  if (version > SNAPSHOT_VERSION) {
    throw invalid(
      'too-new',
      `snapshot format version ${version} is newer than this ClusterDeck reads (${SNAPSHOT_VERSION}): update ClusterDeck`,
      version,
    );
  }
  if (typeof envelope.contentHash !== 'string' || !/^[0-9a-f]{64}$/.test(envelope.contentHash)) {
    throw invalid('damaged', 'damaged snapshot: contentHash: missing or not a SHA-256', version);
  }
  if (typeof envelope.body !== 'object' || envelope.body === null) {
    throw invalid('damaged', 'damaged snapshot: body: missing', version);
  }
  if ((await sha256Hex(canonicalJson(envelope.body))) !== envelope.contentHash) {
    throw invalid(
      'damaged',
      'damaged snapshot: its content does not match its hash (the file was changed or corrupted)',
      version,
    );
  }
  const migrated = migrateBody(envelope.body, version, SNAPSHOT_VERSION, migrations);
  const parsed = SnapshotBody.safeParse(migrated);
  if (!parsed.success) {
    throw invalid('damaged', `damaged snapshot: ${firstIssue(parsed.error)}`, version);
  }
  return parsed.data;
}
