import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VirtualList } from './VirtualList';

interface Row {
  id: number;
}

const rows = (n: number): Row[] => Array.from({ length: n }, (_, id) => ({ id }));

/** The list as first rendered, before the scroll area or any row is measured. */
function firstRender(items: Row[], windowAbove?: number): string {
  return renderToString(
    <VirtualList
      items={items}
      getKey={(r) => r.id}
      renderRow={(r) => <span data-row={r.id}>row {r.id}</span>}
      estimatedRowHeight={50}
      maxHeight={400}
      testId="list"
      {...(windowAbove === undefined ? {} : { windowAbove })}
    />,
  );
}

function renderedRows(html: string): number[] {
  return [...html.matchAll(/data-row="(\d+)"/g)].map((m) => Number(m[1]));
}

function spacers(html: string): number[] {
  return [...html.matchAll(/<div style="height:(\d+)(?:px)?"><\/div>/g)].map((m) => Number(m[1]));
}

describe('VirtualList', () => {
  it('renders every row of a list up to windowAbove, with empty spacers', () => {
    const html = firstRender(rows(150));
    expect(html).toContain('data-windowed="false"');
    expect(renderedRows(html)).toEqual(rows(150).map((r) => r.id));
    expect(spacers(html)).toEqual([0, 0]);
  });

  it('renders a longer list from the top: rows in view plus overscan, the rest as space', () => {
    const html = firstRender(rows(1000));
    expect(html).toContain('data-windowed="true"');
    // 400 px at 50 px a row: rows 0-7 in view, 5 more below.
    expect(renderedRows(html)).toEqual(rows(13).map((r) => r.id));
    expect(spacers(html)).toEqual([0, (1000 - 13) * 50]);
  });

  it('windows from the threshold given', () => {
    expect(renderedRows(firstRender(rows(20), 10))).toHaveLength(13);
    expect(renderedRows(firstRender(rows(20), 20))).toHaveLength(20);
  });

  it('renders an empty list as an empty scroll area', () => {
    const html = firstRender([]);
    expect(renderedRows(html)).toEqual([]);
    expect(html).toContain('data-testid="list"');
  });
});
