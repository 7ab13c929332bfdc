import { AppError } from '../base/errors';
import { PATHS } from '../base/remote-paths';
import { quorumInterface } from '../model/cluster-net';
import {
  addAddressCommand,
  addressPersistence,
  addressPresent,
  removeAddressCommand,
  type AddressPersistence,
  type PlacedAddress,
} from './address-persistence';
import type { PlanContext } from './context';
import { allOf, daemonReloadFor, enableUnit, fileMatches, step } from './step';
import type { PlanStep } from './types';

/** Step id of the quorum IP on the manager. */
export const QUORUM_STEP = 'manager.quorum-ip';

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
  const at: PlacedAddress = { address: ip, prefix, iface };
  const isOwn = ip === c.manager.privateIp;
  if (isOwn) {
    return step({
      id: QUORUM_STEP,
      title: `Quorum IP ${ip} is the manager's own private address on ${iface}`,
      description:
        "Nothing to add: the address is part of the host's network configuration. The check only confirms it.",
      check: addressPresent(at),
      verify: addressPresent(at),
    });
  }
  // One address on one interface: exactly one file keeps it.
  const persisted = addressPersistence(ctx, {
    kind: 'quorum',
    head: `# Managed by ClusterDeck (cluster ${c.name}): the quorum IP, the address every cluster host uses to reach the manager.`,
    ifupdownPath: PATHS.ifupdownQuorum,
    unitPath: PATHS.quorumUnit,
    unitDescription: `ClusterDeck quorum IP ${ip} of cluster ${c.name}`,
    addresses: [at],
  });
  const kind: AddressPersistence = persisted[0]?.kind ?? 'unit';
  const files = persisted.map((p) => p.file);
  const commands = [addAddressCommand(at)];
  const checks = [...files.map(fileMatches), addressPresent(at)];
  if (kind === 'unit') {
    commands.push(
      daemonReloadFor(['clusterdeck-quorum-ip.service']),
      enableUnit('clusterdeck-quorum-ip.service'),
    );
    checks.push('systemctl is-enabled -q clusterdeck-quorum-ip.service');
  }
  const old = ctx.applied?.manager;
  if (old && old.quorumIp !== ip && old.quorumIp !== old.privateIp) {
    const oldIface = quorumInterface(ctx.applied ?? c, ctx.facts(c.manager.hostId)) ?? iface;
    const was: PlacedAddress = { address: old.quorumIp, prefix: old.quorumPrefix, iface: oldIface };
    commands.push(removeAddressCommand(was));
    checks.push(`! ${addressPresent(was)}`);
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
    files,
    commands,
    check: allOf(...checks),
    verify: addressPresent(at),
  });
}
