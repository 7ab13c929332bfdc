import AccountTreeIcon from '@mui/icons-material/AccountTree';
import DownloadIcon from '@mui/icons-material/Download';
import TableRowsIcon from '@mui/icons-material/TableRows';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import type { ClusterView } from '../../../../shared/api/contract';
import { toErrorInfo } from '../../../../shared/api/errors';
import { ClusterSelect } from '../../components/ClusterSelect';
import { useUiStore } from '../../stores/ui-store';
import { downloadPng, downloadSvg } from './topology-export';
import { topologySvg } from './topology-svg';
import { matchTopology } from './topology-view';
import { TopologyDiagram } from './TopologyDiagram';
import { TopologyLegend } from './TopologyLegend';
import { TopologyPanel } from './TopologyPanel';
import { TopologyTable } from './TopologyTable';
import { useTopology } from './use-topology';

type ViewMode = 'diagram' | 'table';

/**
 * One cluster drawn as it is: the diagram (or the same graph as a table), a search that
 * highlights what matches, the legend, export as SVG or PNG, and the side panel of the node
 * clicked. The layout runs in a worker only when the structure changes (use-topology.ts).
 */
export function TopologyPage({ view, clusters }: { view: ClusterView; clusters: ClusterView[] }) {
  const c = view.cluster;
  const navigate = useUiStore((s) => s.navigate);
  const showError = useUiStore((s) => s.showError);
  const [mode, setMode] = useState<ViewMode>('diagram');
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const { graph, lb, layout } = useTopology(view, expanded);
  const matches = useMemo(() => matchTopology(graph, query), [graph, query]);
  const selected = graph.nodes.find((n) => n.id === selectedId) ?? null;
  const laidOut = layout.layouts > 0 && !layout.computing;
  const drawn = graph.nodes.filter((n) => layout.positions[n.id] !== undefined).length;

  const toggleGroup = useCallback(
    (id: string) => setExpanded((e) => (e.includes(id) ? e.filter((x) => x !== id) : [...e, id])),
    [],
  );
  const select = useCallback((id: string) => {
    setSelectedId(id);
    // A group opens on click; closing it is the panel's button.
    if (id.startsWith('group:')) setExpanded((e) => (e.includes(id) ? e : [...e, id]));
  }, []);
  const exportAs = async (kind: 'svg' | 'png') => {
    const svg = topologySvg(graph, layout.positions, `Cluster ${c.name}`);
    const name = `${c.name}-topology.${kind}`;
    try {
      if (kind === 'svg') downloadSvg(svg, name);
      else await downloadPng(svg, name);
    } catch (e) {
      showError({
        context: `Exporting the topology as ${kind.toUpperCase()}`,
        error: toErrorInfo(e),
      });
    }
  };

  return (
    <Stack
      spacing={2}
      data-testid="topology-page"
      data-cluster-id={c.id}
      data-laid-out={laidOut ? 'true' : 'false'}
      data-layouts={layout.layouts}
      data-node-count={graph.nodes.length}
      data-drawn-count={drawn}
    >
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={1.5}
        sx={{ alignItems: { md: 'center' } }}
      >
        <Box sx={{ flex: 1 }}>
          <Typography variant="h5" component="h1">
            Topology
          </Typography>
          <Typography color="text.secondary">
            Cluster {c.name}: where traffic enters, who serves it, and the live state
          </Typography>
        </Box>
        <ClusterSelect
          clusters={clusters}
          value={c.id}
          onChange={(id) => navigate({ kind: 'topology', clusterId: id })}
          testId="topology-cluster-select"
        />
      </Stack>
      <Stack
        direction="row"
        spacing={1.5}
        useFlexGap
        sx={{ alignItems: 'center', flexWrap: 'wrap' }}
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          onChange={(_e, v: ViewMode | null) => v !== null && setMode(v)}
          aria-label="Show the topology as"
        >
          <ToggleButton value="diagram" data-testid="topology-view-diagram">
            <AccountTreeIcon fontSize="small" sx={{ mr: 0.5 }} aria-hidden />
            Diagram
          </ToggleButton>
          <ToggleButton value="table" data-testid="topology-view-table">
            <TableRowsIcon fontSize="small" sx={{ mr: 0.5 }} aria-hidden />
            Table
          </ToggleButton>
        </ToggleButtonGroup>
        <TextField
          size="small"
          label="Search name, address or state"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'topology-search' } }}
          sx={{ width: 320 }}
        />
        {matches !== null && (
          <Typography variant="body2" role="status" data-testid="topology-match-count">
            {matches.size} match{matches.size === 1 ? '' : 'es'}
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        {layout.computing && (
          <Stack
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center' }}
            data-testid="topology-loading"
            role="status"
          >
            <CircularProgress size={18} aria-hidden />
            <Typography variant="body2">Laying out…</Typography>
          </Stack>
        )}
        <Button
          startIcon={<DownloadIcon />}
          disabled={!laidOut}
          onClick={() => void exportAs('svg')}
          data-testid="topology-export-svg"
        >
          SVG
        </Button>
        <Button
          startIcon={<DownloadIcon />}
          disabled={!laidOut}
          onClick={() => void exportAs('png')}
          data-testid="topology-export-png"
        >
          PNG
        </Button>
      </Stack>
      {layout.error !== null && (
        <Alert severity="error" data-testid="topology-layout-error">
          The diagram could not be laid out: {layout.error}. The table view shows the same graph.
        </Alert>
      )}
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          {mode === 'table' ? (
            <TopologyTable graph={graph} matches={matches} onSelect={select} />
          ) : layout.layouts > 0 ? (
            <TopologyDiagram
              graph={graph}
              positions={layout.positions}
              matches={matches}
              selectedId={selectedId}
              onSelect={select}
            />
          ) : (
            <Box
              sx={{
                height: '70vh',
                minHeight: 420,
                border: 1,
                borderColor: 'divider',
                borderRadius: 1,
              }}
            />
          )}
        </Box>
        {selected !== null && (
          <TopologyPanel
            view={view}
            node={selected}
            lb={lb}
            expanded={expanded.includes(selected.id)}
            onToggleGroup={toggleGroup}
            onClose={() => setSelectedId(null)}
          />
        )}
      </Stack>
      <TopologyLegend />
    </Stack>
  );
}
