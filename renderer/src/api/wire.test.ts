import { describe, expect, it } from 'vitest';
import { apiSocketUrl, parseServerMessage } from './wire';

describe('parseServerMessage', () => {
  it('reads a successful response', () => {
    expect(parseServerMessage('{"type":"response","id":3,"ok":true,"value":{"a":1}}')).toEqual({
      type: 'response',
      id: 3,
      envelope: { ok: true, value: { a: 1 } },
    });
  });
  it('reads an error response with details', () => {
    const m = parseServerMessage(
      JSON.stringify({
        type: 'response',
        id: 4,
        ok: false,
        error: { code: 'HOST_KEY_UNKNOWN', message: 'x', details: { keyType: 'ssh-ed25519' } },
      }),
    );
    expect(m).toEqual({
      type: 'response',
      id: 4,
      envelope: {
        ok: false,
        error: { code: 'HOST_KEY_UNKNOWN', message: 'x', details: { keyType: 'ssh-ed25519' } },
      },
    });
  });
  it('turns an unknown error code into INTERNAL rather than trusting it', () => {
    const m = parseServerMessage(
      '{"type":"response","id":1,"ok":false,"error":{"code":"NOPE","message":"m"}}',
    );
    expect(m).toEqual({
      type: 'response',
      id: 1,
      envelope: { ok: false, error: { code: 'INTERNAL', message: 'm' } },
    });
  });
  it('reads an event', () => {
    expect(parseServerMessage('{"type":"event","event":"hosts:changed","payload":{}}')).toEqual({
      type: 'event',
      event: 'hosts:changed',
      payload: {},
    });
  });
  it.each([
    ['not json'],
    ['[]'],
    ['{"type":"response","id":"1","ok":true}'],
    ['{"type":"event"}'],
    ['{"type":"response","id":1}'],
  ])('ignores %s', (frame) => expect(parseServerMessage(frame)).toBeNull());
  it('ignores binary frames', () => expect(parseServerMessage(new ArrayBuffer(2))).toBeNull());
});

describe('apiSocketUrl', () => {
  it('uses ws for http and wss for https, on the page host', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321' })).toBe(
      'ws://127.0.0.1:4321/api',
    );
    expect(apiSocketUrl({ protocol: 'https:', host: 'deck.example' })).toBe(
      'wss://deck.example/api',
    );
  });
});
