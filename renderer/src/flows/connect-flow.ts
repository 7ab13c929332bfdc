import { create } from 'zustand';
import type { Api } from '../../../shared/api/client';
import { toErrorInfo, type ErrorInfo } from '../../../shared/api/errors';
import type { HostView } from '../../../shared/model/host';
import { api } from '../api';
import { useFactsStore, type FactsState } from '../stores/facts-store';
import { useHostsStore, type HostsState } from '../stores/hosts-store';
import { useUiStore, type UiState } from '../stores/ui-store';
import { classifyConnectError } from './connect-steps';

/** The dialog the connect flow shows, if any. */
export type FlowDialog =
  | { kind: 'trust'; hostId: string; keyType: string; fingerprint: string }
  | { kind: 'keyChanged'; hostId: string; error: ErrorInfo; confirmForget: boolean }
  | {
      kind: 'credential';
      hostId: string;
      credential: 'password' | 'passphrase';
      error: ErrorInfo | null;
    };

/** What a host is busy with, for spinners and disabled buttons. */
export type HostActivity = 'connecting' | 'trusting' | 'probing' | 'forgetting';

/** State and actions of the connect flow (connect, trust, credentials, probe). */
export interface ConnectFlowState {
  dialog: FlowDialog | null;
  busy: Record<string, HostActivity>;
  /** Connects, walking through trust and credential prompts, then probes and opens the host. */
  connect: (hostId: string, secret?: { secret: string; remember: boolean }) => Promise<void>;
  /** Probes a host; a probe that needs a connection first goes through the same prompts. */
  probe: (hostId: string, options?: { open?: boolean }) => Promise<void>;
  /** Trusts the key shown in the trust dialog, then connects. */
  trustShownKey: () => Promise<void>;
  /** Submits the secret typed into the credential dialog. */
  submitCredential: (secret: string, remember: boolean) => Promise<void>;
  /** Shows or hides the risk confirmation of "forget the old key". */
  confirmForget: (show: boolean) => void;
  /** Forgets the host's trusted key (after the admin confirmed), then connects again. */
  forgetKey: () => Promise<void>;
  /** Closes the current dialog. */
  dismiss: () => void;
}

interface StoreHandle<T> {
  getState(): T;
}

/** What the flow acts on; tests pass fakes. */
export interface ConnectFlowDeps {
  api: Pick<Api, 'hosts'>;
  hosts: StoreHandle<Pick<HostsState, 'hosts' | 'upsert'>>;
  facts: StoreHandle<Pick<FactsState, 'probe'>>;
  ui: StoreHandle<Pick<UiState, 'openHost' | 'showError'>>;
}

/** Builds the connect flow store. */
export function createConnectFlow(deps: ConnectFlowDeps) {
  return create<ConnectFlowState>()((set, get) => {
    const hostLabel = (hostId: string) => {
      const h: HostView | undefined = deps.hosts.getState().hosts.find((x) => x.id === hostId);
      return h === undefined ? hostId : h.name;
    };
    const setBusy = (hostId: string, activity: HostActivity | null) => {
      const { [hostId]: _old, ...rest } = get().busy;
      set({ busy: activity === null ? rest : { ...rest, [hostId]: activity } });
    };
    const fail = (hostId: string, action: string, e: unknown, fromCredential = false) => {
      const error = toErrorInfo(e);
      const next = classifyConnectError(error);
      switch (next.kind) {
        case 'trust':
          set({
            dialog: { kind: 'trust', hostId, keyType: next.keyType, fingerprint: next.fingerprint },
          });
          return;
        case 'keyChanged':
          set({ dialog: { kind: 'keyChanged', hostId, error: next.error, confirmForget: false } });
          return;
        case 'credential':
          // Asked again right after a secret was given: that secret did not work.
          set({
            dialog: {
              kind: 'credential',
              hostId,
              credential: next.credential,
              error: fromCredential ? error : null,
            },
          });
          return;
        case 'error': {
          const dialog = get().dialog;
          if (fromCredential && dialog?.kind === 'credential' && dialog.hostId === hostId) {
            // Wrong password: keep the prompt open so the admin can retry.
            set({ dialog: { ...dialog, error: next.error } });
            return;
          }
          set({ dialog: null });
          deps.ui
            .getState()
            .showError({ context: `${action} ${hostLabel(hostId)}`, error: next.error });
        }
      }
    };

    const connectWith = async (hostId: string, secret?: { secret: string; remember: boolean }) => {
      deps.ui.getState().showError(null);
      setBusy(hostId, 'connecting');
      let view: HostView;
      try {
        view = await deps.api.hosts.connect(
          secret === undefined
            ? { hostId }
            : { hostId, secret: secret.secret, rememberSecret: secret.remember },
        );
      } catch (e) {
        setBusy(hostId, null);
        fail(hostId, 'Connecting to', e, secret !== undefined);
        return;
      }
      deps.hosts.getState().upsert(view);
      set({ dialog: null });
      setBusy(hostId, null);
      await get().probe(hostId, { open: true });
    };

    return {
      dialog: null,
      busy: {},
      connect: connectWith,
      async probe(hostId, options) {
        deps.ui.getState().showError(null);
        if (options?.open === true) deps.ui.getState().openHost(hostId);
        setBusy(hostId, 'probing');
        try {
          await deps.facts.getState().probe(hostId);
        } catch (e) {
          fail(hostId, 'Probing', e);
        } finally {
          setBusy(hostId, null);
        }
      },
      async trustShownKey() {
        const dialog = get().dialog;
        if (dialog?.kind !== 'trust') return;
        const { hostId, keyType, fingerprint } = dialog;
        setBusy(hostId, 'trusting');
        try {
          deps.hosts
            .getState()
            .upsert(await deps.api.hosts.trustKey({ hostId, keyType, fingerprint }));
        } catch (e) {
          setBusy(hostId, null);
          fail(hostId, 'Trusting the key of', e);
          return;
        }
        set({ dialog: null });
        await connectWith(hostId);
      },
      async submitCredential(secret, remember) {
        const dialog = get().dialog;
        if (dialog?.kind !== 'credential') return;
        set({ dialog: { ...dialog, error: null } });
        await connectWith(dialog.hostId, { secret, remember });
      },
      confirmForget(show) {
        const dialog = get().dialog;
        if (dialog?.kind === 'keyChanged') set({ dialog: { ...dialog, confirmForget: show } });
      },
      async forgetKey() {
        const dialog = get().dialog;
        if (dialog?.kind !== 'keyChanged') return;
        const { hostId } = dialog;
        setBusy(hostId, 'forgetting');
        try {
          deps.hosts.getState().upsert(await deps.api.hosts.forgetKey({ hostId }));
        } catch (e) {
          setBusy(hostId, null);
          fail(hostId, 'Forgetting the key of', e);
          return;
        }
        set({ dialog: null });
        // Connecting again shows the new key for verification before anything is trusted.
        await connectWith(hostId);
      },
      dismiss: () => set({ dialog: null }),
    };
  });
}

/** The renderer's connect flow. */
export const useConnectFlow = createConnectFlow({
  api,
  hosts: useHostsStore,
  facts: useFactsStore,
  ui: useUiStore,
});
