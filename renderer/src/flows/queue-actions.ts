import { toErrorInfo } from '../../../shared/api/errors';
import type { HostQueueView } from '../../../shared/model/queue';
import { api } from '../api';
import { useHostsStore } from '../stores/hosts-store';
import { useQueueStore } from '../stores/queue-store';
import { useUiStore } from '../stores/ui-store';

function hostName(hostId: string): string {
  return useHostsStore.getState().hosts.find((h) => h.id === hostId)?.name ?? hostId;
}

/** Runs a queue action, stores the queue it returns; errors go to the page error. */
async function act(context: string, hostId: string, run: () => Promise<HostQueueView>) {
  try {
    useQueueStore.getState().setView(await run());
    return true;
  } catch (e) {
    useUiStore
      .getState()
      .showError({ context: `${context} on ${hostName(hostId)}`, error: toErrorInfo(e) });
    // The queue may have moved on meanwhile (e.g. the step finished): show what it is now.
    void useQueueStore.getState().loadHost(hostId);
    return false;
  }
}

/** Retries the failed head of a host's queue now. */
export function retryQueueNow(hostId: string): Promise<boolean> {
  return act('Retrying the step', hostId, () => api.queue.retryNow({ hostId }));
}

/** Skips the head step of a host's queue (after the user confirmed). */
export function skipQueueItem(hostId: string, itemId: number): Promise<boolean> {
  return act('Skipping the step', hostId, () => api.queue.skip({ hostId, itemId }));
}

/** Cancels every unfinished step of a host's queue (after the user confirmed). */
export function cancelQueue(hostId: string): Promise<boolean> {
  return act('Cancelling the queue', hostId, () => api.queue.cancel({ hostId }));
}
