import type { BlockDevice, HostFacts } from '../../../shared/model/facts';
import { isBlankDevice } from '../../../shared/probe/parse-block-devices';

/** One device the storage step offers, with why it cannot be formatted when it cannot. */
export interface DeviceChoice {
  path: string;
  /** "/dev/vdb · 4.0 GiB disk · blank". */
  label: string;
  blank: boolean;
  holdsRoot: boolean;
  /** Why it cannot be chosen (root disk, holds data), or null when it can. */
  refused: string | null;
}

/** Bytes as GiB with one decimal: "4.0 GiB". */
export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

function describe(d: BlockDevice, blank: boolean): string {
  const parts = [d.path, `${formatGiB(d.sizeBytes)} ${d.type === 'part' ? 'partition' : d.type}`];
  parts.push(blank ? 'blank' : (d.fsType ?? 'in use'));
  if (d.mountpoint !== undefined) parts.push(`mounted on ${d.mountpoint}`);
  return parts.join(' · ');
}

/**
 * The disks and partitions of a host's facts, for the storage step: each with its size, its
 * filesystem or "blank", and where it is mounted. Only blank ones can be chosen: the system
 * disk (holding `/`) is marked and refused, and so is a device with a filesystem, a mount or
 * partitions, since the storage step formats blank devices only. `null` when the facts do not
 * list devices (probed before the probe asked); `[]` when the host has none to show.
 */
export function deviceChoices(facts: HostFacts | null | undefined): DeviceChoice[] | null {
  const all = facts?.blockDevices;
  if (all === undefined) return null;
  return all
    .filter((d) => (d.type === 'disk' || d.type === 'part') && d.sizeBytes > 0)
    .map((d) => {
      const blank = isBlankDevice(d, all);
      const refused = d.holdsRoot
        ? 'the system disk (it holds /)'
        : blank
          ? null
          : 'not blank: it holds data';
      return { path: d.path, label: describe(d, blank), blank, holdsRoot: d.holdsRoot, refused };
    });
}
