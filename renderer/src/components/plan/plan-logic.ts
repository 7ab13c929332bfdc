import type { Plan, PlannedFile, PlanStep } from '../../../../shared/plan/types';

/** What a line of a unified diff is, for colouring. */
export type DiffLineKind = 'add' | 'del' | 'hunk' | 'header' | 'meta' | 'context';

/** One line of a unified diff with its kind. */
export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/** Classifies a unified diff line: + added, - removed, @@ hunk, ---/+++ file headers. */
export function classifyDiffLine(line: string): DiffLineKind {
  if (line.startsWith('+++ ') || line.startsWith('--- ')) return 'header';
  if (line.startsWith('diff ') || line.startsWith('index ')) return 'header';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('\\')) return 'meta'; // "\ No newline at end of file"
  return 'context';
}

/** A unified diff split into classified lines (a trailing newline adds no empty line). */
export function diffLines(diff: string): DiffLine[] {
  if (diff === '') return [];
  const lines = diff.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((text) => ({ kind: classifyDiffLine(text), text }));
}

/** How a planned file changes the host: created, changed, or already as planned. */
export type FileChange = 'new' | 'changed' | 'unchanged';

/** Whether writing the file creates, changes or leaves it as it is. */
export function fileChange(file: PlannedFile): FileChange {
  if (file.current === null) return 'new';
  return file.diff === '' && file.current === file.content ? 'unchanged' : 'changed';
}

/** Counts of a plan for its summary line. */
export interface PlanSummary {
  hosts: number;
  steps: number;
  filesChanged: number;
}

/** Hosts with steps, steps, and files created or changed in a plan. */
export function summarizePlan(plan: Plan): PlanSummary {
  let steps = 0;
  let filesChanged = 0;
  let hosts = 0;
  for (const host of plan.hosts) {
    if (host.steps.length > 0) hosts += 1;
    steps += host.steps.length;
    for (const step of host.steps) {
      filesChanged += step.files.filter((f) => fileChange(f) !== 'unchanged').length;
    }
  }
  return { hosts, steps, filesChanged };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 hosts, 14 steps, 3 files changed". */
export function formatSummary(s: PlanSummary): string {
  return `${plural(s.hosts, 'host')}, ${plural(s.steps, 'step')}, ${plural(s.filesChanged, 'file')} changed`;
}

/** The first 12 characters of a plan hash, enough to tell plans apart at a glance. */
export function shortHash(hash: string | undefined): string | null {
  if (hash === undefined || hash === '') return null;
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * "after <step title> on <host name>" for a step's dependency, using the plan to name the
 * step and host; a host with no step in the plan is named by the dependency itself.
 */
export function describeWaitFor(plan: Plan, dep: PlanStep['waitFor'][number]): string {
  const host = plan.hosts.find((h) => h.hostId === dep.hostId);
  const step = host?.steps.find((s) => s.id === dep.stepId);
  return `after ${step?.title ?? dep.stepId} on ${host?.hostName ?? dep.hostName ?? dep.hostId}`;
}
