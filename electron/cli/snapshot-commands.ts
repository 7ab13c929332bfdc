import { resolve } from 'node:path';
import type { SnapshotInfo } from '../../shared/model/snapshot-info';
import { writeAtomic } from '../core/snapshot/snapshot-store';
import type { CliContext } from './cli-context';
import { CliError } from './cli-errors';
import { CLUSTER_OPTION, type Command, type CommandInput, type Outcome } from './command';
import { lines, table } from './table';
import { runTask } from './tasks';

/**
 * `snapshot save` and `snapshot list`: snapshots the engine takes and keeps in the data dir
 * (snapshots:take, snapshots:list). `snapshot show` and `snapshot diff` read files offline
 * (snapshot-read-commands.ts).
 */

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KiB`;

function infoLine(i: SnapshotInfo): string {
  const down = i.unreachable.length > 0 ? `; not reached: ${i.unreachable.join(', ')}` : '';
  return `${i.id} (${kib(i.sizeBytes)}${down})`;
}

async function save(ctx: CliContext, { opts }: CommandInput): Promise<Outcome> {
  const out = opts['out'];
  if (out === true || out === '')
    throw new CliError(
      'VALIDATION',
      '--out: give the file to write the snapshot to',
      'For example: clusterdeck snapshot save --out web.cdsnap',
      { issues: [{ field: '--out', message: 'give a file name' }] },
    );
  const view = await ctx.cluster(opts['cluster']);
  const info = await runTask(ctx, (taskId) =>
    ctx.api.snapshots.take({ clusterId: view.cluster.id, taskId }),
  );
  let written: string | null = null;
  if (typeof out === 'string') {
    written = resolve(out);
    const file = await ctx.api.snapshots.read({ id: info.id });
    try {
      await writeAtomic(written, Buffer.from(file.base64, 'base64'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new CliError(
        'VALIDATION',
        `--out: cannot write ${written}: ${code}`,
        `The snapshot is kept in the data dir as ${info.id} (see: clusterdeck snapshot list).`,
        { issues: [{ field: '--out', message: `cannot write ${written}` }] },
      );
    }
  }
  const text = lines(
    `Snapshot of ${info.clusterName} taken: ${infoLine(info)}`,
    written === null ? [] : [`Written to ${written}`],
  );
  return { data: { ...info, file: written }, text };
}

async function list(ctx: CliContext, { opts }: CommandInput): Promise<Outcome> {
  const cluster = opts['cluster'];
  const clusterId =
    typeof cluster === 'string' ? (await ctx.cluster(cluster)).cluster.id : undefined;
  const all = await ctx.api.snapshots.list(clusterId === undefined ? {} : { clusterId });
  const rows = all.map((i) => [
    i.takenAt,
    i.clusterName,
    i.reason,
    kib(i.sizeBytes),
    i.unreachable.length === 0 ? '-' : i.unreachable.join(','),
    i.id,
  ]);
  return {
    data: all,
    text: lines(
      table(['TAKEN', 'CLUSTER', 'REASON', 'SIZE', 'NOT REACHED', 'FILE'], rows, '(no snapshot)'),
    ),
  };
}

/** `clusterdeck snapshot save` and `snapshot list`. */
export const snapshotCommands: readonly Command[] = [
  {
    name: 'snapshot save',
    summary: 'takes a snapshot of the cluster now and keeps it in the data dir',
    options: {
      ...CLUSTER_OPTION,
      out: { type: 'string', value: 'FILE', help: 'also write the snapshot file there' },
    },
    details: [
      'Reads every host of the cluster in parallel over SSH: its facts, the files ClusterDeck',
      'manages there, its queue; then the load balancer, the drift and the audit log. A host',
      'that cannot be reached is recorded as such and the snapshot is still taken. Secrets are',
      'taken out. Progress goes to stderr; Ctrl-C cancels.',
      '',
      'The file is kept in the data dir (see: clusterdeck snapshot list); --out also writes it',
      'to FILE (open it with: clusterdeck snapshot show FILE).',
      '',
      'With --json: the snapshot {id, clusterId, clusterName, takenAt, reason, sizeBytes,',
      'contentHash, unreachable, file}, file the path written or null.',
    ].join('\n'),
    run: save,
  },
  {
    name: 'snapshot list',
    summary: 'the snapshots kept in the data dir, newest first',
    options: CLUSTER_OPTION,
    details: [
      'Every kept snapshot (with --cluster, of that cluster only): when, of which cluster, why',
      '(manual, or before-apply: taken before each apply, the last N kept per the cluster',
      'setting snapshotsBeforeApply), its size, the hosts it could not reach and its file name',
      'in the data dir\'s "snapshots" folder.',
      '',
      'With --json: [{id, clusterId, clusterName, takenAt, reason, sizeBytes, contentHash,',
      'unreachable}].',
    ].join('\n'),
    run: list,
  },
];
