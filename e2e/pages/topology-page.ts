import { expect, type Locator, type Page } from '@playwright/test';

/** The side panel's actions (test id `topology-action-<name>`). */
export type TopologyAction = 'drain' | 'maintenance' | 'active' | 'queue' | 'retry' | 'expand';

/**
 * Page object of the Topology page (test ids are the contract with the UI; ids of nodes and
 * edges are the graph's: `host:<hostId>`, `svc:<serviceId>`, `serves:<serviceId>:<hostId>`…).
 */
export class TopologyPage {
  constructor(readonly page: Page) {}

  /** Goes to a cluster's topology by its URL (the app must be loaded) and waits for a layout. */
  async open(clusterId: string): Promise<void> {
    await this.page.evaluate(
      (hash) => {
        window.location.hash = hash;
      },
      `#/clusters/${encodeURIComponent(clusterId)}/topology`,
    );
    await expect(this.root()).toHaveAttribute('data-cluster-id', clusterId);
    await this.waitLaidOut();
  }

  root(): Locator {
    return this.page.getByTestId('topology-page');
  }

  /** A drawn node of the diagram; its `data-state` is its state word. */
  node(id: string): Locator {
    return this.page.getByTestId(`topo-node-${id}`);
  }

  /** The label of a drawn edge (serves and mount edges have one), with its `data-state`. */
  edge(id: string): Locator {
    return this.page.getByTestId(`topo-edge-${id}`);
  }

  /** A row of the table view (a node or an edge). */
  row(id: string): Locator {
    return this.page.getByTestId(`topo-row-${id}`);
  }

  panel(): Locator {
    return this.page.getByTestId('topology-panel');
  }

  action(name: TopologyAction): Locator {
    return this.panel().getByTestId(`topology-action-${name}`);
  }

  /** Waits until a layout finished and none is being computed. */
  async waitLaidOut(timeout = 60_000): Promise<void> {
    await expect(this.root()).toHaveAttribute('data-laid-out', 'true', { timeout });
    await expect(this.page.getByTestId('topology-loading')).toHaveCount(0, { timeout });
  }

  /**
   * Where a node is drawn inside the diagram (its box less the diagram's), so that a banner or
   * an alert moving the whole page does not read as the node moving.
   */
  async nodePlace(id: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const node = await this.node(id).boundingBox();
    const frame = await this.page.getByTestId('topology-diagram').boundingBox();
    if (node === null || frame === null) throw new Error(`node ${id} is not drawn`);
    return { x: node.x - frame.x, y: node.y - frame.y, width: node.width, height: node.height };
  }

  /** How many layouts the page computed since it opened. */
  async layouts(): Promise<number> {
    return Number(await this.root().getAttribute('data-layouts'));
  }

  /** Clicks a node of the diagram and waits for its side panel. */
  async select(id: string): Promise<void> {
    await this.node(id).click();
    await expect(this.panel()).toHaveAttribute('data-node-id', id);
  }

  async showTable(): Promise<void> {
    await this.page.getByTestId('topology-view-table').click();
    await expect(this.page.getByTestId('topology-table')).toBeVisible();
  }

  async showDiagram(): Promise<void> {
    await this.page.getByTestId('topology-view-diagram').click();
    await expect(this.page.getByTestId('topology-diagram')).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('topology-search').fill(text);
  }
}
