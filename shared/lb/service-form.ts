import { clusterVips, lbPolicyOf } from './cluster-lb';
import {
  PERSISTENCE_PRESETS,
  type CheckKind,
  type ForwardingMethod,
  type HealthCheck,
  type LbProtocol,
  type LbService,
  type Scheduler,
} from '../model/lb';
import { PRESETS, presetById, servicesFromPreset, type LbPreset } from './presets';
import type { Cluster } from '../model/cluster';
import { nextMark, slugify, uniqueId } from './lb-edit';

/**
 * The add/edit service form: every field as typed, turned into LVS services on save. The app's
 * wizard and the CLI's `service add|edit` (whose options are the same fields) share it, so both
 * start from the same presets and defaults. Numbers stay text until then; a bad one becomes NaN
 * and the engine names the field.
 */

/** What the first step offers: a preset of PRESETS, HTTP+HTTPS as one group, or a blank form. */
export type PresetChoice = LbPreset['id'] | 'web-group' | 'custom';

/** Persistence: off, one of the classic presets, or any number of seconds. */
export type PersistenceChoice = 'off' | '300' | '1800' | '3600' | 'custom';

/** One node of the cluster in the real-servers step. */
export interface ServerRow {
  hostId: string;
  selected: boolean;
  weight: string;
  /** Only with NAT: the node's own port, when it differs from the service's. */
  port: string;
}

/** The wizard's form. */
export interface ServiceForm {
  preset: PresetChoice;
  name: string;
  vip: string;
  listenKind: 'port' | 'fwmark';
  /** One port, or several (one service each); for a group, the group's ports. */
  ports: string;
  mark: string;
  /** Port ranges of a group, "30000-30100, 40000-40010". */
  ranges: string;
  protocol: LbProtocol;
  scheduler: Scheduler;
  persistence: PersistenceChoice;
  persistenceSec: string;
  netmask: string;
  method: ForwardingMethod;
  checkKind: CheckKind;
  checkPath: string;
  expectStatus: string;
  intervalSec: string;
  timeoutSec: string;
  retries: string;
  retryDelaySec: string;
  checkPort: string;
  onFailure: 'remove' | 'weight0';
  sorryIp: string;
  sorryPort: string;
  servers: ServerRow[];
  includeManager: boolean;
  managerWeight: string;
}

/** The choices of the first step, in order, with what to tell the admin about each. */
export interface PresetOption {
  id: PresetChoice;
  label: string;
  notes: string[];
}

/** Persistence the HTTP+HTTPS group starts with when the policy has none (the classic 1800 s). */
const GROUP_PERSISTENCE = 1800;

/** PRESETS, the HTTP+HTTPS firewall-mark group after HTTPS, and Custom last. */
export const PRESET_OPTIONS: PresetOption[] = [
  ...PRESETS.flatMap((p): PresetOption[] => {
    const own: PresetOption = {
      id: p.id,
      label: `${p.name} (${p.ports.join(', ')})`,
      notes: p.notes,
    };
    if (p.id !== 'https') return [own];
    return [
      own,
      {
        id: 'web-group',
        label: 'HTTP + HTTPS (80, 443 as one firewall-mark group)',
        notes: [
          `One LVS service for both ports, so that persistence keeps a client's HTTP and HTTPS connections on the same node (${GROUP_PERSISTENCE} s unless the default policy says otherwise).`,
        ],
      },
    ];
  }),
  { id: 'custom', label: 'Custom', notes: [] },
];

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

function persistenceChoice(seconds: number): PersistenceChoice {
  if (seconds === 0) return 'off';
  const preset = PERSISTENCE_PRESETS.find((p) => p === seconds);
  return preset === undefined ? 'custom' : (String(preset) as PersistenceChoice);
}

function checkFields(check: HealthCheck): Partial<ServiceForm> {
  if (check.kind === 'none') return { checkKind: 'none' };
  const web = check.kind === 'http' || check.kind === 'https';
  return {
    checkKind: check.kind,
    ...(web ? { checkPath: check.path, expectStatus: String(check.expectStatus) } : {}),
    intervalSec: String(check.intervalSec),
    timeoutSec: String(check.timeoutSec),
    retries: String(check.retries),
    retryDelaySec: String(check.retryDelaySec),
    checkPort: text(check.port),
  };
}

/** The form of a new service: the cluster's default policy, its first VIP, every enabled node. */
export function newServiceForm(c: Cluster): ServiceForm {
  const policy = lbPolicyOf(c);
  const enabled = c.nodes.filter((n) => n.enabled);
  return {
    preset: 'custom',
    name: '',
    vip: clusterVips(c)[0]?.address ?? '',
    listenKind: 'port',
    ports: '',
    mark: String(nextMark(c)),
    ranges: '',
    protocol: 'tcp',
    scheduler: policy.scheduler,
    persistence: persistenceChoice(policy.persistenceSec),
    persistenceSec: String(policy.persistenceSec),
    netmask: '32',
    method: policy.method,
    checkKind: 'tcp',
    checkPath: '/',
    expectStatus: '200',
    intervalSec: '2',
    timeoutSec: '1',
    retries: '1',
    retryDelaySec: '1',
    checkPort: '',
    ...checkFields(policy.check),
    onFailure: policy.onFailure,
    sorryIp: '',
    sorryPort: '',
    servers: c.nodes.map((n) => ({ hostId: n.hostId, selected: n.enabled, weight: '1', port: '' })),
    // With no node to serve, the manager is the only possible real server.
    includeManager: enabled.length === 0,
    managerWeight: '1',
  };
}

/**
 * The form with a preset chosen: name, ports, check kind and persistence from the preset shaped
 * by the default policy (servicesFromPreset); VIP and real servers stay as they were.
 */
export function applyPreset(c: Cluster, form: ServiceForm, choice: PresetChoice): ServiceForm {
  const base = newServiceForm(c);
  const kept = {
    vip: form.vip,
    servers: form.servers,
    includeManager: form.includeManager,
    managerWeight: form.managerWeight,
  };
  if (choice === 'custom') return { ...base, ...kept, preset: 'custom' };
  const policy = lbPolicyOf(c);
  if (choice === 'web-group') {
    const persistence = policy.persistenceSec === 0 ? GROUP_PERSISTENCE : policy.persistenceSec;
    return {
      ...base,
      ...kept,
      preset: choice,
      name: 'Web',
      listenKind: 'fwmark',
      ports: '80, 443',
      persistence: persistenceChoice(persistence),
      persistenceSec: String(persistence),
    };
  }
  const preset = presetById(choice);
  const first = preset && servicesFromPreset(preset, form.vip, [], policy)[0];
  if (preset === undefined || first === undefined) return { ...base, ...kept };
  const seconds = first.persistence?.seconds ?? 0;
  return {
    ...base,
    ...kept,
    preset: choice,
    name: preset.name,
    ports: preset.ports.join(', '),
    persistence: persistenceChoice(seconds),
    persistenceSec: String(seconds),
    ...(first.check === undefined ? {} : checkFields(first.check as HealthCheck)),
  };
}

/** The form of an existing service, for editing it. */
export function editServiceForm(c: Cluster, s: LbService): ServiceForm {
  const byHost = new Map(s.realServers.map((r) => [r.hostId, r]));
  const rows: ServerRow[] = c.nodes.map((n) => {
    const r = byHost.get(n.hostId);
    return {
      hostId: n.hostId,
      selected: r !== undefined,
      weight: text(r?.weight ?? 1),
      port: text(r?.port),
    };
  });
  // A real server the model names but the cluster lacks stays, so validation can name it.
  for (const r of s.realServers)
    if (!c.nodes.some((n) => n.hostId === r.hostId))
      rows.push({ hostId: r.hostId, selected: true, weight: String(r.weight), port: text(r.port) });
  const listen =
    s.listen.kind === 'port'
      ? {
          listenKind: 'port' as const,
          ports: String(s.listen.port),
          mark: String(nextMark(c)),
          ranges: '',
        }
      : {
          listenKind: 'fwmark' as const,
          ports: s.listen.ports.join(', '),
          mark: String(s.listen.mark),
          ranges: s.listen.ranges.map((r) => `${r.from}-${r.to}`).join(', '),
        };
  return {
    ...newServiceForm(c),
    preset: 'custom',
    name: s.name,
    vip: s.vip,
    ...listen,
    protocol: s.protocol,
    scheduler: s.scheduler,
    persistence: persistenceChoice(s.persistence.seconds),
    persistenceSec: String(s.persistence.seconds),
    netmask: String(s.persistence.netmask),
    method: s.method,
    ...checkFields(s.check),
    onFailure: s.onFailure,
    sorryIp: s.sorryServer?.ip ?? '',
    sorryPort: text(s.sorryServer?.port),
    servers: rows,
    includeManager: s.includeManager !== undefined,
    managerWeight: text(s.includeManager?.weight ?? 1),
  };
}

/** A typed number ("2", "0.5"), or NaN; an empty field is NaN too. */
export function toNumber(value: string): number {
  const t = value.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** "25, 587" or "25 587" -> [25, 587]; a bad entry becomes NaN. */
export function toPorts(value: string): number[] {
  return value
    .split(/[\s,]+/)
    .filter((p) => p !== '')
    .map(toNumber);
}

function toRanges(value: string): { from: number; to: number }[] {
  return value
    .split(/[\s,]+/)
    .filter((r) => r !== '')
    .map((r) => {
      const [from = '', to = ''] = r.split('-');
      return { from: toNumber(from), to: toNumber(to) };
    });
}

/** The health check the form describes. */
export function formCheck(f: ServiceForm): HealthCheck {
  if (f.checkKind === 'none') return { kind: 'none' };
  const timing = {
    intervalSec: toNumber(f.intervalSec),
    timeoutSec: toNumber(f.timeoutSec),
    retries: toNumber(f.retries),
    retryDelaySec: toNumber(f.retryDelaySec),
    ...(f.checkPort.trim() === '' ? {} : { port: toNumber(f.checkPort) }),
  };
  if (f.checkKind === 'http' || f.checkKind === 'https')
    return {
      kind: f.checkKind,
      path: f.checkPath.trim(),
      expectStatus: toNumber(f.expectStatus),
      ...timing,
    };
  return { kind: f.checkKind, ...timing };
}

/** The persistence the form sets, in seconds (0: off; NaN when the typed number is bad). */
export function persistenceSeconds(f: ServiceForm): number {
  if (f.persistence === 'off') return 0;
  return f.persistence === 'custom' ? toNumber(f.persistenceSec) : Number(f.persistence);
}

/**
 * The services the form makes: one per port for a port service (presets like SMTP 25/587), one
 * for a group. A new service's id comes from its name and port (`http-80`), made unique; an
 * edited service keeps its id (step ids and file comments refer to it).
 */
export function formServices(c: Cluster, f: ServiceForm, editId: string | null): LbService[] {
  const taken = new Set(c.services.map((s) => s.id).filter((id) => id !== editId));
  const base = slugify(f.name) || (f.preset === 'custom' ? 'service' : f.preset);
  const nat = f.method === 'nat';
  const common = {
    vip: f.vip.trim(),
    protocol: f.protocol,
    scheduler: f.scheduler,
    persistence: { seconds: persistenceSeconds(f), netmask: toNumber(f.netmask) },
    method: f.method,
    check: formCheck(f),
    realServers: f.servers
      .filter((r) => r.selected)
      .map((r) => ({
        hostId: r.hostId,
        weight: toNumber(r.weight),
        ...(nat && f.listenKind === 'port' && r.port.trim() !== ''
          ? { port: toNumber(r.port) }
          : {}),
      })),
    ...(f.includeManager ? { includeManager: { weight: toNumber(f.managerWeight) } } : {}),
    ...(f.sorryIp.trim() === ''
      ? {}
      : {
          sorryServer: {
            ip: f.sorryIp.trim(),
            ...(f.sorryPort.trim() === '' ? {} : { port: toNumber(f.sorryPort) }),
          },
        }),
    onFailure: f.onFailure,
  };
  const name = f.name.trim();
  if (f.listenKind === 'fwmark') {
    const mark = toNumber(f.mark);
    const id = editId ?? uniqueId(`${base}-fwm${Number.isNaN(mark) ? '' : mark}`, taken);
    return [
      {
        id,
        name,
        listen: { kind: 'fwmark', mark, ports: toPorts(f.ports), ranges: toRanges(f.ranges) },
        ...common,
      },
    ];
  }
  const ports = toPorts(f.ports);
  // No port typed: one service, whose port the engine reports as missing.
  const list = editId !== null || ports.length === 0 ? [ports[0] ?? NaN] : ports;
  return list.map((port) => {
    const id = editId ?? uniqueId(Number.isNaN(port) ? base : `${base}-${port}`, taken);
    taken.add(id);
    return {
      id,
      name: list.length > 1 ? `${name} ${port}` : name,
      listen: { kind: 'port', port },
      ...common,
    };
  });
}
