import type { HostFacts } from './facts';

/** One way a node's system differs from the manager's, and the rule it breaks. */
export interface SystemDifference {
  /** What differs, e.g. "runs debian 12, the manager debian 13". */
  what: string;
  /** The rule, e.g. "nodes must run the manager's OS release". */
  rule: string;
}

/**
 * How a node's system differs from the manager's; [] when it does not. Nodes run the
 * manager's OS release and architecture: they get the same packages and configuration. The
 * setup wizard warns with it and cluster validation refuses with it.
 */
export function systemDifferences(node: HostFacts, manager: HostFacts): SystemDifference[] {
  const out: SystemDifference[] = [];
  if (node.os.id !== manager.os.id || node.os.versionId !== manager.os.versionId) {
    out.push({
      what: `runs ${node.os.id} ${node.os.versionId}, the manager ${manager.os.id} ${manager.os.versionId}`,
      rule: "nodes must run the manager's OS release",
    });
  }
  if (node.arch !== manager.arch) {
    out.push({
      what: `is ${node.arch}, the manager ${manager.arch}`,
      rule: "nodes must have the manager's architecture",
    });
  }
  return out;
}
