import { describe, expect, it } from 'vitest';
import { listWindow, rowAt, rowOffsets } from './windowing';

describe('rowOffsets', () => {
  it('accumulates row heights and ends with the total', () => {
    expect(rowOffsets(3, (i) => [10, 20, 30][i] ?? 0)).toEqual([0, 10, 30, 60]);
    expect(rowOffsets(0, () => 10)).toEqual([0]);
  });
});

describe('rowAt', () => {
  const offsets = rowOffsets(4, () => 10); // rows at 0, 10, 20, 30; total 40
  it('finds the row under a position, clamping past the ends', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 9)).toBe(0);
    expect(rowAt(offsets, 10)).toBe(1);
    expect(rowAt(offsets, 35)).toBe(3);
    expect(rowAt(offsets, 999)).toBe(3);
    expect(rowAt(offsets, -5)).toBe(0);
  });
});

describe('listWindow', () => {
  it('renders only the visible rows plus overscan, padding the rest', () => {
    const offsets = rowOffsets(1000, () => 40);
    const w = listWindow(offsets, 4000, 400, 2); // rows 100..109 visible
    expect(w).toEqual({ start: 98, end: 112, padTop: 98 * 40, padBottom: (1000 - 112) * 40 });
  });

  it('keeps the rendered height plus the paddings equal to the total', () => {
    const heights = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 200 : 36));
    const offsets = rowOffsets(heights.length, (i) => heights[i] ?? 0);
    for (const top of [0, 1234, 5000, 99_999]) {
      const w = listWindow(offsets, top, 420);
      const rendered = heights.slice(w.start, w.end).reduce((a, b) => a + b, 0);
      expect(w.padTop + rendered + w.padBottom).toBe(offsets[300]);
      expect(w.end).toBeGreaterThan(w.start);
    }
  });

  it('renders everything when the list fits, and nothing when it is empty', () => {
    expect(
      listWindow(
        rowOffsets(3, () => 10),
        0,
        500,
      ),
    ).toEqual({
      start: 0,
      end: 3,
      padTop: 0,
      padBottom: 0,
    });
    expect(listWindow([0], 0, 500)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('clamps a scroll position past the end to the last rows', () => {
    const w = listWindow(
      rowOffsets(100, () => 10),
      5000,
      100,
      0,
    );
    expect(w.end).toBe(100);
    expect(w.start).toBe(99);
  });
});
