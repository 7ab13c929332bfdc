import { AppError } from '../api/errors';
import { PATHS, networkFileOf, networkdDropIn, quorumInterface } from '../model/cluster-observe';
import { sh } from '../shell/quote';
import type { PlanContext } from './context';
import { allOf, fileMatches, plannedFile, step } from './step';
import type { PlannedFile, PlanStep } from './types';

/** Step id of the quorum IP on the manager. */
export const QUORUM_STEP = 'manager.quorum-ip';

/** How the quorum IP survives a reboot, chosen from what the manager runs. */
export type QuorumPersistence = 'networkd' | 'ifupdown' | 'unit';

function present(ip: string, prefix: number, iface: string): string {
  return sh`ip -4 -o addr show dev ${iface} | grep -qF ${` inet ${ip}/${prefix} `}`;
}

/**
 * The persistence and its file: a systemd-networkd drop-in when networkd manages the
 * interface (networkd would drop a foreign address on its next reconfigure), an
 * /etc/network/interfaces.d stanza with ifupdown, else a small oneshot unit.
 */
export function quorumPersistence(
  ctx: PlanContext,
  iface: string,
): { kind: QuorumPersistence; file: PlannedFile } {
  const c = ctx.desired;
  const m = c.manager.hostId;
  const { quorumIp: ip, quorumPrefix: prefix } = c.manager;
  const head = `# Managed by ClusterDeck (cluster ${c.name}): the quorum IP, the address every cluster host uses to reach the manager.\n`;
  const networkFile = networkFileOf(ctx.files(m), iface);
  if (networkFile !== undefined) {
    const path = networkdDropIn(networkFile);
    return {
      kind: 'networkd',
      file: plannedFile(path, `${head}[Network]\nAddress=${ip}/${prefix}\n`, ctx.file(m, path)),
    };
  }
  const interfaces = ctx.file(m, PATHS.netInterfaces) ?? '';
  const stanza = new RegExp(`^\\s*iface\\s+${iface.replace(/[.]/g, '\\.')}\\s`, 'm');
  if (
    stanza.test(interfaces) &&
    /^\s*source(-directory)?\s+\/etc\/network\/interfaces\.d/m.test(interfaces)
  ) {
    const content = `${head}iface ${iface} inet static\n    address ${ip}/${prefix}\n`;
    return {
      kind: 'ifupdown',
      file: plannedFile(PATHS.ifupdownQuorum, content, ctx.file(m, PATHS.ifupdownQuorum)),
    };
  }
  const unit = [
    head.trimEnd(),
    '[Unit]',
    `Description=ClusterDeck quorum IP ${ip} of cluster ${c.name}`,
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=ip addr replace ${ip}/${prefix} dev ${iface}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
  return { kind: 'unit', file: plannedFile(PATHS.quorumUnit, unit, ctx.file(m, PATHS.quorumUnit)) };
}

/**
 * The quorum IP on the manager: added now (`ip addr add`) and persisted for reboots. A former
 * quorum IP of the applied model is removed from its interface.
 */
export function quorumStep(ctx: PlanContext): PlanStep {
  const c = ctx.desired;
  const { quorumIp: ip, quorumPrefix: prefix } = c.manager;
  const iface = quorumInterface(c, ctx.facts(c.manager.hostId));
  if (iface === undefined) {
    throw new AppError(
      'VALIDATION',
      `manager.quorumInterface: no interface of the manager is on ${ip}/${prefix}; set quorumInterface`,
    );
  }
  const isOwn = ip === c.manager.privateIp;
  if (isOwn) {
    return step({
      id: QUORUM_STEP,
      title: `Quorum IP ${ip} is the manager's own private address on ${iface}`,
      description:
        "Nothing to add: the address is part of the host's network configuration. The check only confirms it.",
      check: present(ip, prefix, iface),
      verify: present(ip, prefix, iface),
    });
  }
  const { kind, file } = quorumPersistence(ctx, iface);
  const commands = [
    `${present(ip, prefix, iface)} || ${sh`ip addr add ${`${ip}/${prefix}`} dev ${iface}`}`,
  ];
  const checks = [fileMatches(file), present(ip, prefix, iface)];
  if (kind === 'unit') {
    commands.push('systemctl daemon-reload', 'systemctl enable clusterdeck-quorum-ip.service');
    checks.push('systemctl is-enabled -q clusterdeck-quorum-ip.service');
  }
  const old = ctx.applied?.manager;
  if (old && old.quorumIp !== ip && old.quorumIp !== old.privateIp) {
    const oldIface = quorumInterface(ctx.applied ?? c, ctx.facts(c.manager.hostId)) ?? iface;
    commands.push(
      `! ${present(old.quorumIp, old.quorumPrefix, oldIface)} || ${sh`ip addr del ${`${old.quorumIp}/${old.quorumPrefix}`} dev ${oldIface}`}`,
    );
    checks.push(`! ${present(old.quorumIp, old.quorumPrefix, oldIface)}`);
  }
  const how = {
    networkd: `a systemd-networkd drop-in for ${iface}'s .network file (applied at the next networkd start or reload; no reload now, so the link is not reconfigured under running traffic)`,
    ifupdown: `an ifupdown stanza for ${iface} in /etc/network/interfaces.d`,
    unit: 'a oneshot systemd unit that adds it at boot (the interface is managed neither by networkd nor by ifupdown)',
  }[kind];
  return step({
    id: QUORUM_STEP,
    title: `Add the quorum IP ${ip}/${prefix} on ${iface}`,
    description: `Added now with ip addr and kept across reboots by ${how}. The quorum IP is never used for sites.`,
    files: [file],
    commands,
    check: allOf(...checks),
    verify: present(ip, prefix, iface),
  });
}
