import type { HostFacts } from '../model/facts';
import { parseLsblkJson } from './parse-block-devices';
import { parseDiskSection } from './parse-disk';
import { parseIpvs, parseModules, parseTools } from './parse-kernel';
import { parseDefaultRoutes, parseIpAddrJson, parseIpAddrOneline } from './parse-network';
import { parseHostname, parseOsRelease, parseUname, parseVirt } from './parse-system';

/** Facts before assessment. */
export type RawHostFacts = Omit<HostFacts, 'checks'>;

/** Paths whose filesystems the probe reports, in order. */
export const DISK_PATHS = ['/', '/home', '/chroot'] as const;

/**
 * Builds facts from the probe's sections. Throws if the output is cut short (no `end`
 * section), since half the facts would then look like missing features. A section that the
 * output lacks although it has `end` (a capture older than the section) leaves its optional
 * fact out: unknown, not absent.
 */
export function factsFromSections(
  sections: ReadonlyMap<string, string>,
  meta: { probedAt: string; clock: { skewMs: number; rttMs: number } },
): RawHostFacts {
  if (!sections.has('end')) throw new Error('the probe output is incomplete (no end section)');
  const get = (name: string): string => sections.get(name) ?? '';
  const { kernel, arch } = parseUname(get('uname'));
  const interfaces = sections.has('ip-addr-json')
    ? parseIpAddrJson(get('ip-addr-json'))
    : parseIpAddrOneline(get('ip-addr-oneline'));
  return {
    probedAt: meta.probedAt,
    os: parseOsRelease(get('os-release')),
    kernel,
    arch,
    hostname: parseHostname(get('hostname')),
    virtualization: parseVirt(get('virt')),
    interfaces,
    defaultRoutes: [...parseDefaultRoutes(get('route4')), ...parseDefaultRoutes(get('route6'))],
    disks: DISK_PATHS.map((p) => parseDiskSection(p, get(`disk ${p}`))),
    tools: parseTools(get('tools')),
    modules: parseModules(get('modules')),
    ...(sections.has('ipvs') ? { ipvs: parseIpvs(get('ipvs')) } : {}),
    ...(sections.has('lsblk') ? { blockDevices: parseLsblkJson(get('lsblk')) } : {}),
    clock: meta.clock,
  };
}
