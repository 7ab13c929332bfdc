import { readFileSync } from 'node:fs';
import { AppError, detailsOf, isAppError } from '../../shared/api/errors';
import { diffSnapshots } from '../../shared/snapshot/diff';
import { diffText } from '../../shared/snapshot/diff-text';
import type { SnapshotBody } from '../../shared/snapshot/format';
import { decodeSnapshotFile } from '../core/snapshot/file';
import { CliError } from './cli-errors';
import type { Command, CommandInput, Outcome } from './command';
import { renderSnapshot } from './snapshot-render';

/**
 * `snapshot show` and `snapshot diff`: they read snapshot files only. No engine, no data dir
 * and no SSH: a snapshot is opened where the cluster cannot be reached.
 */

/** The body of the snapshot file at `path`; errors name the file. */
export async function readSnapshotFile(path: string, field: string): Promise<SnapshotBody> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CliError('NOT_FOUND', `${field}: no file ${path}`, 'Check the path.', { path });
    }
    throw new CliError(
      'VALIDATION',
      `${field}: cannot read ${path}: ${code ?? String(e)}`,
      'Give a readable snapshot file.',
      { issues: [{ field, message: `cannot read ${path}` }] },
    );
  }
  try {
    return await decodeSnapshotFile(bytes);
  } catch (e) {
    if (isAppError(e) && e.code === 'SNAPSHOT_INVALID') {
      const details = detailsOf(e, 'SNAPSHOT_INVALID') ?? undefined;
      throw new AppError('SNAPSHOT_INVALID', `${path}: ${e.message}`, details);
    }
    throw e;
  }
}

async function show(_ctx: unknown, { args }: CommandInput): Promise<Outcome> {
  const body = await readSnapshotFile(args[0] ?? '', 'FILE');
  return { data: body, text: renderSnapshot(body) };
}

async function diff(_ctx: unknown, { args }: CommandInput): Promise<Outcome> {
  const [a, b] = await Promise.all([
    readSnapshotFile(args[0] ?? '', 'A'),
    readSnapshotFile(args[1] ?? '', 'B'),
  ]);
  const d = diffSnapshots(a, b);
  const head = `${a.cluster.cluster.name} ${a.takenAt} -> ${b.cluster.cluster.name} ${b.takenAt}\n`;
  return { data: d, text: `${head}${diffText(d)}` };
}

export const snapshotReadCommands: readonly Command[] = [
  {
    name: 'snapshot show',
    args: 'FILE',
    argCount: [1, 1],
    needsEngine: false,
    summary: 'what a snapshot file holds (read offline)',
    details: [
      'Prints the snapshot: cluster, time, app version and why it was taken; each host with',
      'whether it answered, its OS and queue; the model; the load balancer with its real',
      'servers; drift; and the secrets taken out of it. Reads the file only: no data dir, no',
      'connection.',
      '',
      'With --json, prints the snapshot body (shared/snapshot/format.ts).',
      'A file that is not a snapshot, is damaged or is from a newer ClusterDeck fails with',
      'SNAPSHOT_INVALID and details.reason not-snapshot, damaged or too-new.',
    ].join('\n'),
    run: show,
  },
  {
    name: 'snapshot diff',
    args: 'A B',
    argCount: [2, 2],
    needsEngine: false,
    summary: 'what changed from snapshot A to snapshot B',
    details: [
      'Lists the changes from the older snapshot A to the newer B: the model (nodes, accounts,',
      'VIPs, services, weights, settings), managed files per host with their diff, IPVS (real',
      'servers added or removed, weights, up/down), facts (OS, kernel, disk space, modules) and',
      'queue failures new in B. Counters, times and other volatile fields are not changes.',
      '',
      'With --json, prints {changes: [{kind, hostId, hostName, subject, before, after, diff}]}.',
      'Exit code 0 whether or not something changed.',
    ].join('\n'),
    run: diff,
  },
];
