import { describe, expect, it } from 'vitest';
import { apiSocketUrl } from './browser-access';

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
