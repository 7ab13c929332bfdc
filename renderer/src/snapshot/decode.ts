import { AppError } from '../../../shared/api/errors';
import { openEnvelope } from '../../../shared/snapshot/codec';
import type { SnapshotBody } from '../../../shared/snapshot/format';

/** The first two bytes of every gzip stream (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** SHA-256 of the UTF-8 bytes of `text`, lower-case hex (the browser's crypto.subtle). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The most a snapshot may unpack to (as the engine's reader): a 200-node cluster is a few MiB;
 * the bound keeps a hostile file (a gzip bomb) from filling the page's memory.
 */
export const SNAPSHOT_MAX_JSON_BYTES = 512 * 1024 * 1024;

/** Thrown inside {@link gunzip} when the output passes the bound. */
class TooLarge extends Error {}

/** The gunzipped bytes, read chunk by chunk so a bomb is stopped at `maxBytes`. */
async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The body of a `.cdsnap` file's bytes, read in the browser with no connection: gunzip
 * (DecompressionStream), UTF-8, then the envelope's checks (format, version, content hash,
 * migration, schema); at most `maxJsonBytes` are unpacked. Throws AppError SNAPSHOT_INVALID:
 * `not-snapshot` for a file that is not gzip or holds no snapshot, `damaged` for a truncated,
 * corrupted or oversized one, `too-new` for a newer format.
 */
export async function decodeSnapshotBytes(
  bytes: Uint8Array,
  maxJsonBytes = SNAPSHOT_MAX_JSON_BYTES,
): Promise<SnapshotBody> {
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new AppError('SNAPSHOT_INVALID', 'not a ClusterDeck snapshot: the file is not gzip', {
      reason: 'not-snapshot',
    });
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await gunzip(bytes, maxJsonBytes));
  } catch (e) {
    if (e instanceof TooLarge) {
      throw new AppError(
        'SNAPSHOT_INVALID',
        `damaged snapshot: it unpacks to more than ${maxJsonBytes} bytes`,
        { reason: 'damaged' },
      );
    }
    throw new AppError(
      'SNAPSHOT_INVALID',
      'damaged snapshot: the file is truncated or corrupted (it does not decompress)',
      { reason: 'damaged' },
    );
  }
  return openEnvelope(json, sha256Hex);
}
