import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { AppError } from '../../../shared/api/errors';
import { openEnvelope, sealEnvelope } from '../../../shared/snapshot/codec';
import type { SnapshotBody } from '../../../shared/snapshot/format';
import { redactSnapshot } from '../../../shared/snapshot/redact';

/**
 * A snapshot file's bytes in Node: gzip of the UTF-8 JSON of the envelope (see
 * shared/snapshot/format.ts). The browser reads the same files with DecompressionStream and
 * crypto.subtle around the same openEnvelope.
 */

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * The most a snapshot may unpack to. A 200-node cluster is a few MiB; the bound keeps a hostile
 * file (a gzip bomb) from filling the memory.
 */
export const SNAPSHOT_MAX_JSON_BYTES = 512 * 1024 * 1024;

/** SHA-256 (lower-case hex) of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): Promise<string> {
  return Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));
}

/** The bytes of a snapshot file of `body`: its secrets redacted, sealed with its hash, gzipped. */
export async function encodeSnapshotFile(body: SnapshotBody): Promise<Buffer> {
  const envelope = await sealEnvelope(redactSnapshot(body), sha256Hex);
  return gzipAsync(Buffer.from(JSON.stringify(envelope), 'utf8'));
}

/**
 * The body of a snapshot file's bytes. Throws AppError SNAPSHOT_INVALID: `not-snapshot` when the
 * bytes are not gzip at all (a foreign file), `damaged` when the gzip is truncated or corrupt or
 * unpacks to more than `maxJsonBytes`, and whatever openEnvelope finds in the JSON.
 */
export async function decodeSnapshotFile(
  bytes: Uint8Array,
  maxJsonBytes = SNAPSHOT_MAX_JSON_BYTES,
): Promise<SnapshotBody> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new AppError('SNAPSHOT_INVALID', 'not a ClusterDeck snapshot: the file is not gzip', {
      reason: 'not-snapshot',
    });
  }
  let json: Buffer;
  try {
    json = await gunzipAsync(bytes, { maxOutputLength: maxJsonBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError(
        'SNAPSHOT_INVALID',
        `damaged snapshot: it unpacks to more than ${maxJsonBytes} bytes`,
        { reason: 'damaged' },
      );
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('SNAPSHOT_INVALID', `damaged snapshot: its compression is broken (${why})`, {
      reason: 'damaged',
    });
  }
  return openEnvelope(json.toString('utf8'), sha256Hex);
}
