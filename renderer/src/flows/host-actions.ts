import type { RequestInput } from '../../../shared/api/contract';
import type { HostView } from '../../../shared/model/host';
import { toErrorInfo } from '../../../shared/api/errors';
import { api } from '../api';
import { useFactsStore } from '../stores/facts-store';
import { useHostsStore } from '../stores/hosts-store';
import { useUiStore } from '../stores/ui-store';

/** Adds a host and puts it in the list; errors are thrown for the dialog to show. */
export async function addHost(input: RequestInput<'hosts:add'>): Promise<HostView> {
  const view = await api.hosts.add(input);
  useHostsStore.getState().upsert(view);
  return view;
}

/** Removes a host (after the user confirmed); errors go to the page error. */
export async function removeHost(hostId: string): Promise<void> {
  const ui = useUiStore.getState();
  const name = useHostsStore.getState().hosts.find((h) => h.id === hostId)?.name ?? hostId;
  try {
    await api.hosts.remove({ hostId });
    useHostsStore.getState().remove(hostId);
    useFactsStore.getState().forget(hostId);
    const page = useUiStore.getState().page;
    if (page.kind === 'host' && page.hostId === hostId) ui.showHosts();
  } catch (e) {
    ui.showError({ context: `Removing ${name}`, error: toErrorInfo(e) });
  }
}

/** Closes the host's SSH session; errors go to the page error. */
export async function disconnectHost(hostId: string): Promise<void> {
  try {
    useHostsStore.getState().upsert(await api.hosts.disconnect({ hostId }));
  } catch (e) {
    useUiStore.getState().showError({ context: 'Disconnecting', error: toErrorInfo(e) });
  }
}
