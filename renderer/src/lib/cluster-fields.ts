import { detailsOf, type ErrorInfo } from '../../../shared/api/errors';

/** A message about one field of the cluster model (a dotted path such as `nodes.1.privateIp`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The steps of the setup wizard, in order. */
export const SETUP_STEPS = ['Name and layout', 'Manager', 'Storage', 'Nodes', 'Review'] as const;

/** Index of the review step, where issues that name no other step are shown. */
export const REVIEW_STEP = SETUP_STEPS.length - 1;

/**
 * The model path of an issue field: the request schema reports `cluster.manager.quorumIp`
 * (the request's own argument is `cluster`), the service `manager.quorumIp`.
 */
export function modelPath(field: string): string {
  return field.replace(/^input\./, '').replace(/^cluster\./, '');
}

/** The wizard step that edits a model path (name/layout 0, manager 1, storage 2, nodes 3). */
export function stepOfField(field: string): number {
  const p = modelPath(field);
  const head = p.split('.')[0] ?? '';
  switch (head) {
    case 'name':
    case 'layout':
      return 0;
    case 'manager':
      return 1;
    case 'storage':
      return 2;
    case 'nodes':
      return 3;
    default:
      return REVIEW_STEP;
  }
}

/** The `{field, message}` issues of a VALIDATION error (model paths), or null for other errors. */
export function issuesOf(error: ErrorInfo): FieldIssue[] | null {
  const issues = detailsOf(error, 'VALIDATION')?.issues ?? [];
  return issues.length === 0
    ? null
    : issues.map(({ field, message }) => ({ field: modelPath(field), message }));
}

/** Messages per model path; several messages on one field are joined into one sentence list. */
export function messagesByField(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of issues) {
    const prev = out[field];
    if (prev === undefined) out[field] = message;
    else if (!prev.split('; ').includes(message)) out[field] = `${prev}; ${message}`;
  }
  return out;
}

/** How many issues fall on each wizard step. */
export function issuesPerStep(issues: readonly FieldIssue[]): number[] {
  const counts = SETUP_STEPS.map(() => 0);
  for (const i of issues) counts[stepOfField(i.field)] = (counts[stepOfField(i.field)] ?? 0) + 1;
  return counts;
}

/**
 * Issues that no shown field displays, as "field: message" lines: `shown` is the set of paths
 * that have a field on screen.
 */
export function unshownIssues(issues: readonly FieldIssue[], shown: ReadonlySet<string>): string[] {
  return issues.filter((i) => !shown.has(i.field)).map((i) => `${i.field}: ${i.message}`);
}
