import { useConnectFlow } from '../../flows/connect-flow';
import { useAppStore } from '../../stores/app-store';
import { useHostsStore } from '../../stores/hosts-store';
import { CredentialDialog } from './CredentialDialog';
import { HostKeyChangedDialog } from './HostKeyChangedDialog';
import { TrustKeyDialog } from './TrustKeyDialog';

/** The dialogs of the connect flow (trust, key changed, credential), whichever is current. */
export function ConnectFlowDialogs() {
  const dialog = useConnectFlow((s) => s.dialog);
  const busy = useConnectFlow((s) =>
    s.dialog === null ? false : s.busy[s.dialog.hostId] !== undefined,
  );
  const flow = useConnectFlow.getState;
  const hosts = useHostsStore((s) => s.hosts);
  const secretStore = useAppStore((s) => s.info?.secretStore);
  if (dialog === null) return null;
  const host = hosts.find((h) => h.id === dialog.hostId);
  switch (dialog.kind) {
    case 'trust':
      return (
        <TrustKeyDialog
          host={host}
          hostId={dialog.hostId}
          keyType={dialog.keyType}
          fingerprint={dialog.fingerprint}
          busy={busy}
          onTrust={() => void flow().trustShownKey()}
          onReject={() => flow().dismiss()}
        />
      );
    case 'keyChanged':
      return (
        <HostKeyChangedDialog
          host={host}
          hostId={dialog.hostId}
          error={dialog.error}
          confirmForget={dialog.confirmForget}
          busy={busy}
          onAskForget={(show) => flow().confirmForget(show)}
          onForget={() => void flow().forgetKey()}
          onClose={() => flow().dismiss()}
        />
      );
    case 'credential':
      return (
        <CredentialDialog
          key={dialog.hostId}
          host={host}
          hostId={dialog.hostId}
          credential={dialog.credential}
          error={dialog.error}
          canRemember={secretStore?.available === true}
          secretBackend={secretStore?.backend}
          busy={busy}
          onSubmit={(secret, remember) => void flow().submitCredential(secret, remember)}
          onCancel={() => flow().dismiss()}
        />
      );
  }
}
