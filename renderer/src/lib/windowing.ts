/** Which rows of a long list to render, and the space the others take above and below. */
export interface ListWindow {
  /** First rendered index (inclusive). */
  start: number;
  /** Last rendered index (exclusive). */
  end: number;
  padTop: number;
  padBottom: number;
}

/** Top offset of every row plus the total height at the end (length count + 1). */
export function rowOffsets(count: number, heightOf: (index: number) => number): number[] {
  const offsets = new Array<number>(count + 1);
  offsets[0] = 0;
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i] ?? 0) + heightOf(i);
  return offsets;
}

/** Index of the row under `y`: the last row whose top is at or above `y` (0 when empty). */
export function rowAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = Math.max(0, offsets.length - 2);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The rows to render for a viewport of `viewport` pixels scrolled to `scrollTop`, plus
 * `overscan` rows on each side so fast scrolling does not show gaps.
 */
export function listWindow(
  offsets: readonly number[],
  scrollTop: number,
  viewport: number,
  overscan = 5,
): ListWindow {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const total = offsets[count] ?? 0;
  const top = Math.max(0, Math.min(scrollTop, total));
  const first = rowAt(offsets, top);
  const last = rowAt(offsets, Math.max(top, top + viewport - 1));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + 1 + overscan);
  return {
    start,
    end,
    padTop: offsets[start] ?? 0,
    padBottom: total - (offsets[end] ?? total),
  };
}
