import type { HostFacts } from '../../../../../shared/model/facts';
import type { HostView } from '../../../../../shared/model/host';
import { formatEndpoint } from '../../../lib/format';

/** Props of {@link HostOptions}. */
export interface HostOptionsProps {
  hosts: HostView[];
  facts: Record<string, HostFacts | null>;
  /** Host ids that cannot be chosen here (e.g. the manager among nodes). */
  exclude?: string[];
}

/**
 * The `<option>`s of a native host picker, each host with its address and SSH port: connected
 * or probed hosts can be chosen.
 */
export function HostOptions({ hosts, facts, exclude = [] }: HostOptionsProps) {
  return (
    <>
      <option value="">Choose a host…</option>
      {hosts
        .filter((h) => !exclude.includes(h.id))
        .map((h) => {
          const probed = (facts[h.id] ?? null) !== null;
          const usable = probed || h.state === 'connected';
          const note = usable ? (probed ? '' : ' (not probed yet)') : ' (connect and probe first)';
          return (
            <option key={h.id} value={h.id} disabled={!usable}>
              {h.name} — {formatEndpoint(h.address, h.port)}
              {note}
            </option>
          );
        })}
    </>
  );
}
