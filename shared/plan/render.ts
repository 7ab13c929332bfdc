import type { Plan, PlanStep } from './types';

function indent(text: string, pad: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? '' : `${pad}${l}`))
    .join('\n');
}

function renderStep(s: PlanStep, n: number, hostName: (id: string) => string): string[] {
  const out = [`### ${n}. ${s.title}  [${s.id}]`];
  if (s.description) out.push(indent(s.description, '    '));
  if (s.waitFor.length > 0)
    out.push(
      `    waits for: ${s.waitFor.map((w) => `${w.hostName ?? hostName(w.hostId)} ${w.stepId}`).join(', ')}`,
    );
  out.push(`    check:  ${s.check ?? '(none: always runs)'}`);
  for (const f of s.files) {
    out.push(
      `    file:   ${f.path} (${f.mode} ${f.owner}:${f.group}, ${f.current === null ? 'new' : f.diff === '' ? 'unchanged' : 'changed'})`,
    );
    if (f.diff !== '') out.push(indent(f.diff, '      '));
  }
  for (const c of s.commands) out.push(`    run:    ${c}`);
  out.push(`    verify: ${s.verify ?? '(none)'}`);
  if (s.timeoutSec !== 120) out.push(`    timeout: ${s.timeoutSec} s per command`);
  return out;
}

/**
 * A readable text of a plan, per host and step: title, why, what it waits for, the check,
 * each file with its diff, the commands, the verify. The CLI `plan` command prints it and
 * the golden tests pin it.
 */
export function renderPlan(plan: Plan): string {
  const names = new Map(plan.hosts.map((h) => [h.hostId, h.hostName]));
  const hostName = (id: string): string => names.get(id) ?? id;
  const out = [`# ${plan.title}`];
  if (plan.hosts.length === 0) out.push('', 'Nothing to do.');
  for (const h of plan.hosts) {
    out.push(
      '',
      `## ${h.hostName} (${h.role}): ${h.steps.length} step${h.steps.length === 1 ? '' : 's'}`,
    );
    h.steps.forEach((s, i) => out.push('', ...renderStep(s, i + 1, hostName)));
  }
  return `${out.join('\n')}\n`;
}
