import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  FrameScanner,
  commandFeed,
  killCommandScript,
  newMarker,
  readyFeed,
  type FrameEnd,
} from './shell-frame';

/** Feeds `input` in pieces of `size` bytes; returns the output seen and the frame end. */
function scan(
  marker: string,
  withStatus: boolean,
  input: Buffer,
  size: number,
): { out: Buffer; end: FrameEnd | undefined } {
  const parts: Buffer[] = [];
  const s = new FrameScanner(marker, withStatus, (c) => parts.push(Buffer.from(c)));
  let end: FrameEnd | undefined;
  for (let i = 0; i < input.length && !end; i += size) {
    end = s.push(input.subarray(i, i + size));
  }
  return { out: Buffer.concat(parts), end };
}

describe('FrameScanner', () => {
  const m = newMarker();

  it('makes 128-bit markers that differ every time', () => {
    expect(m).toMatch(/^__CDX_[0-9a-f]{32}$/);
    expect(newMarker()).not.toBe(m);
  });

  it('finds the frame whatever the chunking, keeping output exact', () => {
    const body = Buffer.from('line 1\nline 2 without newline');
    const input = Buffer.concat([body, Buffer.from(`\n${m} 7\nnext`)]);
    for (const size of [1, 2, 3, 7, 64, input.length]) {
      const { out, end } = scan(m, true, input, size);
      expect(out.toString()).toBe(body.toString());
      expect(end?.status).toBe(7);
    }
    // `rest` holds what followed the frame in the chunk that completed it.
    expect(scan(m, true, input, input.length).end?.rest.toString()).toBe('next');
  });

  it('treats markers with other nonces, a bare prefix and wrong tails as output', () => {
    const other = newMarker();
    const fake = [
      `${m} 0`, // not at a line start
      `\n${other} 0`, // another nonce
      `\n__CDX_ 1`,
      `\n${m.slice(0, -1)} 2`, // one hex digit short
      `\n${m} x`, // right nonce, tail not a status
      `\n${m} 12345678901`, // status too long
      `\n${m}0 1`,
      '',
    ].join('\n');
    const input = Buffer.from(`${fake}\n${m} 3\n`);
    for (const size of [1, 5, input.length]) {
      const { out, end } = scan(m, true, input, size);
      expect(out.toString()).toBe(fake);
      expect(end?.status).toBe(3);
    }
  });

  it('on stderr accepts only the marker alone on its line', () => {
    const input = Buffer.from(`err\n${m} 0\nmore\n${m}\n`);
    const { out, end } = scan(m, false, input, 4);
    expect(out.toString()).toBe(`err\n${m} 0\nmore`);
    expect(end?.status).toBeUndefined();
  });

  it('passes binary bytes through untouched', () => {
    const body = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const { out, end } = scan(m, true, Buffer.concat([body, Buffer.from(`\n${m} 0\n`)]), 100);
    expect(out.equals(body)).toBe(true);
    expect(end?.status).toBe(0);
  });

  it('streams output at once, holding back only a possible marker start', () => {
    const parts: string[] = [];
    const s = new FrameScanner(m, true, (c) => parts.push(c.toString()));
    s.push(Buffer.from('started\n'));
    expect(parts).toEqual(['started']);
    s.push(Buffer.from('more'));
    expect(parts.join('')).toBe('started\nmore');
    s.push(Buffer.from(`\n${m.slice(0, 10)}`));
    expect(parts.join('')).toBe('started\nmore');
    s.push(Buffer.from('x'));
    expect(parts.join('')).toBe(`started\nmore\n${m.slice(0, 10)}x`);
  });

  it('waits while the frame is incomplete', () => {
    const { out, end } = scan(m, true, Buffer.from(`abc\n${m} 1`), 3);
    expect(end).toBeUndefined();
    expect(out.toString()).toBe('abc');
  });
});

describe('framing scripts run by a real /bin/sh', () => {
  const sh = (input: string): { stdout: string; stderr: string } => {
    try {
      const stdout = execFileSync('/bin/sh', [], { input, encoding: 'utf8', stdio: 'pipe' });
      return { stdout, stderr: '' };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
    }
  };

  it('reports pid and status, keeps state in the subshell, closes stdin', () => {
    const m1 = newMarker();
    const m2 = newMarker();
    const m3 = newMarker();
    const input =
      readyFeed(m1) +
      commandFeed(
        `cd /tmp; export X=1; trap 'echo trap' EXIT; echo "it's $X"; cat; exit 4`,
        m2,
        't',
      ) +
      commandFeed('pwd; echo "[$X]"; echo oops >&2', m3, 'tag');
    const r = execFileSync('/bin/sh', [], { input, cwd: '/', encoding: 'utf8' });
    expect(r).toMatch(
      new RegExp(`^\\n${m1} \\d+\\nit's 1\\ntrap\\n\\n${m2} 4\\n/\\n\\[\\]\\n\\n${m3} 0\\n$`),
    );
  });

  it('survives command text that would break inline framing', () => {
    const m1 = newMarker();
    const m2 = newMarker();
    const r = sh(
      commandFeed("echo 'unbalanced", m1, 't') + commandFeed('echo ) ; echo ok', m2, 't'),
    );
    expect(r.stdout).toContain(`\n${m1} 2\n`);
    expect(r.stdout).toContain(`\n${m2} 2\n`);
  });

  it('kills every descendant of the shell, including a forking loop, but not the shell', async () => {
    // A stand-in for the long-lived shell, running a loop that forks again when its child dies.
    const shell = spawn('/bin/sh', ['-c', 'sh -c "while :; do sleep 30.0941; done" & wait'], {
      stdio: 'ignore',
    });
    const pid = shell.pid ?? 0;
    const sleeps = (): string =>
      spawnSync('pgrep', ['-f', 'sleep 30[.]0941'], { encoding: 'utf8' }).stdout.trim();
    try {
      for (let i = 0; i < 100 && sleeps() === ''; i++) await new Promise((r) => setTimeout(r, 20));
      expect(sleeps()).not.toBe('');
      execFileSync('/bin/sh', [], { input: `${killCommandScript(pid, 'tag', 'TERM')}\nexit 0` });
      for (let i = 0; i < 100 && sleeps() !== ''; i++) await new Promise((r) => setTimeout(r, 20));
      expect(sleeps()).toBe('');
      expect(shell.exitCode).toBeNull();
      expect(() => process.kill(pid, 0)).not.toThrow();
    } finally {
      shell.kill('SIGKILL');
      spawnSync('pkill', ['-f', 'sleep 30[.]0941']);
    }
  });
});
