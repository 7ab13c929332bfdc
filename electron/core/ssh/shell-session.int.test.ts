import { appErrorOf, until } from '../../../e2e/support/wait';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdHandle } from '../../../e2e/support/sshd';
import { hostKeyFromBlob } from './host-keys';
import { SshPool } from './ssh-pool';
import type { HostKeyVerifier, PoolOptions, SshTarget } from './types';

/** Trusts exactly the harness's host key (read from its public key file on every check). */
function verifier(sshd: SshdHandle): HostKeyVerifier {
  return (_t, key) => {
    const b64 = readFileSync(`${sshd.hostKeyPath}.pub`, 'utf8').trim().split(/\s+/)[1] ?? '';
    return hostKeyFromBlob(Buffer.from(b64, 'base64')).fingerprint === key.fingerprint
      ? 'trusted'
      : 'changed';
  };
}

function target(sshd: SshdHandle): SshTarget {
  return {
    hostId: 'h1',
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    auth: { method: 'key', privateKey: readFileSync(sshd.clientKeyPath) },
  };
}

async function newPool(sshd: SshdHandle, options: Partial<PoolOptions> = {}): Promise<SshPool> {
  const pool = new SshPool({
    verifier: verifier(sshd),
    options: { backoffBaseMs: 100, backoffMaxMs: 1000, ...options },
  });
  await pool.connect(target(sshd));
  return pool;
}

const T = { timeoutMs: 10_000 };

describe('SshPool.run: framed long-lived shell against a real sshd', () => {
  let sshd: SshdHandle;
  let pool: SshPool;
  /** Whether processes matching an (escaped) pgrep pattern are still alive on the host. */
  const running = async (pattern: string): Promise<boolean> =>
    (await pool.exec('h1', `pgrep -f '${pattern}' || true`, T)).stdout !== '';
  const shellPid = async (): Promise<string> => (await pool.run('h1', 'echo $$', T)).stdout;

  beforeAll(async () => {
    sshd = await startSshd();
    // A long grace, so that a command that ignores TERM is seen going on before the KILL.
    pool = await newPool(sshd, { killGraceMs: 5000 });
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('runs commands with exit codes and stderr kept apart, on one kept channel', async () => {
    const r = await pool.run('h1', 'echo out; echo err >&2; exit 3', T);
    expect(r).toMatchObject({ code: 3, signal: null, stdout: 'out\n', stderr: 'err\n' });
    expect((await pool.run('h1', 'false', T)).code).toBe(1);
    expect((await pool.run('h1', 'exit 255', T)).code).toBe(255);
    expect((await pool.run('h1', 'true', T)).code).toBe(0);
    // The shell keeps exactly one channel, and every command used the same shell.
    expect(pool.channels('h1')).toEqual({ active: 1, queued: 0 });
    expect(await shellPid()).toBe(await shellPid());
  });

  it('is not confused by output that imitates the framing', async () => {
    const fake = [
      '__CDX_00000000000000000000000000000000 0',
      '__CDX_ffffffffffffffffffffffffffffffff',
      `__CDX_${'a'.repeat(32)} 1`,
      'x__CDX_0123456789abcdef0123456789abcdef 0',
      '',
    ].join('\n');
    // printf without a trailing newline, on both streams, and a marker-like env dump.
    const cmd = `printf '%s' '${fake}'; printf '%s' '${fake}' >&2; printf '\\n__CDX_%s 0\\n' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n')"`;
    const r = await pool.run('h1', cmd, T);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(fake);
    expect(r.stdout.startsWith(fake)).toBe(true);
    expect(r.stdout.slice(fake.length)).toMatch(/^\n__CDX_[0-9a-f]{32} 0\n$/);
    // The command cannot learn its marker: it is in no process's argv or environment.
    const probe = await pool.run('h1', 'cat /proc/$$/cmdline /proc/$$/environ | tr "\\0" "\\n"', T);
    expect(probe.stdout).not.toMatch(/__CDX_[0-9a-f]{32}/);
    expect((await pool.run('h1', 'echo next', T)).stdout).toBe('next\n');
  });

  it('keeps binary output and output without a trailing newline exact', async () => {
    const chunks: Buffer[] = [];
    const r = await pool.run('h1', "printf 'a\\000b\\377\\n\\n'; printf 'tail'", {
      ...T,
      onStdout: (c) => chunks.push(c),
    });
    expect(Buffer.concat(chunks).equals(Buffer.from('a\0b\xff\n\ntail', 'latin1'))).toBe(true);
    expect(r.code).toBe(0);
    expect((await pool.run('h1', "printf 'no newline'", T)).stdout).toBe('no newline');
    expect((await pool.run('h1', 'true', T)).stdout).toBe('');
  });

  it('carries several MB on both streams', async () => {
    const r = await pool.run('h1', 'seq 1 700000; seq 1 100000 >&2; exit 5', {
      timeoutMs: 30_000,
    });
    const expected = (n: number): string =>
      Array.from({ length: n }, (_, i) => `${i + 1}\n`).join('');
    expect(r.code).toBe(5);
    expect(r.stdout.length).toBeGreaterThan(4_000_000);
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    expect(sha(r.stdout)).toBe(sha(expected(700000)));
    expect(r.stderr).toBe(expected(100000));
  });

  it('runs every command in its own subshell: cd, exports, traps, set and exit do not leak', async () => {
    const start = (await pool.run('h1', 'pwd', T)).stdout;
    const r1 = await pool.run(
      'h1',
      "cd /tmp; export X=1; Y=2; trap 'echo bye' EXIT; set -e; umask 077",
      T,
    );
    expect(r1.stdout).toBe('bye\n');
    const r2 = await pool.run(
      'h1',
      'pwd; echo "[${X-unset}] [${Y-unset}]"; umask; false; echo "still $?"',
      T,
    );
    expect(r2.stdout).toBe(`${start}[unset] [unset]\n0022\nstill 1\n`);
    expect((await pool.run('h1', 'exit 9', T)).code).toBe(9);
    expect((await pool.run('h1', 'exec echo replaced', T)).stdout).toBe('replaced\n');
    expect((await pool.run('h1', 'echo alive', T)).stdout).toBe('alive\n');
  });

  it('gives commands a stdin at EOF, never the command feed', async () => {
    const r = await pool.run(
      'h1',
      'cat; read x; echo "read:$?:[$x]"; head -c 10 /dev/stdin | wc -c',
      T,
    );
    expect(r.stdout).toBe('read:1:[]\n0\n');
    // A syntax error stays inside its command.
    const bad = await pool.run('h1', "echo 'unbalanced", T);
    expect(bad.code).toBe(2);
    expect((await pool.run('h1', 'echo ) ; echo ok', T)).code).toBe(2);
    expect((await pool.run('h1', 'echo fine', T)).stdout).toBe('fine\n');
  });

  it('still honours stdin by running such a command on its own channel', async () => {
    expect((await pool.run('h1', 'cat', { ...T, stdin: 'fed\n' })).stdout).toBe('fed\n');
  });

  it('stops a timed-out command on the host and keeps the same shell usable', async () => {
    const before = await shellPid();
    const t0 = Date.now();
    const e = await appErrorOf(pool.run('h1', 'sleep 30.0931; echo late', { timeoutMs: 600 }));
    expect(e.code).toBe('TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(2000);
    await until(async () => !(await running('sleep 30[.]0931')));
    expect((await pool.run('h1', 'echo after', T)).stdout).toBe('after\n');
    expect(await shellPid()).toBe(before);
  });

  it('stops an aborted command, including one that ignores TERM', async () => {
    const before = await shellPid();
    const log = `${sshd.home}/term-log`;
    // The command writes down the TERM it got and ignores it; each round of its loop says
    // that it still runs. Only the KILL pass (after killGraceMs) can end it.
    const cmd = `rm -f ${log}; trap 'echo term >> ${log}' TERM; echo started; while :; do sleep 0.2093; echo loop >> ${log}; done`;
    const ac = new AbortController();
    const run = pool.run('h1', cmd, {
      timeoutMs: 60_000,
      signal: ac.signal,
      onStdout: () => ac.abort(),
    });
    expect((await appErrorOf(run)).code).toBe('ABORTED');
    const lines = async (): Promise<string[]> =>
      (await pool.exec('h1', `cat ${log} 2>/dev/null || true`, T)).stdout
        .split('\n')
        .filter(Boolean);
    // TERM reached it, and it went on after that: the TERM did not stop it...
    const wentOn = async (): Promise<boolean> => {
      const l = await lines();
      return l.includes('term') && l.slice(l.indexOf('term')).includes('loop');
    };
    await until(wentOn, { timeoutMs: 30_000, what: 'the command to go on after TERM' });
    // ...the KILL pass did (the log stops growing, no round of the loop is left), and the
    // shell that ran it is the same.
    let seen = -1;
    await until(
      async () => {
        const n = (await lines()).length;
        const still = n === seen;
        seen = n;
        return still && !(await running('sleep 0[.]2093'));
      },
      { timeoutMs: 30_000, everyMs: 1500, what: 'the loop to be killed' },
    );
    expect((await pool.run('h1', 'echo after abort', T)).stdout).toBe('after abort\n');
    expect(await shellPid()).toBe(before);
  });

  it('stops a loop whose shell would go on after its child is killed', async () => {
    const before = await shellPid();
    const e = await appErrorOf(
      pool.run('h1', 'while :; do sleep 30.0934; done', { timeoutMs: 500 }),
    );
    expect(e.code).toBe('TIMEOUT');
    await until(async () => !(await running('sleep 30[.]0934')));
    expect((await pool.run('h1', 'echo ok', T)).stdout).toBe('ok\n');
    expect(await shellPid()).toBe(before);
  });

  it('fails a command whose shell dies, without retrying it, and reopens the shell', async () => {
    const marker = `${sshd.home}/ran-count`;
    const before = await shellPid();
    const e = await appErrorOf(pool.run('h1', `echo x >> ${marker}; kill -9 $$`, T));
    expect(e.code).toBe('COMMAND_FAILED');
    expect(e.message).toMatch(/not retried/);
    expect((await pool.run('h1', `wc -l < ${marker}`, T)).stdout.trim()).toBe('1');
    expect(await shellPid()).not.toBe(before);
  });

  it('fails fast when the shell dies while a background process still holds its output', async () => {
    const t0 = Date.now();
    const e = await appErrorOf(pool.run('h1', 'sleep 30.0935 & kill -9 $$', T));
    expect(e.code).toBe('COMMAND_FAILED');
    // Not after the background sleep's 30 s.
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await pool.run('h1', 'echo reopened', T)).stdout).toBe('reopened\n');
    await pool.exec('h1', "pkill -f 'sleep 30[.]0935' || true", T);
  });

  it('does not wait for background processes, and their late output goes nowhere', async () => {
    const done = `${sshd.home}/stray-done`;
    const t0 = Date.now();
    const r = await pool.run(
      'h1',
      `rm -f ${done}; (sleep 3; echo stray; echo stray >&2; touch ${done}) & echo quick`,
      T,
    );
    expect(r.stdout).toBe('quick\n');
    // A run that waited for the background process would take 3 s at least.
    expect(Date.now() - t0).toBeLessThan(2500);
    await until(
      async () => (await pool.exec('h1', `test -e ${done} && echo y || true`, T)).stdout === 'y\n',
      {
        what: 'the background process to finish',
      },
    );
    expect(await pool.run('h1', 'echo clean', T)).toMatchObject({ stdout: 'clean\n', stderr: '' });
  });

  it('serializes queued commands in order and is fast when warm', async () => {
    const file = `${sshd.home}/order`;
    await pool.run('h1', `rm -f ${file}`, T);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => pool.run('h1', `echo ${i} >> ${file}; echo ${i}`, T)),
    );
    expect(results.map((r) => r.stdout)).toEqual(results.map((_, i) => `${i}\n`));
    const order = (await pool.run('h1', `cat ${file}`, T)).stdout.trim().split('\n');
    expect(order).toEqual(results.map((_, i) => String(i)));

    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) {
      expect((await pool.run('h1', `echo ${i}`, T)).stdout).toBe(`${i}\n`);
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(
      `20 sequential run() on one host: ${ms.toFixed(1)} ms (${(ms / 20).toFixed(2)} ms each)`,
    );
    expect(pool.channels('h1').active).toBe(1);
  });

  it('fails a queued command on timeout without running it later', async () => {
    const file = `${sshd.home}/never`;
    const slow = pool.run('h1', 'sleep 1', T);
    const e = await appErrorOf(pool.run('h1', `touch ${file}`, { timeoutMs: 200 }));
    expect(e.code).toBe('TIMEOUT');
    expect((await slow).code).toBe(0);
    expect((await pool.run('h1', `test -e ${file}; echo $?`, T)).stdout).toBe('1\n');
  });
});

describe('SshPool.run with several shells per host', () => {
  let sshd: SshdHandle;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd();
    pool = await newPool(sshd, { shellsPerHost: 3, maxOutputBytes: 1000 });
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('runs up to shellsPerHost commands at once, each holding one channel', async () => {
    const dir = `${sshd.home}/running`;
    await pool.exec('h1', `rm -rf ${dir}; mkdir ${dir}`, T);
    // Each command counts the commands running beside it on the server, then prints its number.
    const rs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.run(
          'h1',
          `touch ${dir}/${i}; sleep 0.5; n=$(ls ${dir} | wc -l); sleep 1; rm ${dir}/${i}; echo ${i} $n`,
          T,
        ),
      ),
    );
    expect(rs.map((r) => r.stdout.split(' ')[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    const counts = rs.map((r) => Number(r.stdout.split(' ')[1]));
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(2);
    expect(pool.channels('h1').active).toBe(3);
  });

  it('caps collected output like exec but streams all of it', async () => {
    let streamed = 0;
    const r = await pool.run('h1', 'head -c 300000 /dev/zero | tr "\\0" x', {
      ...T,
      onStdout: (c) => (streamed += c.length),
    });
    expect(r.stdout.length).toBe(1000);
    expect(r.truncated).toBe(true);
    expect(streamed).toBe(300000);
  });
});

describe('SshPool.run across sshd restarts', () => {
  let sshd: SshdHandle;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd();
    pool = await newPool(sshd);
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('fails the command in flight and reopens the shell for the next one', async () => {
    const before = (await pool.run('h1', 'echo $$', T)).stdout;
    const inFlight = pool.run('h1', 'sleep 20', { timeoutMs: 30_000 });
    const failed = appErrorOf(inFlight);
    await new Promise((r) => setTimeout(r, 300));
    await sshd.restart();
    const e = await failed;
    expect(e.code).toBe('HOST_UNREACHABLE');
    expect(e.message).toMatch(/not retried/);
    // Issued while the pool is most likely still reconnecting: it waits, then gets a new shell.
    const r = await pool.run('h1', 'echo back; echo $$', { timeoutMs: 15_000 });
    expect(r.stdout.startsWith('back\n')).toBe(true);
    expect(r.stdout.slice(5)).not.toBe(before);
    expect(pool.channels('h1').active).toBe(1);
  });

  it('fails queued commands when the connection is closed', async () => {
    const slow = appErrorOf(pool.run('h1', 'sleep 5', T));
    const queued = appErrorOf(pool.run('h1', 'echo never', T));
    await pool.disconnect('h1');
    expect((await queued).code).toBe('ABORTED');
    expect(['ABORTED', 'HOST_UNREACHABLE']).toContain((await slow).code);
  });
});

describe('SshPool against a host whose shell startup is slow and prints text', () => {
  // Like a real server's ~/.bashrc: a greeting, noise on stderr, a terminal title escape, and
  // a second of work (a version manager, a network home). bash reads it for every session.
  const bashrc = [
    'echo "Welcome to $(hostname), $USER"',
    'echo "motd: maintenance tonight" >&2',
    "printf '\\033]0;title\\007'",
    'sleep 1',
  ].join('\n');
  let sshd: SshdHandle;
  let pool: SshPool;

  beforeAll(async () => {
    sshd = await startSshd({ startupFiles: { '.bashrc': `${bashrc}\n` } });
    pool = await newPool(sshd, { shellsPerHost: 3 });
  });
  afterAll(async () => {
    await pool?.closeAll();
    await sshd?.stop();
  });

  it('runs commands with exactly their own output and status in the kept shells', async () => {
    expect(await pool.run('h1', 'echo out; echo err >&2; exit 4', T)).toMatchObject({
      code: 4,
      stdout: 'out\n',
      stderr: 'err\n',
    });
    const rs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.run('h1', `echo ${i}`, T)),
    );
    expect(rs.map((r) => [r.code, r.stdout, r.stderr])).toEqual(
      rs.map((_, i) => [0, `${i}\n`, '']),
    );
  });

  it('gives exec the exit status of the command, its output after what the startup printed', async () => {
    const r = await pool.exec('h1', 'echo mine; exit 5', T);
    expect(r.code).toBe(5);
    expect(r.stdout.endsWith('mine\n')).toBe(true);
    expect(r.stdout).toContain('Welcome to');
  });

  it('times out with a clear TIMEOUT when the startup alone takes longer than the call may', async () => {
    const slow = await startSshd({ startupFiles: { '.bashrc': 'sleep 4\n' } });
    const p = await newPool(slow);
    try {
      for (const call of [
        () => p.run('h1', 'echo never', { timeoutMs: 1500 }),
        () => p.exec('h1', 'echo never', { timeoutMs: 1500 }),
      ]) {
        const e = await appErrorOf(call());
        expect(e.code).toBe('TIMEOUT');
        expect(e.message).toMatch(
          new RegExp(`on 127\\.0\\.0\\.1:${slow.port} did not finish within 1500 ms`),
        );
      }
      // Nothing stays stuck: with time for the startup, the same host works.
      expect((await p.run('h1', 'echo works', { timeoutMs: 30_000 })).stdout).toBe('works\n');
      expect((await p.exec('h1', 'echo works', { timeoutMs: 30_000 })).stdout).toBe('works\n');
    } finally {
      await p.closeAll();
      await slow.stop();
    }
  }, 90_000);
});
