import { useEffect, useMemo, useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { clusterHostIds } from '../../../../shared/model/cluster';
import type { HostFacts } from '../../../../shared/model/facts';
import type { LbStatus } from '../../../../shared/lb/status';
import { buildTopology } from '../../../../shared/topology/graph';
import type { TopologyGraph, TopologyInput } from '../../../../shared/topology/types';
import { useFactsStore } from '../../stores/facts-store';
import { useHostsStore } from '../../stores/hosts-store';
import { useLbStatusStore } from '../../stores/lb-status-store';
import { useQueueStore } from '../../stores/queue-store';
import { useLbStatusPolling } from '../lb/use-lb-status';
import { startLayoutWorker } from './layout-client';
import { createLayoutScheduler, type LayoutSnapshot } from './layout-scheduler';

/** What the topology page draws from. */
export interface TopologyData {
  graph: TopologyGraph;
  /** The live load-balancer reading the graph was built from (null before the first one). */
  lb: LbStatus | null;
  layout: LayoutSnapshot;
}

const NO_LAYOUT: LayoutSnapshot = { positions: {}, computing: true, layouts: 0, error: null };

/** The stored facts of the cluster's hosts (null: not probed), fetching the ones not loaded. */
function useClusterFacts(view: ClusterView): Record<string, HostFacts | null> {
  const ids = clusterHostIds(view.cluster, view.applied);
  const byHost = useFactsStore((s) => s.byHost);
  const load = useFactsStore((s) => s.load);
  const missing = ids
    .filter((id) => {
      const e = byHost[id];
      return e === undefined || (!e.loaded && !e.loading && e.error === null);
    })
    .join(' ');
  useEffect(() => {
    for (const id of missing.split(' ')) if (id !== '') void load(id);
  }, [missing, load]);
  const key = ids.join(' ');
  return useMemo(
    () => Object.fromEntries(key.split(' ').map((id) => [id, byHost[id]?.facts ?? null])),
    [key, byHost],
  );
}

/**
 * The cluster's graph from the stores (model, hosts, queues, facts and the lb:status polling
 * the load-balancing page uses too), rebuilt on every change, and its layout, computed in a
 * Web Worker only when the graph's structure changes: a status change never moves a node.
 */
export function useTopology(view: ClusterView, expanded: string[]): TopologyData {
  const clusterId = view.cluster.id;
  useLbStatusPolling(clusterId);
  const hosts = useHostsStore((s) => s.hosts);
  const lb = useLbStatusStore((s) => (s.clusterId === clusterId ? s.latest : null));
  const queuesByHost = useQueueStore((s) => s.byHost);
  const facts = useClusterFacts(view);

  const graph = useMemo(() => {
    const input: TopologyInput = {
      cluster: view.cluster,
      applied: view.applied,
      hosts,
      lb,
      queues: Object.values(queuesByHost),
      facts,
      expanded,
    };
    return buildTopology(input);
  }, [view, hosts, lb, queuesByHost, facts, expanded]);

  const [layout, setLayout] = useState<LayoutSnapshot>(NO_LAYOUT);
  const [scheduler, setScheduler] = useState<ReturnType<typeof createLayoutScheduler> | null>(null);
  useEffect(() => {
    const worker = startLayoutWorker();
    const s = createLayoutScheduler(worker.run, setLayout);
    setScheduler(s);
    return () => {
      s.dispose();
      worker.dispose();
    };
  }, []);
  useEffect(() => {
    scheduler?.request(graph);
  }, [scheduler, graph]);

  return { graph, lb, layout };
}
