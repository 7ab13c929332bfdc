import {
  PATHS,
  ifindexPath,
  networkdDropIn,
  networkdLinkPath,
  type NetworkdDropInKind,
} from '../base/remote-paths';
import { networkFileOf } from '../probe/parse-host-files';
import { sh } from '../shell/quote';
import type { PlanContext } from './context';
import { plannedFile } from './step';
import type { PlannedFile } from './types';

/**
 * Extra addresses on the manager's interfaces (the quorum IP, the load-balanced VIPs): added now
 * with `ip addr` and kept across reboots by whatever manages each interface. A
 * systemd-networkd drop-in when networkd manages it (networkd would drop a foreign address on
 * its next reconfigure), an ifupdown stanza file when /etc/network/interfaces sources
 * interfaces.d and configures it, else a small oneshot unit.
 */

/** How an address survives a reboot. */
export type AddressPersistence = 'networkd' | 'ifupdown' | 'unit';

/** An address and the manager interface that carries it. */
export interface PlacedAddress {
  address: string;
  prefix: number;
  iface: string;
}

/** A set of addresses kept together, and the names of the files that keep them. */
export interface AddressSet {
  /** Names the networkd drop-in of each interface. */
  kind: NetworkdDropInKind;
  /** The comment line every file starts with: who manages it and what the addresses are. */
  head: string;
  ifupdownPath: string;
  unitPath: string;
  unitDescription: string;
  /** Ordering lines of the unit besides network-online.target (e.g. Before=keepalived.service). */
  unitOrder?: readonly string[];
  addresses: readonly PlacedAddress[];
}

/** One file that keeps addresses across reboots, and how. */
export interface PersistenceFile {
  kind: AddressPersistence;
  file: PlannedFile;
}

/**
 * The files that keep a set of addresses across reboots, chosen per interface: networkd
 * drop-ins first (one per interface), then one ifupdown file, then one unit for the rest.
 */
export function addressPersistence(ctx: PlanContext, set: AddressSet): PersistenceFile[] {
  const m = ctx.desired.manager.hostId;
  const interfaces = ctx.file(m, PATHS.netInterfaces) ?? '';
  const sourcesDir = /^\s*source(-directory)?\s+\/etc\/network\/interfaces\.d/m.test(interfaces);
  const byIface = new Map<string, string[]>();
  for (const a of set.addresses)
    byIface.set(a.iface, [...(byIface.get(a.iface) ?? []), `${a.address}/${a.prefix}`]);
  const out: PersistenceFile[] = [];
  const stanzas: string[] = [];
  const unitLines: string[] = [];
  for (const [iface, cidrs] of byIface) {
    const network = networkFileOf(ctx.files(m), iface);
    const stanza = new RegExp(`^\\s*iface\\s+${iface.replace(/[.]/g, '\\.')}\\s`, 'm');
    if (network !== undefined) {
      const path = networkdDropIn(network, set.kind);
      const body = `${set.head}\n[Network]\n${cidrs.map((a) => `Address=${a}`).join('\n')}\n`;
      out.push({ kind: 'networkd', file: plannedFile(path, body, ctx.file(m, path)) });
    } else if (sourcesDir && stanza.test(interfaces)) {
      stanzas.push(...cidrs.map((a) => `iface ${iface} inet static\n    address ${a}\n`));
    } else {
      unitLines.push(...cidrs.map((a) => `ExecStart=ip addr replace ${a} dev ${iface}`));
    }
  }
  if (stanzas.length > 0) {
    const body = `${set.head}\n${stanzas.join('')}`;
    out.push({
      kind: 'ifupdown',
      file: plannedFile(set.ifupdownPath, body, ctx.file(m, set.ifupdownPath)),
    });
  }
  if (unitLines.length > 0) {
    const unit = [
      set.head,
      '[Unit]',
      `Description=${set.unitDescription}`,
      'After=network-online.target',
      'Wants=network-online.target',
      ...(set.unitOrder ?? []),
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
    out.push({ kind: 'unit', file: plannedFile(set.unitPath, unit, ctx.file(m, set.unitPath)) });
  }
  return out;
}

/**
 * The manager's files to read before choosing the persistence of addresses on `iface`, given
 * what was read so far: the interface's index, then networkd's state of that link, then the
 * drop-in it names. Each round adds at most one path (see observationsFor).
 */
export function addressPersistenceReads(
  files: Record<string, string | null> | undefined,
  iface: string,
  kind: NetworkdDropInKind,
): string[] {
  const out = [ifindexPath(iface)];
  const index = files?.[ifindexPath(iface)]?.trim();
  if (index !== undefined && /^[0-9]+$/.test(index)) out.push(networkdLinkPath(index));
  const file = files ? networkFileOf(files, iface) : undefined;
  if (file !== undefined) out.push(networkdDropIn(file, kind));
  return out;
}

/** A shell test: whether the address is on its interface now. */
export function addressPresent(a: PlacedAddress): string {
  return sh`ip -4 -o addr show dev ${a.iface} | grep -qF ${` inet ${a.address}/${a.prefix} `}`;
}

/** Adds the address to its interface now, unless it is there. */
export function addAddressCommand(a: PlacedAddress): string {
  return `${addressPresent(a)} || ${sh`ip addr add ${`${a.address}/${a.prefix}`} dev ${a.iface}`}`;
}

/** Removes the address from its interface now, when it is there. */
export function removeAddressCommand(a: PlacedAddress): string {
  return `! ${addressPresent(a)} || ${sh`ip addr del ${`${a.address}/${a.prefix}`} dev ${a.iface}`}`;
}
