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

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // A Blob's stream feeds the whole file; the Response collects what comes out.
  const stream = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The body of a `.cdsnap` file's bytes, read in the browser with no connection: gunzip
 * (DecompressionStream), UTF-8, then the envelope's checks (format, version, content hash,
 * migration, schema). Throws AppError SNAPSHOT_INVALID: `not-snapshot` for a file that is not
 * gzip or holds no snapshot, `damaged` for a truncated or corrupted one, `too-new` for a newer
 * format.
 */
export async function decodeSnapshotBytes(bytes: Uint8Array): Promise<SnapshotBody> {
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new AppError('SNAPSHOT_INVALID', 'not a ClusterDeck snapshot: the file is not gzip', {
      reason: 'not-snapshot',
    });
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(await gunzip(bytes));
  } catch {
    throw new AppError(
      'SNAPSHOT_INVALID',
      'damaged snapshot: the file is truncated or corrupted (it does not decompress)',
      { reason: 'damaged' },
    );
  }
  return openEnvelope(json, sha256Hex);
}
