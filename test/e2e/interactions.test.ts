// Scenario: the canvas and the panels by hand: clicking an edge explains why it exists, dragging pins a node (and
// Pin does it by keyboard), kind and confidence filters hide what is drawn and listed, styling changes the legend,
// double-clicking expands, the layout stops and resumes, the as-of slider works by keyboard, and a capped answer
// says so and loads more.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, open, settled, shot, state, visible, type Opened } from './helpers.ts';

const SCENARIO = 'interactions';
const EDGE = 'customer-of:org-osf:vendor-oracle-health';
let browser: Browser;
let opened: Opened;
let capped: Opened | undefined;

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser, '/?mode=explore&focus=vendor-oracle-health');
});

afterAll(async () => {
  await capped?.context.close();
  await opened?.context.close();
  await browser?.close();
});

/** Where a graph point is on the page. */
async function onPage(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = (await page.locator('#graph').boundingBox())!;
  const p = await page.evaluate((pt) => (window as unknown as { __explorer: { sigma: { graphToViewport(p: { x: number; y: number }): { x: number; y: number } } } }).__explorer.sigma.graphToViewport(pt), point);
  return { x: box.x + p.x, y: box.y + p.y };
}

const edgeConfidence = (page: Page, ids: string[]) =>
  page.evaluate((es) => {
    const g = (window as unknown as { __explorer: { graph: { getEdgeAttribute(e: string, k: string): string | null } } }).__explorer.graph;
    return Object.fromEntries(es.map((e) => [e, g.getEdgeAttribute(e, 'confidence')]));
  }, ids);

const nodeAt = (page: Page, id: string) => page.evaluate((n) => (window as unknown as { __explorer: { graph: { getNodeAttributes(n: string): { x: number; y: number; pinned: boolean } } } }).__explorer.graph.getNodeAttributes(n), id);

describe('interactions on the canvas and panels', () => {
  it('clicking an edge shows why it exists: the sentence, then its sources', async () => {
    const { page } = opened;
    const [a, b] = await Promise.all([nodeAt(page, 'org-osf'), nodeAt(page, 'vendor-oracle-health')]);
    // Sigma picks edges on a downsized buffer, so a 1.3-px line is hit or missed by a pixel's shift of the page:
    // click along the edge until it is picked (each miss selects nothing, or another edge: cleared with Esc).
    for (const t of [0.4, 0.5, 0.45, 0.35, 0.55, 0.3, 0.6]) {
      const at = await onPage(page, { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
      await page.mouse.move(at.x, at.y);
      await page.waitForTimeout(300);
      await page.mouse.click(at.x, at.y);
      await page.waitForTimeout(400);
      if ((await state(page)).view.selection?.id === EDGE) break;
      await page.keyboard.press('Escape');
    }
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

  it('unchecking a confidence level hides the relationships at that level, and only those', async () => {
    const { page } = opened;
    await expect.poll(async () => (await visible(page)).nodes.some((n) => n.startsWith('org-'))).toBe(true);
    const before = await visible(page);
    const confidence = await edgeConfidence(page, before.edges);
    const derived = before.edges.filter((e) => confidence[e] === 'derived');
    expect(derived).toContain(EDGE);
    expect(derived.length).toBeLessThan(before.edges.length);
    await page.locator('#conf-derived').uncheck();
    await expect.poll(async () => (await visible(page)).edges.length).toBe(before.edges.length - derived.length);
    const after = await visible(page);
    expect(after.edges.filter((e) => derived.includes(e))).toEqual([]);
    // Entities stay: the filter is on relationships.
    expect(after.nodes).toEqual(before.nodes);
    const hidden = await page.evaluate((e) => (window as unknown as { __explorer: { sigma: { getEdgeDisplayData(e: string): { hidden: boolean } | undefined } } }).__explorer.sigma.getEdgeDisplayData(e)?.hidden, EDGE);
    expect(hidden).toBe(true);
    await expect.poll(() => page.url()).toContain('conf=derived');
    await shot(page, SCENARIO, '03-confidence-filter');
    await page.locator('#conf-derived').check();
    await expect.poll(async () => (await visible(page)).edges.length).toBe(before.edges.length);
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
    await shot(page, SCENARIO, '04-styled');

    // A sequential scale over a number: colour by incident count, with the scale in the legend; size by it too.
    await page.locator('#color-by').selectOption('incidents');
    await page.locator('#size-by').selectOption('incidents');
    await expect.poll(() => page.locator('#legend').textContent()).toContain('Colour: Incident count (scale)');
    expect(await page.locator('#legend').textContent()).toMatch(/\d+ incidents?/);
    expect(await page.locator('#legend').textContent()).toContain('Size: Incident count');
    const drawn = await page.evaluate(() => {
      const x = (window as unknown as { __explorer: { graph: { nodes(): string[] }; sigma: { getNodeDisplayData(n: string): { size: number; color: string } | undefined } } }).__explorer;
      const data = x.graph.nodes().map((n) => x.sigma.getNodeDisplayData(n));
      return { colours: new Set(data.map((d) => d?.color)).size, sizes: new Set(data.map((d) => d?.size)).size };
    });
    expect(drawn.colours).toBeGreaterThan(1);
    expect(drawn.sizes).toBeGreaterThan(1);
    await expect.poll(() => page.url()).toContain('size=incidents&color=incidents');
    await shot(page, SCENARIO, '05-styled-scale');
    await page.locator('#color-by').selectOption('kind');
    await page.locator('#size-by').selectOption('degree');
  });

  it('Pin in the details panel pins the selected node where it is, by keyboard', async () => {
    const { page } = opened;
    await page.locator('#tab-list').click();
    await page.locator('#list-nodes button[data-node="org-osf"]').click();
    await page.locator('#tab-graph').click();
    const pinButton = page.locator('#details [data-action="pin"]');
    await pinButton.waitFor({ timeout: 30_000 });
    const before = await nodeAt(page, 'org-osf');
    expect(before.pinned).toBe(false);
    await pinButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await nodeAt(page, 'org-osf')).pinned).toBe(true);
    const pinned = (await state(page)).view.pins.find((p) => p.id === 'org-osf')!;
    expect(pinned.x).toBeCloseTo(before.x, 6);
    expect(pinned.y).toBeCloseTo(before.y, 6);
    await expect.poll(() => page.url(), { timeout: 5_000 }).toContain('pin=org-osf~');
    // The panel now offers the way back.
    await page.locator('#details [data-action="unpin"]').waitFor();
    expect(await pinButton.count()).toBe(0);
  });

  it('the layout can be resumed once it has stopped (R or the button), and stopped again', async () => {
    const { page } = opened;
    const toggle = page.locator('#layout-toggle');
    await expect.poll(() => toggle.textContent()).toBe('Resume layout');
    expect(await toggle.isEnabled()).toBe(true);
    expect((await state(page)).layout.status).toBe('done');
    // Record the button's labels: a short run can start and end between two polls.
    await page.evaluate(() => {
      const w = window as unknown as { toggleLabels: string[] };
      w.toggleLabels = [];
      const b = document.getElementById('layout-toggle')!;
      new MutationObserver(() => w.toggleLabels.push(b.textContent ?? '')).observe(b, { childList: true, characterData: true, subtree: true });
    });
    const pinnedBefore = await nodeAt(page, 'org-osf');
    await page.locator('#graph').focus();
    await page.keyboard.press('r');
    await page.waitForFunction(() => (window as unknown as { toggleLabels: string[] }).toggleLabels.includes('Stop layout'), null, { timeout: 10_000 });
    await settled(page);
    const run = (await state(page)).layout;
    expect(run.status).toBe('done');
    expect(run.iterations).toBeGreaterThan(0);
    expect(await toggle.textContent()).toBe('Resume layout');
    // Pinned nodes stayed where they were.
    const pinnedAfter = await nodeAt(page, 'org-osf');
    expect([pinnedAfter.x, pinnedAfter.y]).toEqual([pinnedBefore.x, pinnedBefore.y]);

    // Resume, then Stop at once with the button: the run ends as stopped and the status line says so.
    await page.evaluate(() => {
      const b = document.getElementById('layout-toggle') as HTMLButtonElement;
      b.click();
      b.click();
    });
    const stopped = (await state(page)).layout;
    expect(stopped).toMatchObject({ status: 'done', reason: 'stopped' });
    expect(await toggle.textContent()).toBe('Resume layout');
    expect(await page.locator('#status').textContent()).toContain('layout stopped');
  });

  it('double-clicking a node expands it', async () => {
    const { page } = opened;
    await page.keyboard.press('Escape');
    const before = await state(page);
    expect(before.view.expansions.map((e) => e.id)).not.toContain('org-osf');
    const at = await onPage(page, await nodeAt(page, 'org-osf'));
    await page.mouse.move(at.x, at.y);
    await page.waitForTimeout(300);
    await page.mouse.dblclick(at.x, at.y);
    await expect.poll(async () => (await state(page)).view.expansions.map((e) => e.id), { timeout: 15_000 }).toContain('org-osf');
    await settled(page);
    await expect.poll(() => page.url(), { timeout: 5_000 }).toContain('x=org-osf');
    expect(await page.locator('#expansions li[data-id="org-osf"]').count()).toBe(1);
    await shot(page, SCENARIO, '06-double-click-expanded');
    await page.keyboard.press('u');
    await expect.poll(async () => (await state(page)).view.expansions.length).toBe(before.view.expansions.length);
    await settled(page);
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

describe('a capped answer', () => {
  it('shows the notice, and Load more raises the cap fourfold', async () => {
    capped = await open(browser, '/?mode=explore&focus=vendor-oracle-health&limit=5');
    const { page, errors } = capped;
    const notice = page.locator('#notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/The server left out \d+ entities of “Neighbourhood of vendor-oracle-health \(depth 1, cap 5\)”/);
    const before = await visible(page);
    // The opened entity and its cap: five neighbours.
    expect(before.nodes.length).toBeLessThanOrEqual(6);
    await shot(page, SCENARIO, '07-capped');
    await notice.locator('[data-action="load-more"]').click();
    await expect.poll(async () => (await state(page)).view.limit).toBe(20);
    await settled(page);
    const after = await visible(page);
    expect(after.nodes.length).toBeGreaterThan(before.nodes.length);
    expect(after.nodes.length).toBeLessThanOrEqual(21);
    await expect.poll(() => page.url(), { timeout: 5_000 }).toContain('limit=20');
    if (await notice.isVisible()) expect(await notice.textContent()).toContain('cap 20');
    // Undo takes the load-more back.
    await page.locator('#undo').click();
    await expect.poll(async () => (await state(page)).view.limit).toBe(5);
    await settled(page);
    expect((await visible(page)).nodes).toEqual(before.nodes);
    expect(errors).toEqual([]);
  });
});
