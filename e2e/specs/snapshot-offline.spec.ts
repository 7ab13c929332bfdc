import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { encodeSnapshotFile } from '../../electron/core/snapshot/file';
import { LAB } from '../../shared/plan/testing/lab-fixtures';
import type { SnapshotBody } from '../../shared/snapshot/format';
import {
  doneItem,
  realServer,
  snapshotBody,
} from '../../shared/snapshot/testing/snapshot-fixtures';
import { expectAccessible } from '../support/axe';
import { startAppServer, type AppServer } from '../support/app-server';

let app: AppServer;
let dir: string;
test.beforeEach(async () => {
  app = await startAppServer();
  dir = mkdtempSync(join(tmpdir(), 'cd-snapoff-'));
});
test.afterEach(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const HALT_ERROR = 'E: Unable to locate package keepalived';
const DOWN_REASON = 'HTTP_CHECK on 10.10.0.12:80 failed';

/** The lab as a snapshot: node2 is down in the LB status and its queue halted on a failed step. */
function body(): SnapshotBody {
  const base = snapshotBody();
  const lb = base.lb;
  if (lb === null) throw new Error('the fixture has an LB status');
  const failed = doneItem(LAB.node2, 9, {
    stepId: 'packages.install',
    title: 'Install packages',
    state: 'failed',
    outcome: null,
    lastError: HALT_ERROR,
    finishedAt: null,
  });
  return {
    ...base,
    lb: {
      ...lb,
      services: lb.services.map((s) => ({
        ...s,
        realServers: [
          realServer(LAB.node1),
          realServer(LAB.node2, {
            state: 'down',
            check: 'down',
            weight: 0,
            activeConns: 0,
            down: { reason: DOWN_REASON, since: base.takenAt },
          }),
        ],
      })),
    },
    hosts: base.hosts.map((h) =>
      h.host.id !== LAB.node2 || h.queue === null
        ? h
        : {
            ...h,
            queue: {
              ...h.queue,
              status: 'halted',
              current: failed,
              pending: 1,
              items: [...h.queue.items, failed],
            },
          },
    ),
  };
}

/** The API requests the page sends the engine (browser mode: over its one WebSocket). */
function recordRequests(page: Page): string[] {
  const sent: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      const msg = JSON.parse(String(frame.payload)) as { type?: string; channel?: string };
      if (msg.type === 'request' && typeof msg.channel === 'string') sent.push(msg.channel);
    }),
  );
  return sent;
}

test('a snapshot opens with no connection: same pages, read-only, then Close returns to live', async ({
  page,
}) => {
  const snap = body();
  const cluster = snap.cluster.cluster;
  const file = join(dir, 'before-change.cdsnap');
  writeFileSync(file, await encodeSnapshotFile(snap));
  const sent = recordRequests(page);

  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(page.getByTestId('overview-hosts-total')).toHaveText('0 hosts');

  const before = sent.length;
  await page.getByTestId('snapshot-file-input').setInputFiles(file);
  const banner = page.getByTestId('snapshot-banner');
  await expect(banner).toContainText(`Snapshot of cluster ${cluster.name}`);
  const takenLocal = await page.evaluate((iso) => new Date(iso).toLocaleString(), snap.takenAt);
  await expect(banner).toContainText(`taken ${takenLocal}`);
  await expect(banner).toContainText('before-change.cdsnap');
  await expect(banner).toContainText('read-only');

  // The cluster page: the snapshot's nodes, and no action.
  await expect(page.getByTestId('cluster-page')).toHaveAttribute('data-cluster-id', cluster.id);
  const nodes = page.getByTestId('node-row');
  await expect(nodes).toHaveCount(cluster.nodes.length);
  await expect(page.locator(`[data-testid="node-row"][data-host-id="${LAB.node2}"]`)).toContainText(
    'node2',
  );
  for (const id of ['cluster-preview', 'cluster-recheck', 'cluster-new', 'cluster-forget']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  for (const id of ['node-add', 'node-remove', 'account-add', 'account-delete', 'settings-save']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  for (const toggle of await page.getByTestId('node-enabled').locator('input').all()) {
    await expect(toggle).toBeDisabled();
  }
  await expectAccessible(page, 'the cluster page of an open snapshot');

  // Load balancing: the service and its down server with keepalived's reason.
  await page.getByTestId('nav-load-balancing').click();
  await expect(page.getByTestId('lb-page')).toBeVisible();
  const service = page.getByTestId('status-service');
  await expect(service).toHaveCount(1);
  const down = service.locator(`[data-testid="status-rs"][data-host-id="${LAB.node2}"]`);
  await expect(down).toHaveAttribute('data-state', 'down');
  await expect(down.getByTestId('status-down-reason')).toBeVisible();
  for (const id of ['lb-review-apply', 'service-add', 'service-edit', 'service-remove']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  for (const id of ['vip-add', 'vip-remove', 'policy-edit', 'policy-reset', 'node-drain']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }

  // The queue: node2 halted on its failed step, with the error; no retry, skip or cancel.
  await page.getByTestId('nav-queue').click();
  const halted = page.locator('[data-testid="queue-host"]', { hasText: 'node2' });
  await expect(halted.getByTestId('queue-now')).toHaveAttribute('data-state', 'failed');
  await expect(halted.getByTestId('queue-error')).toContainText(HALT_ERROR);
  for (const id of ['queue-retry', 'queue-skip', 'queue-cancel']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }

  // Hosts and a host's page: the snapshot's hosts, nothing to connect, probe or remove.
  await page.getByTestId('nav-hosts').click();
  await expect(page.getByTestId('host-row')).toHaveCount(snap.hosts.length);
  for (const id of [
    'add-host-button',
    'host-connect',
    'host-disconnect',
    'host-probe',
    'host-remove',
  ]) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
  await page.getByTestId('host-row').first().getByTestId('host-open').click();
  await expect(page.getByTestId('host-detail')).toBeVisible();
  await expect(page.getByTestId('probe-again')).toHaveCount(0);
  await expect(page.getByTestId('host-connect')).toHaveCount(0);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);

  // Not one request reached the engine while the snapshot was open: no connect, no probe.
  expect(sent.slice(before)).toEqual([]);

  // Close: the live, empty app again, read from the engine.
  await page.getByTestId('snapshot-close').click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('overview-hosts-total')).toHaveText('0 hosts');
  await page.getByTestId('nav-hosts').click();
  await expect(page.getByTestId('add-host-button')).toBeVisible();
  await expect(page.getByTestId('host-row')).toHaveCount(0);
  expect(sent.slice(before)).toContain('hosts:list');
  expect(sent.slice(before)).not.toContain('hosts:connect');
});

test('a foreign file is refused with its error and hint, picked or dropped; the live app stays', async ({
  page,
}) => {
  const notes = 'These are my notes, not a snapshot.\n';
  const file = join(dir, 'notes.cdsnap');
  writeFileSync(file, notes);
  await page.goto(app.url);
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await page.getByTestId('snapshot-file-input').setInputFiles(file);
  const alert = page.getByTestId('error-alert');
  await expect(alert).toContainText('SNAPSHOT_INVALID');
  await expect(alert).toContainText('not a ClusterDeck snapshot');
  await expect(alert).toContainText('open another file');
  await expect(page.getByTestId('snapshot-banner')).toHaveCount(0);
  await expect(page.getByTestId('overview-page')).toBeVisible();
  await expectAccessible(page, 'a refused snapshot file');

  // The same file dropped on the app: refused the same way.
  await alert.getByRole('button', { name: 'Close' }).click();
  await expect(alert).toHaveCount(0);
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.cdsnap'));
    return dt;
  }, notes);
  await page.getByTestId('snapshot-drop').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(alert).toContainText('Opening dropped.cdsnap');
  await expect(alert).toContainText('not a ClusterDeck snapshot');
  await expect(page.getByTestId('snapshot-banner')).toHaveCount(0);
});
