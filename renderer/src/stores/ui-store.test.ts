import { describe, expect, it } from 'vitest';
import type { PageLocation } from '../lib/page-location';
import { createUiStore } from './ui-store';

/** A location with a browser's history stack: `back`/`forward`/`type` announce a change. */
function memoryLocation(initial = '') {
  const entries = [initial];
  let index = 0;
  const listeners = new Set<() => void>();
  const fire = () => listeners.forEach((l) => l());
  const loc: PageLocation = {
    read: () => entries[index] ?? '',
    push(hash) {
      entries.splice(index + 1, entries.length, hash);
      index = entries.length - 1;
    },
    replace(hash) {
      entries[index] = hash;
    },
    listen(onChange) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
  };
  return {
    loc,
    entries: () => [...entries],
    back() {
      if (index > 0) index -= 1;
      fire();
    },
    forward() {
      if (index < entries.length - 1) index += 1;
      fire();
    },
    type(hash: string) {
      loc.push(hash);
      fire();
    },
    listeners: () => listeners.size,
  };
}

describe('ui-store navigation', () => {
  it('starts on the page the URL names, and on the overview without one', () => {
    const mem = memoryLocation('#/hosts/web1');
    const store = createUiStore(() => mem.loc);
    store.getState().followLocation();
    expect(store.getState().page).toEqual({ kind: 'host', hostId: 'web1' });

    const empty = createUiStore(() => memoryLocation('').loc);
    empty.getState().followLocation();
    expect(empty.getState().page).toEqual({ kind: 'overview' });
  });

  it('pushes one history entry per page change, none for the page shown already', () => {
    const mem = memoryLocation('');
    const store = createUiStore(() => mem.loc);
    store.getState().followLocation();
    store.getState().showHosts();
    store.getState().showHosts();
    store.getState().openHost('web1');
    store.getState().showCluster('c1');
    store.getState().showLoadBalancing('c1');
    store.getState().showQueueItem('web1', 7);
    expect(mem.entries()).toEqual([
      '',
      '#/hosts',
      '#/hosts/web1',
      '#/clusters/c1',
      '#/clusters/c1/load-balancing',
      '#/queue/web1/7',
    ]);
  });

  it('follows Back, Forward and an edited URL, and clears the page error on the way', () => {
    const mem = memoryLocation('');
    const store = createUiStore(() => mem.loc);
    store.getState().followLocation();
    store.getState().showHosts();
    store.getState().openHost('web1');
    store.getState().showError({ context: 'x', error: { code: 'INTERNAL', message: 'boom' } });

    mem.back();
    expect(store.getState().page).toEqual({ kind: 'hosts' });
    expect(store.getState().pageError).toBeNull();
    mem.back();
    expect(store.getState().page).toEqual({ kind: 'overview' });
    mem.forward();
    mem.forward();
    expect(store.getState().page).toEqual({ kind: 'host', hostId: 'web1' });
    mem.type('#/what');
    expect(store.getState().page).toEqual({ kind: 'notFound', path: '/what' });
  });

  it('rewrites the current entry for a more exact URL of the same page', () => {
    const mem = memoryLocation('');
    const store = createUiStore(() => mem.loc);
    store.getState().followLocation();
    store.getState().showHosts();
    store.getState().showCluster();
    store.getState().replacePage({ kind: 'cluster', clusterId: 'c1' });
    expect(mem.entries()).toEqual(['', '#/hosts', '#/clusters/c1']);
    expect(store.getState().page).toEqual({ kind: 'cluster', clusterId: 'c1' });
    mem.back();
    expect(store.getState().page).toEqual({ kind: 'hosts' });
  });

  it('stops following when asked', () => {
    const mem = memoryLocation('');
    const store = createUiStore(() => mem.loc);
    const stop = store.getState().followLocation();
    expect(mem.listeners()).toBe(1);
    stop();
    expect(mem.listeners()).toBe(0);
    mem.type('#/hosts');
    expect(store.getState().page).toEqual({ kind: 'overview' });
  });
});
