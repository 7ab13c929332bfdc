import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lbStatus, rsStatus, serviceStatus } from '../../../../shared/lb/testing/status-fixtures';

// The stores are built over the renderer's api; nothing here reaches the engine.
vi.mock('../../api', () => ({ api: {} }));

const { HostLbHealth } = await import('./HostLbHealth');
const { useLbStatusStore } = await import('../../stores/lb-status-store');

const text = (html: string): string =>
  html
    .replace(/<style[^>]*>.*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const reading = lbStatus({
  services: [
    serviceStatus({
      name: 'HTTP',
      realServers: [
        rsStatus({
          hostId: 'n1',
          state: 'down',
          weight: null,
          down: { reason: 'HTTP status code error', since: '2026-12-03T15:40:01.000Z' },
        }),
      ],
    }),
  ],
});

describe('HostLbHealth', () => {
  afterEach(() =>
    Object.assign(useLbStatusStore.getInitialState(), { clusterId: null, last: null }),
  );

  it("shows a node whose check fails as down, with keepalived's reason and since when", () => {
    Object.assign(useLbStatusStore.getInitialState(), { clusterId: 'c1', last: reading });
    const html = renderToString(<HostLbHealth clusterId="c1" hostId="n1" />);
    expect(text(html)).toBe('HTTP down HTTP status code error (since 2026-12-03 15:40:01 UTC)');
    expect(renderToString(<HostLbHealth clusterId="c1" hostId="n2" />)).toBe('');
  });

  it("shows nothing from another cluster's reading", () => {
    Object.assign(useLbStatusStore.getInitialState(), { clusterId: 'c2', last: reading });
    expect(renderToString(<HostLbHealth clusterId="c1" hostId="n1" />)).toBe('');
  });
});
