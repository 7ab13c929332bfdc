import { describe, expect, it } from 'vitest';
import { isCompound } from './compound';

describe('isCompound', () => {
  it('finds a list at the top level', () => {
    for (const t of [
      'a; b',
      'a\nb',
      'a || b',
      'sleep 1 & wait',
      'n=0; until x; do n=$((n+1)); done',
      '{ a; } || { b; }',
      "printf '%s' x; echo 'y'",
    ])
      expect(isCompound(t), t).toBe(true);
  });

  it('does not count what is quoted, substituted, grouped or a redirection', () => {
    for (const t of [
      'a && b | c',
      "printf '%s' 'a; b || c & d' | cmp -s - /etc/x",
      'test "$(stat -c %a:%U:%G /etc/x; true)" = 644:root:root',
      '{ a || b; }',
      '( a; b )',
      'echo ${x:-a;b}',
      'cmd 2>&1 >/dev/null',
      "dpkg-query -W -f='${Status}' p 2>/dev/null | grep -q 'install ok installed'",
      '! systemctl is-active -q x',
      'echo \\; done',
    ])
      expect(isCompound(t), t).toBe(false);
  });
});
