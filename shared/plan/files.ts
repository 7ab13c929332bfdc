import { parseMounts } from '../probe/parse-host-files';
import { sh } from '../shell/quote';

/** The trailing comment that marks the /etc/fstab lines ClusterDeck owns (libmount ignores it). */
export const FSTAB_MARK = '# clusterdeck';

/**
 * NFS export options: synchronous writes, and root of the client hosts squashed to nobody, so
 * a compromised node cannot create, chown or replace files on the homes as root. Root's work
 * on the homes (creating them, quotas, document roots) runs on the storage host itself.
 */
export const EXPORT_OPTIONS = 'rw,sync,no_subtree_check,root_squash';

/**
 * Per-mount flags of every mount of the shared data: no setuid/setgid binary and no device
 * node on the storage takes effect, whoever put it there.
 */
export const SAFE_MOUNT_FLAGS = 'nosuid,nodev';

/**
 * NFS client options: `hard` so a manager restart stalls sites instead of corrupting writes,
 * `_netdev` so boot waits for the network, NFS 4.2 (proven with quotas through rquotad),
 * nosuid and nodev.
 */
export const NFS_MOUNT_OPTIONS = `defaults,_netdev,${SAFE_MOUNT_FLAGS},hard,vers=4.2`;

/** One /etc/fstab entry ClusterDeck adds. */
export interface FstabEntry {
  source: string;
  target: string;
  fsType: string;
  options: string;
  pass: number;
}

/** A shell test: the entry's source is mounted at its target, with nosuid and nodev. */
export function mountedSafely(e: FstabEntry): string {
  return sh`findmnt -n -O ${SAFE_MOUNT_FLAGS} --source ${e.source} --mountpoint ${e.target} >/dev/null`;
}

/**
 * Mounts the entry from /etc/fstab (nothing when it is mounted so already), or, when its source
 * is mounted there already without nosuid/nodev (a mount from before they were planned),
 * remounts it with them in place: the sites keep running. Anything else mounted at the target
 * is left alone (the verify fails).
 */
export function mountNowCommand(e: FstabEntry): string {
  const ours = sh`findmnt -n --source ${e.source} --mountpoint ${e.target} >/dev/null`;
  return `if ${mountedSafely(e)}; then :; elif ${ours}; then ${sh`mount -o ${`remount,${SAFE_MOUNT_FLAGS}`} ${e.target}`}; elif ! ${sh`mountpoint -q ${e.target}`}; then ${sh`mount ${e.target}`}; fi`;
}

/** The fstab line of an entry, marked as ClusterDeck's. */
export function fstabLine(e: FstabEntry): string {
  return `${e.source} ${e.target} ${e.fsType} ${e.options} 0 ${e.pass} ${FSTAB_MARK}`;
}

function isOurs(line: string, target: string): boolean {
  if (!line.trimEnd().endsWith(FSTAB_MARK)) return false;
  return parseMounts(line)[0]?.target === target;
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * /etc/fstab with ClusterDeck's entry for `entry.target` (replacing an older one of ours in
 * place, else appended). Every other line stays as it is.
 */
export function fstabWith(current: string | null, entry: FstabEntry): string {
  const text = withFinalNewline(current ?? '');
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const line = fstabLine(entry);
  const at = lines.findIndex((l) => isOurs(l, entry.target));
  if (at >= 0) {
    lines[at] = line;
    return `${lines.filter((l, i) => i === at || !isOurs(l, entry.target)).join('\n')}\n`;
  }
  return `${text}${line}\n`;
}

/** /etc/fstab without ClusterDeck's entry for `target`; other lines untouched. */
export function fstabWithout(current: string | null, target: string): string | null {
  if (current === null) return null;
  const lines = current.split('\n');
  return lines.filter((l) => !isOurs(l, target)).join('\n');
}

/** Whether /etc/fstab has ClusterDeck's entry for `target`. */
export function hasOurFstabEntry(current: string | null, target: string): boolean {
  return (current ?? '').split('\n').some((l) => isOurs(l, target));
}

/**
 * The cluster's exports file. With no client it exports nothing: a line without clients
 * would export to the whole world.
 */
export function exportsFile(clusterName: string, path: string, clients: readonly string[]): string {
  const head = `# Managed by ClusterDeck (cluster ${clusterName}): ${path} for the cluster's hosts. Changes are overwritten.\n`;
  if (clients.length === 0) return `${head}# No host to export to yet.\n`;
  return `${head}${path} ${clients.map((c) => `${c}(${EXPORT_OPTIONS})`).join(' ')}\n`;
}
