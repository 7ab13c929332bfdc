import { AppError } from '../api/errors';
import type { Cluster } from '../model/cluster';
import { PATHS } from '../model/cluster-observe';
import { networkFileOf } from '../model/networkd';
import { quote, sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import { allOf, fileMatches, plannedFile, step } from '../plan/step';
import type { PlannedFile, PlanStep } from '../plan/types';
import { clusterVips, vipInterface } from './cluster-lb';
import { LB_PATHS, vipDropIn } from './observe';

/** Step ids of the manager's VIPs. */
export const VIP_STEP = {
  add: 'lb.manager.vips',
  remove: 'lb.manager.vips-remove',
} as const;
const UNIT = 'clusterdeck-vips.service';

/** A VIP with the manager interface that carries it. */
interface PlacedVip {
  address: string;
  iface: string;
}

function placed(ctx: PlanContext, c: Cluster): PlacedVip[] {
  const facts = ctx.facts(ctx.desired.manager.hostId);
  return clusterVips(c).map((v) => {
    const iface = vipInterface(c, v, facts);
    if (iface === undefined || !/^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,14}$/.test(iface)) {
      throw new AppError(
        'VALIDATION',
        `vips: no interface of the manager carries ${c.manager.publicIp}; set the interface of VIP ${v.address}`,
      );
    }
    return { address: v.address, iface };
  });
}

const present = (v: PlacedVip): string =>
  sh`ip -4 -o addr show dev ${v.iface} | grep -qF ${` inet ${v.address}/32 `}`;

/**
 * The files that keep the VIPs across reboots, chosen per interface like the quorum IP's
 * (plan/quorum.ts): a systemd-networkd drop-in when networkd manages the interface (it would
 * drop foreign addresses when it reconfigures the link), an ifupdown stanza file when
 * /etc/network/interfaces sources interfaces.d and configures it, else one oneshot unit.
 * With the later backup-manager issue the VIPs move into keepalived's vrrp_instance instead.
 */
function persistence(ctx: PlanContext, vips: PlacedVip[]): { files: PlannedFile[]; unit: boolean } {
  const c = ctx.desired;
  const m = c.manager.hostId;
  const head = `# Managed by ClusterDeck (cluster ${c.name}): the load-balanced VIPs. Changes are overwritten.`;
  const interfaces = ctx.file(m, PATHS.netInterfaces) ?? '';
  const sourcesDir = /^\s*source(-directory)?\s+\/etc\/network\/interfaces\.d/m.test(interfaces);
  const byIface = new Map<string, string[]>();
  for (const v of vips) byIface.set(v.iface, [...(byIface.get(v.iface) ?? []), v.address]);
  const files: PlannedFile[] = [];
  const stanzas: string[] = [];
  const unitLines: string[] = [];
  for (const [iface, addrs] of byIface) {
    const network = networkFileOf(ctx.files(m), iface);
    const stanza = new RegExp(`^\\s*iface\\s+${iface.replace(/[.]/g, '\\.')}\\s`, 'm');
    if (network !== undefined) {
      const path = vipDropIn(network);
      const body = `${head}\n[Network]\n${addrs.map((a) => `Address=${a}/32`).join('\n')}\n`;
      files.push(plannedFile(path, body, ctx.file(m, path)));
    } else if (sourcesDir && stanza.test(interfaces)) {
      stanzas.push(...addrs.map((a) => `iface ${iface} inet static\n    address ${a}/32\n`));
    } else {
      unitLines.push(...addrs.map((a) => `ExecStart=ip addr replace ${a}/32 dev ${iface}`));
    }
  }
  if (stanzas.length > 0)
    files.push(
      plannedFile(
        LB_PATHS.vipsIfupdown,
        `${head}\n${stanzas.join('')}`,
        ctx.file(m, LB_PATHS.vipsIfupdown),
      ),
    );
  if (unitLines.length > 0) {
    const unit = [
      head,
      '[Unit]',
      `Description=ClusterDeck load-balanced VIPs of cluster ${c.name}`,
      'After=network-online.target',
      'Wants=network-online.target',
      'Before=keepalived.service',
      '',
      '[Service]',
      'Type=oneshot',
      'RemainAfterExit=yes',
      ...unitLines,
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '',
    ].join('\n');
    files.push(plannedFile(LB_PATHS.vipsUnit, unit, ctx.file(m, LB_PATHS.vipsUnit)));
  }
  return { files, unit: unitLines.length > 0 };
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
  const commands = vips.map(
    (v) => `${present(v)} || ${sh`ip addr add ${`${v.address}/32`} dev ${v.iface}`}`,
  );
  const checks = [...files.map(fileMatches), ...vips.map(present)];
  const ours = [LB_PATHS.vipsIfupdown, LB_PATHS.vipsUnit];
  for (const p of ours) {
    if (!files.some((f) => f.path === p) && ctx.file(m, p) !== null) {
      if (p === LB_PATHS.vipsUnit) commands.push(sh`systemctl disable ${UNIT}`);
      commands.push(sh`rm -f ${p}`);
      checks.push(sh`! test -e ${p}`);
    }
  }
  if (unit) {
    commands.push('systemctl daemon-reload', sh`systemctl enable ${UNIT}`);
    checks.push(sh`systemctl is-enabled -q ${UNIT}`);
  } else if (ctx.file(m, LB_PATHS.vipsUnit) !== null) commands.push('systemctl daemon-reload');
  return step({
    id: VIP_STEP.add,
    title: `Add the VIP${vips.length > 1 ? 's' : ''} ${vips.map((v) => `${v.address} on ${v.iface}`).join(', ')}`,
    description:
      'Each VIP is a /32 on the public interface: the manager answers ARP for it and no route changes. Kept across reboots the way the quorum IP is (networkd drop-in, ifupdown stanza or a oneshot unit; networkd drop-ins take effect at its next reload, so the link is not reconfigured under traffic).',
    files,
    commands,
    check: allOf(...checks),
    verify: allOf(...vips.map(present)),
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
  const commands = gone.map(
    (v) => `! ${present(v)} || ${sh`ip addr del ${`${v.address}/32`} dev ${v.iface}`}`,
  );
  const checks = gone.map((v) => `! ${present(v)}`);
  if (keep.size === 0) {
    const files = [
      LB_PATHS.vipsIfupdown,
      LB_PATHS.vipsUnit,
      ...Object.keys(ctx.files(m)).filter((p) => p.endsWith('/50-clusterdeck-vips.conf')),
    ];
    const existing = files.filter((p) => ctx.file(m, p) !== null);
    if (existing.includes(LB_PATHS.vipsUnit)) commands.push(sh`systemctl disable ${UNIT}`);
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
