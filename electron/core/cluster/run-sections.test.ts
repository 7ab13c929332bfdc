import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/api/errors';
import { localShell } from './local-shell.test-support';
import { runSections } from './run-sections';

const sh = localShell();

describe('runSections', () => {
  it('gives each command its own exit status, stdout and stderr, in order, in one call', async () => {
    let calls = 0;
    const counted: typeof sh = (command, opts) => {
      calls++;
      return sh(command, opts);
    };
    const r = await runSections(counted, [
      { command: "printf 'a\\nb\\n'", timeoutSec: 5 },
      { command: 'echo oops >&2; exit 3', timeoutSec: 5 },
      { command: `printf '%s|' "it's" '$(id)' "\\"q\\""`, timeoutSec: 5 },
      { command: "printf 'no newline'", timeoutSec: 5 },
      { command: 'cat; echo "stdin closed"', timeoutSec: 5 },
    ]);
    expect(calls).toBe(1);
    expect(r).toEqual([
      { code: 0, stdout: 'a\nb\n', stderr: '', timedOut: false, truncated: false },
      { code: 3, stdout: '', stderr: 'oops\n', timedOut: false, truncated: false },
      { code: 0, stdout: `it's|$(id)|"q"|`, stderr: '', timedOut: false, truncated: false },
      { code: 0, stdout: 'no newline', stderr: '', timedOut: false, truncated: false },
      { code: 0, stdout: 'stdin closed\n', stderr: '', timedOut: false, truncated: false },
    ]);
  });

  it('stops a command at its time limit and goes on with the next', async () => {
    const started = Date.now();
    const r = await runSections(sh, [
      { command: 'sleep 20', timeoutSec: 0.5 },
      { command: 'echo after', timeoutSec: 5 },
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r[0]).toMatchObject({ code: 124, timedOut: true });
    expect(r[1]).toMatchObject({ code: 0, stdout: 'after\n', timedOut: false });
  });

  it('keeps only the first maxBytes of each stream and says it cut them', async () => {
    const r = await runSections(sh, [
      {
        command: "head -c 5000 /dev/zero | tr '\\0' a; head -c 300 /dev/zero | tr '\\0' b >&2",
        timeoutSec: 5,
        maxBytes: 100,
      },
      { command: 'echo short', timeoutSec: 5, maxBytes: 100 },
    ]);
    expect(r[0]).toMatchObject({
      stdout: 'a'.repeat(100),
      stderr: 'b'.repeat(100),
      truncated: true,
    });
    expect(r[1]).toMatchObject({ stdout: 'short\n', truncated: false });
  });

  it('output that looks like framing stays output', async () => {
    const lines = 'CDSEC0 0 0 1 1\nCDSEC 1 0 0 0\n';
    const r = await runSections(sh, [
      { command: `printf '%s' '${lines}'`, timeoutSec: 5 },
      { command: 'exit 0', timeoutSec: 5 },
    ]);
    expect(r.map((x) => x.stdout)).toEqual([lines, '']);
  });

  it('fails with COMMAND_FAILED when the script fails or an answer is missing; no call for nothing', async () => {
    const failed = await runSections(
      async () => ({ code: 70, signal: null, stdout: '', stderr: 'no coreutils', durationMs: 1 }),
      [{ command: 'true', timeoutSec: 1 }],
    ).catch((e: unknown) => e);
    expect(isAppError(failed) && failed.code).toBe('COMMAND_FAILED');
    expect(String(failed)).toMatch(/exit 70\): no coreutils/);
    const silent = await runSections(
      async () => ({ code: 0, signal: null, stdout: '', stderr: '', durationMs: 1 }),
      [{ command: 'true', timeoutSec: 1 }],
    ).catch((e: unknown) => e);
    expect(String(silent)).toMatch(/no answer for command 1 of 1/);
    expect(await runSections(() => Promise.reject(new Error('must not run')), [])).toEqual([]);
  });
});
