import type { CliContext } from './cli-context';
import { usageError } from './cli-errors';
import type { Command, CommandInput, Outcome } from './command';
import { renderClusterList } from './cluster-render';
import { runTask } from './tasks';
import { intOption, listOption, stringOption } from './option-values';
import { lines, table } from './table';
import { writeText } from './terminal-text';

async function status(ctx: CliContext): Promise<Outcome> {
  const [hosts, queues, clusters, info] = await Promise.all([
    ctx.hosts(),
    ctx.api.queue.list({}),
    ctx.api.clusters.list({}),
    ctx.api.app.getInfo({}),
  ]);
  const queueOf = new Map(queues.map((q) => [q.hostId, q]));
  const rows = hosts.map((h) => {
    const q = queueOf.get(h.id);
    return {
      name: h.name,
      address: `${h.address}:${h.port}`,
      trustedKey: h.trustedKey?.fingerprint ?? null,
      connection: h.state,
      queue: {
        status: q?.status ?? 'idle',
        pending: q?.pending ?? 0,
        current: q?.current?.title ?? null,
        error: q?.current?.lastError ?? null,
      },
    };
  });
  const data = {
    hosts: rows,
    clusters: clusters.map((c) => ({
      name: c.cluster.name,
      applied: c.applied !== null,
      nodes: c.cluster.nodes.length,
      accounts: c.cluster.accounts.length,
      issues: c.issues,
    })),
    queueOwner: info.queues.ownerPid === null ? null : { pid: info.queues.ownerPid },
  };
  const text = lines(
    table(
      ['HOST', 'ADDRESS', 'KEY', 'CONNECTION', 'QUEUE', 'CURRENT STEP'],
      rows.map((r) => [
        r.name,
        r.address,
        r.trustedKey === null ? 'not trusted' : 'trusted',
        r.connection,
        `${r.queue.status} (${r.queue.pending} pending)`,
        r.queue.current ?? '-',
      ]),
      'No hosts yet (see: clusterdeck hosts add --help).',
    ),
    '',
    renderClusterList(clusters),
    ...(info.queues.ownerPid === null
      ? []
      : [
          '',
          `The queues run in another ClusterDeck (pid ${info.queues.ownerPid}); changes go there.`,
        ]),
  );
  return { data, text };
}

/**
 * Runs the admin's command on the hosts at once (hosts:exec, a task). The command is the
 * admin's own shell text, run as given: that is the point of the command.
 */
async function exec(ctx: CliContext, { opts, rest }: CommandInput): Promise<Outcome> {
  const names = listOption(stringOption(opts, 'hosts') ?? '');
  if (names.length === 0)
    throw usageError('--hosts', 'give one or more host names, comma-separated', 'exec');
  if (rest.length === 0) throw usageError('COMMAND', 'give the command after --', 'exec');
  const hosts = await Promise.all(names.map((n) => ctx.host(n, '--hosts')));
  const timeoutSec = intOption(opts, 'timeout', 'exec') ?? 60;
  // No progress lines: the results follow, and the task's step would echo the command.
  const results = await runTask(
    ctx,
    (taskId) =>
      ctx.api.hosts.exec({
        hostIds: hosts.map((h) => h.id),
        command: rest.join(' '),
        timeoutSec,
        taskId,
      }),
    { quiet: true },
  );
  const exitCode = results.every((r) => r.code === 0) ? 0 : 1;
  if (ctx.json) return { data: results, exitCode };
  // Remote text reaches a terminal only stripped of its controls (writeText).
  for (const r of results) {
    ctx.say(`--- ${r.hostName} (exit ${r.code ?? 'none'})`);
    if (r.stdout) writeText(process.stdout, r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
    if (r.stderr) writeText(process.stderr, r.stderr.endsWith('\n') ? r.stderr : `${r.stderr}\n`);
    if (r.error) ctx.say(`error: ${r.error.code}: ${r.error.message}`);
  }
  return { exitCode };
}

/** `status`, `exec` and `audit`. */
export const miscCommands: Command[] = [
  {
    name: 'status',
    summary: 'hosts with their connection and queue, and the clusters',
    run: status,
  },
  {
    name: 'exec',
    args: '-- COMMAND',
    argCount: [0, 0],
    summary: 'runs COMMAND on the hosts in parallel over their kept SSH sessions',
    options: {
      hosts: { type: 'string', value: 'A,B,...', help: 'the hosts (names)' },
      timeout: { type: 'string', value: 'SECONDS', help: 'per host (default 60)' },
    },
    details: `Example: clusterdeck exec --hosts node1,node2 -- uptime
Exit status 0 when it exited 0 everywhere, else 1. With --json: each host's code, stdout,
stderr and error, exact; on a terminal, remote text is stripped of its control sequences.`,
    run: exec,
  },
  {
    name: 'audit',
    summary: 'what was done, newest first',
    options: { limit: { type: 'string', value: 'N', help: 'how many entries (default 50)' } },
    run: async (ctx, { opts }) => {
      const name = await ctx.hostNames();
      const entries = await ctx.api.audit.list({ limit: intOption(opts, 'limit', 'audit') ?? 50 });
      // What an entry is about, by name: a cluster's name or an apply's title.
      const about = (d: Record<string, unknown>): string =>
        [d['name'], d['title']].find((v): v is string => typeof v === 'string') ?? '';
      const rows = entries.map((e) => [
        e.at,
        e.action,
        e.hostId === null ? '-' : name(e.hostId),
        e.result,
        about(e.details),
      ]);
      return {
        data: entries,
        text: lines(table(['AT', 'ACTION', 'HOST', 'RESULT', 'ABOUT'], rows, 'Nothing yet.')),
      };
    },
  },
];
