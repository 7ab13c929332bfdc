import { SCHEDULERS } from '../model/lb';
import type { IpvsFact, ModuleFact, ToolsFact } from '../model/facts';

/** Parses the tools section: `name=/path/or/empty` lines and `unit=` lines for NFS units. */
export function parseTools(text: string): ToolsFact {
  const found = new Set<string>();
  let nfsUnit = false;
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0) continue;
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (key === 'unit' && value !== '') nfsUnit = true;
    else if (value !== '') found.add(key);
  }
  return {
    ipvsadm: found.has('ipvsadm'),
    keepalived: found.has('keepalived'),
    exportfs: found.has('exportfs'),
    nfsServer: found.has('rpc.nfsd') || nfsUnit,
    nfsClient: found.has('mount.nfs'),
    quota: found.has('quota') || found.has('setquota'),
    rquotad: found.has('rpc.rquotad'),
  };
}

/** The modules the probe asks about. */
export const PROBED_MODULES = ['ip_vs', 'nfsd', 'nfs'] as const;
export type ProbedModule = (typeof PROBED_MODULES)[number];

/**
 * Parses the modules section (`name key=0|1 ...`). Loaded: in /proc/modules, in /sys/module
 * or its filesystem registered (containers often lack /proc/modules). Available: loaded,
 * built in, or known to modinfo / modprobe -n / modules.dep.
 */
export function parseModules(text: string): Record<ProbedModule, ModuleFact> {
  const flags = new Map<string, Map<string, boolean>>();
  for (const line of text.split('\n')) {
    const [name, ...pairs] = line.trim().split(/\s+/);
    if (!name) continue;
    const m = new Map<string, boolean>();
    for (const p of pairs) {
      const [k, v] = p.split('=');
      if (k) m.set(k, v === '1');
    }
    flags.set(name, m);
  }
  const fact = (name: ProbedModule): ModuleFact => {
    const f = flags.get(name) ?? new Map<string, boolean>();
    const on = (k: string): boolean => f.get(k) === true;
    const builtin = on('builtin');
    const loaded = on('proc_modules') || on('sys_module') || on('filesystems');
    const available = loaded || builtin || on('modinfo') || on('modprobe') || on('modules_dep');
    return { loaded, builtin, available };
  };
  return { ip_vs: fact('ip_vs'), nfsd: fact('nfsd'), nfs: fact('nfs') };
}

/** The module name of a path or listing entry: `.../ipvs/ip_vs_rr.ko.zst` -> `ip_vs_rr`. */
function moduleName(entry: string): string {
  return entry.slice(entry.lastIndexOf('/') + 1).replace(/\.ko(\.[A-Za-z0-9]+)?$/, '');
}

/** Keys of the ipvs section whose values name an ip_vs module the kernel has. */
const IPVS_MODULE_KEYS = new Set(['file', 'builtin', 'proc_modules', 'sys_module']);

/**
 * Parses the ipvs section: `module_tree=0|1`, `proc_net_ip_vs=1` (the core is loaded), and one
 * `key=entry` line per ip_vs module found as a file of the module tree (any compression), in
 * modules.builtin, in /proc/modules or in /sys/module. Schedulers keep SCHEDULERS order; other
 * ip_vs modules (ip_vs_ftp, ip_vs_pe_sip) are left out.
 */
export function parseIpvs(text: string): IpvsFact {
  let moduleTree = false;
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0) continue;
    const key = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (key === 'module_tree') moduleTree = value === '1';
    else if (key === 'proc_net_ip_vs' && value === '1') names.add('ip_vs');
    else if (IPVS_MODULE_KEYS.has(key) && value !== '') names.add(moduleName(value));
  }
  return {
    core: names.has('ip_vs'),
    schedulers: SCHEDULERS.filter((s) => names.has(`ip_vs_${s}`)),
    moduleTree,
  };
}
