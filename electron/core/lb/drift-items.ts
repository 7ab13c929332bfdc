import type { DriftItem } from '../../../shared/lb/status';
import type { HostPlan, PlanStep } from '../../../shared/plan/types';
import type { SectionResult, SectionSpec } from '../cluster/run-sections';

/** A check runs at most this long when looking for drift (steps allow more to apply). */
export const CHECK_TIMEOUT_SEC = 30;
/** How much of a failed check's output a drift item keeps. */
export const CHECK_OUTPUT_BYTES = 2048;

/** The steps of a host plan that have a check, with how to run each one. */
export function checkSections(host: HostPlan): { step: PlanStep; section: SectionSpec }[] {
  return host.steps.flatMap((step) =>
    step.check === null
      ? []
      : [
          {
            step,
            section: {
              command: step.check,
              timeoutSec: Math.min(step.timeoutSec, CHECK_TIMEOUT_SEC),
              maxBytes: CHECK_OUTPUT_BYTES,
            },
          },
        ],
  );
}

function detailOf(r: SectionResult, timeoutSec: number): string {
  if (r.timedOut) return `the check did not finish in ${timeoutSec} s`;
  const text = [r.stderr.trim(), r.stdout.trim()].filter((t) => t !== '').join('\n');
  if (text === '') return `the check failed (exit ${r.code})`;
  return r.truncated ? `${text}\n…` : text;
}

/**
 * The drift on one host: every step whose check fails (exit status not 0), and every step
 * without a check whose files differ from what is on the host. `results` holds the outcome of
 * each checked step (see {@link checkSections}).
 */
export function driftItems(
  host: HostPlan,
  results: ReadonlyMap<PlanStep, SectionResult>,
): DriftItem[] {
  const out: DriftItem[] = [];
  for (const step of host.steps) {
    const files = step.files
      .filter((f) => f.diff !== '')
      .map((f) => ({ path: f.path, diff: f.diff }));
    let detail: string;
    if (step.check === null) {
      if (files.length === 0) continue;
      detail = 'the step has no check; its files differ from the host';
    } else {
      const r = results.get(step);
      if (r === undefined)
        throw new Error(`no check result for step ${step.id} on ${host.hostName}`);
      if (r.code === 0) continue;
      detail = detailOf(r, Math.min(step.timeoutSec, CHECK_TIMEOUT_SEC));
    }
    out.push({
      hostId: host.hostId,
      hostName: host.hostName,
      stepId: step.id,
      title: step.title,
      files,
      detail,
    });
  }
  return out;
}
