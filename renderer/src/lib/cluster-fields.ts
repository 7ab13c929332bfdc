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

/** The wizard's words for the fields it shows, by model path. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  name: 'Cluster name',
  layout: 'Network layout',
  manager: 'Manager',
  'manager.hostId': 'Manager host',
  'manager.publicIp': "Manager's public IP",
  'manager.privateIp': "Manager's private IP",
  'manager.quorumIp': 'Quorum IP',
  'manager.quorumPrefix': 'Quorum prefix',
  'manager.quorumInterface': 'Quorum interface',
  storage: 'Shared storage',
  'storage.kind': 'Shared storage',
  'storage.hostId': 'Storage host',
  'storage.address': 'Address to mount from',
  'storage.exportPath': 'Export path',
  'storage.device': 'Block device',
};

/** What one item of a model list is called: `nodes.0` is "Node 1". */
const ITEM_WORDS: Readonly<Record<string, string>> = {
  nodes: 'Node',
  accounts: 'Account',
  vips: 'VIP',
  services: 'Service',
  realServers: 'real server',
};

/** A model key in words: `hostId` -> "host", `quorumIp` -> "quorum IP". */
function keyWords(key: string): string {
  if (key === 'hostId') return 'host';
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((w) => (/^(Ip|Id|Uid|Gid|Vip)$/i.test(w) ? w.toUpperCase() : w.toLowerCase()))
    .join(' ');
}

/**
 * A model path in the words of the form that shows it: `manager.quorumIp` -> "Quorum IP",
 * `nodes.0.privateIp` -> "Node 1 private IP", `accounts.2.name` -> "Account 3 name".
 */
export function fieldLabel(field: string): string {
  const p = modelPath(field);
  const known = FIELD_WORDS[p];
  if (known !== undefined) return known;
  const words: string[] = [];
  const parts = p.split('.');
  parts.forEach((part, i) => {
    const list = parts[i - 1] ?? '';
    if (/^\d+$/.test(part) && words.length > 0) {
      words[words.length - 1] = `${ITEM_WORDS[list] ?? keyWords(list)} ${Number(part) + 1}`;
    } else {
      words.push(FIELD_WORDS[part] !== undefined && i === 0 ? FIELD_WORDS[part] : keyWords(part));
    }
  });
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a field is in the wizard, in words: "Manager › Quorum IP". */
export function fieldPlace(field: string): string {
  const step = stepOfField(field);
  const label = fieldLabel(field);
  return step === REVIEW_STEP ? label : `${SETUP_STEPS[step]} › ${label}`;
}

/** A model path in parentheses inside a message: "(nodes.0.privateIp)". */
const PATH_IN_MESSAGE =
  /\((?:cluster\.)?((?:name|layout|manager|storage|nodes|accounts|vips|services)(?:\.[A-Za-z0-9]+)+)\)/g;

/** A model path named without parentheses: "manager.quorumIp must …". */
const BARE_PATH = /\b(?:cluster\.)?((?:manager|storage|nodes)(?:\.[A-Za-z0-9]+)+)\b/g;

/** A model key named alone: "set quorumInterface or …". */
const BARE_KEY = /\b(quorumInterface|quorumPrefix|quorumIp|publicIp|privateIp|exportPath)\b/g;

/**
 * A message with the model paths it names replaced by where they are in words:
 * "… is already node 1's private address (nodes.0.privateIp)" -> "… (Nodes › Node 1 private IP)",
 * "a device in storage.device" -> "a device in “Block device”", "set quorumInterface" -> "set the
 * quorum interface".
 */
export function inWords(message: string): string {
  return message
    .replace(PATH_IN_MESSAGE, (_m, path: string) => `(${fieldPlace(path)})`)
    .replace(BARE_PATH, (_m, path: string) => `“${fieldLabel(path)}”`)
    .replace(BARE_KEY, (key) => `the ${keyWords(key)}`);
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
  for (const { field, message: raw } of issues) {
    const message = inWords(raw);
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
 * Issues that no shown field displays, as "field: message" lines in words: `shown` is the set
 * of paths that have a field on screen.
 */
export function unshownIssues(issues: readonly FieldIssue[], shown: ReadonlySet<string>): string[] {
  return issues
    .filter((i) => !shown.has(i.field))
    .map((i) => `${fieldLabel(i.field)}: ${inWords(i.message)}`);
}
