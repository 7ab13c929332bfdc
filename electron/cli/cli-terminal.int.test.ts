import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type SshdHandle } from '../../e2e/support/sshd';
import { cliHome, loopbackHostArgs } from '../../e2e/support/cli-home';

const CLI = resolve(__dirname, 'clusterdeck.mjs');

/*
 * The real `clusterdeck exec` against a real sshd whose command prints terminal controls: on a
 * terminal (a pty made by util-linux `script`) they are gone; with --json they stay exact.
 */
describe('clusterdeck CLI and remote text', () => {
  let sshd: SshdHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]): string[] => ['node', CLI, '--data-dir', join(dir, 'data'), ...args];

  beforeAll(async () => {
    sshd = await startSshd();
    ({ dir, env } = cliHome(sshd, 'cd-cli-'));
    const add = loopbackHostArgs(sshd, 'loop');
    execFileSync(cli(add)[0] ?? 'node', cli(add).slice(1), { env, stdio: 'pipe' });
  }, 120_000);

  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Clear screen, a window title, a clipboard write (OSC 52), a colour, an 8-bit CSI, a line
  // overwrite and a bidi override, then the real text.
  const hostile = String.raw`printf '\033[2J\033]0;owned\007\033]52;c;cm0gLXJmIH4=\033\\\033[31mred\033[0m \302\2332J\rvisible \342\200\256txet\n'`;

  it('strips them on a terminal', () => {
    const argv = cli(['exec', '--hosts', 'loop', '--', hostile]);
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    // `script` runs the CLI on a pty and copies what it wrote there to our stdout.
    const out = execFileSync('script', ['-qefc', quoted, '/dev/null'], { env, encoding: 'utf8' });
    expect(out).toContain('--- loop (exit 0)');
    expect(out).toContain('red visible txet');
    for (const c of ['\x1b', '\u009b', '\u202e', 'owned', 'cm0gLXJm']) expect(out).not.toContain(c);
    expect(out.replace(/\r\n/g, '\n')).not.toContain('\r');
  }, 60_000);

  it('keeps them exact with --json (and when not on a terminal)', () => {
    const argv = cli(['--json', 'exec', '--hosts', 'loop', '--', hostile]);
    const out = execFileSync(argv[0] ?? 'node', argv.slice(1), { env, encoding: 'utf8' });
    const [r] = JSON.parse(out) as { stdout: string }[];
    expect(r?.stdout).toBe(
      '\x1b[2J\x1b]0;owned\x07\x1b]52;c;cm0gLXJmIH4=\x1b\\\x1b[31mred\x1b[0m \u009b2J\rvisible \u202etxet\n',
    );
  }, 60_000);
});
