import { describe, expect, it } from 'vitest';
import { testGraph, testNode, testPositions } from './testing/test-graph';
import { escapeXml, topologySvg } from './topology-svg';

describe('topologySvg', () => {
  it('draws every laid-out node and edge with its state, dashed when not applied yet', () => {
    const g = testGraph();
    const svg = topologySvg(g, testPositions(g), 'Cluster web');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Cluster web</title>');
    for (const n of g.nodes) expect(svg).toContain(`data-id="${n.id}"`);
    for (const e of g.edges) expect(svg).toContain(`data-id="${e.id}"`);
    expect(svg).toContain('>weight 2 · down</text>');
    // node1 has a pending mode change: its box is dashed and its tooltip says what differs.
    const node1 = svg.slice(svg.indexOf('data-id="host:n1"'));
    expect(node1.slice(0, node1.indexOf('</g>'))).toContain('stroke-dasharray');
    expect(node1).toContain('mode active -&gt; drain');
  });

  it('leaves out what is not laid out yet and escapes text', () => {
    const g = testGraph();
    g.nodes.push(testNode('host:<x>', { label: 'a <b> & "c"' }));
    const positions = testPositions(g);
    delete positions['storage'];
    const svg = topologySvg(g, positions, 'web');
    expect(svg).not.toContain('data-id="storage"');
    expect(svg).not.toContain('data-id="mount:n1"');
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('<b>');
  });

  it('escapes the five XML characters', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});
