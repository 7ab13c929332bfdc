import { describe, expect, it } from 'vitest';
import { mapConnectError } from './ssh-errors';

function err(message: string, props: Record<string, unknown>): Error {
  return Object.assign(new Error(message), props);
}

describe('mapConnectError', () => {
  it('maps ssh2 and socket failures to stable codes that name the host', () => {
    const cases: [Error, string][] = [
      [
        err('All configured authentication methods failed', { level: 'client-authentication' }),
        'SSH_AUTH_FAILED',
      ],
      [err('Timed out while waiting for handshake', { level: 'client-timeout' }), 'TIMEOUT'],
      [
        err('connect ECONNREFUSED', { code: 'ECONNREFUSED', level: 'client-socket' }),
        'HOST_UNREACHABLE',
      ],
      [err('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' }), 'HOST_UNREACHABLE'],
      [err('read ECONNRESET', { code: 'ECONNRESET' }), 'HOST_UNREACHABLE'],
      [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'HOST_UNREACHABLE'],
      [err('something odd', {}), 'INTERNAL'],
    ];
    for (const [e, code] of cases) {
      const mapped = mapConnectError(e, 'web1.example.com', 2222);
      expect(mapped.code, e.message).toBe(code);
      expect(mapped.message).toContain('web1.example.com:2222');
    }
    expect(mapConnectError(err('x', { code: 'ECONNREFUSED' }), 'fd00::5', 22).message).toContain(
      '[fd00::5]:22',
    );
  });
});
