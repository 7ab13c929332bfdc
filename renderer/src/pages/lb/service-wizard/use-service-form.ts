import { useState } from 'react';
import type { ErrorInfo } from '../../../../../shared/api/errors';
import type { Cluster } from '../../../../../shared/model/cluster';
import { saveCluster } from '../../../flows/cluster-actions';
import type { FieldIssue } from '../../../lib/cluster-fields';
import type { ServiceForm } from '../../../lib/lb-form';
import {
  clearFields,
  NO_ERRORS,
  type FormErrors,
  type FormField,
} from '../../../lib/lb-form-fields';

/** How a save of the form went: saved, or the findings now shown beside the fields. */
export type FormSaveOutcome = { saved: true } | { saved: false; errors: FormErrors };

/**
 * The state of a dialog built from the wizard's steps: the form, the engine's findings on its
 * fields, a save error that names no field, the `onChange` the steps take (editing a field
 * drops its message and the save error) and `save`, which stores a model made from the form
 * through clusters:save and sorts the findings with `sort`.
 */
export function useServiceForm(init: () => ServiceForm) {
  const [form, setForm] = useState<ServiceForm>(init);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const onChange = (patch: Partial<ServiceForm>, fields: FormField[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => clearFields(e, fields));
    setError(null);
  };
  const save = async (
    cluster: Cluster,
    sort: (issues: readonly FieldIssue[]) => FormErrors,
  ): Promise<FormSaveOutcome> => {
    setSaving(true);
    const r = await saveCluster(cluster);
    setSaving(false);
    if (r.ok) return { saved: true };
    if (r.issues.length === 0) {
      setError(r.error);
      return { saved: false, errors: NO_ERRORS };
    }
    const sorted = sort(r.issues);
    setErrors(sorted);
    return { saved: false, errors: sorted };
  };
  return { form, setForm, errors, error, saving, onChange, save };
}
