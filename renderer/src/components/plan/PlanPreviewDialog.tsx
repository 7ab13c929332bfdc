import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { toErrorInfo, type AppError } from '../../../../shared/api/errors';
import type { HostPlan, Plan } from '../../../../shared/plan/types';
import { MONO } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { formatSummary, shortHash, summarizePlan } from './plan-logic';
import { PlanStepCard } from './PlanStepCard';

/** Props of {@link PlanPreviewDialog}. */
export interface PlanPreviewDialogProps {
  open: boolean;
  /** The plan to show; null while it is being made. */
  plan: Plan | null;
  /** Applying: the buttons are disabled. */
  busy?: boolean;
  /** Why the plan could not be made or applied. */
  error?: AppError | null;
  /** A note above the plan, e.g. why it was made again. */
  notice?: ReactNode;
  onApply: () => void;
  onClose: () => void;
}

/** What a change will do, host by host and step by step, before the admin applies it. */
export function PlanPreviewDialog(props: PlanPreviewDialogProps) {
  const { open, plan, busy = false, error = null, notice = null, onApply, onClose } = props;
  const [tab, setTab] = useState<string | null>(null);
  const summary = plan === null ? null : summarizePlan(plan);
  const hosts = plan?.hosts ?? [];
  // The chosen host, or the first one (also when a new plan lacks the chosen host).
  const host: HostPlan | undefined = hosts.find((h) => h.hostId === tab) ?? hosts[0];
  const hash = shortHash(plan?.hash);
  const empty = summary !== null && summary.steps === 0;

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      fullWidth
      maxWidth="lg"
      scroll="paper"
      aria-labelledby="plan-dialog-title"
      data-testid="plan-dialog"
      // A steady height, so switching between hosts with few and many steps does not jump.
      slotProps={{ paper: { sx: plan === null ? {} : { minHeight: 'min(85vh, 760px)' } } }}
    >
      <DialogTitle id="plan-dialog-title" sx={{ pb: 1 }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <span>{plan?.title ?? 'Preparing the plan…'}</span>
          {hash !== null && (
            <Chip
              size="small"
              variant="outlined"
              label={hash}
              title={plan?.hash}
              data-testid="plan-hash"
              sx={{ fontFamily: MONO }}
            />
          )}
        </Stack>
        {summary !== null && (
          <Typography variant="body2" color="text.secondary" data-testid="plan-summary">
            {formatSummary(summary)}
          </Typography>
        )}
      </DialogTitle>
      {hosts.length > 0 && (
        <Tabs
          value={host?.hostId ?? false}
          onChange={(_e, v: string) => setTab(v)}
          variant="scrollable"
          scrollButtons="auto"
          sx={{ px: 2, borderBottom: 1, borderColor: 'divider' }}
        >
          {hosts.map((h) => (
            <Tab
              key={h.hostId}
              value={h.hostId}
              data-testid="plan-host-tab"
              data-host-id={h.hostId}
              sx={{ textTransform: 'none', alignItems: 'flex-start' }}
              label={
                <Box sx={{ textAlign: 'left' }}>
                  <Box sx={{ fontWeight: 600 }}>{h.hostName}</Box>
                  <Box sx={{ fontSize: 12, color: 'text.secondary' }}>
                    {h.role} · {h.steps.length} step{h.steps.length === 1 ? '' : 's'}
                  </Box>
                </Box>
              }
            />
          ))}
        </Tabs>
      )}
      <DialogContent dividers={hosts.length === 0}>
        <Stack spacing={1.5} sx={{ pt: 1 }}>
          {notice}
          {error !== null && <ErrorAlert error={toErrorInfo(error)} title="The plan" />}
          {plan === null && error === null && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <CircularProgress size={18} />
              <Typography>Working out what to change…</Typography>
            </Stack>
          )}
          {empty && (
            <Typography data-testid="plan-empty">
              Nothing to change: every host is as planned.
            </Typography>
          )}
          {plan !== null && host !== undefined && (
            <Stack spacing={1.5} data-testid="plan-host" data-host-id={host.hostId}>
              {host.steps.length === 0 && (
                <Typography color="text.secondary">Nothing to do on {host.hostName}.</Typography>
              )}
              {host.steps.map((step, i) => (
                <PlanStepCard key={step.id} plan={plan} step={step} index={i} />
              ))}
            </Stack>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {busy && <CircularProgress size={18} sx={{ mr: 1 }} aria-label="applying" />}
        <Button onClick={onClose} disabled={busy} data-testid="plan-cancel">
          Cancel
        </Button>
        <Button
          variant="contained"
          onClick={onApply}
          disabled={busy || plan === null || empty}
          data-testid="plan-apply"
        >
          Apply
        </Button>
      </DialogActions>
    </Dialog>
  );
}
