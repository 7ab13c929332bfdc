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

/** The lines a unified diff changes (its "+" and "-" lines, not the file headers). */
export function changedLines(diff: string): number {
  return diff.split('\n').filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---)( |$)/.test(l)).length;
}

/** "/etc/keepalived/keepalived.conf differs from the plan: 4 lines (diff below)". */
function fileLine(f: { path: string; diff: string }): string {
  const n = changedLines(f.diff);
  return `${f.path} differs from the plan: ${n} line${n === 1 ? '' : 's'} (diff below)`;
}

/**
 * What differs, as expected vs found: the step's title is what the plan expects; what was found
 * is the files that differ, and the check's own output (or, when it says nothing, that it
 * exited non-zero: a check that stays silent still fails only when the state differs).
 */
function detailOf(
  step: PlanStep,
  files: { path: string; diff: string }[],
  r: SectionResult | null,
  timeoutSec: number,
): string {
  const found = files.map(fileLine);
  if (r !== null) {
    const text = [r.stderr.trim(), r.stdout.trim()].filter((t) => t !== '').join('\n');
    if (r.timedOut) found.push(`unknown: the check did not finish in ${timeoutSec} s`);
    else if (text !== '') found.push(r.truncated ? `${text}\n…` : text);
    else if (found.length === 0)
      found.push(`not in place (its check exited ${r.code ?? 'on a signal'} without saying why)`);
  }
  return `expected: ${step.title}\nfound: ${found.join('\n')}`;
}

/**
 * The drift on one host: every step whose check fails (exit status not 0), and every step
 * without a check whose files differ from what is on the host; each says what the plan expects
 * and what was found. `results` holds the outcome of
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
      detail = detailOf(step, files, null, 0);
    } else {
      const r = results.get(step);
      if (r === undefined)
        throw new Error(`no check result for step ${step.id} on ${host.hostName}`);
      if (r.code === 0) continue;
      detail = detailOf(step, files, r, Math.min(step.timeoutSec, CHECK_TIMEOUT_SEC));
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
