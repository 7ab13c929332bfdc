import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect } from 'react';
import { AppShell } from './components/AppShell';
import { ConnectFlowDialogs } from './components/connect/ConnectFlowDialogs';
import { ErrorAlert } from './components/ErrorAlert';
import { appReadiness } from './lib/app-state';
import { ClusterRoute } from './pages/cluster/ClusterRoute';
import { HostDetailPage } from './pages/host-detail/HostDetailPage';
import { HostsPage } from './pages/hosts/HostsPage';
import { LbRoute } from './pages/lb/LbRoute';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { QueuePage } from './pages/queue/QueuePage';
import { SnapshotsRoute } from './pages/snapshots/SnapshotsRoute';
import { TopologyRoute } from './pages/topology/TopologyRoute';
import { useAppStore } from './stores/app-store';
import { useHostsStore } from './stores/hosts-store';
import { useUiStore } from './stores/ui-store';
import { theme } from './theme';

/** The whole renderer: readiness signal, shell, current page, connect-flow dialogs. */
export function App() {
  const infoLoaded = useAppStore((s) => s.info !== null);
  const infoError = useAppStore((s) => s.error);
  const hostsHydrated = useHostsStore((s) => s.hydrated);
  const hostsError = useHostsStore((s) => s.error);
  const page = useUiStore((s) => s.page);
  const readiness = appReadiness({ infoLoaded, hostsHydrated, infoError, hostsError });

  useEffect(() => {
    document.documentElement.dataset.appState = readiness;
  }, [readiness]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <div data-app-state={readiness}>
        <AppShell>
          {!infoLoaded && infoError !== null && (
            <ErrorAlert error={infoError} title="Reaching the engine" />
          )}
          {page.kind === 'overview' ? (
            <OverviewPage />
          ) : page.kind === 'hosts' ? (
            <HostsPage />
          ) : page.kind === 'host' ? (
            <HostDetailPage key={page.hostId} hostId={page.hostId} />
          ) : page.kind === 'cluster' ? (
            <ClusterRoute clusterId={page.clusterId} />
          ) : page.kind === 'lb' ? (
            <LbRoute clusterId={page.clusterId} />
          ) : page.kind === 'topology' ? (
            <TopologyRoute clusterId={page.clusterId} />
          ) : page.kind === 'snapshots' ? (
            <SnapshotsRoute key={page.clusterId} clusterId={page.clusterId} />
          ) : page.kind === 'queue' ? (
            <QueuePage />
          ) : (
            <NotFoundPage path={page.path} />
          )}
        </AppShell>
        <ConnectFlowDialogs />
      </div>
    </ThemeProvider>
  );
}
