import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Transport } from '../../shared/api/client';
import { isAppError, type AppError } from '../../shared/api/errors';
import { LAB } from '../../shared/plan/testing/lab-fixtures';
import { SnapshotDiff } from '../../shared/snapshot/diff';
import { SnapshotBody } from '../../shared/snapshot/format';
import { plantedSecrets, SECRETS } from '../../shared/snapshot/testing/secret-fixtures';
import { realServer, snapshotBody } from '../../shared/snapshot/testing/snapshot-fixtures';
import { encodeSnapshotFile } from '../core/snapshot/file';
import { parseCommandLine } from './args';
import { CliContext } from './cli-context';
import { COMMANDS } from './commands';

/*
 * `snapshot show` and `snapshot diff` on real snapshot files, with an api whose every request
 * fails: they read the files and nothing else.
 */

const requests: string[] = [];
const noEngine: Transport = {
  request: (channel) => {
    requests.push(channel);
    return Promise.reject(new Error('no engine'));
  },
  subscribe: () => () => undefined,
};

async function run(argv: string[]) {
  const line = parseCommandLine(argv, COMMANDS);
  if (line.kind !== 'run') throw new Error('expected a command');
  expect(line.command.needsEngine).toBe(false);
  const sink = { write: () => undefined };
  const ctx = new CliContext(createApi(noEngine), line.json, line.command.name, {
    stdout: sink,
    stderr: sink,
  });
  return line.command.run(ctx, line.input);
}

async function failure(argv: string[]): Promise<AppError> {
  const e: unknown = await run(argv).then(
    () => new Error('expected a failure'),
    (err: unknown) => err,
  );
  if (!isAppError(e)) throw e;
  return e;
}

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cd-snapshot-cli-'));
  const a = snapshotBody();
  const b = structuredClone(a);
  b.takenAt = '2026-12-08T10:00:00.000Z';
  const svc = b.lb?.services[0];
  if (svc) {
    svc.realServers = [
      realServer(LAB.node1),
      realServer(LAB.node2, {
        state: 'down',
        weight: null,
        down: { reason: 'refused', since: null },
      }),
    ];
  }
  writeFileSync(file('a.cdsnap'), await encodeSnapshotFile(a));
  writeFileSync(file('b.cdsnap'), await encodeSnapshotFile(b));
  writeFileSync(file('secrets.cdsnap'), await encodeSnapshotFile(plantedSecrets()));
  writeFileSync(file('notes.txt'), 'not a snapshot\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(requests).toEqual([]);
});

describe('snapshot show', () => {
  it('summarizes the file for people and gives its body with --json', async () => {
    const out = await run(['snapshot', 'show', file('secrets.cdsnap')]);
    expect(out.text).toMatch(
      /^snapshot of cluster lab {2}taken 2026-12-01T10:00:00.000Z {2}by ClusterDeck 0\.1\.0/,
    );
    expect(out.text).toMatch(
      /^node1 +10\.10\.0\.11:22 +yes +Debian GNU\/Linux 12 \(bookworm\) +6\.1\.0-28-amd64 +idle/m,
    );
    expect(out.text).toMatch(/^ {2}up +node2 +10\.10\.0\.12:80 +Route +1/m);
    expect(out.text).toContain('Drift: none, every step was in place');
    expect(out.text).toContain('Redactions (secrets taken out): 11');
    expect(out.text).toMatch(/^ {2}password hash +cluster\.accounts\[web1\]\.sftp\.passwordHash$/m);
    for (const secret of SECRETS) expect(out.text).not.toContain(secret);
    expect(SnapshotBody.parse(out.data)).toEqual(out.data);
  });

  it('names the file and the reason of a file that is not a snapshot, or none at all', async () => {
    const foreign = await failure(['snapshot', 'show', file('notes.txt')]);
    expect(foreign.code).toBe('SNAPSHOT_INVALID');
    expect(foreign.details).toEqual({ reason: 'not-snapshot' });
    expect(foreign.message).toBe(
      `${file('notes.txt')}: not a ClusterDeck snapshot: the file is not gzip`,
    );
    const missing = await failure(['snapshot', 'show', file('gone.cdsnap')]);
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('gone.cdsnap');
  });
});

describe('snapshot diff', () => {
  it('lists what changed from A to B, and nothing from a file to itself', async () => {
    const out = await run(['snapshot', 'diff', file('a.cdsnap'), file('b.cdsnap'), '--json']);
    const d = SnapshotDiff.parse(out.data);
    expect(d.changes.map((c) => [c.kind, c.subject])).toEqual([
      ['ipvs', 'HTTP (tcp 10.10.0.100:80): node2'],
    ]);
    expect(out.text).toContain('1 change (ipvs 1)');
    expect(out.text).toContain(
      '  HTTP (tcp 10.10.0.100:80): node2: up, weight 1 -> down (refused), not in IPVS',
    );
    const same = await run(['snapshot', 'diff', file('b.cdsnap'), file('b.cdsnap')]);
    expect(same.data).toEqual({ changes: [] });
    expect(same.text).toContain('No changes.');
  });

  it('takes exactly two files', () => {
    expect(() => parseCommandLine(['snapshot', 'diff', file('a.cdsnap')], COMMANDS)).toThrow(
      /B|argument/,
    );
  });
});
