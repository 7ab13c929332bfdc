import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateKey,
  keygenFingerprint,
  startSshd,
  type SshdHandle,
  type SshdOptions,
} from '../../../e2e/support/sshd';
import { appErrorOf, until } from '../../../e2e/support/wait';
import { createEngine, type Engine } from '../engine';

/*
 * A server whose known key is of one type and that now presents only another type must be
 * refused as HOST_KEY_CHANGED (not offered for first-use trust), before any credential is sent.
 * "Nothing was sent" is read from sshd's own VERBOSE log: every authentication request leaves a
 * line there (the user name at least: "authenticating user", "Accepted", "Failed", "Postponed").
 */
const AUTH_LINES = /Accepted|Failed|Postponed|userauth|authenticating user|Invalid user/i;

/** Writes a known_hosts file with one entry for host:port, hashed by the real `ssh-keygen -H`. */
function writeHashedKnownHosts(path: string, sshd: SshdHandle, pubPath: string): void {
  const [type, b64] = readFileSync(pubPath, 'utf8').trim().split(/\s+/);
  writeFileSync(path, `[${sshd.host}]:${sshd.port} ${type} ${b64}\n`);
  execFileSync('ssh-keygen', ['-q', '-H', '-f', path], { stdio: 'ignore' });
  rmSync(`${path}.old`, { force: true });
  expect(readFileSync(path, 'utf8')).toMatch(/^\|1\|/);
  expect(readFileSync(path, 'utf8')).not.toContain(sshd.host);
}

describe('host keys: no downgrade to a first-use prompt, against a real sshd', () => {
  let sshd: SshdHandle | undefined;
  let engine: Engine | undefined;
  let dir: string;
  let knownHosts: string;

  afterEach(async () => {
    await engine?.close();
    await sshd?.stop();
    engine = undefined;
    sshd = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts sshd and an engine whose only known_hosts file is a temporary, empty one. */
  async function boot(opts: SshdOptions = {}): Promise<{ sshd: SshdHandle; engine: Engine }> {
    dir = mkdtempSync(join(tmpdir(), 'cd-downgrade-'));
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, '');
    sshd = await startSshd(opts);
    engine = createEngine({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      knownHostsFiles: [knownHosts],
    });
    return { sshd, engine };
  }

  const addHost = (s: SshdHandle, e: Engine) =>
    e.hosts.add({
      address: s.host,
      port: s.port,
      user: s.user,
      auth: { method: 'key', keyPath: s.clientKeyPath },
    });

  /**
   * A connect that must be refused, with sshd's log lines of it, once sshd logged its end. The
   * log also holds connections of the harness (its readiness probe): ours is the one that got
   * past the banner exchange, which sshd marks `[preauth]` when it ends before a login.
   */
  async function refusedConnect(s: SshdHandle, e: Engine, hostId: string) {
    const from = s.log().length;
    const err = await appErrorOf(e.hosts.connect({ hostId }));
    let ours: string[][] = [];
    await until(
      () => {
        const text = s.log().slice(from);
        const lines = text.split('\n');
        const conns = [...text.matchAll(/Connection from \S+ port (\d+)/g)].map((m) =>
          lines.filter((l) => l.includes(`port ${m[1] ?? ''}`)),
        );
        const ended = (c: string[]) => c.some((l) => /Connection closed|Disconnected/.test(l));
        ours = conns.filter((c) => c.some((l) => l.includes('[preauth]')));
        return conns.length > 0 && conns.every(ended);
      },
      { what: 'sshd to log the end of the refused connection' },
    );
    expect(ours).toHaveLength(1);
    return { err, log: s.log().slice(from), ours: (ours[0] ?? []).join('\n') };
  }

  it.each([
    { type: 'rsa' as const, keyType: 'ssh-rsa' },
    { type: 'ecdsa' as const, keyType: 'ecdsa-sha2-nistp256' },
  ])(
    'refuses a server trusted with ed25519 that presents only $type, sending nothing',
    async ({ type, keyType }) => {
      const { sshd: s, engine: e } = await boot();
      const host = addHost(s, e);
      const first = await appErrorOf(e.hosts.connect({ hostId: host.id }));
      expect(first.code).toBe('HOST_KEY_UNKNOWN');
      const trusted = { keyType: 'ssh-ed25519', fingerprint: s.hostKeyFingerprint };
      e.hosts.trustKey({ hostId: host.id, ...trusted });
      expect((await e.hosts.connect({ hostId: host.id })).state).toBe('connected');
      // The log check below can fail: a real login leaves its lines.
      expect(s.log()).toMatch(AUTH_LINES);
      await e.hosts.disconnect(host.id);

      s.replaceHostKey({ type });
      await s.restart();
      expect(s.hostKeyType).toBe(keyType);
      const { err, log, ours } = await refusedConnect(s, e, host.id);
      expect(err.code).toBe('HOST_KEY_CHANGED');
      expect(err.details).toEqual({
        keyType,
        fingerprint: s.hostKeyFingerprint,
        revoked: false,
        known: [{ ...trusted, source: 'clusterdeck' }],
        trustedKeyType: trusted.keyType,
        trustedFingerprint: trusted.fingerprint,
      });
      expect(err.message).toContain(s.hostKeyFingerprint);
      expect(err.message).toContain(trusted.fingerprint);
      expect(ours).toMatch(/Connection from/);
      expect(log).not.toMatch(AUTH_LINES);
      expect(e.hosts.list()[0]?.state).not.toBe('connected');

      // Nor can the presented key be trusted while the old one is.
      expect(() =>
        e.hosts.trustKey({ hostId: host.id, keyType, fingerprint: s.hostKeyFingerprint }),
      ).toThrow(/already has another trusted key/);
      expect(e.hosts.list()[0]?.trustedKey).toEqual(trusted);
    },
  );

  it('refuses a server whose hashed known_hosts entry is ed25519 and that presents only RSA', async () => {
    const { sshd: s, engine: e } = await boot();
    const edPub = join(dir, 'old_host_ed25519.pub');
    writeFileSync(edPub, readFileSync(`${s.hostKeyPath}.pub`));
    const edFingerprint = s.hostKeyFingerprint;
    writeHashedKnownHosts(knownHosts, s, edPub);
    s.replaceHostKey({ type: 'rsa' });
    await s.restart();
    const host = addHost(s, e);

    const { err, log, ours } = await refusedConnect(s, e, host.id);
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(ours).toMatch(/Connection from/);
    expect(err.details).toMatchObject({
      keyType: 'ssh-rsa',
      fingerprint: s.hostKeyFingerprint,
      known: [{ keyType: 'ssh-ed25519', fingerprint: edFingerprint, source: 'known_hosts' }],
      trustedFingerprint: edFingerprint,
    });
    expect(err.message).toMatch(/known_hosts/);
    expect(log).not.toMatch(AUTH_LINES);
    expect(e.hosts.list()[0]?.trustedKey).toBeNull();
    expect(() =>
      e.hosts.trustKey({ hostId: host.id, keyType: 'ssh-rsa', fingerprint: s.hostKeyFingerprint }),
    ).toThrow(/known with another key in known_hosts/);

    // It is the entry that makes the difference: without it the same key is a first use.
    writeFileSync(knownHosts, '');
    const unknown = await appErrorOf(e.hosts.connect({ hostId: host.id }));
    expect(unknown.code).toBe('HOST_KEY_UNKNOWN');
    expect(unknown.details).toEqual({ keyType: 'ssh-rsa', fingerprint: s.hostKeyFingerprint });
  });

  it('offers the known type first: a server with ed25519 and RSA keys shows the known RSA one', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cd-downgrade-rsa-'));
    try {
      const rsaKey = join(scratch, 'ssh_host_rsa_key');
      generateKey(rsaKey, 'rsa', 'clusterdeck-test-host-rsa');
      const rsa = keygenFingerprint(`${rsaKey}.pub`);
      // sshd offers both keys; ssh2 on its own would pick ssh-ed25519 first.
      const { sshd: s, engine: e } = await boot({ extraConfig: [`HostKey ${rsaKey}`] });
      expect(s.hostKeyType).toBe('ssh-ed25519');
      // known_hosts names RSA keys `ssh-rsa`; they negotiate as rsa-sha2-512/256.
      writeHashedKnownHosts(knownHosts, s, `${rsaKey}.pub`);
      const host = addHost(s, e);
      const view = await e.hosts.connect({ hostId: host.id });
      expect(view.state).toBe('connected');
      expect(view.trustedKey).toEqual({ keyType: 'ssh-rsa', fingerprint: rsa.fingerprint });
      await e.hosts.disconnect(host.id);

      // Trusted in ClusterDeck now, RSA is still what the server is asked for.
      writeFileSync(knownHosts, '');
      expect((await e.hosts.connect({ hostId: host.id })).state).toBe('connected');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
