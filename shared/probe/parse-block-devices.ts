import type { BlockDevice } from '../model/facts';

interface LsblkNode {
  name?: unknown;
  path?: unknown;
  size?: unknown;
  type?: unknown;
  fstype?: unknown;
  mountpoint?: unknown;
  uuid?: unknown;
  children?: unknown;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;

/** A size as lsblk -b prints it: a number, or a numeric string in older releases. */
function bytes(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return 0;
}

/**
 * Parses `lsblk -J -b -o NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,UUID` into a flat list, parents
 * before their children. A device `holdsRoot` when it, or a partition or volume on it, is
 * mounted at `/`: formatting it would wipe the system. Output that is empty or not lsblk's
 * JSON (no lsblk, a container without /sys/block) reads as no devices: the admin can still type
 * a device path.
 */
export function parseLsblkJson(textOut: string): BlockDevice[] {
  let doc: unknown;
  try {
    doc = JSON.parse(textOut);
  } catch {
    return [];
  }
  const roots = (doc as { blockdevices?: unknown } | null)?.blockdevices;
  if (!Array.isArray(roots)) return [];
  const out: BlockDevice[] = [];
  const walk = (node: LsblkNode, parent: string | undefined): boolean => {
    const name = text(node.name);
    if (name === undefined) return false;
    const path = text(node.path) ?? `/dev/${name}`;
    const dev: BlockDevice = {
      name,
      path,
      sizeBytes: bytes(node.size),
      type: text(node.type) ?? 'unknown',
      holdsRoot: false,
    };
    const fsType = text(node.fstype);
    const mount = text(node.mountpoint);
    const uuid = text(node.uuid);
    if (fsType !== undefined) dev.fsType = fsType;
    if (uuid !== undefined) dev.uuid = uuid.toLowerCase();
    if (mount !== undefined) dev.mountpoint = mount;
    if (parent !== undefined) dev.parent = parent;
    out.push(dev);
    const children = Array.isArray(node.children) ? (node.children as LsblkNode[]) : [];
    // Every child is walked (no short-circuit): each must be listed.
    const below = children.map((c) => walk(c, path)).some(Boolean);
    dev.holdsRoot = mount === '/' || below;
    return dev.holdsRoot;
  };
  for (const r of roots as LsblkNode[]) walk(r, undefined);
  return out;
}

/** Whether nothing is on the device: no filesystem, no mount, no partition or volume on it. */
export function isBlankDevice(d: BlockDevice, all: readonly BlockDevice[]): boolean {
  return (
    d.fsType === undefined &&
    d.mountpoint === undefined &&
    !d.holdsRoot &&
    !all.some((c) => c.parent === d.path)
  );
}
