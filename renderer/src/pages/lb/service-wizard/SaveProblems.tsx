import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { ErrorInfo } from '../../../../../shared/api/errors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { FormErrors } from '../../../lib/lb-form-fields';

/** Props of {@link SaveProblems}. */
export interface SaveProblemsProps {
  /** A save error that names no field (not VALIDATION). */
  error: ErrorInfo | null;
  errors: FormErrors;
  /** What was saved, for the error's title: "Saving the service". */
  title: string;
  /** Test id of the list of findings no field shows. */
  testId: string;
}

/** Why a save failed, apart from the messages shown beside the form's fields. */
export function SaveProblems({ error, errors, title, testId }: SaveProblemsProps) {
  return (
    <>
      {error !== null && <ErrorAlert error={error} title={title} />}
      {errors.other.length > 0 && (
        <Alert severity="error" data-testid={testId} sx={{ mb: 2 }}>
          <AlertTitle>The model has other problems</AlertTitle>
          {errors.other.map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      )}
    </>
  );
}
