import type { PlanContext } from '../plan/context';
import type { PlanStep } from '../plan/types';
import { realServerRole, hasRole, usesLb, webHostIds } from './cluster-lb';
import { LB_MANAGER_STEP, lbManagerSteps } from './plan-manager';
import { LB_RS_STEP, realServerSteps } from './plan-realserver';
import { docRootSteps } from './plan-site-root';
import { webSteps } from './plan-vhosts';

/**
 * Entry points of the load-balancer planner for cluster/plan.ts. Without services, only the
 * accounts' sites are planned (document roots and vhosts); with neither services nor accounts,
 * no step at all.
 */

function active(ctx: PlanContext): boolean {
  return usesLb(ctx.desired) || usesLb(ctx.applied);
}

/**
 * Whether the hosts serve (or served) sites: accounts get their document root and vhosts in
 * the same apply that adds them, with or without load balancing. Only webSteps and
 * docRootSteps plan the sites, so a cluster with both plans each vhost once.
 */
export function hasSites(ctx: PlanContext): boolean {
  return ctx.desired.accounts.length > 0 || (ctx.applied?.accounts.length ?? 0) > 0;
}

/** The manager's keepalived step that real servers wait for before removing anything. */
function managerDone(ctx: PlanContext): PlanStep['waitFor'] {
  const stepId =
    ctx.desired.services.length > 0 ? LB_MANAGER_STEP.keepalived : LB_MANAGER_STEP.keepalivedRemove;
  return [{ hostId: ctx.desired.manager.hostId, stepId }];
}

function servesWebOn(ctx: PlanContext, hostId: string): boolean {
  return (
    webHostIds(ctx.desired).includes(hostId) ||
    (ctx.applied !== null && webHostIds(ctx.applied).includes(hostId))
  );
}

/**
 * The manager's steps: VIPs, kernel settings, packet marks, keepalived (after every real
 * server has its addresses), removals; and its vhosts when it serves sites itself.
 */
export function lbManagerPlan(ctx: PlanContext): PlanStep[] {
  if (!active(ctx)) return [];
  const c = ctx.desired;
  const ready = c.nodes
    .filter((n) => hasRole(realServerRole(c, n.hostId)))
    .map((n) => ({ hostId: n.hostId, stepId: LB_RS_STEP.addresses }));
  const web = servesWebOn(ctx, c.manager.hostId) ? webSteps(ctx, c.manager.hostId) : [];
  return [...web, ...lbManagerSteps(ctx, ready)];
}

/** A node's steps: real-server kernel settings, addresses and routes, vhosts; then removals. */
export function lbNodePlan(ctx: PlanContext, hostId: string): PlanStep[] {
  const web = hasSites(ctx) || active(ctx) ? webSteps(ctx, hostId) : [];
  if (!active(ctx)) return web;
  return [...realServerSteps(ctx, hostId, managerDone(ctx)), ...web];
}

/** A leaving node's steps: everything the load balancer added there goes. */
export function lbLeavePlan(ctx: PlanContext, hostId: string): PlanStep[] {
  const web = hasSites(ctx) || active(ctx) ? webSteps(ctx, hostId, true) : [];
  if (!active(ctx)) return web;
  return [...web, ...realServerSteps(ctx, hostId, managerDone(ctx), true)];
}

/** The storage host's steps: the accounts' document roots. */
export function lbStoragePlan(ctx: PlanContext): PlanStep[] {
  if (!hasSites(ctx) && !active(ctx)) return [];
  return docRootSteps(ctx);
}
