import Typography from '@mui/material/Typography';
import type { QueueItemView } from '../../../../shared/model/queue';
import { useNow } from '../../lib/use-now';
import { retryText } from './queue-logic';

/** "retrying in 4:32 (at 12:05:00)", ticking every second, for a failed step with a retry time. */
export function RetryCountdown({ item }: { item: QueueItemView }) {
  const active = item.state === 'failed' && item.nextRetryAt !== null;
  const now = useNow(active);
  const text = retryText(item, now);
  if (text === null) return null;
  const at = item.nextRetryAt === null ? '' : new Date(item.nextRetryAt).toLocaleTimeString();
  return (
    <Typography
      variant="body2"
      data-testid="queue-retry-countdown"
      data-retry-at={item.nextRetryAt ?? ''}
      sx={{ fontVariantNumeric: 'tabular-nums', color: 'text.secondary' }}
      aria-live="off"
    >
      {text}
      {at !== '' && ` (at ${at})`}
    </Typography>
  );
}
