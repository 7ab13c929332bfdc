import { useClustersStore } from '../stores/clusters-store';
import { useFactsStore } from '../stores/facts-store';
import { useHostsStore } from '../stores/hosts-store';
import { useLbDriftStore } from '../stores/lb-drift-store';
import { useLbStatusStore } from '../stores/lb-status-store';
import { useQueueStore } from '../stores/queue-store';
import { useTasksStore } from '../stores/tasks-store';

/**
 * After the api switched to or from a snapshot: forgets what came from the other source (facts,
 * runs, load-balancing readings, drift, tasks, the last apply) and fetches the lists again. The
 * lists are replaced when their answers land; a page that shows facts or a reading asks again
 * when it finds none.
 */
export async function reloadDataStores(): Promise<void> {
  useFactsStore.setState({ byHost: {} });
  useQueueStore.setState({ runs: {} });
  useLbStatusStore.setState({ clusterId: null, last: null, latest: null, requestError: null });
  useLbDriftStore.setState({ clusterId: null, report: null, error: null, checking: false });
  useTasksStore.setState({ byId: {}, error: null });
  useClustersStore.setState({ lastApply: null });
  await Promise.all([
    useHostsStore.getState().refresh(),
    useQueueStore.getState().refresh(),
    useClustersStore.getState().refresh(),
    useTasksStore.getState().refresh(),
  ]);
}
