import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostQueue } from '../testing/fixtures';

// The shell's stores are built over the renderer's api; nothing here reaches the engine.
vi.mock('../api', () => ({
  api: {},
  engineLink: { status: () => 'connected', reconnectNow: () => undefined },
}));

const { AppShell } = await import('./AppShell');
const { useQueueStore } = await import('../stores/queue-store');
const { useUiStore } = await import('../stores/ui-store');

/**
 * Sets what the stores hold for a server render: renderToString reads zustand's server
 * snapshot, which is the store's initial state, so that is what the test sets.
 */
function given(ui: object, queues: object): void {
  Object.assign(useUiStore.getInitialState(), ui);
  Object.assign(useQueueStore.getInitialState(), queues);
}

/** The Queue nav item as rendered: its markup, and the text it shows. */
function queueNav(): { html: string; text: string } {
  const page = renderToString(<AppShell>page</AppShell>);
  const start = page.lastIndexOf('<', page.indexOf('data-testid="nav-queue"'));
  const html = page.slice(start, page.indexOf('</li>', start));
  const text = html
    .replace(/<style[^>]*>.*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { html, text };
}

describe('AppShell navigation', () => {
  afterEach(() => given({ page: { kind: 'overview' } }, { byHost: {} }));

  it('shows a running queue on the Queue item, from any page', () => {
    given(
      { page: { kind: 'hosts' } },
      { byHost: { a: hostQueue({ hostId: 'a', status: 'running' }) } },
    );
    const nav = queueNav();
    expect(nav.html).toContain('data-testid="nav-queue-running"');
    expect(nav.text).toBe('Queue running');
  });

  it('shows halted queues with their count, and nothing when every queue is idle', () => {
    given(
      { page: { kind: 'overview' } },
      {
        byHost: {
          a: hostQueue({ hostId: 'a', status: 'halted' }),
          b: hostQueue({ hostId: 'b', status: 'halted' }),
          c: hostQueue({ hostId: 'c', status: 'idle' }),
        },
      },
    );
    const halted = queueNav();
    // The badge on the icon, and the words beside it.
    expect(halted.text).toBe('2 Queue 2 halted');
    expect(halted.html).not.toContain('nav-queue-running');

    given({}, { byHost: { c: hostQueue({ hostId: 'c', status: 'idle' }) } });
    const idle = queueNav();
    expect(idle.text).toBe('Queue');
    expect(idle.html).not.toContain('nav-queue-running');
  });

  it('marks the nav item of the page shown as the current page', () => {
    given({ page: { kind: 'lb', clusterId: 'c1' } }, {});
    const html = renderToString(<AppShell>page</AppShell>);
    const current = [...html.matchAll(/aria-current="page"[^>]*data-testid="([\w-]+)"/g)];
    expect(current.map((m) => m[1])).toEqual(['nav-load-balancing']);
  });
});
