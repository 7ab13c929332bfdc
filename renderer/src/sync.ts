import { events } from '../../shared/api/contract';
import { api, engineLink } from './api';
import { useAppStore } from './stores/app-store';
import { useClustersStore } from './stores/clusters-store';
import { useConnectionStore } from './stores/connection-store';
import { useFactsStore } from './stores/facts-store';
import { useHostsStore } from './stores/hosts-store';
import { useQueueStore } from './stores/queue-store';
import { useTasksStore } from './stores/tasks-store';

function hydrate(): Promise<void> {
  // Facts already shown may have changed while events could not reach us.
  const shownFacts = Object.entries(useFactsStore.getState().byHost)
    .filter(([, entry]) => entry.loaded)
    .map(([hostId]) => useFactsStore.getState().load(hostId));
  return Promise.all([
    useAppStore.getState().load(),
    useHostsStore.getState().refresh(),
    useQueueStore.getState().refresh(),
    useClustersStore.getState().refresh(),
    useTasksStore.getState().refresh(),
    ...shownFacts,
  ]).then(() => undefined);
}

/**
 * Wires the stores to the engine: subscribes to every event first, then says ready (the engine
 * queues events until then), then hydrates. After a lost link comes back, hydrates again,
 * since events were missed meanwhile. Returns the function that undoes the wiring.
 */
export function startEngineSync(): () => void {
  const offs = [
    api.on('host:status', (payload) => {
      const p = events['host:status'].safeParse(payload);
      if (p.success) useHostsStore.getState().applyStatus(p.data);
      else console.warn('ignored malformed host:status event', p.error.issues);
    }),
    api.on('hosts:changed', () => useHostsStore.getState().scheduleRefresh()),
    api.on('host:facts', (payload) => {
      const p = events['host:facts'].safeParse(payload);
      if (p.success) {
        useFactsStore.getState().setFacts(p.data.hostId, p.data.facts);
        // The clusters' findings are judged against the latest facts.
        useClustersStore.getState().scheduleRefresh();
      } else console.warn('ignored malformed host:facts event', p.error.issues);
    }),
    api.on('queue:changed', (payload) => {
      const p = events['queue:changed'].safeParse(payload);
      if (p.success) useQueueStore.getState().scheduleHost(p.data.hostId);
      else console.warn('ignored malformed queue:changed event', p.error.issues);
    }),
    api.on('clusters:changed', () => useClustersStore.getState().scheduleRefresh()),
    api.on('task:updated', (payload) => {
      const p = events['task:updated'].safeParse(payload);
      if (p.success) useTasksStore.getState().update(p.data);
      else console.warn('ignored malformed task:updated event', p.error.issues);
    }),
    api.on('apply:finished', (payload) => {
      const p = events['apply:finished'].safeParse(payload);
      if (p.success) useClustersStore.getState().applyFinished(p.data);
      else console.warn('ignored malformed apply:finished event', p.error.issues);
    }),
    engineLink.onStatus((status) => {
      const before = useConnectionStore.getState();
      useConnectionStore.setState({
        status,
        everConnected: before.everConnected || status === 'connected',
      });
      // Events were missed while the link was down, or the first hydration failed with it.
      const stale =
        before.everConnected ||
        useHostsStore.getState().error !== null ||
        useAppStore.getState().error !== null;
      if (status === 'connected' && before.status !== 'connected' && stale) void hydrate();
    }),
  ];
  const status = engineLink.status();
  useConnectionStore.setState({ status, everConnected: status === 'connected' });
  engineLink.ready();
  void hydrate();
  return () => offs.forEach((off) => off());
}
