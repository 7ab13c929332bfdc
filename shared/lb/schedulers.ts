import type { HostFacts } from '../model/facts';
import type { Scheduler } from '../model/lb';

/**
 * Whether a host's facts show that its kernel has no IPVS at all: neither the modules fact
 * (loaded, built in, known to modinfo/modprobe) nor the ipvs fact found ip_vs. False when the
 * host was not probed. Either source finding ip_vs wins, so one blind spot never blocks.
 */
export function lacksIpvs(facts: HostFacts | null | undefined): boolean {
  if (!facts) return false;
  const m = facts.modules.ip_vs;
  return !m.loaded && !m.builtin && !m.available && facts.ipvs?.core !== true;
}

/**
 * The IPVS schedulers a host's kernel supports, in SCHEDULERS order, for offering and
 * validating a service's scheduler; `[]` when the kernel has no IPVS. Null when unknown: no
 * facts, facts probed before schedulers were asked, no module tree to look in (only loaded
 * modules are seen, and the kernel loads a scheduler on demand), or ip_vs found without any
 * scheduler (they live somewhere the probe does not look).
 */
export function supportedSchedulers(
  facts: HostFacts | null | undefined,
): readonly Scheduler[] | null {
  const ipvs = facts?.ipvs;
  if (!facts || ipvs === undefined || !ipvs.moduleTree) return null;
  if (lacksIpvs(facts)) return [];
  return ipvs.schedulers.length > 0 ? ipvs.schedulers : null;
}
