import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  API_SUBPROTOCOL,
  apiSocketProtocols,
  parseApiSocketProtocols,
  tokenFromFragment,
} from '../../shared/security/browser-access';
import { hostAllowed, newToken, tokenMatches } from './auth';

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

  it('serves only our loopback authority (DNS rebinding)', () => {
    expect(hostAllowed(req({ host: '127.0.0.1:4000' }), 4000)).toBe(true);
    expect(hostAllowed(req({ host: 'localhost:4000' }), 4000)).toBe(true);
    expect(hostAllowed(req({ host: 'evil.example:4000' }), 4000)).toBe(false);
    expect(hostAllowed(req({ host: '127.0.0.1:4001' }), 4000)).toBe(false);
    expect(hostAllowed(req({}), 4000)).toBe(false);
  });
});

describe('browser access: the token travels in the fragment and the WebSocket handshake only', () => {
  const t = newToken();

  it('reads the token from the fragment, with or without #, among other keys', () => {
    expect(tokenFromFragment(`#token=${t}`)).toBe(t);
    expect(tokenFromFragment(`a=1&token=${t}`)).toBe(t);
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
    // Not token-shaped: never presented.
    expect(tokenFromFragment('#token=a%20b')).toBeNull();
    expect(tokenFromFragment('#token=short')).toBeNull();
  });

  it('offers the API subprotocol and the token as a second entry', () => {
    expect(apiSocketProtocols(t)).toEqual([API_SUBPROTOCOL, `token.${t}`]);
    expect(apiSocketProtocols(null)).toEqual([API_SUBPROTOCOL]);
  });

  it('parses the offered subprotocols; several token entries carry none', () => {
    expect(parseApiSocketProtocols(apiSocketProtocols(t).join(', '))).toEqual({
      api: true,
      token: t,
    });
    expect(parseApiSocketProtocols(`token.${t}`)).toEqual({ api: false, token: t });
    expect(parseApiSocketProtocols(`${API_SUBPROTOCOL}, token.${t}, token.${t}x`)).toEqual({
      api: true,
      token: null,
    });
    expect(parseApiSocketProtocols(undefined)).toEqual({ api: false, token: null });
    expect(parseApiSocketProtocols(`${API_SUBPROTOCOL}, token.a b`)).toEqual({
      api: true,
      token: null,
    });
  });
});
