import type { FactCheck } from '../../../shared/model/facts';

const RANK: Record<FactCheck['severity'], number> = { blocker: 0, warning: 1, ok: 2 };

/** Checks with blockers first, then warnings, then passed ones; stable within a severity. */
export function sortChecks(checks: readonly FactCheck[]): FactCheck[] {
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => RANK[a.c.severity] - RANK[b.c.severity] || a.i - b.i)
    .map(({ c }) => c);
}

/** How many checks there are of each severity. */
export function countChecks(checks: readonly FactCheck[]): Record<FactCheck['severity'], number> {
  const out = { blocker: 0, warning: 0, ok: 0 };
  for (const c of checks) out[c.severity] += 1;
  return out;
}
