import { useEffect } from 'react';
import type { HostFacts } from '../../../../shared/model/facts';
import { useFactsStore } from '../../stores/facts-store';
import { useHostsStore } from '../../stores/hosts-store';

/** Every host's facts (null: not probed), fetching the stored ones not loaded yet. */
export function useHostsFacts(): Record<string, HostFacts | null> {
  const hosts = useHostsStore((s) => s.hosts);
  const byHost = useFactsStore((s) => s.byHost);
  const load = useFactsStore((s) => s.load);
  const missing = hosts
    .filter((h) => {
      const e = byHost[h.id];
      return e === undefined || (!e.loaded && !e.loading && e.error === null);
    })
    .map((h) => h.id)
    .join(' ');
  useEffect(() => {
    for (const id of missing.split(' ')) if (id !== '') void load(id);
  }, [missing, load]);
  return Object.fromEntries(hosts.map((h) => [h.id, byHost[h.id]?.facts ?? null]));
}
