import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/api/errors';
import { allOptions, parseCommandLine, wantsJson } from './args';
import { COMMANDS } from './commands';

function fails(argv: string[]) {
  try {
    parseCommandLine(argv, COMMANDS);
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error(`${argv.join(' ')} parsed`);
}

function run(argv: string[]) {
  const line = parseCommandLine(argv, COMMANDS);
  if (line.kind !== 'run') throw new Error(`${argv.join(' ')} printed help`);
  return line;
}

describe('parseCommandLine', () => {
  it('finds the command by its words, with global options anywhere', () => {
    const line = run(['--data-dir', 'd', 'cluster', 'show', 'web', '--json']);
    expect(line.command.name).toBe('cluster show');
    expect(line.input.args).toEqual(['web']);
    expect(line).toMatchObject({ dataDir: 'd', json: true });
    expect(run(['apply', 'web', '--full']).input).toMatchObject({
      args: ['web'],
      opts: { full: true },
    });
  });

  it('never takes an option value for a command word', () => {
    const line = run(['--cluster', 'web', 'account', 'add', 'alice', '--domain', 'a.example']);
    expect(line.command.name).toBe('account add');
    expect(line.input).toMatchObject({
      args: ['alice'],
      opts: { cluster: 'web', domain: 'a.example' },
    });
  });

  it('collects a repeatable option in order, apart from the single ones', () => {
    const line = run([
      'account',
      'edit',
      'alice',
      '--alias',
      'a.example',
      '--sftp-password-stdin',
      '--alias',
      'b.example',
    ]);
    expect(line.input.lists).toEqual({ alias: ['a.example', 'b.example'] });
    expect(line.input.opts).toMatchObject({ 'sftp-password-stdin': true });
    expect(line.input.opts['alias']).toBeUndefined();
    expect(fails(['account', 'add', 'bob', '--alias', 'x.example']).message).toContain(
      'not an option of "clusterdeck account add"',
    );
  });

  it('passes what follows -- untouched, and only to commands that take it', () => {
    const line = run(['exec', '--hosts', 'a,b', '--', 'ls', '--json', '-l']);
    expect(line.input.rest).toEqual(['ls', '--json', '-l']);
    expect(line.json).toBe(false);
    expect(fails(['hosts', 'list', '--', 'x']).message).toContain('takes nothing after --');
  });

  it('runs a group alone as its list command, and prints the help of a group without one', () => {
    expect(run(['queue', '--history']).command.name).toBe('queue list');
    expect(run(['account']).command.name).toBe('account list');
    const lb = parseCommandLine(['lb'], COMMANDS);
    expect(lb.kind === 'help' && lb.text).toContain('clusterdeck lb COMMAND');
  });

  it('names the bad word, option or argument, with the help to read', () => {
    expect(fails(['clusters'])).toMatchObject({
      code: 'VALIDATION',
      message: 'command: unknown command "clusters"',
    });
    expect(fails(['cluster', 'save']).message).toMatch(
      /"cluster save" is not a command; cluster has: list, show, create, update/,
    );
    expect(fails(['cluster', 'show', '--full'])).toMatchObject({
      message: '--full: not an option of "clusterdeck cluster show"',
      hint: 'See: clusterdeck cluster show --help',
    });
    expect(fails(['account', 'add', 'alice', '--quota'])).toMatchObject({
      message: expect.stringContaining('--quota: needs a value'),
    });
    expect(fails(['queue', 'retry'])).toMatchObject({ message: 'arguments: expected HOST' });
    expect(fails(['cluster', 'show', 'a', 'b'])).toMatchObject({
      message: 'arguments: unexpected "b"',
    });
  });

  it('knows --json before parsing, so that even a bad line fails as JSON', () => {
    expect(wantsJson(['nope', '--json'])).toBe(true);
    expect(wantsJson(['exec', '--', 'x', '--json'])).toBe(false);
  });
});

describe('help', () => {
  it('has its own page for every command, listing each option', () => {
    for (const c of COMMANDS) {
      for (const argv of [
        [...c.name.split(' '), '--help'],
        ['help', ...c.name.split(' ')],
        [...c.name.split(' '), '-h'],
      ]) {
        const line = parseCommandLine(argv, COMMANDS);
        expect(line.kind, argv.join(' ')).toBe('help');
        if (line.kind !== 'help') continue;
        expect(line.text).toContain(`Usage: clusterdeck ${c.name}`);
        for (const o of Object.keys(c.options ?? {}))
          expect(line.text, `${c.name} --${o}`).toContain(`--${o}`);
        expect(line.text).toContain('--data-dir');
      }
    }
  });

  it('lists every command without arguments, and every verb of a group', () => {
    const top = parseCommandLine([], COMMANDS);
    const group = parseCommandLine(['service', '--help'], COMMANDS);
    for (const c of COMMANDS) expect(top.kind === 'help' && top.text).toContain(c.name);
    expect(group.kind === 'help' && group.text).toMatch(
      /service add[\s\S]*service edit[\s\S]*service remove/,
    );
  });

  it('documents the JSON lines of apply and the presets of service add', () => {
    const apply = parseCommandLine(['apply', '--help'], COMMANDS);
    expect(apply.kind === 'help' && apply.text).toContain('{"task": TASK}');
    const add = parseCommandLine(['service', 'add', '--help'], COMMANDS);
    expect(add.kind === 'help' && add.text).toMatch(/web-group +HTTP \+ HTTPS/);
  });
});

describe('the commands', () => {
  it('have unique names and give one option name one type everywhere', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    const types = new Map<string, string>();
    for (const c of COMMANDS) {
      for (const [name, o] of Object.entries(c.options ?? {})) {
        expect(types.get(name) ?? o.type, `--${name} in ${c.name}`).toBe(o.type);
        types.set(name, o.type);
      }
    }
    expect(Object.keys(allOptions(COMMANDS))).toContain('preset');
  });
});
