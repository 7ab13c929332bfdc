import { describe, expect, it } from 'vitest';
import {
  EMPTY_ADD_HOST_FORM,
  formFieldOf,
  serverFieldErrors,
  toHostInput,
  validateAddHost,
  type AddHostForm,
} from './add-host-form';

const form = (p: Partial<AddHostForm>): AddHostForm => ({ ...EMPTY_ADD_HOST_FORM, ...p });

describe('toHostInput', () => {
  it('leaves out an empty name and port so the defaults apply', () => {
    expect(toHostInput(form({ address: 'web1', port: ' ' }))).toEqual({
      address: 'web1',
      user: 'root',
      auth: { method: 'agent' },
    });
  });
  it('sends the key path only for key files', () => {
    expect(toHostInput(form({ address: 'a', method: 'key', keyPath: '/k' })).auth).toEqual({
      method: 'key',
      keyPath: '/k',
    });
    expect(toHostInput(form({ address: 'a', method: 'password', keyPath: '/k' })).auth).toEqual({
      method: 'password',
    });
  });
});

describe('validateAddHost', () => {
  it('accepts a minimal valid form', () => {
    expect(validateAddHost(form({ address: '192.0.2.10' }))).toBeNull();
  });
  it('names each bad field with the contract schema message', () => {
    const r = validateAddHost(
      form({
        name: 'bad name',
        address: '',
        port: '70000',
        user: 'Root',
        method: 'key',
        keyPath: 'rel',
      }),
    );
    expect(r?.other).toEqual([]);
    expect(Object.keys(r?.fields ?? {}).sort()).toEqual([
      'address',
      'keyPath',
      'name',
      'port',
      'user',
    ]);
    expect(r?.fields.port).toBe('port must be between 1 and 65535');
    expect(r?.fields.keyPath).toMatch(/absolute/);
  });
  it('says "whole number" rather than NaN for a non-numeric port', () => {
    expect(validateAddHost(form({ address: 'a', port: '22x' }))?.fields.port).toBe(
      'port must be a whole number',
    );
  });
});

describe('serverFieldErrors', () => {
  it('maps VALIDATION issues to form fields and keeps the rest', () => {
    const r = serverFieldErrors({
      code: 'VALIDATION',
      message: 'm',
      details: {
        issues: [
          { field: 'auth.keyPath', message: 'no such file' },
          { field: 'zone', message: 'odd' },
        ],
      },
    });
    expect(r).toEqual({ fields: { keyPath: 'no such file' }, other: ['zone: odd'] });
  });
  it('ignores other codes and malformed details', () => {
    expect(
      serverFieldErrors({ code: 'NAME_TAKEN', message: 'm', details: { issues: [] } }),
    ).toBeNull();
    expect(serverFieldErrors({ code: 'VALIDATION', message: 'm' })).toBeNull();
    expect(
      serverFieldErrors({ code: 'VALIDATION', message: 'm', details: { issues: ['junk'] } }),
    ).toBeNull();
  });
  it('knows the contract field paths', () => {
    expect(formFieldOf('auth.method')).toBe('method');
    expect(formFieldOf('input.address')).toBe('address');
    expect(formFieldOf('secret')).toBeNull();
  });
});
