import type { ServiceForm } from '../../../shared/lb/service-form';
import { formFieldOf, type FormField } from '../../../shared/lb/service-form-fields';
import type { FieldIssue } from './cluster-fields';

export { formFieldOf, type FormField };

/** The steps of the add-service wizard, in order. */
export const SERVICE_STEPS = [
  'Preset',
  'Address',
  'Scheduling',
  'Health check',
  'Real servers',
] as const;

/** A message on a wizard field, with the model path it came from (`services.2.listen.port`). */
export interface FieldMessage {
  path: string;
  message: string;
}

/** What the engine's findings mean for the wizard. */
export interface FormErrors {
  byField: Partial<Record<FormField, FieldMessage>>;
  /** "field: message" lines no field shows (other parts of the model, unknown paths). */
  other: string[];
  /** The first step with a field message, or null. */
  firstStep: number | null;
}

const STEP_OF: Partial<Record<FormField, number>> = {
  name: 1,
  vip: 1,
  ports: 1,
  mark: 1,
  ranges: 1,
  protocol: 1,
  scheduler: 2,
  persistence: 2,
  persistenceSec: 2,
  netmask: 2,
  method: 2,
  checkKind: 3,
  checkPath: 3,
  expectStatus: 3,
  intervalSec: 3,
  timeoutSec: 3,
  retries: 3,
  retryDelaySec: 3,
  checkPort: 3,
  onFailure: 3,
  sorryIp: 3,
  sorryPort: 3,
  servers: 4,
  includeManager: 4,
  managerWeight: 4,
};

/** The wizard step that shows a field. */
export function stepOfFormField(field: FormField): number {
  return STEP_OF[field] ?? 4;
}

/**
 * Sorts the engine's findings of a save: those on the services the wizard saved (at `indices`)
 * go beside their fields (several on one field are joined), the rest become lines.
 */
export function formErrors(
  issues: readonly FieldIssue[],
  indices: readonly number[],
  form: ServiceForm,
): FormErrors {
  return sortIssues(issues, (path) => {
    const m = /^services\.(\d+)\.(.+)$/.exec(path);
    return m !== null && indices.includes(Number(m[1])) ? formFieldOf(m[2] ?? '', form) : null;
  });
}

/**
 * Sorts findings by `fieldOf` (the form field that shows a model path, or null): a field's
 * messages are joined, the rest become "field: message" lines.
 */
export function sortIssues(
  issues: readonly FieldIssue[],
  fieldOf: (path: string) => FormField | null,
): FormErrors {
  const byField: FormErrors['byField'] = {};
  const other: string[] = [];
  let firstStep: number | null = null;
  for (const issue of issues) {
    const field = fieldOf(issue.field);
    if (field === null) {
      other.push(`${issue.field}: ${issue.message}`);
      continue;
    }
    const prev = byField[field];
    byField[field] =
      prev === undefined
        ? { path: issue.field, message: issue.message }
        : { path: prev.path, message: `${prev.message}; ${issue.message}` };
    const step = stepOfFormField(field);
    firstStep = firstStep === null ? step : Math.min(firstStep, step);
  }
  return { byField, other, firstStep };
}

/** The errors without the message on `fields` (the admin is editing them). */
export function clearFields(errors: FormErrors, fields: readonly FormField[]): FormErrors {
  const byField = Object.fromEntries(
    Object.entries(errors.byField).filter(([f]) => !fields.includes(f as FormField)),
  ) as FormErrors['byField'];
  return { ...errors, byField };
}

/** No message at all. */
export const NO_ERRORS: FormErrors = { byField: {}, other: [], firstStep: null };
