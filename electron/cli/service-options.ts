import { FORWARDING_METHODS, SCHEDULER_NAMES } from '../../shared/lb/lb-edit';
import type { FormField } from '../../shared/lb/service-form-fields';
import {
  PRESET_OPTIONS,
  type PresetChoice,
  type ServerRow,
  type ServiceForm,
} from '../../shared/lb/service-form';
import type { Cluster } from '../../shared/model/cluster';
import {
  ForwardingMethod,
  HealthCheck,
  LbProtocol,
  PERSISTENCE_PRESETS,
  Scheduler,
} from '../../shared/model/lb';
import type { CliContext } from './cli-context';
import { usageError } from './cli-errors';
import { CLUSTER_OPTION, type CommandInput, type OptionSpec } from './command';
import { listOption, stringOption } from './option-values';

/**
 * The options of `service add|edit` are the fields of the app's service form (shared/lb/
 * service-form.ts): the form starts from the same preset and default policy, the options
 * overwrite what they name, and the form makes the services. So both give the same services.
 */

const CHECK_KINDS = HealthCheck.options.map((o) => o.shape.kind.value);

/** Options that set one text field of the form as typed. */
const TEXT_FIELDS: Record<string, keyof ServiceForm> = {
  name: 'name',
  vip: 'vip',
  ports: 'ports',
  mark: 'mark',
  ranges: 'ranges',
  netmask: 'netmask',
  'check-path': 'checkPath',
  'expect-status': 'expectStatus',
  interval: 'intervalSec',
  'check-timeout': 'timeoutSec',
  retries: 'retries',
  'retry-delay': 'retryDelaySec',
  'check-port': 'checkPort',
};

/** Options whose value is one of a list, checked here so that the error names the choices. */
const CHOICES: Record<string, { field: keyof ServiceForm; values: readonly string[] }> = {
  listen: { field: 'listenKind', values: ['port', 'fwmark'] },
  protocol: { field: 'protocol', values: LbProtocol.options },
  scheduler: { field: 'scheduler', values: Scheduler.options },
  method: { field: 'method', values: ForwardingMethod.options },
  check: { field: 'checkKind', values: CHECK_KINDS },
  'on-failure': { field: 'onFailure', values: ['remove', 'weight0'] },
};

/** The options of `service add` and `service edit` (add has --preset too). */
export const SERVICE_OPTIONS: Record<string, OptionSpec> = {
  name: {
    type: 'string',
    value: 'NAME',
    help: "display name (preset: the preset's; custom: required)",
  },
  vip: {
    type: 'string',
    value: 'IP',
    help: "the VIP it listens on (new: the cluster's first VIP)",
  },
  listen: {
    type: 'string',
    value: 'port|fwmark',
    help: 'one service per port, or one firewall-mark group of all ports',
  },
  ports: {
    type: 'string',
    value: 'LIST',
    help: 'ports, e.g. 80 or 25,587 (port: one service each)',
  },
  mark: {
    type: 'string',
    value: 'N',
    help: 'the firewall mark of a group (new: the next free from 100)',
  },
  ranges: { type: 'string', value: 'LIST', help: "a group's port ranges, e.g. 30000-30100" },
  protocol: { type: 'string', value: 'tcp|udp', help: 'default tcp' },
  scheduler: {
    type: 'string',
    value: 'NAME',
    help: "IPVS scheduler (new: the default policy's); see below",
  },
  persistence: {
    type: 'string',
    value: 'SECONDS|off',
    help: "keep a client on one node this long (new: the policy's; FTP 3600)",
  },
  netmask: {
    type: 'string',
    value: 'PREFIX',
    help: 'persistence groups clients by this prefix (default 32: per address)',
  },
  method: {
    type: 'string',
    value: 'dr|nat|tun',
    help: "forwarding (new: the default policy's); see below",
  },
  check: {
    type: 'string',
    value: 'KIND',
    help: `health check: ${CHECK_KINDS.join(', ')} (new: the preset's)`,
  },
  'check-path': {
    type: 'string',
    value: 'PATH',
    help: 'URL path of an http/https check (default /)',
  },
  'expect-status': {
    type: 'string',
    value: 'CODE',
    help: 'HTTP status an http/https check expects (default 200)',
  },
  interval: {
    type: 'string',
    value: 'SECONDS',
    help: "seconds between two checks (new: the policy's)",
  },
  'check-timeout': { type: 'string', value: 'SECONDS', help: "a check's connect timeout" },
  retries: {
    type: 'string',
    value: 'N',
    help: 'further attempts before a server counts as failed',
  },
  'retry-delay': { type: 'string', value: 'SECONDS', help: 'seconds between those attempts' },
  'check-port': {
    type: 'string',
    value: 'PORT',
    help: "the port to check (default: the service's)",
  },
  'on-failure': {
    type: 'string',
    value: 'remove|weight0',
    help: 'a failed server leaves IPVS, or stays at weight 0',
  },
  sorry: {
    type: 'string',
    value: 'IP[:PORT]|none',
    help: 'where clients go when every server is down',
  },
  nodes: {
    type: 'string',
    value: 'LIST|none',
    help: 'real servers: NODE[:WEIGHT[:PORT]],... (new: every enabled node at weight 1; PORT with NAT only)',
  },
  manager: {
    type: 'string',
    value: 'WEIGHT|off',
    help: 'the manager serves too, at this weight (new: only when the cluster has no node)',
  },
  ...CLUSTER_OPTION,
};

/** The presets, methods and schedulers, for `service add --help`. */
export const SERVICE_HELP = `Presets (--preset; the wizard's, shaped by the cluster's default policy):
${PRESET_OPTIONS.map((p) => `  ${p.id.padEnd(10)} ${p.label}${p.notes.length > 0 ? `\n${p.notes.map((n) => `             ${n}`).join('\n')}` : ''}`).join('\n')}

Forwarding methods (--method):
${FORWARDING_METHODS.map((m) => `  ${m.value.padEnd(10)} ${m.explain}`).join('\n')}

Schedulers (--scheduler): ${Scheduler.options.map((s) => `${s} (${SCHEDULER_NAMES[s]})`).join(', ')}.`;

/** The preset of `service add` (custom when none is given). */
export function presetOf(opts: CommandInput['opts']): PresetChoice {
  const value = stringOption(opts, 'preset') ?? 'custom';
  const choice = PRESET_OPTIONS.find((p) => p.id === value);
  if (choice === undefined)
    throw usageError(
      '--preset',
      `must be one of ${PRESET_OPTIONS.map((p) => p.id).join(', ')}`,
      'service add',
    );
  return choice.id;
}

/** The real-server rows that `--nodes` names, in the cluster's node order. */
async function serverRows(
  ctx: CliContext,
  c: Cluster,
  value: string,
  command: string,
): Promise<ServerRow[]> {
  const rows = c.nodes.map((n): ServerRow => ({
    hostId: n.hostId,
    selected: false,
    weight: '1',
    port: '',
  }));
  if (value === 'none') return rows;
  for (const item of listOption(value)) {
    const [name = '', weight, port] = item.split(':');
    const host = await ctx.host(name, '--nodes');
    const row = rows.find((r) => r.hostId === host.id);
    if (row === undefined)
      throw usageError(
        '--nodes',
        `${host.name} is not a node of cluster ${c.name} (see: clusterdeck node add --help)`,
        command,
      );
    Object.assign(row, { selected: true, weight: weight ?? '1', port: port ?? '' });
  }
  return rows;
}

/** The form with what the options name overwritten; the rest stays (preset, policy, service). */
export async function withOptions(
  ctx: CliContext,
  c: Cluster,
  form: ServiceForm,
  opts: CommandInput['opts'],
  command: string,
): Promise<ServiceForm> {
  const f: ServiceForm = { ...form };
  const set = f as unknown as Record<string, string>;
  for (const [option, field] of Object.entries(TEXT_FIELDS)) {
    const v = stringOption(opts, option);
    if (v !== undefined) set[field] = v;
  }
  for (const [option, { field, values }] of Object.entries(CHOICES)) {
    const v = stringOption(opts, option);
    if (v === undefined) continue;
    if (!values.includes(v))
      throw usageError(`--${option}`, `must be one of ${values.join(', ')}`, command);
    set[field] = v;
  }
  const persistence = stringOption(opts, 'persistence');
  if (persistence !== undefined) {
    const preset = PERSISTENCE_PRESETS.find((p) => String(p) === persistence.trim() && p !== 0);
    Object.assign(
      f,
      persistence === 'off' || persistence.trim() === '0'
        ? { persistence: 'off' }
        : {
            persistence: preset === undefined ? 'custom' : String(preset),
            persistenceSec: persistence,
          },
    );
  }
  const sorry = stringOption(opts, 'sorry');
  if (sorry !== undefined) {
    const [ip = '', port = ''] = sorry === 'none' ? [] : sorry.split(':');
    Object.assign(f, { sorryIp: ip, sorryPort: port });
  }
  const manager = stringOption(opts, 'manager');
  if (manager !== undefined)
    Object.assign(
      f,
      manager === 'off'
        ? { includeManager: false }
        : { includeManager: true, managerWeight: manager },
    );
  const nodes = stringOption(opts, 'nodes');
  if (nodes !== undefined) f.servers = await serverRows(ctx, c, nodes, command);
  return f;
}

const OPTION_OF_FIELD: Partial<Record<FormField, string>> = {
  ...Object.fromEntries(
    Object.entries(TEXT_FIELDS).map(([option, field]) => [field, `--${option}`]),
  ),
  ...Object.fromEntries(
    Object.entries(CHOICES).map(([option, { field }]) => [field, `--${option}`]),
  ),
  persistence: '--persistence',
  persistenceSec: '--persistence',
  sorryIp: '--sorry',
  sorryPort: '--sorry',
  servers: '--nodes',
  includeManager: '--manager',
  managerWeight: '--manager',
};

/** The option that sets a form field (`server.<id>.weight` and the like are --nodes). */
export function optionOfFormField(field: FormField): string {
  return field.startsWith('server.') ? '--nodes' : (OPTION_OF_FIELD[field] ?? `--${field}`);
}
