import { describe, expect, it } from 'vitest';
import { takeAccessToken, type PageContext } from './access-token';

const TOKEN = 'A'.repeat(20) + '_-b9';

function page(hash: string, stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  const store = { ...stored };
  const ctx: PageContext = {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { replaceState: (_d, _t, url) => replaced.push(String(url)) },
    storage: {
      getItem: (k) => store[k] ?? null,
      setItem: (k, v) => {
        store[k] = v;
      },
    },
  };
  return { ctx, replaced, store };
}

describe('takeAccessToken', () => {
  it('takes the token from the fragment, keeps it for this tab and wipes it from the address bar', () => {
    const p = page(`#token=${TOKEN}`);
    expect(takeAccessToken(p.ctx)).toBe(TOKEN);
    expect(p.replaced).toEqual(['/?x=1']);
    expect(Object.values(p.store)).toEqual([TOKEN]);
  });

  it('finds the kept token after a reload, whose URL no longer has it', () => {
    const first = page(`#token=${TOKEN}`);
    takeAccessToken(first.ctx);
    const reload = page('', first.store);
    expect(takeAccessToken(reload.ctx)).toBe(TOKEN);
    expect(reload.replaced).toEqual([]);
  });

  it('prefers a new URL over a kept token of an earlier launch', () => {
    const old = page(`#token=${'o'.repeat(43)}`);
    takeAccessToken(old.ctx);
    const p = page(`#token=${TOKEN}`, old.store);
    expect(takeAccessToken(p.ctx)).toBe(TOKEN);
    expect(Object.values(p.store)).toEqual([TOKEN]);
  });

  it('has none without a fragment or a kept one, and works without storage', () => {
    expect(takeAccessToken(page('').ctx)).toBeNull();
    const p = page(`#token=${TOKEN}`);
    expect(takeAccessToken({ ...p.ctx, storage: null })).toBe(TOKEN);
    const throwing = page(`#token=${TOKEN}`);
    const broken: PageContext = {
      ...throwing.ctx,
      storage: {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      },
    };
    expect(takeAccessToken(broken)).toBe(TOKEN);
    expect(
      takeAccessToken({ ...broken, location: { hash: '', pathname: '/', search: '' } }),
    ).toBeNull();
  });
});
