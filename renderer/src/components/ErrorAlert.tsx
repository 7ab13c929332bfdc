import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { ERROR_HINTS, type ErrorInfo } from '../../../shared/api/errors';
import { MONO } from '../theme';

/** Props of {@link ErrorAlert}. */
export interface ErrorAlertProps {
  error: ErrorInfo;
  /** What was being done, e.g. "Connecting to web1". */
  title?: string;
  onClose?: () => void;
  /** A button beside the alert, e.g. Retry. */
  action?: ReactNode;
  /** Overrides `error-alert` for alerts the tests address separately. */
  testId?: string;
}

/** An error with its stable code, its message and the hint for the code. */
export function ErrorAlert({
  error,
  title,
  onClose,
  action,
  testId = 'error-alert',
}: ErrorAlertProps) {
  const hint = ERROR_HINTS[error.code];
  return (
    <Alert
      severity="error"
      data-testid={testId}
      role="alert"
      {...(onClose ? { onClose } : {})}
      action={action}
    >
      <AlertTitle>
        {title ?? 'Error'}{' '}
        <Box
          component="code"
          data-testid="error-code"
          sx={{
            fontFamily: MONO,
            fontSize: '0.85em',
            px: 0.5,
            borderRadius: 0.5,
            bgcolor: 'rgba(0,0,0,0.06)',
          }}
        >
          {error.code}
        </Box>
      </AlertTitle>
      <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
        {error.message}
      </Typography>
      <Typography variant="body2" data-testid="error-hint" sx={{ mt: 0.5, fontStyle: 'italic' }}>
        {hint}
      </Typography>
    </Alert>
  );
}
