import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { SNAPSHOT_VERSION } from '../../../shared/snapshot/format';
import { snapshotBody } from '../../../shared/snapshot/testing/snapshot-fixtures';
import { decodeSnapshotFile, encodeSnapshotFile } from './file';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** A 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('snapshot file', () => {
  it('is gzip of the envelope JSON and decodes to the same body', async () => {
    const body = snapshotBody();
    const bytes = await encodeSnapshotFile(body);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const env = JSON.parse(gunzipSync(bytes).toString('utf8')) as Record<string, unknown>;
    expect(env).toMatchObject({ format: 'clusterdeck-snapshot', version: SNAPSHOT_VERSION });
    expect(await decodeSnapshotFile(bytes)).toEqual(body);
  });

  it('says not-snapshot for a PNG, plain text, gzipped text and an empty file', async () => {
    for (const bytes of [PNG, Buffer.from('hello\n'), gzipSync('hello\n'), Buffer.alloc(0)]) {
      const e = await rejection(decodeSnapshotFile(bytes));
      expect(e.code).toBe('SNAPSHOT_INVALID');
      expect(e.details).toEqual({ reason: 'not-snapshot' });
      expect(e.message).toMatch(/^not a ClusterDeck snapshot/);
    }
  });

  it('says damaged for a truncated file', async () => {
    const bytes = await encodeSnapshotFile(snapshotBody());
    const e = await rejection(decodeSnapshotFile(bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(e.details).toEqual({ reason: 'damaged' });
    expect(e.message).toMatch(/^damaged snapshot: its compression is broken/);
  });

  it('says damaged for a file that unpacks to more than the bound (a gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    const e = await rejection(decodeSnapshotFile(bomb, 1024 * 1024));
    expect(e.details).toEqual({ reason: 'damaged' });
    expect(e.message).toBe('damaged snapshot: it unpacks to more than 1048576 bytes');
  });

  it('says damaged when a byte of the JSON changed (hash mismatch)', async () => {
    const json = gunzipSync(await encodeSnapshotFile(snapshotBody())).toString('utf8');
    const at = json.indexOf('"kernel":"6.1.0-28-amd64"') + '"kernel":"6.1.0-2'.length;
    expect(json[at]).toBe('8');
    const flipped = `${json.slice(0, at)}9${json.slice(at + 1)}`;
    const e = await rejection(decodeSnapshotFile(gzipSync(flipped)));
    expect(e.details).toEqual({ reason: 'damaged', version: SNAPSHOT_VERSION });
    expect(e.message).toMatch(/does not match its hash/);
  });

  it('says too-new for a file of a newer format', async () => {
    const env = JSON.parse(gunzipSync(await encodeSnapshotFile(snapshotBody())).toString('utf8'));
    const newer = gzipSync(JSON.stringify({ ...env, version: SNAPSHOT_VERSION + 1 }));
    const e = await rejection(decodeSnapshotFile(newer));
    expect(e.details).toEqual({ reason: 'too-new', version: SNAPSHOT_VERSION + 1 });
  });
});
