import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Plan, PlannedFile, PlanStep } from '../../../../shared/plan/types';
import { MONO } from '../../theme';
import { CopyButton } from '../CopyButton';
import { DiffView } from './DiffView';
import { describeWaitFor, fileChange } from './plan-logic';

const CODE_SX = {
  fontFamily: MONO,
  fontSize: 12.5,
  flex: 1,
  minWidth: 0,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  m: 0,
} as const;

function CommandLine({
  label,
  command,
  testId,
}: {
  label?: string;
  command: string;
  testId: string;
}) {
  return (
    <Stack
      direction="row"
      spacing={1}
      data-testid={testId}
      sx={{ alignItems: 'flex-start', bgcolor: 'grey.100', borderRadius: 1, pl: 1, py: 0.25 }}
    >
      {label !== undefined && (
        <Typography variant="caption" sx={{ width: 44, flexShrink: 0, pt: 0.75, fontWeight: 600 }}>
          {label}
        </Typography>
      )}
      <Box component="pre" sx={{ ...CODE_SX, py: 0.75 }}>
        {command}
      </Box>
      <CopyButton text={command} label="Copy command" />
    </Stack>
  );
}

const CHANGE_CHIP = {
  new: { label: 'new file', color: 'success' },
  changed: { label: 'changed', color: 'warning' },
  // The diff view itself says "no change".
  unchanged: null,
} as const;

function PlanFileView({ file }: { file: PlannedFile }) {
  const change = CHANGE_CHIP[fileChange(file)];
  return (
    <Box data-testid="plan-file" data-path={file.path} data-change={fileChange(file)}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 0.5 }}>
        <Typography sx={{ fontFamily: MONO, fontSize: 13, fontWeight: 600 }}>
          {file.path}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: MONO }}>
          {file.mode} {file.owner}:{file.group}
        </Typography>
        {change !== null && (
          <Chip size="small" variant="outlined" color={change.color} label={change.label} />
        )}
      </Stack>
      <DiffView file={file} />
    </Box>
  );
}

/** One step of a host plan: what it does, when, and the exact commands and files. */
export function PlanStepCard({ plan, step, index }: { plan: Plan; step: PlanStep; index: number }) {
  return (
    <Paper variant="outlined" data-testid="plan-step" data-step-id={step.id} sx={{ p: 1.5 }}>
      <Stack spacing={1}>
        <Box>
          <Typography sx={{ fontWeight: 600 }}>
            {index + 1}. {step.title}{' '}
            <Box component="span" sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary' }}>
              {step.id}
            </Box>
          </Typography>
          {step.description !== undefined && (
            <Typography variant="body2" color="text.secondary">
              {step.description}
            </Typography>
          )}
        </Box>
        {step.waitFor.length > 0 && (
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }} data-testid="plan-wait-for">
            {step.waitFor.map((dep) => (
              <Chip
                key={`${dep.hostId}/${dep.stepId}`}
                size="small"
                color="info"
                variant="outlined"
                label={describeWaitFor(plan, dep)}
              />
            ))}
          </Stack>
        )}
        {step.check !== null && (
          <CommandLine label="check" command={step.check} testId="plan-check" />
        )}
        {step.files.map((f) => (
          <PlanFileView key={f.path} file={f} />
        ))}
        {step.commands.map((c, i) => (
          <CommandLine key={i} label={`#${i + 1}`} command={c} testId="plan-command" />
        ))}
        {step.verify !== null && (
          <CommandLine label="verify" command={step.verify} testId="plan-verify" />
        )}
        <Typography variant="caption" color="text.secondary">
          {step.check !== null ? 'Skipped when its check succeeds (already done) · ' : ''}
          each command may take up to {step.timeoutSec} s
        </Typography>
      </Stack>
    </Paper>
  );
}
