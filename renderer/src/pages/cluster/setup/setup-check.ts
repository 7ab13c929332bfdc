import type { RequestInput, RequestOutput } from '../../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../../shared/api/errors';
import { issuesOf, modelPath, type FieldIssue } from '../../../lib/cluster-fields';
import { draftIssues, issuesOfStep, toClusterInput, type SetupDraft } from './setup-draft';

/** The engine's clusters:validate (the api's, or a test's fake). */
export type ValidateCluster = (
  input: RequestInput<'clusters:validate'>,
) => Promise<RequestOutput<'clusters:validate'>>;

/** What checking a step found: its errors (none: the step may be left), or why it could not ask. */
export type StepCheck = { issues: FieldIssue[] } | { error: ErrorInfo };

/**
 * The errors of wizard step `step` for `draft`, as the admin leaves it: first the form against
 * the contract's schema (no round trip), then the engine's rules, the ones a save applies
 * (quorum IP in use, duplicate addresses, host blockers). Only the step's own errors count: a
 * model still incomplete on later steps (the engine then answers VALIDATION on their fields) is
 * no reason to stay. Warnings never keep the admin on a step.
 */
export async function checkStep(
  draft: SetupDraft,
  step: number,
  validate: ValidateCluster,
): Promise<StepCheck> {
  const local = issuesOfStep(draftIssues(draft), step);
  if (local.length > 0) return { issues: local };
  let found: FieldIssue[];
  try {
    const result = await validate({ cluster: toClusterInput(draft) });
    found = result
      .filter((i) => i.severity === 'error')
      .map(({ field, message }) => ({ field: modelPath(field), message }));
  } catch (e) {
    const info = toErrorInfo(e);
    const fields = issuesOf(info);
    if (fields === null) return { error: info };
    found = fields;
  }
  return { issues: issuesOfStep(found, step) };
}
