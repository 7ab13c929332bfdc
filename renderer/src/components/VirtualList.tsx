import Box from '@mui/material/Box';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';

/** Rows rendered beyond each edge of the view, so fast scrolling does not show gaps. */
const OVERSCAN = 5;

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  items: readonly T[];
  getKey: (item: T) => string | number;
  renderRow: (item: T, index: number) => ReactNode;
  /** Height assumed for a row not measured yet. */
  estimatedRowHeight: number;
  /** Height of the scroll area. */
  maxHeight: number;
  /** Lists up to this length render every row (the whole list stays in the DOM). */
  windowAbove?: number;
  /** Row scrolled into view once, when the list first shows, one row below the top. */
  initialIndex?: number;
  testId?: string;
}

/**
 * A scrollable list that renders only the rows in view once it is long (TanStack Virtual).
 * Rows may have any height (an expanded row grows): each rendered row is measured, by its key,
 * and the rest estimated. Rows stay in the document flow between two spacers, so a row's own
 * layout and focus order are those of a plain list.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, getKey, renderRow, estimatedRowHeight, maxHeight, windowAbove = 150 } = props;
  const { initialIndex, testId } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
  const windowed = items.length > windowAbove;

  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item === undefined ? index : getKey(item);
    },
    [items, getKey],
  );
  const estimateSize = useCallback(() => estimatedRowHeight, [estimatedRowHeight]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    // A short list renders every row: its overscan covers the whole list.
    overscan: windowed ? OVERSCAN : items.length,
    // Scrolling to a row leaves the row before it in view, for context.
    scrollPaddingStart: estimatedRowHeight,
    // Before the scroll area is measured (first render), assume it is full.
    initialRect: { width: 0, height: maxHeight },
  });

  const didInitialScroll = useRef(false);
  useEffect(() => {
    if (didInitialScroll.current || items.length === 0) return;
    didInitialScroll.current = true;
    if (initialIndex === undefined || initialIndex <= 0 || initialIndex >= items.length) return;
    virtualizer.scrollToIndex(initialIndex, { align: 'start' });
  }, [virtualizer, initialIndex, items.length]);

  const rows = virtualizer.getVirtualItems();
  const padTop = rows[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0));
  return (
    <Box
      ref={scroller}
      sx={{ maxHeight, overflowY: 'auto', position: 'relative' }}
      data-testid={testId}
      data-windowed={windowed ? 'true' : 'false'}
    >
      <div style={{ height: padTop }} />
      {rows.map((row) => {
        const item = items[row.index];
        if (item === undefined) return null;
        return (
          <div key={row.key} data-index={row.index} ref={virtualizer.measureElement}>
            {renderRow(item, row.index)}
          </div>
        );
      })}
      <div style={{ height: padBottom }} />
    </Box>
  );
}
