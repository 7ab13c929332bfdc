/**
 * The practice lab's own integration test: real hosts, real kernels. Run with
 * `npx vitest run --project lab` (global setup starts the lab; teardown stops it).
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureLab, fingerprint, type Lab } from './index.js';

let lab: Lab;

beforeAll(async () => {
  lab = await ensureLab(); // reuses the lab the global setup started
});

async function sh(host: string, cmd: string, user?: string): Promise<string> {
  const r = await lab.exec(host, cmd, { user });
  if (r.code !== 0)
    throw new Error(`${host}: \`${cmd}\` exited ${r.code}: ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

describe('practice lab', () => {
  it('has the default hosts with fixed addresses and 127.0.0.1 SSH endpoints', () => {
    const hosts = lab.hosts();
    expect(hosts.map((h) => h.name)).toEqual(
      expect.arrayContaining(['manager', 'node1', 'node2', 'client']),
    );
    const by = Object.fromEntries(hosts.map((h) => [h.name, h]));
    expect(by.manager).toMatchObject({
      role: 'manager',
      publicIp: '10.10.0.10',
      privateIp: '10.20.0.10',
      dataDisk: '/dev/vdb',
    });
    expect(by.node1).toMatchObject({
      role: 'node',
      publicIp: '10.10.0.11',
      privateIp: '10.20.0.11',
    });
    expect(by.node2).toMatchObject({
      role: 'node',
      publicIp: '10.10.0.12',
      privateIp: '10.20.0.12',
    });
    expect(by.client).toMatchObject({ role: 'client', publicIp: '10.10.0.20' });
    expect(by.client?.privateIp).toBeUndefined();
    for (const h of hosts) {
      expect(h.sshHost).toBe('127.0.0.1');
      expect(h.state).toBe('ready');
      expect(h.hostKeyFingerprint).toMatch(/^SHA256:/);
    }
  });

  it('every host answers SSH with its own host key', async () => {
    const hosts = lab.hosts();
    // strict checking against the lab's known_hosts: a wrong key would fail the login
    const seen = await Promise.all(
      hosts.map(async (h) => {
        const out = await sh(h.name, 'hostname; cat /etc/ssh/ssh_host_ed25519_key.pub');
        const [hostname, key] = out.split('\n');
        expect(hostname).toBe(h.name);
        expect(fingerprint(key ?? '')).toBe(h.hostKeyFingerprint);
        return h.hostKeyFingerprint;
      }),
    );
    expect(new Set(seen).size).toBe(hosts.length);
    // the key the server presents on the wire is the one reported
    const scan = execFileSync(
      'ssh-keyscan',
      ['-t', 'ed25519', '-p', String(hosts[0]!.sshPort), '127.0.0.1'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const line = scan.split('\n').find((l) => l.includes('ssh-ed25519')) ?? '';
    expect(fingerprint(line.split(' ').slice(1).join(' '))).toBe(hosts[0]!.hostKeyFingerprint);
  });

  it('admin user logs in with the lab key and has passwordless sudo', async () => {
    expect(await sh('node1', 'id -un; sudo -n id -u', 'admin')).toBe('admin\n0');
  });

  it('hosts start as fresh servers: cluster services not running', async () => {
    for (const h of ['manager', 'node1']) {
      const out = await lab.exec(h, 'systemctl is-active keepalived nfs-server nginx');
      expect(out.stdout.trim().split('\n')).toEqual(['inactive', 'inactive', 'inactive']);
    }
    expect(
      await sh('manager', 'lsblk -dno NAME,SIZE /dev/vdb; blkid /dev/vdb || echo blank'),
    ).toMatch(/vdb\s+2G\nblank/);
  });

  it('manager and nodes can load ip_vs and nfsd/nfs', async () => {
    await Promise.all(
      ['manager', 'node1', 'node2'].map(async (h) => {
        const out = await sh(
          h,
          'modprobe ip_vs && modprobe nfsd && modprobe nfs && ipvsadm -Ln >/dev/null && lsmod',
        );
        expect(out).toMatch(/^ip_vs\s/m);
        expect(out).toMatch(/^nfsd\s/m);
        expect(out).toMatch(/^nfs\s/m);
      }),
    );
  });

  it('cluster networks: client reaches the manager public IP, nodes reach its private IP', async () => {
    expect(await sh('client', 'ip -br -4 addr show eth0')).toContain('10.10.0.20/24');
    expect(await sh('client', 'ping -c2 -W3 10.10.0.10 >/dev/null && echo ok')).toBe('ok');
    for (const n of ['node1', 'node2']) {
      expect(await sh(n, 'ping -c2 -W3 10.20.0.10 >/dev/null && echo ok')).toBe('ok');
      expect(await sh(n, 'ping -c1 -W3 10.10.0.10 >/dev/null && echo ok')).toBe('ok');
    }
    // the client is only on the public network
    const priv = await lab.exec('client', 'ping -c1 -W2 10.20.0.10');
    expect(priv.code).not.toBe(0);
  });

  it('lab traffic stays off the workstation: no cluster addresses or taps in the root namespace', () => {
    const addrs = execFileSync('ip', ['-o', 'addr', 'show'], { encoding: 'utf8' });
    expect(addrs).not.toMatch(/10\.(10|20)\.0\./);
    const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
    expect(links).not.toMatch(/cdl\d+(pub|prv)/);
  });

  it('guest clocks are set after restore', async () => {
    const guest = Number(await sh('node2', 'date +%s'));
    expect(Math.abs(guest - Date.now() / 1000)).toBeLessThan(5);
  });

  it('reset returns a host to pristine', async () => {
    const before = lab.host('node1');
    await sh(
      'node1',
      'echo dirty > /root/marker && ip addr add 10.10.0.100/32 dev lo && systemctl start nginx && sync',
    );
    expect(await sh('node1', 'cat /root/marker; systemctl is-active nginx')).toBe('dirty\nactive');
    await lab.reset(['node1']);
    const after = await lab.exec(
      'node1',
      'test -e /root/marker && echo marker; ip -br addr show lo; systemctl is-active nginx',
    );
    expect(after.stdout).not.toContain('marker');
    expect(after.stdout).not.toContain('10.10.0.100');
    expect(after.stdout).toContain('inactive');
    expect(lab.host('node1').hostKeyFingerprint).toBe(before.hostKeyFingerprint);
    expect(lab.host('node1').state).toBe('ready');
    const guest = Number(await sh('node1', 'date +%s'));
    expect(Math.abs(guest - Date.now() / 1000)).toBeLessThan(5);
    // the other hosts were not touched and still reach node1
    expect(await sh('node2', 'ping -c1 -W3 10.20.0.11 >/dev/null && echo ok')).toBe('ok');
  });
});
