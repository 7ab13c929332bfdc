import { AppError } from '../base/errors';
import { isInterfaceName } from '../base/fields';
import { LB_PATHS, networkdDropInName } from '../base/remote-paths';
import type { Cluster } from '../model/cluster';
import { quote, sh } from '../shell/quote';
import {
  addAddressCommand,
  addressPersistence,
  addressPresent,
  removeAddressCommand,
  type PlacedAddress,
} from '../plan/address-persistence';
import type { PlanContext } from '../plan/context';
import { allOf, daemonReloadFor, disableUnit, enableUnit, fileMatches, step } from '../plan/step';
import type { PlannedFile, PlanStep } from '../plan/types';
import { clusterVips, vipInterface } from './cluster-lb';

/** Step ids of the manager's VIPs. */
export const VIP_STEP = {
  add: 'lb.manager.vips',
  remove: 'lb.manager.vips-remove',
} as const;
const UNIT = 'clusterdeck-vips.service';

/** Each VIP of a model as a /32 on the manager interface that carries it. */
function placed(ctx: PlanContext, c: Cluster): PlacedAddress[] {
  const facts = ctx.facts(ctx.desired.manager.hostId);
  return clusterVips(c).map((v) => {
    const iface = vipInterface(c, v, facts);
    if (iface === undefined || !isInterfaceName(iface)) {
      throw new AppError(
        'VALIDATION',
        `vips: no interface of the manager carries ${c.manager.publicIp}; set the interface of VIP ${v.address}`,
      );
    }
    return { address: v.address, prefix: 32, iface };
  });
}

/**
 * The files that keep the VIPs across reboots, chosen per interface like the quorum IP's (see
 * plan/address-persistence.ts). With the later backup-manager issue the VIPs move into
 * keepalived's vrrp_instance instead.
 */
function persistence(
  ctx: PlanContext,
  vips: PlacedAddress[],
): { files: PlannedFile[]; unit: boolean } {
  const c = ctx.desired;
  const persisted = addressPersistence(ctx, {
    kind: 'vips',
    head: `# Managed by ClusterDeck (cluster ${c.name}): the load-balanced VIPs. Changes are overwritten.`,
    ifupdownPath: LB_PATHS.vipsIfupdown,
    unitPath: LB_PATHS.vipsUnit,
    unitDescription: `ClusterDeck load-balanced VIPs of cluster ${c.name}`,
    unitOrder: ['Before=keepalived.service'],
    addresses: vips,
  });
  return { files: persisted.map((p) => p.file), unit: persisted.some((p) => p.kind === 'unit') };
}

/**
 * The manager's VIPs: each added now as a /32 on its interface (the manager answers ARP for
 * it; no route changes) and kept for reboots. Files of ClusterDeck's that no VIP needs any
 * more are removed. Null when the model has no VIP.
 */
export function vipAddStep(ctx: PlanContext): PlanStep | null {
  const vips = placed(ctx, ctx.desired);
  if (vips.length === 0) return null;
  const m = ctx.desired.manager.hostId;
  const { files, unit } = persistence(ctx, vips);
  const commands = vips.map(addAddressCommand);
  const checks = [...files.map(fileMatches), ...vips.map(addressPresent)];
  const ours = [LB_PATHS.vipsIfupdown, LB_PATHS.vipsUnit];
  for (const p of ours) {
    if (!files.some((f) => f.path === p) && ctx.file(m, p) !== null) {
      if (p === LB_PATHS.vipsUnit) commands.push(disableUnit(UNIT));
      commands.push(sh`rm -f ${p}`);
      checks.push(sh`! test -e ${p}`);
    }
  }
  if (unit) {
    commands.push(daemonReloadFor([UNIT]), enableUnit(UNIT));
    checks.push(sh`systemctl is-enabled -q ${UNIT}`);
  } else if (ctx.file(m, LB_PATHS.vipsUnit) !== null) commands.push(daemonReloadFor([UNIT]));
  return step({
    id: VIP_STEP.add,
    title: `Add the VIP${vips.length > 1 ? 's' : ''} ${vips.map((v) => `${v.address} on ${v.iface}`).join(', ')}`,
    description:
      'Each VIP is a /32 on the public interface: the manager answers ARP for it and no route changes. Kept across reboots the way the quorum IP is (networkd drop-in, ifupdown stanza or a oneshot unit; networkd drop-ins take effect at its next reload, so the link is not reconfigured under traffic).',
    files,
    commands,
    check: allOf(...checks),
    verify: allOf(...vips.map(addressPresent)),
  });
}

/**
 * Removes the VIPs the applied model had and the desired one lacks, after keepalived stopped
 * using them. Their persistence files were rewritten (or removed) by {@link vipAddStep}; with
 * no VIP left, this step removes them. Null when nothing goes.
 */
export function vipRemoveStep(ctx: PlanContext, waitFor: PlanStep['waitFor']): PlanStep | null {
  if (ctx.applied === null) return null;
  const keep = new Set(clusterVips(ctx.desired).map((v) => v.address));
  const gone = placed(ctx, ctx.applied).filter((v) => !keep.has(v.address));
  if (gone.length === 0) return null;
  const m = ctx.desired.manager.hostId;
  const commands = gone.map(removeAddressCommand);
  const checks = gone.map((v) => `! ${addressPresent(v)}`);
  if (keep.size === 0) {
    const files = [
      LB_PATHS.vipsIfupdown,
      LB_PATHS.vipsUnit,
      ...Object.keys(ctx.files(m)).filter((p) => p.endsWith(`/${networkdDropInName('vips')}`)),
    ];
    const existing = files.filter((p) => ctx.file(m, p) !== null);
    if (existing.includes(LB_PATHS.vipsUnit)) commands.push(disableUnit(UNIT));
    if (existing.length > 0)
      commands.push(`rm -f ${existing.map(quote).join(' ')}`, 'systemctl daemon-reload');
    checks.push(...existing.map((p) => sh`! test -e ${p}`));
  }
  return step({
    id: VIP_STEP.remove,
    title: `Remove the VIP${gone.length > 1 ? 's' : ''} ${gone.map((v) => v.address).join(', ')}`,
    description: 'Runs after keepalived no longer balances them.',
    commands,
    check: allOf(...checks),
    verify: allOf(...checks),
    waitFor,
  });
}
