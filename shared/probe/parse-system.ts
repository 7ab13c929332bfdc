import type { VirtualizationFact } from '../model/facts';

/** The OS as /etc/os-release describes it. */
export interface OsRelease {
  id: string;
  versionId: string;
  prettyName: string;
  idLike: string[];
}

/** Unquotes one os-release value (shell-like: "..." with \-escapes, or '...'). */
function unquote(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"'))
    return v.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  return v;
}

/** Parses os-release(5) text; missing keys become '' (ID defaults to `linux` as the spec says). */
export function parseOsRelease(text: string): OsRelease {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) kv.set(m[1], unquote(m[2]));
  }
  return {
    id: (kv.get('ID') ?? 'linux').toLowerCase() || 'linux',
    versionId: kv.get('VERSION_ID') ?? '',
    prettyName: kv.get('PRETTY_NAME') ?? kv.get('NAME') ?? '',
    idLike: (kv.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
  };
}

/** Parses the `uname -r; uname -m` section. */
export function parseUname(text: string): { kernel: string; arch: string } {
  const [kernel = '', arch = ''] = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { kernel, arch };
}

/** Parses the hostname section. */
export function parseHostname(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

const CONTAINER_KINDS = new Set([
  'openvz',
  'lxc',
  'lxc-libvirt',
  'systemd-nspawn',
  'docker',
  'podman',
  'rkt',
  'wsl',
  'proot',
  'pouch',
  'container-other',
]);

/**
 * Parses the virt section: systemd-detect-virt's word plus marker files, which still tell
 * OpenVZ (/proc/vz without /proc/bc), Docker and Podman apart where systemd is missing.
 */
export function parseVirt(text: string): VirtualizationFact {
  let detected = '';
  let systemdContainer = '';
  const exists = new Set<string>();
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split('=');
    const value = rest.join('=').trim();
    if (key === 'detect_virt') detected = value;
    else if (key === 'exists') exists.add(value);
    else if (key === 'systemd_container') systemdContainer = value;
  }
  const openVzFiles =
    (exists.has('/proc/vz') && !exists.has('/proc/bc')) || exists.has('/proc/user_beancounters');
  let kind = detected;
  if (kind === '' || kind === 'none') {
    if (openVzFiles) kind = 'openvz';
    else if (exists.has('/.dockerenv')) kind = 'docker';
    else if (exists.has('/run/.containerenv')) kind = 'podman';
    else if (systemdContainer !== '') kind = systemdContainer;
    else kind = detected === '' ? 'unknown' : 'none';
  }
  const isOpenVz = kind === 'openvz' || (openVzFiles && !exists.has('/proc/bc'));
  const isContainer =
    CONTAINER_KINDS.has(kind) ||
    isOpenVz ||
    exists.has('/.dockerenv') ||
    exists.has('/run/.containerenv') ||
    systemdContainer !== '';
  return { kind, isContainer, isOpenVz };
}
