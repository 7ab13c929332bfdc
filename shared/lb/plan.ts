import type { PlanContext } from '../plan/context';
import type { PlanStep } from '../plan/types';
import { realServerRole, hasRole, usesLb, webHostIds } from './cluster-lb';
import { LB_MANAGER_STEP, lbManagerSteps } from './plan-manager';
import { LB_RS_STEP, realServerSteps } from './plan-realserver';
import { docRootSteps, webSteps } from './plan-vhosts';

/**
 * Entry points of the load-balancer planner for cluster/plan.ts. Each returns no step
 * (and reads no file) when neither the desired nor the applied model balances anything, so
 * clusters without services plan exactly as before.
 */

function active(ctx: PlanContext): boolean {
  return usesLb(ctx.desired) || usesLb(ctx.applied);
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
  if (!active(ctx)) return [];
  return [...realServerSteps(ctx, hostId, managerDone(ctx)), ...webSteps(ctx, hostId)];
}

/** A leaving node's steps: everything the load balancer added there goes. */
export function lbLeavePlan(ctx: PlanContext, hostId: string): PlanStep[] {
  if (!active(ctx)) return [];
  return [...webSteps(ctx, hostId, true), ...realServerSteps(ctx, hostId, managerDone(ctx), true)];
}

/** The storage host's steps: the accounts' document roots. */
export function lbStoragePlan(ctx: PlanContext): PlanStep[] {
  if (!active(ctx)) return [];
  return docRootSteps(ctx);
}
