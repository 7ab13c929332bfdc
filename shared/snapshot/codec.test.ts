import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../base/errors';
import { canonicalJson, openEnvelope, sealEnvelope } from './codec';
import { SNAPSHOT_VERSION, SnapshotBody } from './format';
import { snapshotBody } from './testing/snapshot-fixtures';

const sha = (text: string) => Promise.resolve(createHash('sha256').update(text).digest('hex'));

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }, 3] })).toBe('{"a":[{"x":1,"y":2},3],"b":1}');
    expect(canonicalJson({ a: 1, b: { d: 1, c: 2 } })).toBe(
      canonicalJson({ b: { c: 2, d: 1 }, a: 1 }),
    );
  });

  it('gives integer-like keys one order, whatever order they were set in', () => {
    expect(canonicalJson({ '10': 'b', b: 1, '9': 'a', a: 2 })).toBe(
      canonicalJson({ a: 2, '9': 'a', b: 1, '10': 'b' }),
    );
    expect(canonicalJson({ '10': 1, '9': 2 })).toBe('{"9":2,"10":1}');
  });

  it('leaves out undefined properties as JSON does', () => {
    const v = { a: undefined, b: 'x', c: [undefined] };
    expect(canonicalJson(v)).toBe('{"b":"x","c":[null]}');
    expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
  });
});

describe('sealEnvelope and openEnvelope', () => {
  it('round-trips a body with its hash', async () => {
    const body = snapshotBody();
    const env = await sealEnvelope(body, sha);
    expect(env).toMatchObject({ format: 'clusterdeck-snapshot', version: SNAPSHOT_VERSION });
    expect(env.contentHash).toBe(await sha(canonicalJson(body)));
    expect(await openEnvelope(JSON.stringify(env), sha)).toEqual(body);
  });

  it('tells a foreign file: not JSON, or no snapshot format', async () => {
    for (const text of ['hello world', '[1,2]', '{"format":"other","version":1}', 'null']) {
      const e = await rejection(openEnvelope(text, sha));
      expect(e.code).toBe('SNAPSHOT_INVALID');
      expect(e.details).toEqual({ reason: 'not-snapshot' });
      expect(e.message).toMatch(/not a ClusterDeck snapshot/);
    }
  });

  it('refuses a newer version, naming it', async () => {
    const env = { ...(await sealEnvelope(snapshotBody(), sha)), version: SNAPSHOT_VERSION + 1 };
    const e = await rejection(openEnvelope(JSON.stringify(env), sha));
    expect(e.details).toEqual({ reason: 'too-new', version: SNAPSHOT_VERSION + 1 });
    expect(e.message).toMatch(/newer than this ClusterDeck reads.*update ClusterDeck/);
  });

  it('says damaged when the body does not match its hash', async () => {
    const env = await sealEnvelope(snapshotBody(), sha);
    const changed = { ...env, body: { ...env.body, appVersion: '9.9.9' } };
    const e = await rejection(openEnvelope(JSON.stringify(changed), sha));
    expect(e.details).toEqual({ reason: 'damaged', version: SNAPSHOT_VERSION });
    expect(e.message).toMatch(/does not match its hash/);
  });

  it('says damaged and names the first bad field when the body breaks the schema', async () => {
    const body = snapshotBody();
    const bad = { ...body, hosts: [body.hosts[0], { ...body.hosts[1], reachable: 'yes' }] };
    const env = {
      format: 'clusterdeck-snapshot',
      version: SNAPSHOT_VERSION,
      contentHash: await sha(canonicalJson(bad)),
      body: bad,
    };
    const e = await rejection(openEnvelope(JSON.stringify(env), sha));
    expect(e.details).toMatchObject({ reason: 'damaged' });
    expect(e.message).toMatch(/^damaged snapshot: hosts\[1\]\.reachable: /);
  });

  it('says damaged when version or hash are missing', async () => {
    const env = await sealEnvelope(snapshotBody(), sha);
    for (const broken of [
      { ...env, version: 'one' },
      { ...env, contentHash: undefined },
    ]) {
      const e = await rejection(openEnvelope(JSON.stringify(broken), sha));
      expect(e.details).toMatchObject({ reason: 'damaged' });
    }
  });
});

describe('a version-1 file', () => {
  // Made by encodeSnapshotFile when format version 1 was current; it must stay readable by
  // every later version (through migrate.ts). Never regenerate it.
  const bytes = readFileSync(join(__dirname, '__fixtures__', 'v1.cdsnap'));

  it('is read by openEnvelope, whatever the current version', async () => {
    const json = gunzipSync(bytes).toString('utf8');
    expect(JSON.parse(json)).toMatchObject({ format: 'clusterdeck-snapshot', version: 1 });
    const body = await openEnvelope(json, sha);
    expect(SnapshotBody.parse(body)).toEqual(body);
    expect(body.cluster.cluster.name).toBe('lab');
    expect(body.hosts.map((h) => h.host.name)).toEqual(['manager', 'node1', 'node2']);
    expect(body.redactions).toContainEqual({
      where: 'cluster.accounts[web1].sftp.passwordHash',
      what: 'password hash',
    });
  });
});
