import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { HostView } from '../../../../../shared/model/host';
import {
  fieldPlace,
  inWords,
  SETUP_STEPS,
  stepOfField,
  type FieldIssue,
} from '../../../lib/cluster-fields';
import { layoutLabel } from '../../../lib/cluster-model';
import { MONO } from '../../../theme';
import type { SetupDraft } from './setup-draft';

/** Props of {@link StepReview}. */
export interface StepReviewProps {
  draft: SetupDraft;
  issues: FieldIssue[];
  hosts: HostView[];
  onGoTo: (step: number) => void;
}

/** Step 5: what will be saved, and what the last save said is wrong, step by step. */
export function StepReview({ draft, issues, hosts, onGoTo }: StepReviewProps) {
  const name = (id: string) => hosts.find((h) => h.id === id)?.name ?? (id || '—');
  const withPrivate = draft.layout !== 'public';
  const rows: [string, string][] = [
    ['Name', draft.name || '—'],
    ['Layout', layoutLabel(draft.layout)],
    [
      'Manager',
      `${name(draft.managerHostId)} · public ${draft.publicIp || '—'}${withPrivate ? ` · private ${draft.privateIp || '—'}` : ''}`,
    ],
    [
      'Quorum IP',
      `${draft.quorumIp || '—'}/${draft.quorumPrefix}${draft.quorumInterface ? ` on ${draft.quorumInterface}` : ''}`,
    ],
    [
      'Storage',
      draft.storageKind === 'manager'
        ? `on the manager${draft.storageDevice ? `, formats blank ${draft.storageDevice}` : ''}`
        : `NFS ${draft.storageAddress}:${draft.exportPath} on ${name(draft.storageHostId)}${draft.storageDevice ? `, formats blank ${draft.storageDevice}` : ''}`,
    ],
    [
      'Nodes',
      draft.nodes.length === 0
        ? 'none yet'
        : draft.nodes
            .map(
              (n) => `${name(n.hostId)} (${n.publicIp}${withPrivate ? ` / ${n.privateIp}` : ''})`,
            )
            .join(', '),
    ],
  ];
  return (
    <Stack spacing={2} sx={{ maxWidth: 820 }}>
      <Table size="small" aria-label="Summary" data-testid="setup-summary">
        <TableBody>
          {rows.map(([k, v]) => (
            <TableRow key={k}>
              <TableCell component="th" sx={{ width: 140, fontWeight: 600 }}>
                {k}
              </TableCell>
              <TableCell
                sx={{
                  fontFamily: ['Manager', 'Quorum IP', 'Nodes'].includes(k) ? MONO : undefined,
                }}
              >
                {v}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {issues.length > 0 && (
        <Alert severity="error" data-testid="setup-issues">
          <Typography variant="body2" sx={{ mb: 1 }}>
            The cluster was not saved. Fix these and save again:
          </Typography>
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
            {issues.map((i) => (
              <li key={`${i.field}:${i.message}`} data-testid="setup-issue" data-field={i.field}>
                <strong>{fieldPlace(i.field)}</strong>: {inWords(i.message)}{' '}
                <Button size="small" onClick={() => onGoTo(stepOfField(i.field))}>
                  {SETUP_STEPS[stepOfField(i.field)]}
                </Button>
              </li>
            ))}
          </Stack>
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        Saving stores the desired model only; nothing runs on the hosts until you preview the plan
        and apply it.
      </Typography>
    </Stack>
  );
}
