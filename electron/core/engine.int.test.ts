import { appErrorOf } from '../../e2e/support/wait';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api/dispatch';
import { generateEd25519Key, startSshd, type SshdHandle } from '../../e2e/support/sshd';
import { createEngine, type Engine } from './engine';

/** A hashed known_hosts line (`ssh-keygen -H` format) for [host]:port with the given public key. */
function hashedLine(host: string, port: number, pubKeyLine: string): string {
  const salt = randomBytes(20);
  const name = port === 22 ? host : `[${host}]:${port}`;
  const mac = createHmac('sha1', salt).update(name).digest();
  const [type, b64] = pubKeyLine.trim().split(/\s+/);
  return `|1|${salt.toString('base64')}|${mac.toString('base64')} ${type} ${b64}\n`;
}

describe('engine: hosts over a real sshd', () => {
  let sshd: SshdHandle;
  let dir: string;
  let engine: Engine;
  let knownHosts: string;

  beforeEach(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'cd-engine-'));
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, '');
    engine = createEngine({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      knownHostsFiles: [knownHosts],
    });
  });

  afterEach(async () => {
    await engine.close();
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const addHost = () =>
    engine.hosts.add({
      address: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'key', keyPath: sshd.clientKeyPath },
    });

  it('asks to trust an unknown key, refuses to trust another fingerprint, then connects and probes', async () => {
    const host = addHost();
    const unknown = await appErrorOf(engine.hosts.connect({ hostId: host.id }));
    expect(unknown.code).toBe('HOST_KEY_UNKNOWN');
    expect(unknown.details).toMatchObject({
      keyType: 'ssh-ed25519',
      fingerprint: sshd.hostKeyFingerprint,
    });

    expect(() =>
      engine.hosts.trustKey({
        hostId: host.id,
        keyType: 'ssh-ed25519',
        fingerprint: 'SHA256:not-what-was-seen',
      }),
    ).toThrow(/fingerprint: does not match/);

    engine.hosts.trustKey({
      hostId: host.id,
      keyType: 'ssh-ed25519',
      fingerprint: sshd.hostKeyFingerprint,
    });
    const view = await engine.hosts.connect({ hostId: host.id });
    expect(view.state).toBe('connected');
    const facts = await engine.hosts.probe(host.id);
    expect(facts.hostname.length).toBeGreaterThan(0);
    expect(engine.hosts.getFacts(host.id)?.probedAt).toBe(facts.probedAt);

    const audit = await engine.handlers['audit:list']({ limit: 20 });
    expect(audit.map((a) => `${a.action}:${a.result}`)).toEqual(
      expect.arrayContaining([
        'hosts:add:ok',
        'hosts:connect:error',
        'hosts:trustKey:ok',
        'hosts:connect:ok',
        'hosts:probe:ok',
      ]),
    );
  });

  it('trusts a key found in a hashed known_hosts entry without asking', async () => {
    writeFileSync(
      knownHosts,
      hashedLine(sshd.host, sshd.port, readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8')),
    );
    const host = addHost();
    const view = await engine.hosts.connect({ hostId: host.id });
    expect(view.state).toBe('connected');
    expect(view.trustedKey?.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('refuses a host whose known_hosts key differs, with HOST_KEY_CHANGED', async () => {
    const other = join(dir, 'other_key');
    generateEd25519Key(other);
    writeFileSync(
      knownHosts,
      hashedLine(sshd.host, sshd.port, readFileSync(`${other}.pub`, 'utf8')),
    );
    const host = addHost();
    const err = await appErrorOf(engine.hosts.connect({ hostId: host.id }));
    expect(err.code).toBe('HOST_KEY_CHANGED');
    expect(engine.hosts.list()[0]?.state).not.toBe('connected');
  });

  it('refuses the key after the server is re-keyed, even across an engine restart', async () => {
    const host = addHost();
    await appErrorOf(engine.hosts.connect({ hostId: host.id }));
    engine.hosts.trustKey({
      hostId: host.id,
      keyType: 'ssh-ed25519',
      fingerprint: sshd.hostKeyFingerprint,
    });
    await engine.close();
    sshd.replaceHostKey();
    await sshd.restart();
    engine = createEngine({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      knownHostsFiles: [knownHosts],
    });
    const err = await appErrorOf(engine.hosts.connect({ hostId: host.id }));
    expect(err.code).toBe('HOST_KEY_CHANGED');
    // trusting the new key while the old one is trusted is refused too
    expect(() =>
      engine.hosts.trustKey({
        hostId: host.id,
        keyType: 'ssh-ed25519',
        fingerprint: String(err.details?.['fingerprint']),
      }),
    ).toThrow(/already has another trusted key/);
  });

  it('asks for a password instead of failing, and never stores it without a secret store', async () => {
    const host = engine.hosts.add({
      address: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { method: 'password' },
    });
    const r = await dispatch(engine.handlers, 'hosts:connect', { hostId: host.id });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'SSH_CREDENTIAL_REQUIRED', details: { kind: 'password' } },
    });
    // sshd here has password logins off: a wrong password is an auth failure, nothing is stored.
    const r2 = await dispatch(engine.handlers, 'hosts:connect', {
      hostId: host.id,
      secret: 'x',
      rememberSecret: true,
    });
    expect(r2.ok).toBe(false);
    expect(engine.hosts.list()[0]?.hasStoredSecret).toBe(false);
  });
});
