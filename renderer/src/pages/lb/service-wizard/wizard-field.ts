import type { TextFieldProps } from '@mui/material/TextField';
import type { FormErrors, FormField } from '../../../lib/lb-form-fields';
import type { ServiceForm } from '../../../lib/lb-form';
import { modelFieldProps } from '../../cluster/field-props';

/** What every step of the service wizard gets. */
export interface WizardStepProps {
  form: ServiceForm;
  errors: FormErrors;
  /** Changes form fields and drops the messages on the named wizard fields. */
  onChange: (patch: Partial<ServiceForm>, fields: FormField[]) => void;
}

/**
 * Props of a TextField for a wizard field: its test id and, when the engine named it, the
 * message with the model path it came from (`field-error`, `data-field="services.1.listen.port"`).
 */
export function wizardFieldProps(
  field: FormField,
  testId: string,
  errors: FormErrors,
  options: { hint?: string; native?: boolean; htmlInput?: Record<string, unknown> } = {},
): Partial<TextFieldProps> {
  const m = errors.byField[field];
  return modelFieldProps(
    m?.path ?? field,
    testId,
    m === undefined ? {} : { [m.path]: m.message },
    options,
  );
}
