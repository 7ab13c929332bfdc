import { readFileSync } from 'node:fs';
import { TopologyPage } from '../pages/topology-page';
import { expect, test } from '../support/app-fixtures';
import { expectAccessible } from '../support/axe';
import { oneNodeClusterOnLoopback, VIP } from '../support/loopback-cluster';

test('topology: the cluster drawn from the model and the live status, as a diagram and a table, with its panel, search, export and a layout that stays put', async ({
  page,
  sshd,
  app,
}) => {
  // Every lb:status request the page sends (the poll every 2 s), to wait for the next one.
  let statusPolls = 0;
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('"lb:status"')) statusPolls++;
    }),
  );
  const hosts = await oneNodeClusterOnLoopback(page, app, sshd);
  const loop = await hosts.row('loop').getAttribute('data-host-id');
  const node1 = await hosts.row('node1').getAttribute('data-host-id');
  if (loop === null || node1 === null) throw new Error('the hosts have no ids');

  // Linked from the cluster page's header; the URL names the cluster.
  await page.getByTestId('nav-cluster').click();
  await page.getByTestId('cluster-topology').click();
  const topo = new TopologyPage(page);
  await expect(topo.root()).toBeVisible();
  await expect(page).toHaveURL(/#\/clusters\/[^/]+\/topology$/);
  const clusterId = await topo.root().getAttribute('data-cluster-id');
  expect(clusterId).not.toBeNull();
  await topo.waitLaidOut();

  // The manager, the VIP with its service, the node serving it and the storage.
  for (const id of [
    'internet',
    `host:${loop}`,
    `vip:${VIP}`,
    'svc:http-80',
    `host:${node1}`,
    'storage',
  ])
    await expect(topo.node(id)).toBeVisible();
  await expect(topo.node('svc:http-80')).toContainText('HTTP');
  const serves = topo.edge(`serves:http-80:${node1}`);
  await expect(serves).toBeVisible();
  // The state is in words on the label, not in its colour only.
  const servesState = await serves.getAttribute('data-state');
  expect(servesState).toMatch(/^(up|down|drain|maintenance|pending|extra|sorry|unknown)$/);
  await expect(serves).toContainText(servesState ?? '');
  await expect(serves).toContainText('2');
  await expect(topo.edge(`mount:${node1}`)).toBeVisible();
  await expect(page.getByTestId('topology-legend')).toBeVisible();
  await expectAccessible(page, 'the topology diagram');
  await page.screenshot({ path: test.info().outputPath('topology.png'), fullPage: true });

  // A status poll changes no position: the layout ran once and the node is where it was.
  const before = await topo.nodePlace(`host:${node1}`);
  const polled = statusPolls;
  await expect.poll(() => statusPolls, { timeout: 30_000 }).toBeGreaterThanOrEqual(polled + 2);
  expect(await topo.nodePlace(`host:${node1}`)).toEqual(before);
  expect(await topo.layouts()).toBe(1);

  // A click opens the node's panel with its facts and the actions that exist elsewhere.
  await topo.select(`host:${node1}`);
  await expect(topo.panel()).toContainText('node1');
  await expect(topo.action('drain')).toBeEnabled();
  await expect(topo.action('maintenance')).toBeEnabled();
  await expect(topo.action('active')).toBeDisabled();
  await expect(topo.action('queue')).toBeVisible();
  await expectAccessible(page, 'the topology side panel');
  await topo.select(`vip:${VIP}`);
  await expect(topo.panel()).toContainText(VIP);
  await expect(topo.action('drain')).toHaveCount(0);

  // The table view lists the same nodes and edges, each with its state.
  await topo.showTable();
  for (const id of [
    'internet',
    `host:${loop}`,
    `vip:${VIP}`,
    'svc:http-80',
    `host:${node1}`,
    'storage',
  ])
    await expect(topo.row(id)).toBeVisible();
  await expect(topo.row(`serves:http-80:${node1}`)).toHaveAttribute(
    'data-state',
    servesState ?? '',
  );
  await expectAccessible(page, 'the topology table view');
  // The search keeps what matches.
  await topo.search('node1');
  await expect(topo.row(`host:${node1}`)).toBeVisible();
  await expect(topo.row('internet')).toHaveCount(0);
  await topo.showDiagram();
  // In the diagram the search highlights what matches (and leaves the rest as it is).
  await expect(topo.node(`host:${node1}`)).toHaveAttribute('data-matched', 'true');
  await expect(topo.node('internet')).not.toHaveAttribute('data-matched', 'true');
  await expect(page.getByTestId('topology-match-count')).toBeVisible();
  await topo.search('');
  await expect(topo.node(`host:${node1}`)).not.toHaveAttribute('data-matched', 'true');

  // Export: the files hold the drawn graph.
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('topology-export-svg').click();
  const svgFile = await (await svgDownload).path();
  const svg = readFileSync(svgFile, 'utf8');
  expect(svg).toContain('<svg');
  for (const id of [`host:${loop}`, `host:${node1}`, `vip:${VIP}`, 'svc:http-80', 'storage'])
    expect(svg).toContain(`data-id="${id}"`);
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('topology-export-png').click();
  const png = readFileSync(await (await pngDownload).path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(2000);

  // A reload stays on the page, which lays out again.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-app-state', 'ready');
  await expect(topo.root()).toHaveAttribute('data-cluster-id', clusterId ?? '');
  await topo.waitLaidOut();
  await expect(topo.node(`host:${node1}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/clusters/${clusterId}/topology$`));
});
