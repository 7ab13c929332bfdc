import { appErrorOf, until } from '../../../e2e/support/wait';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  generateEd25519Key,
  keygenFingerprint,
  startSshd,
  type SshdHandle,
} from '../../../e2e/support/sshd';
import { readKnownHosts } from './host-keys';
import { SshPool } from './ssh-pool';
import type { HostKeyVerifier, SshTarget, StateChange } from './types';

/** A verifier backed by a real known_hosts file holding the server's current key. */
function knownHostsVerifier(sshd: SshdHandle): HostKeyVerifier {
  const path = join(sshd.dir, 'known_hosts');
  const pub = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').trim().split(/\s+/);
  writeFileSync(path, `[${sshd.host}]:${sshd.port} ${pub[0]} ${pub[1]}\n`);
  return (t, key) => readKnownHosts(path).verdict(t.host, t.port, key.blob);
}

function target(sshd: SshdHandle, over: Partial<SshTarget> = {}): SshTarget {
  return {
    hostId: 'h1',
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    auth: { method: 'key', privateKey: readFileSync(sshd.clientKeyPath) },
    ...over,
  };
}

describe('SshPool against a real sshd', () => {
  let sshd: SshdHandle;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd();
    pool = new SshPool({ verifier: knownHostsVerifier(sshd) });
    await pool.connect(target(sshd));
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('connects with a trusted key and reports it', () => {
    expect(pool.state('h1')).toBe('connected');
    expect(pool.hostKey('h1')?.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('streams stdout before the command ends, keeps stderr apart, returns the exit code', async () => {
    const chunks: string[] = [];
    let first!: () => void;
    const firstSeen = new Promise<string>((r) => (first = () => r('streamed')));
    const run = pool.exec('h1', 'echo first; sleep 1; echo second; echo oops >&2; exit 3', {
      timeoutMs: 10_000,
      onStdout: (c) => {
        chunks.push(c.toString());
        first();
      },
    });
    expect(await Promise.race([firstSeen, run.then(() => 'finished')])).toBe('streamed');
    const r = await run;
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('first\nsecond\n');
    expect(r.stderr).toBe('oops\n');
    expect(chunks.join('')).toBe(r.stdout);
    expect(r.durationMs).toBeGreaterThanOrEqual(900);
  });

  it('feeds stdin when given and closes it otherwise', async () => {
    expect((await pool.exec('h1', 'cat', { timeoutMs: 5000, stdin: 'hello\n' })).stdout).toBe(
      'hello\n',
    );
    // Without stdin, cat must see EOF at once instead of hanging until the timeout.
    expect((await pool.exec('h1', 'cat; echo eof', { timeoutMs: 5000 })).stdout).toBe('eof\n');
  });

  it('stops the remote command on timeout', async () => {
    const e = await appErrorOf(pool.exec('h1', 'sleep 30.0917; echo late', { timeoutMs: 700 }));
    expect(e.code).toBe('TIMEOUT');
    await until(
      async () =>
        (await pool.exec('h1', "pgrep -f 'sleep 30[.]0917' || true", { timeoutMs: 5000 }))
          .stdout === '',
    );
  });

  it('stops the remote command on abort', async () => {
    const ac = new AbortController();
    const run = pool.exec('h1', 'echo started; sleep 30.0918', {
      timeoutMs: 20_000,
      signal: ac.signal,
      onStdout: () => ac.abort(),
    });
    expect((await appErrorOf(run)).code).toBe('ABORTED');
    await until(
      async () =>
        (await pool.exec('h1', "pgrep -f 'sleep 30[.]0918' || true", { timeoutMs: 5000 }))
          .stdout === '',
    );
  });

  it('never has more than 10 channels open at once on one connection, one kept for stopping', async () => {
    const dir = `${sshd.home}/chan`;
    await pool.exec('h1', `rm -rf ${dir}; mkdir ${dir}`, { timeoutMs: 5000 });
    let maxActive = 0;
    const sampler = setInterval(() => {
      maxActive = Math.max(maxActive, pool.channels('h1').active);
    }, 5);
    // Each command counts the commands running beside it on the server.
    const cmd = `touch ${dir}/$$; sleep 0.3; n=$(ls ${dir} | wc -l); sleep 1.5; rm ${dir}/$$; echo $n`;
    const results = await Promise.all(
      Array.from({ length: 14 }, () => pool.exec('h1', cmd, { timeoutMs: 30_000 })),
    );
    clearInterval(sampler);
    const counts = results.map((r) => Number(r.stdout.trim()));
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(5);
    // Nine for work: the tenth slot is kept for stopping commands.
    expect(maxActive).toBe(9);
    expect(pool.channels('h1')).toEqual({ active: 0, queued: 0 });
  });

  it('writes files atomically over SFTP and reads them back', async () => {
    const dir = `${sshd.home}/sftp`;
    await pool.exec('h1', `rm -rf ${dir}; mkdir ${dir}; echo old > ${dir}/f.conf`, {
      timeoutMs: 5000,
    });
    const data = Buffer.from('line 1\nline 2 ü\n'.repeat(5000));
    await pool.sftpWrite('h1', `${dir}/f.conf`, data, { mode: 0o600 });
    expect((await pool.sftpRead('h1', `${dir}/f.conf`)).equals(data)).toBe(true);
    const r = await pool.exec('h1', `stat -c %a ${dir}/f.conf; ls -A ${dir}`, { timeoutMs: 5000 });
    expect(r.stdout).toBe('600\nf.conf\n');
    expect((await appErrorOf(pool.sftpRead('h1', `${dir}/missing`))).code).toBe('NOT_FOUND');
  });

  it('rejects exec for a host that was never connected', async () => {
    expect((await appErrorOf(pool.exec('nope', 'true', { timeoutMs: 1000 }))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('SshPool refusals', () => {
  let sshd: SshdHandle;
  let pool: SshPool | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterEach(async () => {
    await pool?.closeAll();
    pool = undefined;
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('refuses an unknown host key with the fingerprint ssh-keygen prints', async () => {
    pool = new SshPool({ verifier: () => 'unknown' });
    const e = await appErrorOf(pool.connect(target(sshd)));
    expect(e.code).toBe('HOST_KEY_UNKNOWN');
    const printed = keygenFingerprint(`${sshd.hostKeyPath}.pub`);
    expect(e.details).toEqual({ keyType: 'ssh-ed25519', fingerprint: printed.fingerprint });
    expect(e.message).toContain(`${sshd.host}:${sshd.port}`);
    expect(pool.state('h1')).toBe('error');
    expect(sshd.log()).not.toMatch(/Accepted publickey/);
  });

  it('refuses a wrong client key with SSH_AUTH_FAILED', async () => {
    const other = join(sshd.dir, 'other_key');
    generateEd25519Key(other);
    pool = new SshPool({ verifier: knownHostsVerifier(sshd) });
    const e = await appErrorOf(
      pool.connect(target(sshd, { auth: { method: 'key', privateKey: readFileSync(other) } })),
    );
    expect(e.code).toBe('SSH_AUTH_FAILED');
  });

  it('asks for the passphrase of an encrypted key', async () => {
    pool = new SshPool({ verifier: knownHostsVerifier(sshd) });
    const { execFileSync } = await import('node:child_process');
    const enc = join(sshd.dir, 'enc_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'right', '-f', enc]);
    const key = readFileSync(enc);
    const none = await appErrorOf(
      pool.connect(target(sshd, { auth: { method: 'key', privateKey: key } })),
    );
    expect(none.code).toBe('SSH_CREDENTIAL_REQUIRED');
    expect(none.details).toMatchObject({ kind: 'passphrase' });
    const wrong = await appErrorOf(
      pool.connect(target(sshd, { auth: { method: 'key', privateKey: key, passphrase: 'bad' } })),
    );
    expect(wrong.code).toBe('SSH_CREDENTIAL_REQUIRED');
    expect(wrong.details).toMatchObject({ kind: 'passphrase', wrong: true });
  });

  it('logs in through ssh-agent', async () => {
    const { execFileSync, spawn } = await import('node:child_process');
    const sock = join(sshd.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      await until(() => existsSync(sock));
      execFileSync('ssh-add', ['-q', sshd.clientKeyPath], {
        env: { ...process.env, SSH_AUTH_SOCK: sock },
        stdio: 'ignore',
      });
      pool = new SshPool({ verifier: knownHostsVerifier(sshd), env: { SSH_AUTH_SOCK: sock } });
      await pool.connect(target(sshd, { auth: { method: 'agent' } }));
      expect((await pool.exec('h1', 'echo via-agent', { timeoutMs: 5000 })).stdout).toBe(
        'via-agent\n',
      );
    } finally {
      agent.kill();
    }
  });

  it('caps collected output but still streams it', async () => {
    pool = new SshPool({ verifier: knownHostsVerifier(sshd), options: { maxOutputBytes: 1000 } });
    await pool.connect(target(sshd));
    let streamed = 0;
    const r = await pool.exec('h1', 'head -c 300000 /dev/zero | tr "\\0" x', {
      timeoutMs: 10_000,
      onStdout: (c) => (streamed += c.length),
    });
    expect(r.stdout.length).toBe(1000);
    expect(r.truncated).toBe(true);
    expect(streamed).toBe(300000);
  });

  it('reports a closed port as HOST_UNREACHABLE', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    pool = new SshPool({ verifier: () => 'trusted' });
    const e = await appErrorOf(pool.connect(target(sshd, { port })));
    expect(e.code).toBe('HOST_UNREACHABLE');
    expect(e.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('SshPool across sshd restarts', () => {
  let sshd: SshdHandle;
  let pool: SshPool;
  const states: StateChange[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
    pool = new SshPool({
      verifier: knownHostsVerifier(sshd),
      options: { backoffBaseMs: 100, backoffMaxMs: 1000 },
    });
    pool.onState((c) => states.push(c));
    await pool.connect(target(sshd));
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('reconnects by itself after sshd restarts; exec waits for it', async () => {
    states.length = 0;
    await sshd.restart();
    // Issued while the pool is (most likely) still reconnecting: it must wait, not fail.
    const r = await pool.exec('h1', 'echo back', { timeoutMs: 15_000 });
    expect(r.stdout).toBe('back\n');
    const seq = states.map((s) => s.state);
    expect(seq[0]).toBe('reconnecting');
    expect(seq.at(-1)).toBe('connected');
    expect(pool.state('h1')).toBe('connected');
  });

  it('refuses a changed host key on reconnect and runs nothing', async () => {
    const marker = join(sshd.home, 'must-not-exist');
    const accepted = (sshd.log().match(/Accepted publickey/g) ?? []).length;
    states.length = 0;
    sshd.replaceHostKey();
    await sshd.restart();
    await until(() => pool.state('h1') === 'error');
    const last = states.at(-1);
    expect(last?.error?.code).toBe('HOST_KEY_CHANGED');
    const e = await appErrorOf(pool.exec('h1', `touch ${marker}`, { timeoutMs: 5000 }));
    expect(e.code).toBe('HOST_KEY_CHANGED');

    // A fresh connect (known_hosts still holds the old key) is refused too, naming the new key.
    const oldKnownHosts = join(sshd.dir, 'known_hosts');
    const fresh = new SshPool({
      verifier: (t, key) => readKnownHosts(oldKnownHosts).verdict(t.host, t.port, key.blob),
    });
    const e2 = await appErrorOf(fresh.connect(target(sshd, { hostId: 'h2' })));
    await fresh.closeAll();
    expect(e2.code).toBe('HOST_KEY_CHANGED');
    expect(e2.details).toMatchObject({
      keyType: 'ssh-ed25519',
      fingerprint: sshd.hostKeyFingerprint,
    });
    expect(existsSync(marker)).toBe(false);
    expect((sshd.log().match(/Accepted publickey/g) ?? []).length).toBe(accepted);
    expect(readdirSync(sshd.home)).not.toContain('must-not-exist');
  });
});

describe('SshPool against a real sshd with a root login', () => {
  // sshd runs root sessions without privilege separation and refuses their "signal" requests:
  // a cancelled command of root can only be stopped by a kill sent over another channel.
  let sshd: SshdHandle;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd({ root: true });
    pool = new SshPool({ verifier: knownHostsVerifier(sshd) });
    await pool.connect(target(sshd));
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('is not wedged when every channel holds a command that ignores TERM', async () => {
    // Each command ignores TERM, and its sleep keeps the channel open after its shell is killed:
    // only the kill over another channel ends it, and that needs a free slot.
    // Root with a home of the test's own: root's real startup files play no part.
    expect((await pool.exec('h1', 'id -u; echo "$HOME"', { timeoutMs: 20_000 })).stdout).toBe(
      `0\n${sshd.home}\n`,
    );
    // A sleep of its own (a failed run of this test leaves its processes behind for a while).
    const secs = `300.${String(Date.now() % 1e6).padStart(6, '0')}`;
    const cmd = `trap '' TERM; echo up; sleep ${secs}; echo never`;
    const ac = new AbortController();
    let up = 0;
    const runs = Array.from({ length: 10 }, () =>
      appErrorOf(
        pool.exec('h1', cmd, {
          timeoutMs: 120_000,
          signal: ac.signal,
          onStdout: () => {
            if (++up === 9) ac.abort();
          },
        }),
      ),
    );
    const codes = (await Promise.all(runs)).map((e) => e.code);
    expect(new Set(codes)).toEqual(new Set(['ABORTED']));
    const alive = async (): Promise<boolean> =>
      (
        await pool.exec('h1', `pgrep -f 'sleep ${secs.replace('.', '[.]')}' || true`, {
          timeoutMs: 20_000,
        })
      ).stdout !== '';
    await until(async () => !(await alive()), {
      timeoutMs: 60_000,
      what: 'the stopped commands to be gone',
    });
    await until(() => pool.channels('h1').active === 0, {
      timeoutMs: 30_000,
      what: 'every channel to close',
    });
    expect((await pool.exec('h1', 'echo free', { timeoutMs: 20_000 })).stdout).toBe('free\n');
  }, 120_000);
});
