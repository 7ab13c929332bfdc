import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { HostFacts } from '../../../../../shared/model/facts';
import type { HostView } from '../../../../../shared/model/host';
import { suggestNodeAddresses } from '../../../lib/cluster-address';
import { NodeFields } from '../NodeFields';
import type { DraftNode, SetupDraft } from './setup-draft';

/** Props of {@link StepNodes}. */
export interface StepNodesProps {
  draft: SetupDraft;
  errors: Record<string, string>;
  hosts: HostView[];
  facts: Record<string, HostFacts | null>;
  onChange: (p: Partial<SetupDraft>, fields: string[]) => void;
  onRemove: (index: number) => void;
}

/** Step 4: the web nodes; none is fine, nodes can be added later. */
export function StepNodes({ draft, errors, hosts, facts, onChange, onRemove }: StepNodesProps) {
  const manager = {
    hostId: draft.managerHostId,
    layout: draft.layout,
    publicIp: draft.publicIp,
    privateIp: draft.privateIp,
    quorumIp: draft.quorumIp,
  };
  const taken = [
    draft.managerHostId,
    ...(draft.storageKind === 'external' ? [draft.storageHostId] : []),
    ...draft.nodes.map((n) => n.hostId),
  ];
  const setNode = (i: number) => (node: DraftNode, fields: string[]) =>
    onChange({ nodes: draft.nodes.map((n, j) => (j === i ? node : n)) }, fields);
  const add = () => {
    const free = hosts.find((h) => !taken.includes(h.id) && (facts[h.id] ?? null) !== null);
    const node: DraftNode =
      free === undefined
        ? { hostId: '', publicIp: '', privateIp: '' }
        : { hostId: free.id, ...suggestNodeAddresses(facts[free.id], manager) };
    onChange({ nodes: [...draft.nodes, node] }, []);
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 820 }}>
      <Alert severity="info" data-testid="node-notes">
        Before a host joins: it must run the same OS release and architecture as the manager, sit on
        the manager&apos;s network segment, and its /home becomes a link to the shared storage. You
        can also add nodes later, from the cluster page.
      </Alert>
      {draft.nodes.map((n, i) => (
        <Paper
          key={i}
          variant="outlined"
          sx={{ p: 2 }}
          data-testid="node-row"
          data-host-id={n.hostId}
        >
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Typography sx={{ fontWeight: 600, pt: 1, whiteSpace: 'nowrap' }}>
              Node {i + 1}
            </Typography>
            <NodeFields
              node={n}
              path={`nodes.${i}`}
              errors={errors}
              hosts={hosts}
              facts={facts}
              exclude={taken}
              manager={manager}
              onChange={setNode(i)}
            />
            <Button color="error" onClick={() => onRemove(i)} data-testid="node-remove">
              Remove
            </Button>
          </Stack>
        </Paper>
      ))}
      {draft.nodes.length === 0 && (
        <Typography color="text.secondary" data-testid="nodes-empty">
          No nodes yet: the manager alone serves the sites until nodes join.
        </Typography>
      )}
      <Box>
        <Button startIcon={<AddIcon />} onClick={add} data-testid="node-add">
          Add node
        </Button>
      </Box>
    </Stack>
  );
}
