import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCluster, type Cluster } from '../model/cluster';
import { renderPlan } from '../plan/render';
import { expectGolden } from '../testing/golden.test-support';
import { renderKeepalivedConf } from './keepalived-conf';
import { nodeModeCommand, planNodeModes, withNodeModes, type LbMode } from './plan-node-mode';
import { LAB, LAB_HOSTS, httpService, lbCluster, lbObserved } from './testing/lb-fixtures';

/** The plans name the hosts in keepalived.conf's comments. */
const NAMES = { hostName: (id: string) => LAB_HOSTS[id]?.name ?? id };

const SERVICES = [
  httpService({ check: { kind: 'none' } }),
  httpService({
    id: 'tls',
    name: 'HTTPS + alt',
    listen: { kind: 'fwmark', mark: 100, ports: [443, 8443] },
  }),
  httpService({
    id: 'smtp',
    name: 'SMTP',
    listen: { kind: 'port', port: 25 },
    method: 'nat',
    check: { kind: 'smtp' },
    realServers: [{ hostId: LAB.node2 }],
  }),
];
const full = lbCluster(SERVICES, 'public-private', ['10.10.0.100']);

const withMode = (c: Cluster, hostId: string, lbMode: LbMode): Cluster =>
  parseCluster({ ...c, nodes: c.nodes.map((n) => (n.hostId === hostId ? { ...n, lbMode } : n)) });

describe('node modes that take effect now', () => {
  it('drain: weight 0 with ipvsadm -e on every service of the node that has it in IPVS', () => {
    const cmd = nodeModeCommand(withMode(full, LAB.node1, 'drain'), LAB.node1) ?? '';
    // The table is read once; then the node's http and tls (it does not serve smtp).
    const [has, ifs] = cmd.split('; t=$(ipvsadm -Ln) && ');
    expect(has).toMatch(/^has\(\) \{ printf .* awk .*; \}$/);
    expect(ifs?.split(' && ')).toEqual([
      "if has 'TCP 10.10.0.100:80' 10.10.0.11:80; then ipvsadm -e -t 10.10.0.100:80 -r 10.10.0.11:80 -g -w 0; fi",
      "if has 'FWM 100' 10.10.0.11:0; then ipvsadm -e -f 100 -r 10.10.0.11:0 -g -w 0; fi",
    ]);
  });

  it('finds a server under its own virtual service only, in a real listing read once', () => {
    const two = lbCluster(
      [httpService(), httpService({ id: 'other', vip: '10.10.0.101' })],
      'public-private',
      ['10.10.0.100', '10.10.0.101'],
    );
    // The listing has 10.10.0.12:80 under 10.10.0.100:80 and under another VIP, not 10.10.0.101.
    const listing = readFileSync(join(__dirname, '__fixtures__', 'ipvsadm-list.txt'), 'utf8');
    const stub = `ipvsadm() { if [ "$1" = -Ln ]; then cat <<'EOF'\n${listing}EOF\nelse echo "ipvsadm $*"; fi; }`;
    const cmd = nodeModeCommand(withMode(two, LAB.node2, 'drain'), LAB.node2) ?? '';
    const r = spawnSync('/bin/sh', ['-c', `${stub}\n${cmd}`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'ipvsadm -e -t 10.10.0.100:80 -r 10.10.0.12:80 -g -w 0',
    ]);
  });

  it('maintenance removes the server; the NAT service uses the intra-cluster address', () => {
    const cmd = nodeModeCommand(withMode(full, LAB.node2, 'maintenance'), LAB.node2) ?? '';
    expect(cmd).toContain('then ipvsadm -d -t 10.10.0.100:80 -r 10.10.0.12:80; fi');
    expect(cmd).toContain('then ipvsadm -d -t 10.10.0.100:25 -r 10.20.0.12:25; fi');
  });

  it('return: its model weight where it answers the check, added when missing; never for a failing server', () => {
    const weighted = parseCluster({
      ...full,
      services: full.services.map((s) =>
        s.id === 'http' ? { ...s, realServers: [{ hostId: LAB.node1, weight: 3 }] } : s,
      ),
    });
    const cmd = nodeModeCommand(weighted, LAB.node1) ?? '';
    // check none: nothing to probe.
    expect(cmd).toContain(
      "t=$(ipvsadm -Ln) && if true; then if has 'TCP 10.10.0.100:80' 10.10.0.11:80; then ipvsadm -e -t 10.10.0.100:80 -r 10.10.0.11:80 -g -w 3; else ipvsadm -a -t 10.10.0.100:80 -r 10.10.0.11:80 -g -w 3; fi; fi",
    );
    // The fwmark service checks TCP on its first port, as keepalived does.
    expect(cmd).toContain(
      "if timeout 1 bash -c 'exec 3<>/dev/tcp/10.10.0.11/443' 2>/dev/null; then if has 'FWM 100' 10.10.0.11:0;",
    );
  });

  it('nothing for a node that serves no service, or is not in the model', () => {
    const one = lbCluster([httpService({ realServers: [{ hostId: LAB.node1 }] })]);
    expect(nodeModeCommand(withMode(one, LAB.node2, 'drain'), LAB.node2)).toBeNull();
    expect(nodeModeCommand(one, 'nope')).toBeNull();
  });

  it('every command is valid POSIX sh', () => {
    for (const mode of ['drain', 'maintenance', 'active'] as const)
      for (const id of [LAB.node1, LAB.node2]) {
        const cmd = nodeModeCommand(withMode(full, id, mode), id) ?? '';
        expect(spawnSync('/bin/sh', ['-n', '-c', cmd]).status, cmd).toBe(0);
      }
  });

  it('the model sent to the manager takes only the node modes from the desired model', () => {
    const desired = parseCluster({
      ...withMode(full, LAB.node2, 'drain'),
      services: [
        ...full.services,
        httpService({ id: 'new', listen: { kind: 'port', port: 8080 } }),
      ],
    });
    const m = withNodeModes(full, desired);
    expect(m.services.map((s) => s.id)).toEqual(['http', 'tls', 'smtp']);
    expect(m.nodes.map((n) => n.lbMode)).toEqual(['active', 'drain']);
  });

  it('plans keepalived.conf with the mode and the IPVS sync, on the manager only (golden)', () => {
    const model = withMode(full, LAB.node2, 'drain');
    const observed = lbObserved(full);
    const facts = observed[LAB.manager]?.facts;
    if (!facts) throw new Error('no facts');
    const plan = planNodeModes({
      model,
      changes: [{ hostId: LAB.node2, mode: 'drain' }],
      hosts: LAB_HOSTS,
      managerFacts: facts,
      managerFiles: { running: renderKeepalivedConf(full, NAMES), candidate: null },
    });
    expect(plan.title).toBe('Node modes of cluster lab: drain node2 (keepalived.conf)');
    expect(plan.hosts.map((h) => [h.hostName, ...h.steps.map((s) => s.id)])).toEqual([
      ['manager', 'lb.manager.keepalived', 'lb.manager.ipvs-sync'],
    ]);
    const conf = plan.hosts[0]?.steps[0]?.files[0];
    expect(conf?.content).toBe(renderKeepalivedConf(model, NAMES));
    expect(conf?.current).toBeNull();
    expectGolden(join(__dirname, '__golden__', 'lb-node-mode.txt'), renderPlan(plan));
  });

  it('plans without the running file when the manager did not answer, and says so', () => {
    const facts = lbObserved(full)[LAB.manager]?.facts;
    if (!facts) throw new Error('no facts');
    const plan = planNodeModes({
      model: withMode(full, LAB.node1, 'maintenance'),
      changes: [{ hostId: LAB.node1, mode: 'maintenance' }],
      hosts: LAB_HOSTS,
      managerFacts: facts,
      managerFiles: null,
    });
    const step = plan.hosts[0]?.steps[0];
    expect(step?.description).toContain('could not be read when this was planned');
    expect(step?.files[0]?.current).toBeNull();
  });
});
