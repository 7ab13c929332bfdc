import Box from '@mui/material/Box';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { listWindow, rowOffsets } from '../lib/windowing';

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  items: readonly T[];
  getKey: (item: T) => string | number;
  renderRow: (item: T, index: number) => ReactNode;
  /** Height assumed for a row not measured yet. */
  estimatedRowHeight: number;
  /** Height of the scroll area. */
  maxHeight: number;
  /** Lists up to this length render every row (simpler DOM, nothing to measure). */
  windowAbove?: number;
  /** Row scrolled into view once, when the list first shows. */
  initialIndex?: number;
  testId?: string;
}

/**
 * A scrollable list that renders only the rows in view once it is long. Rows may have any
 * height (an expanded row grows): each rendered row is measured and the rest estimated.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, getKey, renderRow, estimatedRowHeight, maxHeight, windowAbove = 150 } = props;
  const { initialIndex, testId } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
  const [heights, setHeights] = useState<ReadonlyMap<string | number, number>>(() => new Map());
  const [scrollTop, setScrollTop] = useState(0);
  const windowed = items.length > windowAbove;

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) =>
            setHeights((prev) => {
              let next: Map<string | number, number> | null = null;
              for (const e of entries) {
                const key = (e.target as HTMLElement).dataset.vkey;
                if (key === undefined) continue;
                const h = Math.round(e.borderBoxSize[0]?.blockSize ?? e.contentRect.height);
                const k = keyFromData(key);
                if (prev.get(k) === h) continue;
                next ??= new Map(prev);
                next.set(k, h);
              }
              return next ?? prev;
            }),
          ),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  const offsets = useMemo(
    () =>
      rowOffsets(items.length, (i) => {
        const item = items[i];
        return (item === undefined ? undefined : heights.get(getKey(item))) ?? estimatedRowHeight;
      }),
    [items, getKey, estimatedRowHeight, heights],
  );

  const didInitialScroll = useRef(false);
  useEffect(() => {
    const el = scroller.current;
    if (didInitialScroll.current || el === null || items.length === 0) return;
    didInitialScroll.current = true;
    if (initialIndex === undefined || initialIndex <= 0) return;
    // Unwindowed rows are all in the DOM (child 0 is the top spacer); otherwise estimate.
    const row = windowed ? null : (el.children[initialIndex + 1] as HTMLElement | undefined);
    const top = Math.max(0, (row?.offsetTop ?? offsets[initialIndex] ?? 0) - estimatedRowHeight);
    el.scrollTop = top;
    setScrollTop(top);
  }, [initialIndex, offsets, estimatedRowHeight, items.length, windowed]);

  const track = useCallback(
    (el: HTMLDivElement | null) => {
      if (el === null || observer === null) return;
      observer.observe(el);
      return () => observer.unobserve(el);
    },
    [observer],
  );

  const w = windowed
    ? listWindow(offsets, scrollTop, maxHeight)
    : { start: 0, end: items.length, padTop: 0, padBottom: 0 };
  return (
    <Box
      ref={scroller}
      onScroll={windowed ? (e) => setScrollTop(e.currentTarget.scrollTop) : undefined}
      sx={{ maxHeight, overflowY: 'auto', position: 'relative' }}
      data-testid={testId}
      data-windowed={windowed ? 'true' : 'false'}
    >
      <div style={{ height: w.padTop }} />
      {items.slice(w.start, w.end).map((item, i) => {
        const key = getKey(item);
        return (
          <div key={key} ref={windowed ? track : undefined} data-vkey={dataKey(key)}>
            {renderRow(item, w.start + i)}
          </div>
        );
      })}
      <div style={{ height: w.padBottom }} />
    </Box>
  );
}

// Keys round-trip through a data attribute; numbers are marked so they come back as numbers.
function dataKey(key: string | number): string {
  return typeof key === 'number' ? `n:${key}` : `s:${key}`;
}

function keyFromData(s: string): string | number {
  return s.startsWith('n:') ? Number(s.slice(2)) : s.slice(2);
}
