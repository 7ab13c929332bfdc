import AddIcon from '@mui/icons-material/Add';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import HubIcon from '@mui/icons-material/Hub';
import PhotoLibraryIcon from '@mui/icons-material/PhotoLibrary';
import PreviewIcon from '@mui/icons-material/Preview';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo } from '../../../../shared/api/errors';
import { ClusterSelect } from '../../components/ClusterSelect';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { forgetCluster } from '../../flows/cluster-actions';
import { useClusterPlan } from '../../flows/cluster-plan';
import { describeStorage, layoutLabel } from '../../lib/cluster-model';
import { formatRoute } from '../../lib/routes';
import { useHostsStore } from '../../stores/hosts-store';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { Writable } from '../../snapshot';
import { useSetupStore } from './setup/setup-store';

/** Name, layout, manager, quorum IP and storage of a cluster, with its plan actions. */
export function ClusterHeader({ view, clusters }: { view: ClusterView; clusters: ClusterView[] }) {
  const c = view.cluster;
  const hosts = useHostsStore((s) => s.hosts);
  const preview = useClusterPlan((s) => s.preview);
  const startSetup = useSetupStore((s) => s.start);
  const showCluster = useUiStore((s) => s.showCluster);
  const navigate = useUiStore((s) => s.navigate);
  const showError = useUiStore((s) => s.showError);
  const [forget, setForget] = useState(false);
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const m = c.manager;
  const facts: [string, string][] = [
    ['Layout', layoutLabel(c.layout)],
    [
      'Manager',
      `${hostName(m.hostId)} · public ${m.publicIp}${m.privateIp ? ` · private ${m.privateIp}` : ''}`,
    ],
    [
      'Quorum IP',
      `${m.quorumIp}/${m.quorumPrefix}${m.quorumInterface ? ` on ${m.quorumInterface}` : ''}`,
    ],
    ['Storage', describeStorage(c, hostName)],
  ];
  const confirmForget = async () => {
    setForget(false);
    try {
      await forgetCluster(c.id);
      showCluster();
    } catch (e) {
      showError({ context: `Forgetting ${c.name}`, error: toErrorInfo(e) });
    }
  };
  return (
    <Stack spacing={1.5}>
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={1}
        sx={{ justifyContent: 'space-between' }}
      >
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="h1" data-testid="cluster-name-title">
            {c.name}
          </Typography>
          <Chip size="small" label={`${c.nodes.length} node${c.nodes.length === 1 ? '' : 's'}`} />
          <ClusterSelect
            clusters={clusters}
            value={c.id}
            onChange={showCluster}
            testId="cluster-select"
          />
        </Stack>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Writable>
            <Button
              variant="contained"
              startIcon={<PreviewIcon />}
              onClick={() => void preview(c.id)}
              data-testid="cluster-preview"
            >
              Preview plan
            </Button>
            <Button
              startIcon={<FactCheckIcon />}
              onClick={() => void preview(c.id, { full: true })}
              data-testid="cluster-recheck"
              title="Plan every step; on the hosts, each step's check decides whether it runs"
            >
              Re-check everything
            </Button>
          </Writable>
          <Button
            startIcon={<HubIcon />}
            onClick={() => navigate({ kind: 'topology', clusterId: c.id })}
            data-testid="cluster-topology"
          >
            Topology
          </Button>
          <Button
            startIcon={<PhotoLibraryIcon />}
            href={formatRoute({ kind: 'snapshots', clusterId: c.id })}
            data-testid="cluster-snapshots"
          >
            Snapshots
          </Button>
          <Writable>
            <Button startIcon={<AddIcon />} onClick={startSetup} data-testid="cluster-new">
              New cluster
            </Button>
            <Button color="error" onClick={() => setForget(true)} data-testid="cluster-forget">
              Forget
            </Button>
          </Writable>
        </Stack>
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Box
          component="dl"
          data-testid="cluster-summary"
          sx={{
            m: 0,
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: 3,
            rowGap: 0.75,
          }}
        >
          {facts.map(([k, v]) => (
            <Box key={k} sx={{ display: 'contents' }}>
              <Typography component="dt" color="text.secondary">
                {k}
              </Typography>
              <Typography
                component="dd"
                sx={{ m: 0, fontFamily: k === 'Manager' || k === 'Quorum IP' ? MONO : undefined }}
              >
                {v}
              </Typography>
            </Box>
          ))}
        </Box>
      </Paper>
      <ConfirmDialog
        open={forget}
        title={`Forget cluster ${c.name}?`}
        confirmLabel="Forget"
        danger
        onCancel={() => setForget(false)}
        onConfirm={() => void confirmForget()}
        testId="cluster-forget-dialog"
      >
        <Typography>
          ClusterDeck forgets the cluster&apos;s model. Nothing runs on the hosts: they keep their
          configuration, accounts and homes.
        </Typography>
      </ConfirmDialog>
    </Stack>
  );
}
