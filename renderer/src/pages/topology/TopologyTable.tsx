import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { TopologyGraph } from '../../../../shared/topology/types';
import { MONO } from '../../theme';
import { TONE_ICON } from './topology-icons';
import { TONE_COLOR, topologyRows } from './topology-view';

/** Props of {@link TopologyTable}. */
export interface TopologyTableProps {
  graph: TopologyGraph;
  /** Ids the search matched (only these rows show), or null without a search. */
  matches: Set<string> | null;
  onSelect: (id: string) => void;
}

/**
 * The graph as a table, for screen readers and dense clusters: a row per node and per edge,
 * with the state in words, what is not applied yet, and a button opening a node's details.
 */
export function TopologyTable({ graph, matches, onSelect }: TopologyTableProps) {
  const rows = useMemo(() => topologyRows(graph), [graph]);
  const nodeIds = useMemo(() => new Set(graph.nodes.map((n) => n.id)), [graph]);
  const shown = matches === null ? rows : rows.filter((r) => matches.has(r.id));
  return (
    <TableContainer component={Paper} variant="outlined" data-testid="topology-table">
      <Table size="small" aria-label="Cluster topology as a table">
        <TableHead>
          <TableRow>
            <TableCell>Type</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Detail</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Not applied yet</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((r) => {
            const Icon = TONE_ICON[r.tone];
            return (
              <TableRow key={r.id} data-testid={`topo-row-${r.id}`} data-state={r.state}>
                <TableCell>{r.type}</TableCell>
                <TableCell>
                  {nodeIds.has(r.id) ? (
                    <Button
                      size="small"
                      onClick={() => onSelect(r.id)}
                      sx={{ textTransform: 'none', p: 0, minWidth: 0, fontWeight: 600 }}
                      aria-label={`${r.name}: details`}
                    >
                      {r.name}
                    </Button>
                  ) : (
                    r.name
                  )}
                </TableCell>
                <TableCell sx={{ fontFamily: MONO, fontSize: 12 }}>{r.detail}</TableCell>
                <TableCell sx={{ color: TONE_COLOR[r.tone], whiteSpace: 'nowrap' }}>
                  <Icon aria-hidden sx={{ fontSize: 16, verticalAlign: 'text-bottom', mr: 0.5 }} />
                  {r.state}
                  {r.stateText !== '' && r.stateText !== r.state && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {r.stateText}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{r.pending}</TableCell>
              </TableRow>
            );
          })}
          {shown.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  Nothing matches the search.
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
