import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../base/errors';
import { openEnvelope } from './codec';
import { migrateBody, SNAPSHOT_MIGRATIONS, type SnapshotMigration } from './migrate';
import { SNAPSHOT_VERSION } from './format';

const sha = (text: string) => Promise.resolve(createHash('sha256').update(text).digest('hex'));

/**
 * How a future format change is migrated: say version 2 renames `driftError` to
 * `drift.error` and adds `note`. Its migration turns a v1 body into a v2 body.
 */
const v1ToV2: SnapshotMigration = (raw) => {
  const { driftError, ...body } = raw as Record<string, unknown>;
  return { ...body, driftProblem: driftError ?? null, note: '' };
};

describe('migrateBody', () => {
  it('has a step from every older version to the current one', () => {
    for (let v = 1; v < SNAPSHOT_VERSION; v++)
      expect(SNAPSHOT_MIGRATIONS[v]).toBeTypeOf('function');
  });

  it('runs the steps in a row, from the file version to the target', () => {
    const v2ToV3: SnapshotMigration = (raw) => ({ ...(raw as object), v3: true });
    const out = migrateBody({ driftError: 'x', a: 1 }, 1, 3, { 1: v1ToV2, 2: v2ToV3 });
    expect(out).toEqual({ a: 1, driftProblem: 'x', note: '', v3: true });
    expect(migrateBody({ a: 1 }, 3, 3, {})).toEqual({ a: 1 });
  });

  it('migrates the committed version-1 file as a version-2 build would', async () => {
    const json = gunzipSync(readFileSync(join(__dirname, '__fixtures__', 'v1.cdsnap')));
    const body = await openEnvelope(json.toString('utf8'), sha);
    const v2 = migrateBody(body, 1, 2, { 1: v1ToV2 }) as Record<string, unknown>;
    expect(v2).not.toHaveProperty('driftError');
    expect(v2).toMatchObject({ driftProblem: null, note: '', takenAt: body.takenAt });
  });

  it('says damaged when a step is missing', () => {
    let e: unknown;
    try {
      migrateBody({}, 1, 3, { 1: v1ToV2 });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).details).toEqual({ reason: 'damaged', version: 1 });
    expect((e as AppError).message).toMatch(/no migration from version 2/);
  });
});
