import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { HostQueueView } from '../../../../shared/model/queue';
import { applyNotice, latestApply } from './queue-history';
import { formatShortTime } from './queue-logic';

/** Props of {@link QueueApplyNotice}. */
export interface QueueApplyNoticeProps {
  views: readonly HostQueueView[];
  nameOf: (hostId: string) => string;
}

/** How the latest apply stands: running, halted where, or finished with its result. */
export function QueueApplyNotice({ views, nameOf }: QueueApplyNoticeProps) {
  const apply = latestApply(views);
  if (apply === null) return null;
  const notice = applyNotice(apply, views, nameOf);
  return (
    <Alert
      severity={notice.severity}
      variant="outlined"
      role="status"
      data-testid="apply-notice"
      data-apply-id={apply.id}
      data-result={notice.result}
    >
      <AlertTitle data-testid="apply-notice-text">{notice.text}</AlertTitle>
      {apply.title} · queued {formatShortTime(apply.createdAt)}
    </Alert>
  );
}
