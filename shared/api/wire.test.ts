import { describe, expect, it } from 'vitest';
import {
  eventFrame,
  parseClientMessage,
  parseServerMessage,
  responseFrame,
  type ClientMessage,
} from './wire';

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

describe('frames', () => {
  it('a response frame reads back as the envelope it carries', () => {
    const envelope = { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'gone' } };
    expect(parseServerMessage(responseFrame(7, envelope))).toEqual({
      type: 'response',
      id: 7,
      envelope,
    });
    expect(parseServerMessage(responseFrame(8, { ok: true, value: [1] }))).toEqual({
      type: 'response',
      id: 8,
      envelope: { ok: true, value: [1] },
    });
  });
  it('an event frame reads back as the event', () => {
    expect(parseServerMessage(eventFrame('queue:changed', { hostId: 'h' }))).toEqual({
      type: 'event',
      event: 'queue:changed',
      payload: { hostId: 'h' },
    });
  });
});

describe('parseClientMessage', () => {
  it('reads what the renderer sends', () => {
    const request: ClientMessage = { type: 'request', id: 2, channel: 'hosts:list', input: {} };
    expect(parseClientMessage(JSON.stringify(request))).toEqual(request);
    expect(parseClientMessage('{"type":"ready"}')).toEqual({ type: 'ready' });
  });
  it('keeps an odd channel for dispatch to refuse with an error envelope', () => {
    expect(parseClientMessage('{"type":"request","id":1,"channel":5}')).toEqual({
      type: 'request',
      id: 1,
      channel: 5,
      input: undefined,
    });
  });
  it.each([['not json'], ['null'], ['[]'], ['{"type":"request","id":"1"}'], ['{"type":"other"}']])(
    'ignores %s',
    (frame) => expect(parseClientMessage(frame)).toBeNull(),
  );
});
