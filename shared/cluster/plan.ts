import { AppError } from '../base/errors';
import { lbLeavePlan, lbManagerPlan, lbNodePlan, lbStoragePlan } from '../lb/plan';
import { enabledNodes, storageHostId, type Cluster } from '../model/cluster';
import { hasErrors, issuesError } from '../model/cluster-issues';
import {
  addAccountOnClient,
  addAccountOnStorage,
  deleteAccountOnClient,
  deleteAccountOnStorage,
} from '../plan/accounts';
import { PlanContext, type PlanInput } from '../plan/context';
import { homeLinkStep } from '../plan/home';
import { LEAVE_UNMOUNT, nodeLeaveSteps } from '../plan/leave';
import { managerClientSteps, nodeJoinSteps } from '../plan/node';
import { quorumStep } from '../plan/quorum';
import { sftpSteps } from '../plan/sftp';
import { storageSteps } from '../plan/storage';
import { storageFirewallRemoveStep } from '../plan/storage-firewall';
import type { HostPlan, Plan, PlanStep } from '../plan/types';
import { validateCluster } from './validate';

/** Options of {@link planCluster}. */
export interface PlanOptions {
  /**
   * Every step of the desired model, also those the applied model already had (a repair or
   * re-check run). By default, with an applied model, only new or changed steps are planned.
   */
  full?: boolean;
}

/** Changes an applied cluster cannot take in place. */
function refuseRebuilds(desired: Cluster, applied: Cluster): void {
  const fail = (field: string, message: string): never => {
    throw new AppError('VALIDATION', `${field}: ${message}`, { issues: [{ field, message }] });
  };
  if (desired.manager.hostId !== applied.manager.hostId)
    fail('manager.hostId', 'the manager of a set-up cluster cannot change');
  if (
    desired.storage.kind !== applied.storage.kind ||
    storageHostId(desired) !== storageHostId(applied)
  ) {
    fail(
      'storage',
      'moving the shared storage of a set-up cluster needs a rebuild (InterWorx: decide before setup)',
    );
  }
  desired.accounts.forEach((a, i) => {
    const before = applied.accounts.find((b) => b.name === a.name);
    if (before && (before.uid !== a.uid || before.gid !== a.gid)) {
      fail(
        `accounts.${i}.uid`,
        `account ${a.name} exists with uid ${before.uid}/gid ${before.gid}; delete and re-create it to change ids`,
      );
    }
  });
}

/** Every step of the desired model, per host, plus removals against `applied`. */
function buildHosts(ctx: PlanContext): HostPlan[] {
  const c = ctx.desired;
  const applied = ctx.applied;
  const storageHost = ctx.storage.hostId;
  const external = c.storage.kind === 'external';
  const enabled = new Set(enabledNodes(c).map((n) => n.hostId));
  const leaving = applied ? enabledNodes(applied).filter((n) => !enabled.has(n.hostId)) : [];
  const removedAccounts = applied
    ? applied.accounts.filter((a) => !c.accounts.some((b) => b.name === a.name))
    : [];
  const exportsWait = leaving.map((n) => ({ hostId: n.hostId, stepId: LEAVE_UNMOUNT }));

  const accountSteps = (hostId: string): PlanStep[] => {
    const onStorage = hostId === storageHost;
    return [
      ...c.accounts.map((a) => (onStorage ? addAccountOnStorage(ctx, a) : addAccountOnClient(a))),
      ...removedAccounts.map((a) =>
        onStorage ? deleteAccountOnStorage(ctx, a) : deleteAccountOnClient(a),
      ),
    ];
  };

  const managerSteps: PlanStep[] = external
    ? [
        quorumStep(ctx),
        ...managerClientSteps(ctx),
        ...[storageFirewallRemoveStep(ctx, c.manager.hostId)].filter((x) => x !== null),
      ]
    : (() => {
        const s = storageSteps(ctx, exportsWait);
        const exportsAt = s.findIndex((x) => x.id === 'storage.exports');
        // The quorum IP first; the manager's /home moves before the share is exported.
        return [
          s[0],
          quorumStep(ctx),
          ...s.slice(1, exportsAt),
          homeLinkStep('manager.home', true),
          ...s.slice(exportsAt),
        ].filter((x): x is PlanStep => x !== undefined);
      })();
  const hosts: HostPlan[] = [
    {
      hostId: c.manager.hostId,
      hostName: ctx.hostName(c.manager.hostId),
      role: 'manager',
      steps: [
        ...managerSteps,
        ...accountSteps(c.manager.hostId),
        ...(external ? [] : lbStoragePlan(ctx)),
        ...lbManagerPlan(ctx),
      ],
    },
  ];
  if (external) {
    hosts.push({
      hostId: storageHost,
      hostName: ctx.hostName(storageHost),
      role: 'storage',
      steps: [
        ...storageSteps(ctx, exportsWait),
        ...accountSteps(storageHost),
        ...lbStoragePlan(ctx),
      ],
    });
  }
  for (const n of enabledNodes(c)) {
    hosts.push({
      hostId: n.hostId,
      hostName: ctx.hostName(n.hostId),
      role: 'node',
      steps: [
        ...nodeJoinSteps(ctx, n.hostId),
        ...accountSteps(n.hostId),
        ...sftpSteps(ctx, n.hostId),
        ...lbNodePlan(ctx, n.hostId),
      ],
    });
  }
  if (applied) {
    for (const n of leaving) {
      hosts.push({
        hostId: n.hostId,
        hostName: ctx.hostName(n.hostId),
        role: 'node',
        steps: [...lbLeavePlan(ctx, n.hostId), ...nodeLeaveSteps(ctx, n.hostId, applied)],
      });
    }
  }
  return hosts;
}

/** A step without what depends on the moment of planning (current file text and diffs). */
function essence(s: PlanStep): string {
  return JSON.stringify({ ...s, files: s.files.map((f) => ({ ...f, current: null, diff: '' })) });
}

function describeChanges(
  desired: Cluster,
  applied: Cluster,
  hostName: (id: string) => string,
): string {
  const parts: string[] = [];
  const was = new Set(enabledNodes(applied).map((n) => n.hostId));
  const is = new Set(enabledNodes(desired).map((n) => n.hostId));
  for (const id of is) if (!was.has(id)) parts.push(`add node ${hostName(id)}`);
  for (const id of was) if (!is.has(id)) parts.push(`remove node ${hostName(id)}`);
  for (const a of desired.accounts) {
    const b = applied.accounts.find((x) => x.name === a.name);
    if (!b) parts.push(`add account ${a.name}`);
    else if (JSON.stringify(a) !== JSON.stringify(b)) parts.push(`change account ${a.name}`);
  }
  for (const b of applied.accounts)
    if (!desired.accounts.some((a) => a.name === b.name)) parts.push(`delete account ${b.name}`);
  const lb = (c: Cluster): string => JSON.stringify([c.vips ?? [], c.services]);
  if (lb(desired) !== lb(applied)) parts.push('change load balancing');
  return parts.length > 0 ? parts.join(', ') : 'apply model changes';
}

/**
 * Plans the cluster: (desired model, last applied model, probed facts and files) -> ordered
 * steps per host. Refuses an invalid model (VALIDATION, fields named). Without an applied
 * model it is the whole setup; with one, only the steps that are new or changed (node joins
 * and leaves, export changes, account creations and deletions), unless `full`.
 */
export function planCluster(input: PlanInput, opts: PlanOptions = {}): Plan {
  const { desired, applied, hosts, observed } = input;
  const facts = Object.fromEntries(Object.entries(observed).map(([id, o]) => [id, o?.facts]));
  const files = Object.fromEntries(Object.entries(observed).map(([id, o]) => [id, o?.files]));
  const issues = validateCluster(desired, { hosts, facts, files });
  if (hasErrors(issues)) throw issuesError(issues);
  if (applied) refuseRebuilds(desired, applied);

  const ctx = new PlanContext(input);
  let planned = buildHosts(ctx);
  if (applied && !opts.full) {
    const before = buildHosts(new PlanContext({ ...input, desired: applied, applied }));
    const known = new Map(
      before.flatMap((h) => h.steps.map((s) => [`${h.hostId}\n${s.id}`, essence(s)] as const)),
    );
    planned = planned
      .map((h) => ({
        ...h,
        steps: h.steps.filter((s) => known.get(`${h.hostId}\n${s.id}`) !== essence(s)),
      }))
      .filter((h) => h.steps.length > 0);
  }
  const title = applied
    ? `Update cluster ${desired.name}: ${describeChanges(desired, applied, (id) => ctx.hostName(id))}`
    : `Set up cluster ${desired.name}`;
  return { title, hosts: withWaitNames(planned, (id) => ctx.hostName(id)) };
}

/**
 * The steps with the name of each host they wait for: an update plan often waits for a step
 * of a host that has none of its own in the plan, and people read names, not host ids.
 */
function withWaitNames(hosts: HostPlan[], hostName: (id: string) => string): HostPlan[] {
  return hosts.map((h) => ({
    ...h,
    steps: h.steps.map((s) =>
      s.waitFor.length === 0
        ? s
        : { ...s, waitFor: s.waitFor.map((w) => ({ ...w, hostName: hostName(w.hostId) })) },
    ),
  }));
}
