import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import type { QueueItemView } from '../../../../shared/model/queue';
import { VirtualList } from '../../components/VirtualList';
import { countsText, groupTimes, type ApplyGroup, type ApplyResult } from './queue-history';
import { formatShortTime } from './queue-logic';

const itemKey = (item: QueueItemView) => item.id;

/** Chip colour and words of each apply result. */
export const RESULT_META: Record<
  ApplyResult,
  { label: string; color: 'default' | 'info' | 'success' | 'warning' | 'error' }
> = {
  running: { label: 'in progress', color: 'info' },
  halted: { label: 'halted', color: 'error' },
  done: { label: 'done', color: 'success' },
  failed: { label: 'failed', color: 'error' },
  cancelled: { label: 'cancelled', color: 'warning' },
};

/** Props of {@link QueueHistory}. */
export interface QueueHistoryProps {
  groups: readonly ApplyGroup[];
  renderRow: (item: QueueItemView) => ReactNode;
  /** The step the URL selects: its group opens, scrolled to it. */
  selectedItemId?: number | undefined;
}

/** A host's finished steps grouped by apply, newest first; only the newest is open at first. */
export function QueueHistory({ groups, renderRow, selectedItemId }: QueueHistoryProps) {
  // Only what the user opened or closed; every other group follows the default.
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  // The group a URL opened stays open when the selection goes (Back, another step).
  const selectedGroup = groups.find((g) => g.items.some((it) => it.id === selectedItemId))?.key;
  useEffect(() => {
    if (selectedGroup !== undefined) setToggled((prev) => new Map(prev).set(selectedGroup, true));
  }, [selectedGroup]);
  if (groups.length === 0) return null;
  return (
    <Box data-testid="queue-history">
      <Typography
        variant="overline"
        component="h3"
        color="text.secondary"
        sx={{ px: 2, pt: 1, display: 'block' }}
      >
        History
      </Typography>
      {groups.map((group, i) => {
        const selected = group.items.findIndex((it) => it.id === selectedItemId);
        const open = toggled.get(group.key) ?? (i === 0 || selected >= 0);
        return (
          <ApplyGroupSection
            key={group.key}
            group={group}
            open={open}
            {...(selected >= 0 ? { initialIndex: selected } : {})}
            onToggle={() => setToggled((prev) => new Map(prev).set(group.key, !open))}
            renderRow={renderRow}
          />
        );
      })}
    </Box>
  );
}

interface ApplyGroupSectionProps {
  group: ApplyGroup;
  open: boolean;
  initialIndex?: number;
  onToggle: () => void;
  renderRow: (item: QueueItemView) => ReactNode;
}

function ApplyGroupSection({
  group,
  open,
  initialIndex,
  onToggle,
  renderRow,
}: ApplyGroupSectionProps) {
  const meta = RESULT_META[group.result];
  const { from, to } = groupTimes(group);
  const when = `${formatShortTime(from)}${to !== null ? ` – ${formatShortTime(to)}` : ''}`;
  const title = group.apply?.title ?? 'Steps queued outside an apply';
  return (
    <Box
      data-testid="queue-apply-group"
      data-apply-id={group.key}
      data-result={group.result}
      data-open={open}
      sx={{ borderTop: 1, borderColor: 'divider' }}
    >
      <Typography component="h4" variant="body2" sx={{ m: 0 }}>
        <ButtonBase
          onClick={onToggle}
          aria-expanded={open}
          data-testid="queue-apply-toggle"
          sx={{
            width: '100%',
            justifyContent: 'flex-start',
            textAlign: 'left',
            gap: 1.5,
            px: 2,
            py: 1,
            '&:hover': { bgcolor: 'action.hover' },
          }}
        >
          {open ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Box
              component="span"
              data-testid="queue-apply-title"
              sx={{ display: 'block', fontWeight: 500 }}
            >
              {title}
            </Box>
            <Box
              component="span"
              sx={{ display: 'block', color: 'text.secondary', fontSize: 12 }}
              data-testid="queue-apply-meta"
            >
              {when} · <span data-testid="queue-apply-counts">{countsText(group.counts)}</span>
            </Box>
          </Box>
          <Chip
            size="small"
            label={meta.label}
            color={meta.color}
            variant={group.result === 'done' ? 'outlined' : 'filled'}
            data-testid="queue-apply-result"
          />
        </ButtonBase>
      </Typography>
      {open && (
        <Box sx={{ borderTop: 1, borderColor: 'divider', pl: 2 }}>
          <VirtualList
            items={group.items}
            getKey={itemKey}
            renderRow={renderRow}
            estimatedRowHeight={52}
            maxHeight={360}
            {...(initialIndex !== undefined ? { initialIndex } : {})}
            testId="queue-apply-items"
          />
        </Box>
      )}
    </Box>
  );
}
