import { CliError } from './cli-errors';

/** A host as far as names go. */
export interface HostRef {
  id: string;
  name: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every place of a cluster model that names a host, with its dotted path. */
function hostSlots(model: Json): { path: string; owner: Json }[] {
  const slots: { path: string; owner: Json }[] = [];
  const add = (path: string, owner: unknown) => {
    if (isObject(owner) && 'hostId' in owner) slots.push({ path: `${path}.hostId`, owner });
  };
  add('manager', model['manager']);
  add('storage', model['storage']);
  list(model['nodes']).forEach((n, i) => add(`nodes.${i}`, n));
  list(model['services']).forEach((s, i) => {
    if (isObject(s))
      list(s['realServers']).forEach((r, j) => add(`services.${i}.realServers.${j}`, r));
  });
  return slots;
}

/**
 * The model of a file given to `cluster create/update`: the model itself, or what
 * `cluster show --json` printed (a cluster view, whose `cluster` is the model).
 */
export function modelOfFile(value: unknown): Json {
  if (isObject(value) && isObject(value['cluster'])) return value['cluster'];
  if (isObject(value)) return value;
  throw new CliError(
    'VALIDATION',
    '--file: the file must hold a JSON object (the cluster model)',
    'See the format: clusterdeck cluster schema',
    {
      issues: [{ field: '--file', message: 'must hold a JSON object' }],
    },
  );
}

/**
 * A copy of a cluster model with host names replaced by host ids wherever the model names a
 * host (manager, storage, nodes, services' real servers). An id stays as it is. A value that is
 * neither is a VALIDATION error naming each such field, so that the engine only ever sees ids.
 */
export function resolveHostNames(model: Json, hosts: readonly HostRef[]): Json {
  const copy = structuredClone(model);
  const ids = new Set(hosts.map((h) => h.id));
  const byName = new Map(hosts.map((h) => [h.name, h.id]));
  const issues: { field: string; message: string }[] = [];
  for (const { path, owner } of hostSlots(copy)) {
    const v = owner['hostId'];
    if (typeof v !== 'string' || ids.has(v)) continue;
    const id = byName.get(v);
    if (id !== undefined) owner['hostId'] = id;
    else issues.push({ field: path, message: `no host named ${JSON.stringify(v)}` });
  }
  if (issues.length > 0) {
    throw new CliError(
      'VALIDATION',
      issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      'Add the host first, or use a name from: clusterdeck hosts list',
      {
        issues,
      },
    );
  }
  return copy;
}
