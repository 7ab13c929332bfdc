import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { remoteCommand } from './ssh';

/** What a remote `sh -c` makes of the command line: its words, one per line. */
function wordsOnHost(line: string): string[] {
  const r = spawnSync('sh', ['-c', `set -- ${line}; for w in "$@"; do printf '%s\\n' "$w"; done`], {
    encoding: 'utf8',
  });
  return r.stdout.split('\n').slice(0, -1);
}

describe('lab ssh HOST -- COMMAND', () => {
  it('keeps each word as given, quotes and spaces included', () => {
    const words = [
      'curl',
      '-sS',
      '-H',
      'Host: a.example',
      "it's",
      '$HOME',
      'a;b',
      'http://10.10.0.100/',
    ];
    expect(wordsOnHost(remoteCommand(words) as string)).toEqual(words);
  });

  it('passes a single word as a command line of its own, and nothing when there is none', () => {
    expect(remoteCommand(['nginx -t && systemctl reload nginx'])).toBe(
      'nginx -t && systemctl reload nginx',
    );
    expect(remoteCommand([])).toBeUndefined();
  });
});
