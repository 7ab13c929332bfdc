import {
  DEFAULT_POLICY,
  type CheckKind,
  type HealthCheck,
  type LbPolicy,
  type LbServiceInput,
  type RealServer,
} from '../model/lb';

/** A classic hosting service the admin can add in one click. */
export interface LbPreset {
  id: 'http' | 'https' | 'smtp' | 'pop3' | 'imap' | 'ftp';
  name: string;
  /** One LVS service per port (each port is balanced on its own, as in the classic panels). */
  ports: number[];
  /** The check the preset proposes; timings come from the policy. */
  check: CheckKind;
  /** Persistence the preset needs regardless of the policy (FTP), in seconds. */
  requiredPersistenceSec?: number;
  /** What the admin must know; shown beside the preset. */
  notes: string[];
}

/** The presets of the classic panels (InterWorx: HTTP, HTTPS, SMTP, POP3, IMAP) plus FTP. */
export const PRESETS: readonly LbPreset[] = [
  {
    id: 'http',
    name: 'HTTP',
    ports: [80],
    check: 'http',
    notes: [
      'Sites keep PHP sessions on the shared storage or in a database; otherwise turn persistence on (1800 s is the classic choice).',
      'The check is an HTTP GET of / expecting 200, sent without a Host header: every node must answer it from its default site (as the default sites of nginx and Apache on Debian do). Give it a health page path if yours does not; a TCP check stays available.',
    ],
  },
  {
    id: 'https',
    name: 'HTTPS',
    ports: [443],
    check: 'https',
    notes: [
      'The check is a TLS connection and a GET of / expecting 200 (keepalived SSL_GET, the certificate is not verified); a TCP check stays available.',
      'To keep a client on one node for HTTP and HTTPS, put 80 and 443 in one firewall-mark group with persistence instead.',
    ],
  },
  {
    id: 'smtp',
    name: 'SMTP',
    ports: [25, 587],
    check: 'smtp',
    notes: [
      'The SMTP check connects, reads the banner and sends HELO; port 587 is checked the same way.',
    ],
  },
  { id: 'pop3', name: 'POP3', ports: [110, 995], check: 'tcp', notes: [] },
  { id: 'imap', name: 'IMAP', ports: [143, 993], check: 'tcp', notes: [] },
  {
    id: 'ftp',
    name: 'FTP',
    ports: [21],
    check: 'tcp',
    requiredPersistenceSec: 3600,
    notes: [
      'FTP opens a second (data) connection on another port, which must reach the node of the control connection: persistence is required.',
      'With NAT, the manager loads the ip_vs_ftp kernel module (ClusterDeck adds it): it reads PORT/PASV in the control connection and sends the data connection to the same node.',
      "With DR or TUN the manager never sees the server's PASV reply, so ip_vs_ftp cannot help: use a persistent firewall-mark group with port 21 and the passive port range every node's FTP server is configured with.",
    ],
  },
];

/** A preset by id. */
export function presetById(id: LbPreset['id']): LbPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

function checkFor(kind: CheckKind, policy: LbPolicy): HealthCheck {
  // A policy without checks wins; otherwise the preset's kind (an HTTP check on a POP3 port
  // would never pass) with the policy's timings.
  const t = policy.check;
  if (kind === 'none' || t.kind === 'none') return { kind: 'none' };
  const timing = {
    intervalSec: t.intervalSec,
    timeoutSec: t.timeoutSec,
    retries: t.retries,
    retryDelaySec: t.retryDelaySec,
  };
  if (kind === 'http' || kind === 'https') return { kind, path: '/', expectStatus: 200, ...timing };
  return { kind, ...timing };
}

/**
 * The services of a preset on a VIP, shaped by the default policy (scheduler, method,
 * persistence, failure handling, check timings; the check kind is the preset's). Ids are
 * `<preset>-<port>`.
 */
export function servicesFromPreset(
  preset: LbPreset,
  vip: string,
  realServers: RealServer[],
  policy: LbPolicy = DEFAULT_POLICY,
): LbServiceInput[] {
  const persistence = preset.requiredPersistenceSec ?? policy.persistenceSec;
  return preset.ports.map((port) => ({
    id: `${preset.id}-${port}`,
    name: preset.ports.length > 1 ? `${preset.name} ${port}` : preset.name,
    vip,
    listen: { kind: 'port', port },
    protocol: 'tcp',
    scheduler: policy.scheduler,
    persistence: { seconds: persistence, netmask: 32 },
    method: policy.method,
    check: checkFor(preset.check, policy),
    realServers,
    onFailure: policy.onFailure,
  }));
}
