import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../../shared/probe/parse-system';
import { startSshd, type SshdHandle } from '../../../e2e/support/sshd';
import { SshPool } from '../ssh/ssh-pool';
import { probeHost } from './probe-host';

describe('probeHost over SSH to the loopback sshd', () => {
  let sshd: SshdHandle;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd();
    pool = new SshPool({
      verifier: (_t, key) => (key.fingerprint === sshd.hostKeyFingerprint ? 'trusted' : 'unknown'),
    });
    await pool.connect({
      hostId: 'local',
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      auth: { method: 'key', privateKey: readFileSync(sshd.clientKeyPath) },
    });
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('returns facts matching this machine, with every check', async () => {
    const facts = await probeHost((command, opts) => pool.exec('local', command, opts));
    const os = parseOsRelease(readFileSync('/etc/os-release', 'utf8'));
    expect(facts.os.id).toBe(os.id);
    expect(facts.os.versionId).toBe(os.versionId);
    expect(facts.arch).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    expect(facts.kernel).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(facts.hostname).toBe(hostname());
    expect(facts.interfaces.some((i) => i.ipv4.some((a) => a.address === '127.0.0.1'))).toBe(true);
    expect(facts.disks.find((d) => d.path === '/')?.exists).toBe(true);
    // Same clock on both ends: the skew is within the measurement error.
    expect(Math.abs(facts.clock.skewMs)).toBeLessThanOrEqual(facts.clock.rttMs / 2 + 50);
    expect(facts.clock.rttMs).toBeGreaterThan(0);
    const ids = facts.checks.map((c) => c.id);
    for (const id of [
      'os.supported',
      'virt.container',
      'module.ip_vs',
      'module.nfsd',
      'module.nfs',
      'tool.ipvsadm',
      'disk.free',
      'clock.skew',
      'net.address',
    ]) {
      expect(ids).toContain(id);
    }
    expect(facts.checks.find((c) => c.id === 'clock.skew')?.severity).toBe('ok');
  });
});
