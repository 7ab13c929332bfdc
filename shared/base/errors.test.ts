import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError, ERROR_CODES, ERROR_DETAILS, ERROR_HINTS, detailsOf } from './errors';

describe('error codes and their details', () => {
  it('every code has one hint and one details schema, and the codes are distinct', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(Object.keys(ERROR_HINTS).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(ERROR_DETAILS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('detailsOf reads the typed details of the asked code only', () => {
    const e = new AppError('HOST_KEY_UNKNOWN', 'not trusted', {
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:abc',
    }).toInfo();
    const key = detailsOf(e, 'HOST_KEY_UNKNOWN');
    expectTypeOf(key).toEqualTypeOf<{ keyType: string; fingerprint: string } | null>();
    expect(key).toEqual({ keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' });
    expect(detailsOf(e, 'HOST_KEY_CHANGED')).toBeNull();
    expect(
      detailsOf(
        { code: 'QUEUE_OWNED_ELSEWHERE', message: 'x', details: { pid: 'seven' } },
        'QUEUE_OWNED_ELSEWHERE',
      ),
    ).toBeNull();
    expect(
      detailsOf(
        { code: 'QUEUE_OWNED_ELSEWHERE', message: 'x', details: { pid: 7 } },
        'QUEUE_OWNED_ELSEWHERE',
      ),
    ).toEqual({ pid: 7 });
  });

  it('fromInfo keeps details that fit the code and drops those that do not', () => {
    expect(
      AppError.fromInfo({ code: 'PLAN_STALE', message: 'm', details: { clusterId: 'c1' } }).details,
    ).toEqual({ clusterId: 'c1' });
    expect(
      AppError.fromInfo({ code: 'PLAN_STALE', message: 'm', details: { nope: 1 } }).details,
    ).toBeUndefined();
  });
});
