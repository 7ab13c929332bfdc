import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { sealEnvelope } from '../../../shared/snapshot/codec';
import type { SnapshotBody } from '../../../shared/snapshot/format';
import { snapshotBody } from '../../../shared/snapshot/testing/snapshot-fixtures';
import { decodeSnapshotBytes, sha256Hex } from './decode';

/** gzip with the browser's CompressionStream (the renderer's tests use no Node built-in). */
async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A snapshot file as the engine writes it (envelope sealed with its hash, gzipped). */
async function encodeSnapshotFile(body: SnapshotBody): Promise<Uint8Array> {
  return gzip(JSON.stringify(await sealEnvelope(body, sha256Hex)));
}

async function invalidReason(bytes: Uint8Array, max?: number): Promise<unknown> {
  const e: unknown = await decodeSnapshotBytes(bytes, max).then(
    () => 'opened',
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('SNAPSHOT_INVALID');
  return (e as AppError).details?.reason;
}

describe('decodeSnapshotBytes', () => {
  it('reads a sealed, gzipped snapshot with the browser platform (DecompressionStream, subtle)', async () => {
    const body = snapshotBody();
    const file = await encodeSnapshotFile(body);
    const opened = await decodeSnapshotBytes(file);
    expect(opened.cluster.cluster.id).toBe(body.cluster.cluster.id);
    expect(opened.hosts.map((h) => h.host.name)).toEqual(body.hosts.map((h) => h.host.name));
  });

  it('hashes as node:crypto does', async () => {
    await expect(sha256Hex('abc')).resolves.toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('calls a foreign file not a snapshot: text, empty, gzip of something else', async () => {
    expect(await invalidReason(new TextEncoder().encode('hello, I am a text file\n'))).toBe(
      'not-snapshot',
    );
    expect(await invalidReason(new Uint8Array())).toBe('not-snapshot');
    expect(await invalidReason(await gzip('{"format":"other"}'))).toBe('not-snapshot');
  });

  it('calls a truncated or corrupted file damaged', async () => {
    const file = await encodeSnapshotFile(snapshotBody());
    expect(await invalidReason(file.slice(0, Math.floor(file.length / 2)))).toBe('damaged');
    const flipped = file.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 0xff;
    expect(await invalidReason(flipped)).toBe('damaged');
  });

  it('stops unpacking past the bound (a gzip bomb)', async () => {
    const file = await encodeSnapshotFile(snapshotBody());
    expect(await invalidReason(file, 1000)).toBe('damaged');
  });
});
