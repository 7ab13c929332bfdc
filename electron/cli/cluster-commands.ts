import { readFileSync } from 'node:fs';
import { renderPlan } from '../../shared/plan/render';
import type { Plan } from '../../shared/plan/types';
import { findCluster, findHost, sleep, type CliContext } from './cli-context';

/** Replaces host names by host ids in a cluster file, so people can write names. */
function resolveHostIds(ctx: CliContext, raw: Record<string, unknown>): Record<string, unknown> {
  const id = (v: unknown, field: string) => (typeof v === 'string' ? findHost(ctx.engine, v, field).id : v);
  const c = structuredClone(raw) as {
    manager?: { hostId?: unknown };
    storage?: { hostId?: unknown };
    nodes?: { hostId?: unknown }[];
  };
  if (c.manager) c.manager.hostId = id(c.manager.hostId, 'manager.hostId');
  if (c.storage && 'hostId' in c.storage) c.storage.hostId = id(c.storage.hostId, 'storage.hostId');
  c.nodes?.forEach((n, i) => (n.hostId = id(n.hostId, `nodes.${i}.hostId`)));
  return c;
}

/** `clusterdeck cluster create|show|list|remove-node`. */
export function clusterCommand(ctx: CliContext, verb: string | undefined, arg: string | undefined): unknown {
  const { engine, flags } = ctx;
  switch (verb) {
    case 'list':
      return engine.clusters.list().map((c) => ({ id: c.cluster.id, name: c.cluster.name, applied: c.applied !== null }));
    case 'create':
    case 'save': {
      const file = flags['file'];
      if (typeof file !== 'string') throw new Error('--file: a JSON file with the cluster model is required');
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return engine.clusters.save(resolveHostIds(ctx, raw));
    }
    case 'show':
      return findCluster(engine, arg);
    case 'remove-node': {
      const cluster = findCluster(engine, arg);
      const host = findHost(engine, String(flags['host'] ?? ''), '--host');
      return engine.clusters.forceRemoveNode(cluster.cluster.id, host.id);
    }
    default:
      throw new Error(`cluster: unknown command ${JSON.stringify(verb ?? '')}`);
  }
}

/** `clusterdeck plan CLUSTER [--full]`. */
export async function planCommand(ctx: CliContext, arg: string | undefined): Promise<Plan | string> {
  const plan = await ctx.engine.clusters.preview(findCluster(ctx.engine, arg).cluster.id, flags(ctx).full);
  return ctx.flags['json'] ? plan : renderPlan(plan);
}

function flags(ctx: CliContext) {
  return { full: ctx.flags['full'] === true };
}

/**
 * `clusterdeck apply CLUSTER [--full]`: plans, queues, and follows the queues until the apply
 * finished (exit 0) or a host's queue halted (exit 3; the queue retries whenever ClusterDeck runs).
 */
export async function applyCommand(ctx: CliContext, arg: string | undefined): Promise<{ result: unknown; exitCode: number }> {
  return applyCluster(ctx, findCluster(ctx.engine, arg).cluster.id, flags(ctx).full);
}

/**
 * Previews a cluster's plan, prints it (without --json), queues exactly that plan and follows
 * the queues: exit 0 when done, 3 when a host's queue halted.
 */
export async function applyCluster(
  ctx: CliContext,
  clusterId: string,
  full: boolean,
): Promise<{ result: unknown; exitCode: number }> {
  const { engine } = ctx;
  const preview = await engine.clusters.preview(clusterId, full);
  if (!ctx.flags['json']) ctx.say(renderPlan(preview));
  const { applyId, plan } = engine.clusters.apply(clusterId, preview.hash ?? '');
  const hostIds = plan.hosts.map((h) => h.hostId);
  const names = new Map(plan.hosts.map((h) => [h.hostId, h.hostName]));
  const seen = new Map<number, string>();
  for (;;) {
    const views = hostIds.map((h) => engine.queue.view(h));
    for (const v of views) {
      for (const item of v.items.filter((i) => i.applyId === applyId)) {
        const key = `${item.state}:${item.attempts}`;
        if (seen.get(item.id) === key || item.state === 'pending') continue;
        seen.set(item.id, key);
        const extra = item.state === 'done' ? ` (${item.outcome ?? ''})` : item.state === 'failed' ? `: ${item.lastError ?? ''}` : '';
        ctx.say(`[${names.get(v.hostId) ?? v.hostId}] ${item.state} ${item.title}${extra}`);
      }
    }
    const mine = views.flatMap((v) => v.items.filter((i) => i.applyId === applyId));
    const open = mine.filter((i) => ['pending', 'running', 'failed'].includes(i.state));
    const halted = views.filter((v) => v.status === 'halted' && v.current?.applyId === applyId);
    const busy = views.some((v) => v.status === 'running');
    if (open.length === 0) return { result: { applyId, title: plan.title, hash: plan.hash, result: 'ok' }, exitCode: 0 };
    if (halted.length > 0 && !busy) {
      const summary = halted.map((v) => ({
        host: names.get(v.hostId) ?? v.hostId,
        step: v.current?.title,
        error: v.current?.lastError,
        nextRetryAt: v.current?.nextRetryAt ? new Date(v.current.nextRetryAt).toISOString() : null,
      }));
      for (const h of summary) ctx.say(`[${h.host}] halted at "${h.step ?? ''}"; next retry ${h.nextRetryAt ?? '-'}`);
      return { result: { applyId, hash: plan.hash, result: 'halted', halted: summary }, exitCode: 3 };
    }
    await sleep(250);
  }
}
