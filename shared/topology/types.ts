import type { Cluster } from '../model/cluster';
import type { HostFacts } from '../model/facts';
import type { HostView } from '../model/host';
import type { HostQueueView } from '../model/queue';
import type { LbStatus } from '../lb/status';

/**
 * The cluster drawn as a graph: what goes in (the model, the last applied model and the live
 * state) and what comes out (nodes and edges with stable ids, see graph.ts). STRUCTURE (which
 * ids exist, their sizes) is kept apart from STATUS (state words, texts, pending marks): the
 * layout depends on the structure only, so a status change never moves anything.
 *
 * Ids: `internet`, `net:public`, `net:private`, `nat`, `vip:<address>`, `svc:<serviceId>`,
 * `host:<hostId>`, `storage`, `group:<first hostId>`. Edges: `serves:<serviceId>:<hostId>`
 * (or `:group:<first hostId>`), `mount:<hostId>` (or `mount:group:<first hostId>`),
 * `vip:<address>:<serviceId>`, `traffic:internet`, `traffic:<address>` (public network -> VIP),
 * `forward:<address>` (NAT -> VIP), `holds:<address>` (manager -> VIP), `export:<hostId>`
 * (storage host -> storage), `net:public:<hostId>` and `net:private:<hostId>`.
 */

/** Everything the graph is drawn from. Nothing in it is fetched by the pipeline. */
export interface TopologyInput {
  /** The desired model. */
  cluster: Cluster;
  /** The model as last applied; null when it never was (everything is then pending). */
  applied: Cluster | null;
  /** The hosts (names, addresses, connection state); a host without a view shows its id. */
  hosts: HostView[];
  /** The live load-balancer reading; null before the first one (real servers are `unknown`). */
  lb: LbStatus | null;
  /** The hosts' queues; a host without one counts as idle. */
  queues: HostQueueView[];
  /** The hosts' last probed facts, for the mounts (see mountState in host-state.ts). */
  facts?: Record<string, HostFacts | null>;
  /** Ids of node groups (`group:<first hostId>`) the user opened. */
  expanded?: string[];
  /** Nodes collapse into groups above this many nodes (default {@link GROUP_ABOVE}). */
  groupAbove?: number;
}

/** Above this many nodes, healthy nodes collapse into groups. */
export const GROUP_ABOVE = 24;
/** How many consecutive nodes (in model order) one group spans at most. */
export const GROUP_SIZE = 24;

export type TopologyNodeKind =
  | 'internet'
  | 'network'
  | 'nat'
  | 'vip'
  | 'service'
  | 'manager'
  | 'backup'
  | 'node'
  | 'storage'
  | 'group';

export type TopologyEdgeKind = 'traffic' | 'serves' | 'mount' | 'network' | 'forward';

/**
 * The state words of nodes and edges. Hosts: connection (`connected`, `connecting`,
 * `reconnecting`, `unreachable`, `disconnected`), queue (`running`, `waiting`, `halted`), lb
 * mode (`drain`, `maintenance`), `disabled`, `mount-missing`. Serves edges: the real server's
 * state from lb:status (`up`, `down`, `drain`, `maintenance`, `pending`, `extra`, `sorry`,
 * `unknown`). `ok` is anything without a live state of its own (a VIP, a network);
 * `removed` is in the applied model only.
 */
export type TopologyState =
  | 'ok'
  | 'up'
  | 'down'
  | 'drain'
  | 'maintenance'
  | 'pending'
  | 'extra'
  | 'sorry'
  | 'unknown'
  | 'connected'
  | 'connecting'
  | 'reconnecting'
  | 'unreachable'
  | 'disconnected'
  | 'running'
  | 'waiting'
  | 'halted'
  | 'disabled'
  | 'mount-missing'
  | 'removed';

/**
 * How a state reads at a glance; the UI maps each tone to one colour and one icon, so colour
 * is never the only signal (the state word and stateText are there too).
 */
export type TopologyTone = 'ok' | 'busy' | 'warn' | 'error' | 'muted';

/** One line of a side panel. */
export interface TopologyFact {
  label: string;
  value: string;
}

/** What the graph knows of a host's live state, for side panels and tables. */
export interface TopologyHostStatus {
  connection: TopologyState;
  /** The queue's status; `halted` with `queueError` (the failed head's last error). */
  queue: 'idle' | 'running' | 'waiting' | 'halted';
  queueError: string | null;
  /** The head item's title (running, waiting or halted), else null. */
  queueHead: string | null;
  queuePending: number;
  lbMode: 'active' | 'drain' | 'maintenance';
  enabled: boolean;
  /**
   * The site storage mount: `mounted` / `missing` as the facts say, `unknown` when no fact
   * tells (storage on the manager mounts /chroot/home, which the probe does not read),
   * `pending` while the host is not applied yet, `none` for a host that mounts nothing.
   */
  mount: 'mounted' | 'missing' | 'unknown' | 'pending' | 'none';
}

/** A collapsed run of healthy nodes. */
export interface TopologyGroupInfo {
  /** Every node of the group's span, in model order (the ones shown alone included). */
  hostIds: string[];
  /** The nodes inside the group node (the span less the ones shown alone). */
  memberIds: string[];
  /** How many nodes of the span are in each state. */
  counts: Partial<Record<TopologyState, number>>;
}

/** A node group of the graph and whether it is drawn open. */
export interface TopologyGroup {
  id: string;
  label: string;
  hostIds: string[];
  expanded: boolean;
}

export interface TopologyNode {
  id: string;
  kind: TopologyNodeKind;
  label: string;
  /** Lines under the label: addresses, roles, service facts (structure, not status). */
  sublabel: string[];
  state: TopologyState;
  /** The state for a person: "connected · queue halted: mkdir failed". */
  stateText: string;
  tone: TopologyTone;
  /** What differs between desired and applied ("new", "removed", "mode active -> drain"). */
  pending: string[];
  facts: TopologyFact[];
  /** Set on host nodes (manager, backup, node, external storage host). */
  hostId?: string;
  host?: TopologyHostStatus;
  group?: TopologyGroupInfo;
  /** The column of the layered layout: internet 0 ... storage last. */
  rank: number;
  /** The drawn size, from {@link nodeSize} (layout.ts). */
  width: number;
  height: number;
}

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  kind: TopologyEdgeKind;
  /** Short text on the edge (a weight, ports); null for none. */
  label: string | null;
  state: TopologyState;
  stateText: string;
  tone: TopologyTone;
  pending: string[];
  /** keepalived's own check verdict on a serves edge, when known. */
  check?: 'up' | 'down' | 'pending' | null;
}

export interface TopologyGraph {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** The node groups (present only when the cluster is above the grouping threshold). */
  groups?: TopologyGroup[];
}

/** A node's top-left corner and size as last laid out, by node id. */
export interface CachedPosition {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type PositionCache = Record<string, CachedPosition>;

/** What {@link layoutTopology} (layout.ts) returns. */
export interface TopologyLayout {
  positions: PositionCache;
  /** Ids placed this time (all of them on a first layout). */
  placed: string[];
  /** True when elkjs laid out the whole graph; false when cached positions were kept. */
  full: boolean;
  /** The bounds of every node. */
  width: number;
  height: number;
}
