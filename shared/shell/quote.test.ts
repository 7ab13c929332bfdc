import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cmd, quote, sh } from './quote';

/** Runs text through a real POSIX shell and returns its argv as printf sees it. */
function argvOf(line: string): string[] {
  const out = execFileSync('/bin/sh', [
    '-c',
    `set -- ${line}; for a; do printf '%s\\0' "$a"; done`,
  ]).toString();
  return out.split('\0').slice(0, -1);
}

const hostile = [
  '; rm -rf /',
  '$(touch /tmp/pwned)',
  '`id`',
  "it's",
  'a\nb',
  '"quoted"',
  '*',
  '~root',
  '-rf',
  '',
  ' lead',
  'x\\y',
  '$HOME',
];

describe('quote', () => {
  it('keeps every hostile value one literal word for a real shell', () => {
    for (const v of hostile) expect(argvOf(quote(v))).toEqual([v]);
  });

  it('leaves plain words readable', () => {
    expect(quote('/chroot/home')).toBe('/chroot/home');
    expect(quote(22)).toBe('22');
    expect(quote('a b')).toBe("'a b'");
  });

  it('refuses NUL, which no shell argument can hold', () => {
    expect(() => quote('a\0b')).toThrow(/NUL/);
  });

  it('builds commands and templates with every value quoted', () => {
    expect(argvOf(cmd('echo', '$(id)', "a'b").replace(/^echo /, ''))).toEqual(['$(id)', "a'b"]);
    const dirs = ['/a b', '$(x)'];
    expect(argvOf(sh`${dirs} ${'; ls'}`)).toEqual(['/a b', '$(x)', '; ls']);
  });
});
