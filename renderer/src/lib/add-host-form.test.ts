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
        keyPath: ' ',
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
    expect(r?.fields.keyPath).toBe('path is required');
  });
  it('leaves ~/ and relative key paths to the engine, which resolves them', () => {
    for (const keyPath of ['~/.ssh/id_ed25519', '.ssh/id_rsa']) {
      expect(validateAddHost(form({ address: 'a', method: 'key', keyPath }))).toBeNull();
    }
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
  it('puts NAME_TAKEN under the field it names', () => {
    expect(
      serverFieldErrors({
        code: 'NAME_TAKEN',
        message: 'name: a host named "web1" already exists',
        details: { field: 'name' },
      }),
    ).toEqual({ fields: { name: 'a host named "web1" already exists' }, other: [] });
    expect(
      serverFieldErrors({
        code: 'NAME_TAKEN',
        message: 'address: root@192.0.2.4:22 is already in the host list',
        details: { field: 'address' },
      }),
    ).toEqual({ fields: { address: 'root@192.0.2.4:22 is already in the host list' }, other: [] });
  });
  it('ignores other codes and malformed details', () => {
    expect(
      serverFieldErrors({ code: 'NAME_TAKEN', message: 'm', details: { issues: [] } }),
    ).toBeNull();
    expect(serverFieldErrors({ code: 'HOST_UNREACHABLE', message: 'm' })).toBeNull();
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
