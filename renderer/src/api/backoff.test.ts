import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const noJitter = () => 0;
  it('doubles from the base delay', () => {
    expect(
      [0, 1, 2, 3].map((a) => backoffDelay(a, { baseMs: 250, maxMs: 10_000 }, noJitter)),
    ).toEqual([250, 500, 1000, 2000]);
  });
  it('is capped at the maximum, even for huge attempt numbers', () => {
    expect(backoffDelay(10, { baseMs: 250, maxMs: 10_000 }, noJitter)).toBe(10_000);
    expect(backoffDelay(5000, { baseMs: 250, maxMs: 10_000 }, noJitter)).toBe(10_000);
  });
  it('subtracts at most 25 % jitter', () => {
    expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000 }, () => 1)).toBe(300);
    expect(backoffDelay(2, { baseMs: 100, maxMs: 10_000 }, () => 0.5)).toBe(350);
  });
});
