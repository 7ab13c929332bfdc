import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';

/** Props of {@link SaveButton}. */
export interface SaveButtonProps {
  saving: boolean;
  onSave: () => void;
  testId: string;
}

/** A dialog's Save, disabled with a spinner while the save runs. */
export function SaveButton({ saving, onSave, testId }: SaveButtonProps) {
  return (
    <Button
      variant="contained"
      disabled={saving}
      onClick={onSave}
      data-testid={testId}
      startIcon={saving ? <CircularProgress size={16} color="inherit" /> : undefined}
    >
      Save
    </Button>
  );
}
