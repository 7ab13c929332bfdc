import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import type { LbStatus } from '../../../../shared/lb/status';
import type { ClusterNode } from '../../../../shared/model/cluster';
import type { TopologyNode } from '../../../../shared/topology/types';
import { changeNodeMode, NODE_OPERATIONS } from '../../flows/lb-actions';
import { retryQueueNow } from '../../flows/queue-actions';
import { Writable } from '../../snapshot';
import { useUiStore } from '../../stores/ui-store';
import { MONO } from '../../theme';
import { KIND_ICON, TONE_ICON } from './topology-icons';
import { panelRealServers } from './topology-panel-data';
import { KIND_LABEL, pendingText, TONE_COLOR } from './topology-view';
import { TopologyRealServers } from './TopologyRealServers';

const MODES: ClusterNode['lbMode'][] = ['drain', 'maintenance', 'active'];

/** Props of {@link TopologyPanel}. */
export interface TopologyPanelProps {
  view: ClusterView;
  node: TopologyNode;
  lb: LbStatus | null;
  /** Whether the node is a group drawn open. */
  expanded: boolean;
  onToggleGroup: (groupId: string) => void;
  onClose: () => void;
}

/**
 * The side panel of the selected node: its state, what is not applied yet, its facts, its
 * queue head (and error when halted), its real servers in lb:status, and the actions that
 * exist elsewhere (node modes of the load-balancing page, the queue's retry and page).
 */
export function TopologyPanel({
  view,
  node,
  lb,
  expanded,
  onToggleGroup,
  onClose,
}: TopologyPanelProps) {
  const showQueueItem = useUiStore((s) => s.showQueueItem);
  const [busy, setBusy] = useState(false);
  const c = view.cluster;
  const clusterNode = c.nodes.find((n) => n.hostId === node.hostId);
  const host = node.host;
  const KindIcon = KIND_ICON[node.kind];
  const ToneIcon = TONE_ICON[node.tone];
  const rows = panelRealServers(lb, node, c);
  const pending = pendingText(node);

  const changeMode = async (hostId: string, mode: ClusterNode['lbMode']) => {
    setBusy(true);
    try {
      await changeNodeMode(c.id, hostId, node.label, mode);
    } finally {
      setBusy(false);
    }
  };
  const retry = async (hostId: string) => {
    setBusy(true);
    try {
      await retryQueueNow(hostId);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper
      variant="outlined"
      component="aside"
      aria-labelledby="topology-panel-title"
      data-testid="topology-panel"
      data-node-id={node.id}
      sx={{ p: 2, width: { xs: '100%', lg: 380 }, flexShrink: 0, alignSelf: 'flex-start' }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <KindIcon aria-hidden sx={{ color: '#444444' }} />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography id="topology-panel-title" variant="h6" component="h2" noWrap>
            {node.label}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {KIND_LABEL[node.kind]}
          </Typography>
        </Box>
        <IconButton
          aria-label="Close the details"
          onClick={onClose}
          data-testid="topology-panel-close"
        >
          <CloseIcon />
        </IconButton>
      </Stack>
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center', color: TONE_COLOR[node.tone] }}
      >
        <ToneIcon aria-hidden fontSize="small" />
        <Typography data-testid="topology-panel-state" data-state={node.state}>
          {node.stateText || node.state}
        </Typography>
      </Stack>
      {pending !== '' && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="topology-panel-pending">
          {pending}
        </Alert>
      )}
      {host !== undefined && host.queue === 'halted' && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="topology-panel-queue-error">
          Queue halted{host.queueHead ? ` at “${host.queueHead}”` : ''}
          {host.queueError ? `: ${host.queueError}` : ''}
        </Alert>
      )}
      {(node.facts.length > 0 || host !== undefined) && (
        <Box
          component="dl"
          sx={{
            m: 0,
            mt: 1.5,
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            gap: 0.5,
            columnGap: 2,
          }}
        >
          {node.facts.map((f) => (
            <Box key={f.label} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {f.label}
              </Typography>
              <Typography
                component="dd"
                variant="body2"
                sx={{ m: 0, fontFamily: MONO, wordBreak: 'break-word' }}
              >
                {f.value}
              </Typography>
            </Box>
          ))}
          {host !== undefined && (
            <Box sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary">
                Queue
              </Typography>
              <Typography
                component="dd"
                variant="body2"
                sx={{ m: 0 }}
                data-testid="topology-panel-queue"
              >
                {host.queue}
                {host.queuePending > 0 ? ` · ${host.queuePending} pending` : ''}
                {host.queueHead ? ` · next: ${host.queueHead}` : ''}
              </Typography>
            </Box>
          )}
        </Box>
      )}
      {node.group !== undefined && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="body2" color="text.secondary">
            {node.group.memberIds.length} nodes in this group
          </Typography>
          <Button
            size="small"
            onClick={() => onToggleGroup(node.id)}
            data-testid="topology-action-expand"
          >
            {expanded ? 'Collapse the group' : 'Show each node'}
          </Button>
        </Box>
      )}
      {node.hostId !== undefined && (
        <Stack direction="row" sx={{ mt: 1.5, flexWrap: 'wrap', gap: 1 }}>
          <Writable>
            {clusterNode !== undefined &&
              MODES.map((m) => (
                <Button
                  key={m}
                  size="small"
                  variant="outlined"
                  disabled={busy || clusterNode.lbMode === m}
                  onClick={() => void changeMode(clusterNode.hostId, m)}
                  data-testid={`topology-action-${m}`}
                >
                  {NODE_OPERATIONS[m].label}
                </Button>
              ))}
          </Writable>
          <Button
            size="small"
            onClick={() => node.hostId !== undefined && showQueueItem(node.hostId)}
            data-testid="topology-action-queue"
          >
            Open queue
          </Button>
          {host?.queue === 'halted' && (
            <Writable>
              <Button
                size="small"
                color="error"
                variant="contained"
                disabled={busy}
                onClick={() => node.hostId !== undefined && void retry(node.hostId)}
                data-testid="topology-action-retry"
              >
                Retry now
              </Button>
            </Writable>
          )}
        </Stack>
      )}
      {rows.length > 0 && <TopologyRealServers rows={rows} />}
    </Paper>
  );
}
