import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BalanceIcon from '@mui/icons-material/Balance';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DnsIcon from '@mui/icons-material/Dns';
import HubIcon from '@mui/icons-material/Hub';
import PlaylistPlayIcon from '@mui/icons-material/PlaylistPlay';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { selectAnyQueueRunning } from '../lib/queue-activity';
import { SnapshotBanner } from '../snapshot/SnapshotBanner';
import { SnapshotOpener } from '../snapshot/SnapshotOpener';
import { useAppStore } from '../stores/app-store';
import { selectHaltedCount, useQueueStore } from '../stores/queue-store';
import { useUiStore } from '../stores/ui-store';
import { ConnectionBanner } from './ConnectionBanner';
import { ErrorAlert } from './ErrorAlert';
import { TasksIndicator } from './TasksIndicator';

const NAV_WIDTH = 220;

/** The nav item of the page shown: selected, and announced as the current page. */
const navCurrent = (current: boolean) =>
  current ? { selected: true, 'aria-current': 'page' as const } : { selected: false };

/** The window frame: left navigation, the engine link banner, the page error, the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const page = useUiStore((s) => s.page);
  const showOverview = useUiStore((s) => s.showOverview);
  const showHosts = useUiStore((s) => s.showHosts);
  const showQueue = useUiStore((s) => s.showQueue);
  const showCluster = useUiStore((s) => s.showCluster);
  const showLoadBalancing = useUiStore((s) => s.showLoadBalancing);
  const navigate = useUiStore((s) => s.navigate);
  const halted = useQueueStore(selectHaltedCount);
  const queueRunning = useQueueStore(selectAnyQueueRunning);
  const queueNote = [queueRunning ? 'running' : null, halted > 0 ? `${halted} halted` : null]
    .filter((t) => t !== null)
    .join(' · ');
  const pageError = useUiStore((s) => s.pageError);
  const showError = useUiStore((s) => s.showError);
  const version = useAppStore((s) => s.info?.version);
  const mode = useAppStore((s) => s.info?.mode);

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Drawer
        variant="permanent"
        sx={{
          width: NAV_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: NAV_WIDTH, boxSizing: 'border-box' },
        }}
      >
        <Toolbar
          sx={{
            flexDirection: 'column',
            alignItems: 'flex-start',
            justifyContent: 'center',
          }}
        >
          <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
            ClusterDeck
          </Typography>
          {version !== undefined && (
            <Typography variant="caption" color="text.secondary" data-testid="app-version">
              v{version}
              {mode === 'browser' ? ' · browser mode' : ''}
            </Typography>
          )}
        </Toolbar>
        <Box component="nav" aria-label="Main">
          <List>
            <ListItem disablePadding>
              <ListItemButton
                {...navCurrent(page.kind === 'overview')}
                onClick={showOverview}
                data-testid="nav-overview"
              >
                <ListItemIcon>
                  <DashboardIcon />
                </ListItemIcon>
                <ListItemText primary="Overview" />
              </ListItemButton>
            </ListItem>
            <ListItem disablePadding>
              <ListItemButton
                {...navCurrent(page.kind === 'hosts' || page.kind === 'host')}
                onClick={showHosts}
                data-testid="nav-hosts"
              >
                <ListItemIcon>
                  <DnsIcon />
                </ListItemIcon>
                <ListItemText primary="Hosts" />
              </ListItemButton>
            </ListItem>
            <ListItem disablePadding>
              <ListItemButton
                {...navCurrent(page.kind === 'queue')}
                onClick={showQueue}
                data-testid="nav-queue"
              >
                <ListItemIcon>
                  <Badge badgeContent={halted} color="error" data-testid="nav-queue-halted">
                    <PlaylistPlayIcon />
                  </Badge>
                </ListItemIcon>
                <ListItemText
                  primary="Queue"
                  {...(queueNote !== '' ? { secondary: queueNote } : {})}
                />
                {queueRunning && (
                  <CircularProgress size={16} aria-hidden data-testid="nav-queue-running" />
                )}
              </ListItemButton>
            </ListItem>
            <ListItem disablePadding>
              <ListItemButton
                {...navCurrent(page.kind === 'cluster' || page.kind === 'snapshots')}
                onClick={() => showCluster()}
                data-testid="nav-cluster"
              >
                <ListItemIcon>
                  <AccountTreeIcon />
                </ListItemIcon>
                <ListItemText primary="Cluster" />
              </ListItemButton>
            </ListItem>
            <ListItem disablePadding>
              <ListItemButton
                {...navCurrent(page.kind === 'lb')}
                onClick={() => showLoadBalancing()}
                data-testid="nav-load-balancing"
              >
                <ListItemIcon>
                  <BalanceIcon />
                </ListItemIcon>
                <ListItemText primary="Load balancing" />
              </ListItemButton>
            </ListItem>
            <ListItem disablePadding>
              <ListItemButton
                {...navCurrent(page.kind === 'topology')}
                onClick={() => navigate({ kind: 'topology', clusterId: null })}
                data-testid="nav-topology"
              >
                <ListItemIcon>
                  <HubIcon />
                </ListItemIcon>
                <ListItemText primary="Topology" />
              </ListItemButton>
            </ListItem>
          </List>
        </Box>
        <Box sx={{ mt: 'auto', borderTop: 1, borderColor: 'divider' }}>
          <SnapshotOpener />
          <TasksIndicator />
        </Box>
      </Drawer>
      <Box
        component="main"
        sx={{
          flexGrow: 1,
          minWidth: 0,
          display: 'flex',
          flexDirection: 'column',
        }}
      >
        <ConnectionBanner />
        <SnapshotBanner />
        <Box sx={{ p: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
          {pageError !== null && (
            <ErrorAlert
              error={pageError.error}
              title={pageError.context}
              onClose={() => showError(null)}
            />
          )}
          {children}
        </Box>
      </Box>
    </Box>
  );
}
