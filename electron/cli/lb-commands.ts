import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../../shared/api/errors';
import type { Cluster } from '../../shared/model/cluster';
import type { LbMode } from '../core/lb/lb-service';
import { findCluster, findHost, type CliContext } from './cli-context';
import { applyCluster } from './cluster-commands';
import { renderDrift, renderLbStatus } from './lb-render';
import { writeText } from './terminal-text';

type Outcome = { result: unknown; exitCode: number };

/** Exit status of `lb drain` when connections are left at the timeout. */
export const EXIT_NOT_DRAINED = 4;

/** The cluster named by the argument or --cluster; the only one when neither is given. */
function clusterOf(ctx: CliContext, arg?: string): Cluster {
  const name = arg ?? ctx.flags['cluster'];
  if (typeof name === 'string') return findCluster(ctx.engine, name).cluster;
  const all = ctx.engine.clusters.list();
  const only = all.length === 1 ? all[0] : undefined;
  if (only) return only.cluster;
  throw new Error(
    all.length === 0
      ? 'cluster: there is no cluster yet (see: clusterdeck cluster create)'
      : `--cluster: give the cluster (${all.map((c) => c.cluster.name).join(', ')})`,
  );
}

/** Aborted by Ctrl-C while `fn` runs. */
async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    return await fn(abort.signal);
  } finally {
    process.off('SIGINT', stop);
  }
}

async function status(ctx: CliContext, arg: string | undefined): Promise<Outcome> {
  const { engine, flags } = ctx;
  const c = clusterOf(ctx, arg);
  const names = {
    cluster: c.name,
    manager: engine.hosts.list().find((h) => h.id === c.manager.hostId)?.name ?? c.manager.hostId,
  };
  const once = async () => {
    const s = await engine.lb.status(c.id);
    return { status: s, text: renderLbStatus(s, names) };
  };
  if (flags['watch'] !== true) {
    const { status: s, text } = await once();
    return { result: flags['json'] ? s : text, exitCode: 0 };
  }
  await interruptible(async (signal) => {
    while (!signal.aborted) {
      const { status: s, text } = await once();
      // JSON lines for scripts; a redrawn screen for people.
      if (flags['json']) process.stdout.write(`${JSON.stringify(s)}\n`);
      else {
        // Our own clear-screen, then the status with any remote controls stripped.
        if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
        writeText(process.stdout, text);
      }
      await delay(2000, undefined, { signal }).catch(() => undefined);
    }
  });
  return { result: undefined, exitCode: 0 };
}

async function drift(ctx: CliContext, arg: string | undefined): Promise<Outcome> {
  const c = clusterOf(ctx, arg);
  const report = await ctx.engine.lb.drift(c.id);
  return { result: ctx.flags['json'] ? report : renderDrift(report, c.name), exitCode: 0 };
}

function timeoutSec(ctx: CliContext): number {
  const raw = ctx.flags['timeout'] ?? '300';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 86400)
    throw new Error('--timeout: whole seconds between 1 and 86400');
  return n;
}

/**
 * Sets the node's mode in the model, previews, prints and applies the plan, and for a drain
 * waits until the node's connections have ended: exit 0 done, 3 a queue halted, 4 connections
 * left at the timeout.
 */
async function setMode(
  ctx: CliContext,
  mode: LbMode,
  nodeArg: string | undefined,
): Promise<Outcome> {
  const { engine } = ctx;
  const c = clusterOf(ctx);
  const node = findHost(engine, nodeArg, 'node');
  const wait = mode === 'drain' ? timeoutSec(ctx) : 0;
  // Changing the model and leaving it unapplied would be worse than not starting.
  if (!engine.queue.running) {
    throw new AppError(
      'CONFLICT',
      engine.queueOwner
        ? `another ClusterDeck (pid ${engine.queueOwner.pid}) runs the queues of this data dir: change the node's mode there, or stop it first`
        : 'the queues of this data dir are not run by this process',
    );
  }
  const view = engine.lb.setNodeMode(c.id, node.id, mode);
  ctx.say(`${node.name}: ${mode} in the model of ${c.name}`);
  for (const i of view.issues.filter((x) => x.severity === 'warning'))
    ctx.say(`warning: ${i.field}: ${i.message}`);
  const applied = await applyCluster(ctx, c.id, false).catch((e: unknown) => {
    ctx.say(
      `note: the model of ${c.name} now says ${mode} for ${node.name}, but nothing was applied: ` +
        `apply it with "clusterdeck apply ${c.name}" once this is fixed`,
    );
    throw e;
  });
  const result = { node: node.name, hostId: node.id, mode, apply: applied.result };
  if (applied.exitCode !== 0 || mode !== 'drain') return { result, exitCode: applied.exitCode };

  // One line per change, not per reading.
  let last = '';
  const drain = await interruptible((signal) =>
    engine.lb.waitDrained(c.id, node.id, wait, {
      signal,
      onProgress: (p) => {
        const line =
          p.activeConns === null
            ? `cannot read the manager: ${p.error ?? ''}`
            : `${p.activeConns} active connections`;
        if (line !== last) ctx.say(`[${node.name}] ${line} (${p.waitedSec} s)`);
        last = line;
      },
    }),
  );
  ctx.say(
    drain.drained
      ? `${node.name} is drained (${drain.waitedSec} s)`
      : `${node.name} still has ${drain.activeConns} active connections after ${drain.waitedSec} s`,
  );
  return { result: { ...result, drain }, exitCode: drain.drained ? 0 : EXIT_NOT_DRAINED };
}

/** `clusterdeck lb status|drift|drain|maintenance|return`. */
export async function lbCommand(
  ctx: CliContext,
  verb: string | undefined,
  arg: string | undefined,
): Promise<Outcome> {
  switch (verb) {
    case 'status':
      return status(ctx, arg);
    case 'drift':
      return drift(ctx, arg);
    case 'drain':
      return setMode(ctx, 'drain', arg);
    case 'maintenance':
      return setMode(ctx, 'maintenance', arg);
    case 'return':
      return setMode(ctx, 'active', arg);
    default:
      throw new Error(`lb: unknown command ${JSON.stringify(verb ?? '')}`);
  }
}
