import { setTimeout as delay } from 'node:timers/promises';
import { isAppError } from '../../shared/api/errors';
import type { ClusterNode } from '../../shared/model/cluster';
import type { CliContext } from './cli-context';
import { CliError } from './cli-errors';
import { CLUSTER_OPTION, type Command, type CommandInput, type Outcome } from './command';
import { followApply, listenForApplies, runTask } from './tasks';
import { renderDrift, renderLbStatus } from './lb-render';
import { intOption } from './option-values';
import { writeText } from './terminal-text';

/** Exit status of `lb drain` when connections are left at the timeout. */
export const EXIT_NOT_DRAINED = 4;

async function status(ctx: CliContext, { opts }: CommandInput): Promise<Outcome> {
  const c = (await ctx.cluster(opts['cluster'])).cluster;
  const names = { cluster: c.name, manager: (await ctx.hostNames())(c.manager.hostId) };
  if (opts['watch'] !== true) {
    const s = await ctx.api.lb.status({ clusterId: c.id });
    return { data: s, text: renderLbStatus(s, names) };
  }
  const stop = new AbortController();
  const onInt = () => stop.abort();
  process.once('SIGINT', onInt);
  try {
    while (!stop.signal.aborted) {
      const s = await ctx.api.lb.status({ clusterId: c.id });
      // JSON lines for scripts; a redrawn screen for people (our own clear, remote text stripped).
      if (ctx.json) ctx.emit(s);
      else {
        if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
        writeText(process.stdout, renderLbStatus(s, names));
      }
      await delay(2000, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGINT', onInt);
  }
  return {};
}

/**
 * Sets the node's mode: in IPVS at once and in the model (lb:setNodeMode), then follows the
 * queued keepalived.conf change, and for a drain waits until the node's connections have
 * ended: exit 0 done, 3 the conf change halted, 4 connections left at the timeout.
 */
async function setMode(
  ctx: CliContext,
  mode: ClusterNode['lbMode'],
  { args, opts }: CommandInput,
): Promise<Outcome> {
  const command = mode === 'active' ? 'lb return' : `lb ${mode}`;
  const view = await ctx.cluster(opts['cluster']);
  const node = await ctx.host(args[0], 'NODE');
  const timeoutSec = mode === 'drain' ? (intOption(opts, 'timeout', command) ?? 300) : 0;
  const applies = listenForApplies(ctx);
  try {
    const { cluster, change } = await ctx.api.lb.setNodeMode({
      clusterId: view.cluster.id,
      hostId: node.id,
      mode,
    });
    ctx.say(change.message);
    for (const i of cluster.issues.filter((x) => x.severity === 'warning'))
      ctx.say(`warning: ${i.field}: ${i.message}`);
    const result = { node: node.name, hostId: node.id, mode, change };
    if (change.applyId !== null) {
      const queues = await ctx.api.queue.list({});
      const hostIds = queues
        .filter((q) => q.items.some((i) => i.applyId === change.applyId))
        .map((q) => q.hostId);
      const end = await followApply(ctx, { applyId: change.applyId, hostIds }, applies.ended);
      if (end.exitCode !== 0)
        return {
          data: { ...result, apply: end },
          text: `${node.name}: ${mode} in IPVS; keepalived.conf follows when the queue gets past the halt.\n`,
          exitCode: end.exitCode,
        };
    }
    if (mode !== 'drain')
      return {
        data: result,
        text: `${node.name}: ${mode === 'active' ? 'back in service' : 'in maintenance'}.\n`,
      };
    const drain = await runTask(ctx, (taskId) =>
      ctx.api.lb.waitDrained({ clusterId: view.cluster.id, hostId: node.id, timeoutSec, taskId }),
    ).catch((e: unknown) => {
      if (isAppError(e) && e.code === 'ABORTED')
        throw new CliError(
          'ABORTED',
          `stopped waiting for ${node.name} to drain`,
          `${node.name} stays drained; watch its connections with: clusterdeck lb status --watch`,
          {},
        );
      throw e;
    });
    const text = drain.drained
      ? `${node.name} is drained (${drain.waitedSec} s).\n`
      : `${node.name} still has ${drain.activeConns} active connections after ${drain.waitedSec} s.\n`;
    return { data: { ...result, drain }, text, exitCode: drain.drained ? 0 : EXIT_NOT_DRAINED };
  } finally {
    applies.stop();
  }
}

const NODE = { args: 'NODE', argCount: [1, 1] as [number, number] };

/** `clusterdeck lb ...`: load balancing as it runs. */
export const lbCommands: Command[] = [
  {
    name: 'lb status',
    summary: "the manager's IPVS table joined with the model: services, servers, connections",
    options: {
      watch: {
        type: 'boolean',
        help: 'redraw every 2 s until Ctrl-C (--json: one line per reading)',
      },
      ...CLUSTER_OPTION,
    },
    run: status,
  },
  {
    name: 'lb drift',
    summary: 'the steps not in place on the hosts, and IPVS against the model',
    options: CLUSTER_OPTION,
    details:
      'Progress goes to stderr; Ctrl-C cancels. Put it back with: clusterdeck apply CLUSTER --full',
    run: async (ctx, { opts }) => {
      const c = (await ctx.cluster(opts['cluster'])).cluster;
      const report = await runTask(ctx, (taskId) => ctx.api.lb.drift({ clusterId: c.id, taskId }));
      return { data: report, text: renderDrift(report, c.name) };
    },
  },
  {
    name: 'lb drain',
    ...NODE,
    summary: 'weight 0 for NODE at once (open connections finish), then waits for them to end',
    options: {
      timeout: {
        type: 'string',
        value: 'SECONDS',
        help: 'how long to wait for the connections (default 300)',
      },
      ...CLUSTER_OPTION,
    },
    details: `IPVS has the change at once; keepalived.conf follows through the manager's queue. Ctrl-C
stops waiting (the node stays drained). Exit status: 0 drained, 3 the conf change halted,
4 connections left at the timeout.`,
    run: (ctx, input) => setMode(ctx, 'drain', input),
  },
  {
    name: 'lb maintenance',
    ...NODE,
    summary: 'takes NODE out of every service at once',
    options: CLUSTER_OPTION,
    run: (ctx, input) => setMode(ctx, 'maintenance', input),
  },
  {
    name: 'lb return',
    ...NODE,
    summary: 'puts NODE back at its weights (where its health check passes)',
    options: CLUSTER_OPTION,
    run: (ctx, input) => setMode(ctx, 'active', input),
  },
];
