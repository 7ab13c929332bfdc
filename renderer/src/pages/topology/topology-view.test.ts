import { describe, expect, it } from 'vitest';
import { testEdge, testGraph } from './testing/test-graph';
import {
  drawnSignature,
  edgeLabelText,
  matchTopology,
  TONE_COLOR,
  topologyRows,
} from './topology-view';

/** WCAG's contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05);
}

describe('topology view', () => {
  it.each(Object.entries(TONE_COLOR))('tone %s reads as text on white (AA, 4.5:1)', (_t, c) => {
    expect(contrastOnWhite(c)).toBeGreaterThanOrEqual(4.5);
  });

  it('labels a serves edge with its weight and state word, a mount edge with its state', () => {
    const g = testGraph();
    expect(edgeLabelText(g.edges[2]!)).toBe('weight 2 · down');
    expect(edgeLabelText(g.edges[3]!)).toBe('unknown');
    expect(edgeLabelText(testEdge('t', 'a', 'b'))).toBe('');
  });

  it('matches every word of a search on names, addresses and states, edges by their ends', () => {
    const g = testGraph();
    expect(matchTopology(g, '  ')).toBeNull();
    expect([...(matchTopology(g, '10.10.0.11') ?? [])]).toEqual(['host:n1']);
    expect([...(matchTopology(g, 'NODE1 connected') ?? [])]).toEqual(['host:n1']);
    expect(matchTopology(g, 'down')).toEqual(new Set(['serves:http-80:n1']));
    // node1's edges match by its name.
    expect(matchTopology(g, 'node1')).toEqual(
      new Set(['host:n1', 'serves:http-80:n1', 'mount:n1']),
    );
    expect(matchTopology(g, 'node1 nothing-like-this')?.size).toBe(0);
  });

  it('lists every node, then every edge, with the state and what is not applied yet', () => {
    const rows = topologyRows(testGraph());
    expect(rows.map((r) => r.id)).toEqual([
      'internet',
      'vip:10.10.0.100',
      'svc:http-80',
      'host:n1',
      'storage',
      'traffic:internet',
      'vip:10.10.0.100:http-80',
      'serves:http-80:n1',
      'mount:n1',
    ]);
    const node1 = rows.find((r) => r.id === 'host:n1');
    expect(node1?.pending).toBe('Not applied yet: mode active -> drain');
    expect(node1?.type).toBe('Web node');
    const serves = rows.find((r) => r.id === 'serves:http-80:n1');
    expect(serves).toMatchObject({ name: 'HTTP → node1', state: 'down', detail: 'weight 2' });
  });

  it('signs what the diagram draws: a state or pending change differs, facts do not', () => {
    const g = testGraph();
    const node = g.nodes[3]!;
    const edge = g.edges[2]!;
    expect(drawnSignature({ ...node, facts: [{ label: 'OS', value: 'Debian' }] })).toBe(
      drawnSignature(node),
    );
    expect(drawnSignature({ ...node, state: 'unreachable' })).not.toBe(drawnSignature(node));
    expect(drawnSignature({ ...node, pending: [] })).not.toBe(drawnSignature(node));
    expect(drawnSignature({ ...node, sublabel: ['public 10.10.0.12'] })).not.toBe(
      drawnSignature(node),
    );
    expect(drawnSignature({ ...edge, label: 'weight 3' })).not.toBe(drawnSignature(edge));
    expect(drawnSignature({ ...edge, check: 'down' })).toBe(drawnSignature(edge));
  });
});
