import type { HostView } from '../../shared/model/host';
import type { Engine } from '../core/engine';

/** Parsed command-line flags. */
export type Flags = Record<string, string | boolean | undefined>;

/** What every command gets. */
export interface CliContext {
  engine: Engine;
  flags: Flags;
  /** Prints a line for people (stderr when --json, so stdout stays parseable). */
  say(line: string): void;
}

/** Finds a host by name or id, with an error naming the field. */
export function findHost(engine: Engine, nameOrId: string | undefined, field = 'host'): HostView {
  const host = engine.hosts.list().find((h) => h.name === nameOrId || h.id === nameOrId);
  if (!host) throw new Error(`${field}: no host named ${JSON.stringify(nameOrId ?? '')} (see: clusterdeck hosts list)`);
  return host;
}

/** Finds a cluster by name or id. */
export function findCluster(engine: Engine, nameOrId: string | undefined) {
  const view = engine.clusters.list().find((c) => c.cluster.name === nameOrId || c.cluster.id === nameOrId);
  if (!view) throw new Error(`cluster: no cluster named ${JSON.stringify(nameOrId ?? '')} (see: clusterdeck cluster list)`);
  return view;
}

/** Waits a little (polling loops). */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
