import { expectGolden } from '../testing/golden.test-support';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderKeepalivedConf } from './keepalived-conf';
import { SCHEDULERS, type LbServiceInput } from '../model/lb';
import { presetById, servicesFromPreset } from './presets';
import { LAB, LAB_HOSTS, LAB_VIP, httpService, lbCluster } from './testing/lb-fixtures';

const GOLDEN = join(__dirname, '__golden__', 'keepalived');
const work = mkdtempSync(join(tmpdir(), 'cd-keepalived-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** keepalived's binary; the test command installs Debian's keepalived, so a missing one fails. */
function keepalivedBinary(): string {
  for (const p of ['/usr/sbin/keepalived', '/sbin/keepalived', '/usr/local/sbin/keepalived'])
    if (existsSync(p)) return p;
  throw new Error(
    'keepalived is not installed: these tests run `keepalived -t` on every generated file. Install it (apt-get install -y keepalived; do not start the service) and run again.',
  );
}

/** Runs `keepalived -t -f FILE` (config test: parse, report, exit; nothing is started). */
function configTest(text: string, name: string): { status: number; output: string } {
  const file = join(work, `${name}.conf`);
  writeFileSync(file, text);
  const r = spawnSync(keepalivedBinary(), ['-t', '-f', file], {
    encoding: 'utf8',
  });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

function golden(name: string, text: string): void {
  expectGolden(join(GOLDEN, `${name}.conf`), text);
}

const CASES: [string, LbServiceInput[], ('public-private' | 'public' | 'private-nat')?][] = [
  ...SCHEDULERS.map((s): [string, LbServiceInput[]] => [
    `scheduler-${s}`,
    [httpService({ scheduler: s })],
  ]),
  ['method-dr', [httpService({ method: 'dr' })]],
  [
    'method-nat',
    [
      httpService({
        method: 'nat',
        realServers: [
          { hostId: LAB.node1, port: 8080 },
          { hostId: LAB.node2, port: 8080, weight: 3 },
        ],
      }),
    ],
  ],
  ['method-tun', [httpService({ method: 'tun' })]],
  [
    'check-tcp',
    [
      httpService({
        check: {
          kind: 'tcp',
          intervalSec: 1.5,
          timeoutSec: 0.5,
          retries: 2,
          retryDelaySec: 0.25,
        },
      }),
    ],
  ],
  [
    'check-http',
    [
      httpService({
        check: { kind: 'http', path: '/health?probe=1', expectStatus: 204 },
      }),
    ],
  ],
  [
    'check-https',
    [
      httpService({
        id: 'https',
        listen: { kind: 'port', port: 443 },
        check: { kind: 'https', path: '/' },
      }),
    ],
  ],
  [
    'check-smtp',
    [
      httpService({
        id: 'smtp',
        name: 'SMTP 25',
        listen: { kind: 'port', port: 25 },
        check: { kind: 'smtp' },
      }),
    ],
  ],
  ['check-none', [httpService({ check: { kind: 'none' } })]],
  [
    'persistence-sorry-weight0-manager',
    [
      httpService({
        persistence: { seconds: 1800, netmask: 24 },
        sorryServer: { ip: '10.10.0.50' },
        onFailure: 'weight0',
        includeManager: { weight: 2 },
      }),
    ],
  ],
  [
    'fwmark-web',
    [
      httpService({
        id: 'web',
        name: 'HTTP + HTTPS',
        listen: { kind: 'fwmark', mark: 100, ports: [80, 443] },
        persistence: { seconds: 3600 },
        check: { kind: 'http', port: 80 },
        sorryServer: { ip: '10.10.0.50' },
      }),
    ],
  ],
  [
    'udp-dns',
    [
      httpService({
        id: 'dns',
        name: 'DNS',
        protocol: 'udp',
        listen: { kind: 'port', port: 53 },
        check: { kind: 'tcp', port: 53 },
      }),
    ],
  ],
  [
    'hosting-presets',
    // Each preset with its own protocol's check: HTTP_GET, SSL_GET, SMTP_CHECK, TCP_CHECK.
    (['http', 'https', 'smtp', 'ftp'] as const).flatMap((id) =>
      servicesFromPreset(presetById(id)!, LAB_VIP, [
        { hostId: LAB.node1, weight: 1 },
        { hostId: LAB.node2, weight: 1 },
      ]).map((s) => (id === 'ftp' ? { ...s, method: 'nat' as const } : s)),
    ),
  ],
];

describe('keepalived.conf', () => {
  it('keepalived is installed (the config tests below need it)', () => {
    expect(keepalivedBinary()).toMatch(/keepalived$/);
  });

  for (const [name, services, layout] of CASES) {
    it(`${name}: matches its golden file and passes keepalived -t`, () => {
      const text = renderKeepalivedConf(lbCluster(services, layout));
      golden(name, text);
      const r = configTest(text, name);
      expect(r.output, r.output).toBe('');
      expect(r.status, r.output).toBe(0);
    });
  }

  it('a broken configuration fails keepalived -t (the check can fail)', () => {
    const good = renderKeepalivedConf(lbCluster([httpService()]));
    for (const [what, bad] of [
      ['unknown scheduler', good.replace('lb_algo wlc', 'lb_algo fastest')],
      ['missing brace', good.replace(/}\n$/, '\n')],
    ] as const) {
      expect(configTest(bad, `broken-${what.replace(/ /g, '-')}`).status, what).not.toBe(0);
    }
  });

  it('is deterministic and says it is managed, with no VRRP block yet', () => {
    const c = lbCluster([httpService()]);
    const text = renderKeepalivedConf(c);
    expect(renderKeepalivedConf(c)).toBe(text);
    expect(text.startsWith('# Managed by ClusterDeck (cluster lab)')).toBe(true);
    expect(text).not.toContain('vrrp_instance');
    expect(text).toContain(`virtual_server ${LAB_VIP} 80 {`);
  });

  it("names each real server's host in its comment, for people reading the file", () => {
    const text = renderKeepalivedConf(lbCluster([httpService()]), {
      hostName: (id) => LAB_HOSTS[id]?.name ?? id,
    });
    expect(text).toMatch(/# host node1\n\s*real_server /);
    expect(text).toMatch(/# host node2\n\s*real_server /);
    expect(text).not.toContain(LAB.node1);
  });

  it('keepalived binary answers -t with the exact flag the plan uses', () => {
    // Debian bookworm's keepalived 2.2.x: -t / --config-test, -f / --use-file.
    const r = spawnSync(keepalivedBinary(), ['--help'], { encoding: 'utf8' });
    const help = `${r.stdout}${r.stderr}`;
    expect(help).toMatch(/-t, --config-test/);
    expect(help).toMatch(/-f, --use-file/);
  });
});
