import { ifindexPath, networkdLinkPath } from '../base/remote-paths';

/**
 * Parsers of the files the planner reads from cluster hosts (see observationsFor):
 * /etc/passwd and /etc/group, /proc/mounts and /etc/fstab, systemd-networkd's link state.
 */

/**
 * The .network file systemd-networkd applied to an interface, from the files observed on the
 * manager (the interface's ifindex, then networkd's state file of that link); undefined when
 * not (yet) known or the link is not managed by networkd.
 */
export function networkFileOf(
  files: Record<string, string | null>,
  iface: string,
): string | undefined {
  const index = files[ifindexPath(iface)]?.trim();
  if (index === undefined || !/^[0-9]+$/.test(index)) return undefined;
  const state = files[networkdLinkPath(index)];
  // Only a plain .network file in one of networkd's folders: the host's text becomes a path.
  const m = state?.match(
    /^NETWORK_FILE=((?:\/etc|\/run|\/usr\/lib|\/lib|\/usr\/local\/lib)\/systemd\/network\/[A-Za-z0-9._@-]+\.network)$/m,
  );
  return m?.[1];
}

/** One entry of /etc/passwd or /etc/group: name and numeric id. */
export interface IdEntry {
  name: string;
  id: number;
}

/** Parses /etc/passwd or /etc/group text into names and ids (third field). */
export function parseIdFile(text: string | null | undefined): IdEntry[] {
  if (!text) return [];
  return text
    .split('\n')
    .map((l) => l.split(':'))
    .filter((p) => p.length >= 3 && p[0] !== '' && /^[0-9]+$/.test(p[2] ?? ''))
    .map((p) => ({ name: p[0] ?? '', id: Number(p[2]) }));
}

/** One line of /proc/mounts or /etc/fstab. */
export interface MountEntry {
  source: string;
  target: string;
  fsType: string;
  options: string[];
  /** The raw line, comments included. */
  line: string;
}

/** Parses /proc/mounts or /etc/fstab (comment and blank lines skipped; octal escapes kept). */
export function parseMounts(text: string | null | undefined): MountEntry[] {
  if (!text) return [];
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [source = '', target = '', fsType = '', opts = ''] = t.split(/\s+/);
    out.push({ source, target, fsType, options: opts.split(','), line });
  }
  return out;
}

/** The mount that holds `path` (longest mount point that is a prefix of it). */
export function mountFor(mounts: MountEntry[], path: string): MountEntry | undefined {
  const within = (m: MountEntry): boolean =>
    m.target === '/' || path === m.target || path.startsWith(`${m.target}/`);
  return mounts.filter(within).sort((a, b) => b.target.length - a.target.length)[0];
}

/** Whether mount options turn user and group quotas on (ext4 journaled or not, XFS). */
export function hasQuotaOptions(options: readonly string[]): { user: boolean; group: boolean } {
  const has = (...names: string[]): boolean =>
    options.some((o) => names.some((n) => o === n || o.startsWith(`${n}=`)));
  return {
    user: has('usrquota', 'usrjquota', 'quota', 'uquota', 'uqnoenforce'),
    group: has('grpquota', 'grpjquota', 'gquota', 'gqnoenforce'),
  };
}
