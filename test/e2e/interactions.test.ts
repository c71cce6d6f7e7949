// Scenario: the canvas and the panels by hand: clicking an edge explains why it exists, dragging pins a node,
// kind filters hide what is drawn and listed, styling changes the legend, the as-of slider works by keyboard.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, open, settled, shot, state, visible, type Opened } from './helpers.ts';

const SCENARIO = 'interactions';
const EDGE = 'customer-of:org-osf:vendor-oracle-health';
let browser: Browser;
let opened: Opened;

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser, '/?mode=explore&focus=vendor-oracle-health');
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
});

/** Where a graph point is on the page. */
async function onPage(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = (await page.locator('#graph').boundingBox())!;
  const p = await page.evaluate((pt) => (window as unknown as { __explorer: { sigma: { graphToViewport(p: { x: number; y: number }): { x: number; y: number } } } }).__explorer.sigma.graphToViewport(pt), point);
  return { x: box.x + p.x, y: box.y + p.y };
}

const nodeAt = (page: Page, id: string) => page.evaluate((n) => (window as unknown as { __explorer: { graph: { getNodeAttributes(n: string): { x: number; y: number; pinned: boolean } } } }).__explorer.graph.getNodeAttributes(n), id);

describe('interactions on the canvas and panels', () => {
  it('clicking an edge shows why it exists: the sentence, then its sources', async () => {
    const { page } = opened;
    const [a, b] = await Promise.all([nodeAt(page, 'org-osf'), nodeAt(page, 'vendor-oracle-health')]);
    const mid = await onPage(page, { x: a.x + (b.x - a.x) * 0.4, y: a.y + (b.y - a.y) * 0.4 });
    await page.mouse.move(mid.x, mid.y);
    await page.waitForTimeout(300);
    await page.mouse.click(mid.x, mid.y);
    await expect.poll(async () => (await state(page)).view.selection, { timeout: 15_000 }).toEqual({ type: 'edge', id: EDGE });
    await expect.poll(() => page.locator('#details-name').textContent(), { timeout: 30_000 }).toBe('OSF HealthCare is a customer of Oracle Health');
    const headings = await page.locator('#details h2, #details h3').allTextContents();
    expect(headings[1]).toMatch(/^Why it exists: \d+ sources?$/);
    expect(await page.locator('#details-sources a[href^="http"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#details .fields').textContent()).toContain('derived');
    await shot(page, SCENARIO, '01-edge');
  });

  it('dragging a node pins it where it was dropped, and the link remembers it', async () => {
    const { page } = opened;
    await page.keyboard.press('Escape');
    const before = await nodeAt(page, 'org-glens-falls');
    const from = await onPage(page, before);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 30, { steps: 4 });
    await page.mouse.move(from.x + 80, from.y + 60, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const after = await nodeAt(page, 'org-glens-falls');
    expect(after.pinned).toBe(true);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(0);
    await expect.poll(() => page.url(), { timeout: 5_000 }).toContain('pin=org-glens-falls~');
    await shot(page, SCENARIO, '02-pinned');
  });

  it('hiding a kind hides it from the canvas and the list', async () => {
    const { page } = opened;
    const before = await visible(page);
    await page.locator('#kind-ORGANIZATION').uncheck();
    await expect.poll(async () => (await visible(page)).nodes.length).toBeLessThan(before.nodes.length);
    const after = await visible(page);
    expect(after.nodes.some((n) => n.startsWith('org-'))).toBe(false);
    const hidden = await page.evaluate(() => (window as unknown as { __explorer: { sigma: { getNodeDisplayData(n: string): { hidden: boolean } | undefined } } }).__explorer.sigma.getNodeDisplayData('org-osf')?.hidden);
    expect(hidden).toBe(true);
    await page.locator('#tab-list').click();
    await expect.poll(() => page.locator('#list-nodes tbody tr').count()).toBe(after.nodes.length);
    await page.locator('#tab-graph').click();
    await expect.poll(() => page.url()).toContain('hide=ORGANIZATION,SOURCE');
    await page.locator('#kind-ORGANIZATION').check();
  });

  it('styling by a property changes sizes, colours and the legend', async () => {
    const { page } = opened;
    await page.locator('#color-by').selectOption('hops');
    await page.locator('#size-by').selectOption('uniform');
    await expect.poll(() => page.locator('#legend').textContent()).toContain('Colour: Hops from the start');
    expect(await page.locator('#legend').textContent()).toContain('Start');
    const sizes = await page.evaluate(() => {
      const x = (window as unknown as { __explorer: { graph: { nodes(): string[] }; sigma: { getNodeDisplayData(n: string): { size: number } | undefined } } }).__explorer;
      return [...new Set(x.graph.nodes().filter((n) => n !== 'vendor-oracle-health').map((n) => x.sigma.getNodeDisplayData(n)?.size))];
    });
    expect(sizes).toHaveLength(1);
    await shot(page, SCENARIO, '03-styled');
    await page.locator('#color-by').selectOption('kind');
    await page.locator('#size-by').selectOption('degree');
  });

  it('the as-of slider moves by month with the keyboard and re-asks the server', async () => {
    const { page } = opened;
    await page.locator('#asof-range').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { asOf: string | null } } } }).__explorer.state().view.asOf !== null, null, { timeout: 10_000 });
    await settled(page);
    const asOf = (await state(page)).view.asOf!;
    const now = new Date();
    const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
    expect(asOf).toBe(previous.toISOString().slice(0, 10));
    expect(await page.locator('#asof-date').inputValue()).toBe(asOf);
    await page.locator('#asof-clear').click();
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { asOf: string | null } } } }).__explorer.state().view.asOf === null);
    expect(opened.errors).toEqual([]);
  });
});
