import { describe, expect, it } from 'vitest';
import { HeldEvents } from './held-events';

describe('HeldEvents', () => {
  it('holds events until the client is ready, then sends them in order and the rest at once', () => {
    const sent: number[] = [];
    const events = new HeldEvents<number>((n) => sent.push(n));
    events.push(1);
    events.push(2);
    expect(sent).toEqual([]);
    events.release();
    expect(sent).toEqual([1, 2]);
    events.push(3);
    expect(sent).toEqual([1, 2, 3]);
  });

  it('drops events past the limit while the client is not ready', () => {
    const sent: number[] = [];
    const events = new HeldEvents<number>((n) => sent.push(n), 2);
    for (const n of [1, 2, 3, 4]) events.push(n);
    events.release();
    expect(sent).toEqual([1, 2]);
  });

  it('sends nothing twice when ready is said again', () => {
    const sent: number[] = [];
    const events = new HeldEvents<number>((n) => sent.push(n));
    events.push(1);
    events.release();
    events.release();
    expect(sent).toEqual([1]);
  });
});
