import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookieName, hostAllowed, newToken, readCookie, tokenMatches } from './auth';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('headless auth', () => {
  it('makes unguessable tokens, different each launch', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });

  it('accepts only the exact token, whatever the length presented', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t.slice(0, -1), t)).toBe(false);
    expect(tokenMatches(t + 'x', t)).toBe(false);
    expect(tokenMatches('', t)).toBe(false);
    expect(tokenMatches(undefined, t)).toBe(false);
  });

  it('reads the per-port cookie among others', () => {
    const r = req({ cookie: `a=1; ${cookieName(4000)}=tok%2Den; ${cookieName(4001)}=other` });
    expect(readCookie(r, cookieName(4000))).toBe('tok-en');
    expect(readCookie(req({}), cookieName(4000))).toBeUndefined();
  });

  it('serves only our loopback authority (DNS rebinding)', () => {
    expect(hostAllowed(req({ host: '127.0.0.1:4000' }), 4000)).toBe(true);
    expect(hostAllowed(req({ host: 'localhost:4000' }), 4000)).toBe(true);
    expect(hostAllowed(req({ host: 'evil.example:4000' }), 4000)).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1:4001' }), 4000)).toBe(false);
  });
});
