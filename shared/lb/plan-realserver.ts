import { AppError } from '../base/errors';
import { isInterfaceName } from '../base/fields';
import { managerIntraAddress, nodeIntraAddress, type Cluster } from '../model/cluster';
import { interfaceFor, networkOf } from '../model/cluster-net';
import { sh } from '../shell/quote';
import type { PlanContext } from '../plan/context';
import {
  allOf,
  daemonReloadFor,
  disableNow,
  enableUnit,
  fileMatches,
  plannedFile,
  step,
} from '../plan/step';
import type { PlanStep } from '../plan/types';
import { hasRole, realServerRole, type RealServerRole } from './cluster-lb';
import { LB_PATHS } from '../base/remote-paths';
import { kernelSteps, type KernelSettings } from './plan-kernel';

/** Step ids on a real server. */
export const LB_RS_STEP = {
  addresses: 'lb.rs.addresses',
  cleanup: 'lb.rs.cleanup',
} as const;
/** The routing table (and rule priority) of NAT replies; a number, so no rt_tables entry. */
export const NAT_TABLE = 7010;
const UNIT = 'clusterdeck-lvs-rs.service';
const NO_ROLE: RealServerRole = { drVips: [], tunVips: [], nat: false };

/** Sysctls and modules of a real-server role. */
export function realServerKernel(role: RealServerRole): KernelSettings {
  const out: KernelSettings = { sysctl: [], modules: [] };
  if (role.drVips.length > 0 || role.tunVips.length > 0) {
    out.sysctl.push(
      {
        key: 'net.ipv4.conf.all.arp_ignore',
        value: '1',
        why: 'DR/TUN: answer ARP only for addresses of the asking interface, never for the VIP this node holds on lo or tunl0 (the manager answers for it).',
      },
      {
        key: 'net.ipv4.conf.all.arp_announce',
        value: '2',
        why: "DR/TUN: never use the VIP as the source of this node's own ARP requests.",
      },
    );
  }
  if (role.tunVips.length > 0) {
    out.sysctl.push({
      key: 'net.ipv4.conf.all.rp_filter',
      value: '2',
      why: 'TUN: packets arrive on tunl0 from clients routed via another interface; loose reverse-path filtering lets them in (strict would drop them).',
    });
    out.modules.push({
      name: 'ipip',
      why: 'TUN: the IP-in-IP tunnel device tunl0 that receives the encapsulated packets.',
    });
  }
  return out;
}

interface NatRoute {
  address: string;
  iface: string;
  subnet: string;
  gateway: string;
}

function natRoute(ctx: PlanContext, c: Cluster, hostId: string): NatRoute {
  const n = c.nodes.find((x) => x.hostId === hostId);
  const f = ctx.facts(hostId);
  const address = n ? nodeIntraAddress(c, n) : '';
  const at = interfaceFor(f, address);
  if (n === undefined || at === undefined || !isInterfaceName(at.iface)) {
    throw new AppError(
      'VALIDATION',
      `nodes: host ${ctx.hostName(hostId)} has no interface with ${address}; probe it again`,
    );
  }
  return {
    address,
    iface: at.iface,
    subnet: `${networkOf(address, at.prefix)}/${at.prefix}`,
    gateway: managerIntraAddress(c),
  };
}

const onDev = (dev: string, vip: string): string =>
  sh`ip -4 -o addr show dev ${dev} 2>/dev/null | grep -qF ${` inet ${vip}/32 `}`;
const ruleThere = (address: string): string =>
  sh`ip rule show priority ${NAT_TABLE} | grep -qF ${`from ${address} lookup ${NAT_TABLE}`}`;

function unitText(c: Cluster, role: RealServerRole, nat: NatRoute | null): string {
  const exec: string[] = [];
  if (role.drVips.length > 0) {
    exec.push('# DR: the VIPs on lo, so this node accepts packets sent to them.');
    exec.push(...role.drVips.map((v) => `ExecStart=ip addr replace ${v}/32 dev lo`));
  }
  if (role.tunVips.length > 0) {
    exec.push(
      '# TUN: the VIPs on the IP-in-IP device tunl0.',
      'ExecStart=modprobe ipip',
      'ExecStart=ip link set tunl0 up',
    );
    exec.push(...role.tunVips.map((v) => `ExecStart=ip addr replace ${v}/32 dev tunl0`));
  }
  if (nat !== null) {
    const t = NAT_TABLE;
    exec.push(
      `# NAT: replies from ${nat.address} go back through the manager (${nat.gateway}), which undoes the NAT.`,
      `ExecStart=ip route replace ${nat.subnet} dev ${nat.iface} src ${nat.address} table ${t}`,
      `ExecStart=ip route replace default via ${nat.gateway} dev ${nat.iface} table ${t}`,
      `ExecStart=-ip rule del from ${nat.address} lookup ${t} priority ${t}`,
      `ExecStart=ip rule add from ${nat.address} lookup ${t} priority ${t}`,
    );
  }
  return [
    `# Managed by ClusterDeck (cluster ${c.name}): this host as an LVS real server. Changes are overwritten.`,
    '[Unit]',
    `Description=ClusterDeck LVS real-server addresses and routes of cluster ${c.name}`,
    'After=network-online.target systemd-networkd.service',
    'Wants=network-online.target',
    '# systemd-networkd drops foreign addresses and routes when it restarts: run again after it.',
    'PartOf=systemd-networkd.service',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    ...exec,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

function roleChecks(role: RealServerRole, nat: NatRoute | null): string[] {
  return [
    ...role.drVips.map((v) => onDev('lo', v)),
    ...role.tunVips.map((v) => onDev('tunl0', v)),
    ...(nat
      ? [
          ruleThere(nat.address),
          sh`ip route show table ${NAT_TABLE} | grep -qF ${`default via ${nat.gateway} `}`,
        ]
      : []),
  ];
}

function addressesStep(ctx: PlanContext, hostId: string, role: RealServerRole): PlanStep {
  const c = ctx.desired;
  const nat = role.nat ? natRoute(ctx, c, hostId) : null;
  const unit = plannedFile(
    LB_PATHS.realServerUnit,
    unitText(c, role, nat),
    ctx.file(hostId, LB_PATHS.realServerUnit),
  );
  const what = [
    ...role.drVips.map((v) => `${v} on lo (DR)`),
    ...role.tunVips.map((v) => `${v} on tunl0 (TUN)`),
    ...(nat ? [`NAT replies via ${nat.gateway}`] : []),
  ];
  const present = roleChecks(role, nat);
  return step({
    id: LB_RS_STEP.addresses,
    title: `Real server: ${what.join(', ')}`,
    description: `A oneshot unit (${UNIT}) sets them now and at every boot; its commands are idempotent, so running it again changes nothing.${nat ? ` NAT replies use routing table ${NAT_TABLE}, chosen by a rule for the source ${nat.address} only: the node's other traffic keeps its routes.` : ''}`,
    files: [unit],
    commands: [
      daemonReloadFor([UNIT]),
      enableUnit(UNIT),
      // The unit's commands are idempotent; running them sets what the check found missing.
      sh`systemctl restart ${UNIT}`,
    ],
    check: allOf(fileMatches(unit), sh`systemctl is-enabled -q ${UNIT}`, ...present),
    verify: allOf(...present),
  });
}

/** What a host held as a real server of `from` and no longer holds in `to`. */
function dropped(from: RealServerRole, to: RealServerRole): RealServerRole {
  return {
    drVips: from.drVips.filter((v) => !to.drVips.includes(v)),
    tunVips: from.tunVips.filter((v) => !to.tunVips.includes(v)),
    nat: from.nat && !to.nat,
  };
}

function cleanupStep(
  ctx: PlanContext,
  hostId: string,
  gone: RealServerRole,
  last: boolean,
  waitFor: PlanStep['waitFor'],
): PlanStep | null {
  const hasUnit = ctx.file(hostId, LB_PATHS.realServerUnit) !== null;
  if (!hasRole(gone) && !(last && hasUnit)) return null;
  const applied = ctx.applied ?? ctx.desired;
  const commands: string[] = [];
  const checks: string[] = [];
  for (const v of gone.drVips) {
    commands.push(`! ${onDev('lo', v)} || ${sh`ip addr del ${`${v}/32`} dev lo`}`);
    checks.push(`! ${onDev('lo', v)}`);
  }
  for (const v of gone.tunVips) {
    commands.push(`! ${onDev('tunl0', v)} || ${sh`ip addr del ${`${v}/32`} dev tunl0`}`);
    checks.push(`! ${onDev('tunl0', v)}`);
  }
  if (gone.tunVips.length > 0 && realServerRole(ctx.desired, hostId).tunVips.length === 0)
    commands.push('! ip link show tunl0 >/dev/null 2>&1 || ip link set tunl0 down');
  if (gone.nat) {
    const n = applied.nodes.find((x) => x.hostId === hostId);
    const address = n ? nodeIntraAddress(applied, n) : '';
    commands.push(
      `while ${ruleThere(address)}; do ${sh`ip rule del from ${address} lookup ${NAT_TABLE} priority ${NAT_TABLE}`} || break; done`,
      sh`ip route flush table ${NAT_TABLE}`,
    );
    checks.push(`! ${ruleThere(address)}`);
  }
  if (last && hasUnit) {
    commands.push(
      ...disableNow(UNIT),
      sh`rm -f ${LB_PATHS.realServerUnit}`,
      'systemctl daemon-reload',
    );
    checks.push(sh`! test -e ${LB_PATHS.realServerUnit}`);
  }
  const check = checks.length > 0 ? allOf(...checks) : null;
  return step({
    id: LB_RS_STEP.cleanup,
    title: last
      ? 'Stop being an LVS real server: remove the VIPs and routes ClusterDeck added'
      : 'Remove the VIPs and routes of removed services',
    description:
      'Runs once the manager no longer sends these services here. Only what ClusterDeck added goes.',
    commands,
    check,
    verify: check,
    waitFor,
  });
}

/**
 * A host's real-server steps: kernel settings (DR/TUN ARP rules, TUN's ipip and loose
 * rp_filter), the addresses and routes of its methods (VIP on lo, VIP on tunl0, NAT return
 * route), then, once `managerDone` (keepalived no longer sends removed services here), the
 * removal of what the applied model had and the desired one does not, and the kernel
 * settings trimmed to match. A leaving host is planned with an empty desired role.
 */
export function realServerSteps(
  ctx: PlanContext,
  hostId: string,
  managerDone: PlanStep['waitFor'],
  leaving = false,
): PlanStep[] {
  const want = leaving ? NO_ROLE : realServerRole(ctx.desired, hostId);
  const had = ctx.applied ? realServerRole(ctx.applied, hostId) : NO_ROLE;
  if (
    !hasRole(want) &&
    !hasRole(had) &&
    ctx.file(hostId, LB_PATHS.realServerUnit) === null &&
    ctx.file(hostId, LB_PATHS.sysctl) === null
  )
    return [];
  const kernel = kernelSteps(
    ctx,
    hostId,
    'lb.rs',
    realServerKernel(want),
    realServerKernel(had),
    managerDone,
  );
  const steps: (PlanStep | null)[] = [
    kernel.before,
    hasRole(want) ? addressesStep(ctx, hostId, want) : null,
    cleanupStep(ctx, hostId, dropped(had, want), !hasRole(want), managerDone),
    kernel.after,
  ];
  return steps.filter((s): s is PlanStep => s !== null);
}
