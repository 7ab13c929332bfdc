import type { AuditEntry } from '../../shared/api/contract';
import type { HostQueueView, QueueItemView } from '../../shared/model/queue';
import type { CliContext } from './cli-context';
import { CliError, usageError } from './cli-errors';
import type { Command, CommandInput, Outcome } from './command';
import type { NameOf } from './cluster-render';
import { lines, table } from './table';

const OPEN: readonly QueueItemView['state'][] = ['pending', 'running', 'failed'];

/** A queue as `queue --json` prints it: the host's name, and its history only when asked. */
export type NamedQueue = HostQueueView & { hostName: string };

/** The title of each apply, from the audit log's record of it (the queue has only the id). */
function applyTitles(audit: readonly AuditEntry[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const e of audit) {
    const { applyId, title } = e.details;
    if (e.action === 'plans:apply' && typeof applyId === 'string' && typeof title === 'string')
      titles.set(applyId, title);
  }
  return titles;
}

/** The applies with unfinished steps: "Apply web (1a2b3c4d): 5 of 12 steps done, halted on node2". */
export function currentApplies(
  queues: readonly NamedQueue[],
  titles: ReadonlyMap<string, string>,
): string[] {
  const ids = [
    ...new Set(
      queues.flatMap((q) =>
        q.items.filter((i) => OPEN.includes(i.state)).map((i) => i.applyId ?? ''),
      ),
    ),
  ].filter((id) => id !== '');
  return ids.map((id) => {
    const items = queues.flatMap((q) => q.items.filter((i) => i.applyId === id));
    const done = items.filter((i) => !OPEN.includes(i.state)).length;
    const halted = queues
      .filter((q) => q.status === 'halted' && q.current?.applyId === id)
      .map((q) => q.hostName);
    return `${titles.get(id) ?? 'Apply'} (${id.slice(0, 8)}): ${done} of ${items.length} steps done${halted.length > 0 ? `, halted on ${halted.join(', ')}` : ''}`;
  });
}

function when(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** `queue` for people: the current applies, each host's queue, and with --history the finished steps. */
export function renderQueues(
  queues: readonly NamedQueue[],
  titles: ReadonlyMap<string, string>,
  history: boolean,
): string[] {
  const applies = currentApplies(queues, titles);
  const out = applies.length > 0 ? applies.map((a) => `Applying: ${a}`) : ['No apply in progress.'];
  out.push(
    '',
    ...table(
      ['HOST', 'STATUS', 'PENDING', 'CURRENT STEP', 'NEXT RETRY', 'ERROR'],
      queues.map((q) => [
        q.hostName,
        q.status,
        String(q.pending),
        q.current?.title ?? '-',
        when(q.current?.nextRetryAt ?? null),
        q.current?.lastError?.split('\n')[0] ?? '-',
      ]),
      'No host has a queue yet.',
    ),
  );
  if (history) {
    const done = queues.flatMap((q) =>
      q.items.filter((i) => !OPEN.includes(i.state)).map((i) => ({ q, i })),
    );
    done.sort((a, b) => (a.i.finishedAt ?? '').localeCompare(b.i.finishedAt ?? ''));
    out.push(
      '',
      'History:',
      ...table(
        ['FINISHED', 'HOST', 'STATE', 'STEP'],
        done.map(({ q, i }) => [i.finishedAt ?? '-', q.hostName, i.outcome ?? i.state, i.title]),
        '(none)',
      ),
    );
  }
  return out;
}

async function list(ctx: CliContext, { opts }: CommandInput): Promise<Outcome> {
  const history = opts['history'] === true;
  const name: NameOf = await ctx.hostNames();
  const queues: NamedQueue[] = (await ctx.api.queue.list({})).map((q) => ({
    ...q,
    hostName: name(q.hostId),
    items: history ? q.items : q.items.filter((i) => OPEN.includes(i.state)),
  }));
  const titles = applyTitles(await ctx.api.audit.list({ limit: 1000 }));
  return { data: queues, text: lines(renderQueues(queues, titles, history)) };
}

const HOST = { args: 'HOST', argCount: [1, 1] as [number, number] };
const YES = { yes: { type: 'boolean', help: 'confirm' } } as const;

/** `clusterdeck queue ...`: the hosts' command queues. */
export const queueCommands: Command[] = [
  {
    name: 'queue list',
    summary: "each host's queue and the applies in progress (also: clusterdeck queue)",
    options: { history: { type: 'boolean', help: 'also the finished steps' } },
    run: list,
  },
  {
    name: 'queue retry',
    ...HOST,
    summary: "retries the failed step of HOST's queue now",
    run: async (ctx, { args }) => {
      const host = await ctx.host(args[0]);
      const q = await ctx.api.queue.retryNow({ hostId: host.id });
      return { data: q, text: lines(`${host.name}: retrying "${q.current?.title ?? ''}".`) };
    },
  },
  {
    name: 'queue skip',
    ...HOST,
    summary: "skips the failed first step of HOST's queue (the rest goes on)",
    options: YES,
    run: async (ctx, { args, opts }) => {
      const host = await ctx.host(args[0]);
      const head = (await ctx.api.queue.get({ hostId: host.id })).current;
      if (!head)
        throw new CliError(
          'NOT_FOUND',
          `${host.name}: nothing to skip`,
          'See the queues: clusterdeck queue',
          {},
        );
      if (opts['yes'] !== true)
        throw usageError(
          '--yes',
          `skipping "${head.title}" on ${host.name} may leave the cluster inconsistent; add --yes to confirm`,
          'queue skip',
        );
      const q = await ctx.api.queue.skip({ hostId: host.id, itemId: head.id });
      return { data: q, text: lines(`${host.name}: skipped "${head.title}".`) };
    },
  },
  {
    name: 'queue cancel',
    ...HOST,
    summary: "cancels every unfinished step of HOST's queue, stopping the running one",
    options: YES,
    run: async (ctx, { args, opts }) => {
      const host = await ctx.host(args[0]);
      if (opts['yes'] !== true)
        throw usageError(
          '--yes',
          `this cancels every unfinished step on ${host.name}; add --yes to confirm`,
          'queue cancel',
        );
      const q = await ctx.api.queue.cancel({ hostId: host.id });
      return { data: q, text: lines(`${host.name}: queue cancelled.`) };
    },
  },
];
