import { describe, expect, it } from 'vitest';
import type { Transport } from '../../../shared/api/client';
import type { Envelope } from '../../../shared/api/envelope';
import { createSwitchableTransport, VIEW_SWITCHED } from './switchable-transport';

/** A transport whose answers the test releases by hand, and whose events it pushes. */
function manual(name: string) {
  const waiting: ((env: Envelope<unknown>) => void)[] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const t: Transport = {
    request: () => new Promise((resolve) => waiting.push(resolve)),
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    t,
    answer: () => waiting.shift()?.({ ok: true, value: name }),
    emit: (e: string) => listeners.forEach((l) => l(e, {})),
    pending: () => waiting.length,
  };
}

describe('createSwitchableTransport', () => {
  it('sends requests to the transport in front, and to the engine again after use(null)', async () => {
    const engine = manual('engine');
    const snap = manual('snapshot');
    const s = createSwitchableTransport(engine.t);
    const a = s.request('hosts:list', {});
    engine.answer();
    await expect(a).resolves.toEqual({ ok: true, value: 'engine' });
    s.use(snap.t);
    const b = s.request('hosts:list', {});
    expect(engine.pending()).toBe(0);
    snap.answer();
    await expect(b).resolves.toEqual({ ok: true, value: 'snapshot' });
    s.use(null);
    const c = s.request('hosts:list', {});
    engine.answer();
    await expect(c).resolves.toEqual({ ok: true, value: 'engine' });
  });

  it("drops an answer that comes after a switch, so no store gets the other source's data", async () => {
    const engine = manual('engine');
    const s = createSwitchableTransport(engine.t);
    const live = s.request('hosts:list', {});
    s.use(manual('snapshot').t);
    engine.answer();
    await expect(live).resolves.toEqual({
      ok: false,
      error: { code: 'ABORTED', message: VIEW_SWITCHED },
    });
  });

  it("holds back the engine's events while a snapshot is in front", () => {
    const engine = manual('engine');
    const s = createSwitchableTransport(engine.t);
    const seen: string[] = [];
    s.subscribe((e) => seen.push(e));
    engine.emit('hosts:changed');
    s.use(manual('snapshot').t);
    engine.emit('host:status');
    s.use(null);
    engine.emit('queue:changed');
    expect(seen).toEqual(['hosts:changed', 'queue:changed']);
  });
});
