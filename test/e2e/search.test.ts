// Scenario: a user types "Oracle Health", chooses the vendor with the keyboard, and sees its neighbourhood drawn,
// the vendor focused, and the details panel naming it with its sources.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasInk, launch, open, pickFromSearch, settled, shot, state, type Opened } from './helpers.ts';

const SCENARIO = 'search';
let browser: Browser;
let opened: Opened;

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser, '/');
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
});

describe('search and open an entity', () => {
  it('lists matching entities with their kinds as the user types', async () => {
    const { page } = opened;
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('Oracle Health', { delay: 40 });
    const option = page.locator('#search-slot [role="option"][data-id="vendor-oracle-health"]');
    await option.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => option.getAttribute('data-kind')).toBe('VENDOR');
    expect(await option.locator('.kind-icon').getAttribute('aria-label')).toBe('Vendor');
    expect(await option.locator('.alias').textContent()).toContain('Cerner');
    await shot(page, SCENARIO, '01-typed');
  });

  it('opens the vendor chosen with the keyboard: a drawn neighbourhood, the vendor focused, details with sources', async () => {
    const { page, errors } = opened;
    await pickFromSearch(page, '#search', 'Oracle Health', 'vendor-oracle-health', 'keyboard');
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { focus: string } } } }).__explorer.state().view.focus === 'vendor-oracle-health');
    await settled(page);
    const path = await shot(page, SCENARIO, '02-opened');

    // Drawn: sigma holds the neighbourhood and the canvas has ink.
    const order = await page.evaluate(() => (window as unknown as { __explorer: { sigma: { getGraph(): { order: number } } } }).__explorer.sigma.getGraph().order);
    expect(order).toBeGreaterThan(1);
    expect(await canvasInk(page)).toBeGreaterThan(1000);
    expect(path).toMatch(/02-opened\.png$/);

    // Focused: selected, highlighted on the canvas, and named in the URL.
    const s = await state(page);
    expect(s.view.mode).toBe('explore');
    expect(s.view.selection).toEqual({ type: 'node', id: 'vendor-oracle-health' });
    const display = await page.evaluate(() => (window as unknown as { __explorer: { sigma: { getNodeDisplayData(k: string): { highlighted: boolean; hidden?: boolean } | undefined } } }).__explorer.sigma.getNodeDisplayData('vendor-oracle-health'));
    expect(display?.highlighted).toBe(true);
    expect(page.url()).toContain('focus=vendor-oracle-health');

    // The details panel names it and cites its sources (with links).
    await expect.poll(() => page.locator('#details-name').textContent(), { timeout: 30_000 }).toBe('Oracle Health');
    const sources = page.locator('#details-sources li');
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().locator('a').getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await page.locator('#details').textContent()).toContain('Cerner');
    expect(errors).toEqual([]);
  });

  it('shows the neighbourhood in the list view too, with the same entities', async () => {
    const { page } = opened;
    await page.keyboard.press('Escape');
    await page.locator('#tab-list').click();
    const rows = page.locator('#list-nodes tbody tr');
    const drawn = await page.evaluate(() => (window as unknown as { __explorer: { visible(): { nodes: string[] } } }).__explorer.visible().nodes.length);
    await expect.poll(() => rows.count()).toBe(drawn);
    await shot(page, SCENARIO, '03-list');
    await page.locator('#tab-graph').click();
  });
});
