import { requests, type RequestInput } from '../../../../../shared/api/contract';
import type { ClusterLayout } from '../../../../../shared/model/cluster';
import { modelPath, stepOfField, type FieldIssue } from '../../../lib/cluster-fields';

/** A node row of the wizard, as typed. */
export interface DraftNode {
  hostId: string;
  publicIp: string;
  privateIp: string;
}

/** The wizard's form: every field as typed; turned into a cluster model on save. */
export interface SetupDraft {
  name: string;
  layout: ClusterLayout;
  /** The admin picked the layout; until then it follows the one the probed networks suggest. */
  layoutChosen?: boolean;
  managerHostId: string;
  publicIp: string;
  privateIp: string;
  quorumIp: string;
  quorumPrefix: string;
  quorumInterface: string;
  storageKind: 'manager' | 'external';
  storageDevice: string;
  storageHostId: string;
  storageAddress: string;
  exportPath: string;
  nodes: DraftNode[];
}

/** The wizard as it opens. */
export const EMPTY_DRAFT: SetupDraft = {
  name: '',
  layout: 'public',
  managerHostId: '',
  publicIp: '',
  privateIp: '',
  quorumIp: '',
  quorumPrefix: '24',
  quorumInterface: '',
  storageKind: 'manager',
  storageDevice: '',
  storageHostId: '',
  storageAddress: '',
  exportPath: '/srv/cluster',
  nodes: [],
};

/** The cluster a `clusters:save` of a new cluster sends. */
export type NewCluster = RequestInput<'clusters:save'>['cluster'];

const opt = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  (value.trim() === '' ? {} : { [key]: value.trim() }) as Partial<Record<K, string>>;

/** A typed whole number, or NaN (the schema then names the field). */
function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

/**
 * The model the draft describes. Empty optional fields are left out; private addresses are
 * left out in the all-public layout, where the form hides them.
 */
export function toClusterInput(d: SetupDraft): NewCluster {
  const withPrivate = d.layout !== 'public';
  return {
    name: d.name.trim(),
    layout: d.layout,
    manager: {
      hostId: d.managerHostId,
      publicIp: d.publicIp.trim(),
      ...(withPrivate ? opt('privateIp', d.privateIp) : {}),
      quorumIp: d.quorumIp.trim(),
      quorumPrefix: whole(d.quorumPrefix),
      ...opt('quorumInterface', d.quorumInterface),
    },
    storage:
      d.storageKind === 'manager'
        ? { kind: 'manager', ...opt('device', d.storageDevice) }
        : {
            kind: 'external',
            hostId: d.storageHostId,
            address: d.storageAddress.trim(),
            exportPath: d.exportPath.trim(),
            ...opt('device', d.storageDevice),
          },
    nodes: d.nodes.map((n) => ({
      hostId: n.hostId,
      publicIp: n.publicIp.trim(),
      ...(withPrivate ? opt('privateIp', n.privateIp) : {}),
      enabled: true,
    })),
  };
}

/** What the contract's own schema says about the draft (format errors), as model paths. */
export function draftIssues(d: SetupDraft): FieldIssue[] {
  const r = requests['clusters:save'].input.safeParse({ cluster: toClusterInput(d) });
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    field: modelPath(i.path.map(String).join('.')),
    message: i.message,
  }));
}

/** The issues of one wizard step. */
export function issuesOfStep(issues: readonly FieldIssue[], step: number): FieldIssue[] {
  return issues.filter((i) => stepOfField(i.field) === step);
}

/** Drops the issues of a field (after it was edited); `nodes.1` drops the whole node's. */
export function clearField(issues: readonly FieldIssue[], field: string): FieldIssue[] {
  return issues.filter((i) => i.field !== field && !i.field.startsWith(`${field}.`));
}

/**
 * Issues after node `index` was removed: its own go, later nodes' paths move up by one, so
 * the messages stay under the rows they were about.
 */
export function shiftNodeIssues(issues: readonly FieldIssue[], index: number): FieldIssue[] {
  return issues.flatMap((i) => {
    const m = /^nodes\.(\d+)(\..*)?$/.exec(i.field);
    if (m === null) return [i];
    const n = Number(m[1]);
    if (n === index) return [];
    return [n > index ? { ...i, field: `nodes.${n - 1}${m[2] ?? ''}` } : i];
  });
}
