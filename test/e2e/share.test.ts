// Scenario: a user expands a node, collapses and undoes, moves the as-of date (which changes what the server
// answers), hides a kind and a confidence level, moves the camera, then shares the link; a fresh browser context
// opening it shows the same entities, date, filters and camera.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camera, launch, open, settled, shot, state, visible, type Opened } from './helpers.ts';

const SCENARIO = 'share';
const AS_OF = '2023-01-01';
/** The link keeps the camera to 4 decimals. */
const CAMERA_EPSILON = 1e-3;
let browser: Browser;
let first: Opened;
let second: Opened | undefined;
let third: Opened | undefined;

beforeAll(async () => {
  browser = await launch();
  first = await open(browser, '/?mode=explore&focus=vendor-oracle-health');
});

afterAll(async () => {
  await third?.context.close();
  await second?.context.close();
  await first?.context.close();
  await browser?.close();
});

const expansions = async (o: Opened) => (await state(o.page)).view.expansions.map((e) => e.id);

describe('share a view', () => {
  let sharedUrl = '';
  let shown: { nodes: string[]; edges: string[] };
  let hiddenKind = '';
  let hiddenConfidence = '';
  let sharedCamera: { x: number; y: number; ratio: number; angle: number };

  it('expands a node with the keyboard, collapses it and undoes the collapse', async () => {
    const { page } = first;
    const before = await visible(page);
    // Select Oracle Corporation from the list view, then press E.
    await page.locator('#tab-list').click();
    await page.locator('#list-nodes button[data-node="vendor-oracle"]').click();
    await page.locator('#tab-graph').click();
    await page.keyboard.press('e');
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { expansions: unknown[] } } } }).__explorer.state().view.expansions.length === 1);
    await settled(page);
    const expanded = await visible(page);
    expect(expanded.nodes.length).toBeGreaterThan(before.nodes.length);
    expect(await expansions(first)).toEqual(['vendor-oracle']);
    await shot(page, SCENARIO, '01-expanded');

    await page.locator('#details [data-action="collapse"]').click();
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { expansions: unknown[] } } } }).__explorer.state().view.expansions.length === 0);
    await settled(page);
    expect((await visible(page)).nodes).toEqual(before.nodes);

    await page.locator('#undo').click();
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { expansions: unknown[] } } } }).__explorer.state().view.expansions.length === 1);
    await settled(page);
    expect((await visible(page)).nodes).toEqual(expanded.nodes);
  });

  it('moves the as-of date, which re-asks the server and changes the topology', async () => {
    const { page } = first;
    const latest = await visible(page);
    expect(latest.nodes).toContain('inc-oracle-health-cerner-2025');
    await page.locator('#asof-date').fill(AS_OF);
    await page.locator('#asof-date').dispatchEvent('change');
    await page.waitForFunction((d) => (window as unknown as { __explorer: { state(): { view: { asOf: string | null } } } }).__explorer.state().view.asOf === d, AS_OF);
    await settled(page);
    shown = await visible(page);
    // The 2025 incident is not known yet in 2023; Oracle's 2022 acquisition is.
    expect(shown.nodes).not.toContain('inc-oracle-health-cerner-2025');
    expect(shown.edges).toContain('acq-oracle-cerner');
    expect(await page.locator('#asof-label').textContent()).toContain('1 January 2023');
    await shot(page, SCENARIO, '02-as-of');
    // The address follows the view (camera moves are debounced, so wait for it rather than read it once).
    await page.waitForFunction((d) => location.search.includes(`asOf=${d}`), AS_OF, { timeout: 5_000 });
    sharedUrl = page.url();
    expect(sharedUrl).toContain(`asOf=${AS_OF}`);
    expect(sharedUrl).toContain('x=vendor-oracle');
    expect(await page.locator('#share-url').inputValue()).toBe(sharedUrl);
  });

  it('hides a kind and a confidence level, and moves the camera by keyboard; the link follows', async () => {
    const { page } = first;
    const before = await visible(page);
    const kinds = await page.locator('#filter-kinds input:checked').evaluateAll((els) => els.map((e) => e.id.replace(/^kind-/, '')));
    hiddenKind = kinds.includes('PRODUCT') ? 'PRODUCT' : kinds.find((k) => k !== 'VENDOR')!;
    const levels = await page.locator('#filter-confidence input:checked').evaluateAll((els) => els.map((e) => e.id.replace(/^conf-/, '')));
    expect(levels.length).toBeGreaterThan(1);
    hiddenConfidence = levels.includes('derived') ? 'derived' : levels[0]!;
    await page.locator(`#kind-${hiddenKind}`).uncheck();
    await page.locator(`#conf-${hiddenConfidence}`).uncheck();
    await expect.poll(async () => (await visible(page)).edges.length).toBeLessThan(before.edges.length);
    await expect.poll(() => page.url()).toContain(`conf=${hiddenConfidence}`);
    expect(page.url()).toMatch(new RegExp(`hide=[A-Z_,]*${hiddenKind}`));

    // G focuses the canvas; + zooms in, the arrows pan (each an animation of 200 ms).
    await page.keyboard.press('g');
    for (const key of ['+', 'ArrowLeft', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(350);
    }
    sharedCamera = await camera(page);
    expect(sharedCamera.ratio).toBeLessThan(0.9);
    // The address keeps the camera (debounced): wait until it holds this one.
    await page.waitForFunction(
      ({ cam, eps }) => {
        const values = (new URLSearchParams(location.search).get('cam') ?? '').split(',').map(Number);
        return values.length === 4 && [cam.x, cam.y, cam.ratio, cam.angle].every((v, i) => Math.abs(v - values[i]!) < eps);
      },
      { cam: sharedCamera, eps: CAMERA_EPSILON },
      { timeout: 5_000 },
    );
    shown = await visible(page);
    sharedUrl = page.url();
    await shot(page, SCENARIO, '02b-filtered-and-moved');
  });

  it('restores the same entities, relationships and date in a fresh browser context', async () => {
    second = await open(browser, sharedUrl.replace(/^https?:\/\/[^/]+/, ''));
    const { page, errors } = second;
    await shot(page, SCENARIO, '03-restored');
    const restored = await visible(page);
    expect(restored.nodes).toEqual(shown.nodes);
    expect(restored.edges).toEqual(shown.edges);
    expect(await page.locator('#asof-date').inputValue()).toBe(AS_OF);
    const s = await state(page);
    expect(s.view.asOf).toBe(AS_OF);
    expect(s.view.expansions.map((e) => e.id)).toEqual(['vendor-oracle']);
    expect(s.view.selection).toEqual((await state(first.page)).view.selection);
    // The filters came through the link, and the checkboxes say so.
    expect(s.filters).toEqual((await state(first.page)).filters);
    expect(s.filters.hiddenKinds).toContain(hiddenKind);
    expect(s.filters.hiddenConfidence).toEqual([hiddenConfidence]);
    expect(await page.locator(`#kind-${hiddenKind}`).isChecked()).toBe(false);
    expect(await page.locator(`#conf-${hiddenConfidence}`).isChecked()).toBe(false);
    // And the camera frames the same region.
    const restoredCamera = await camera(page);
    for (const k of ['x', 'y', 'ratio', 'angle'] as const) expect(Math.abs(restoredCamera[k] - sharedCamera[k]), k).toBeLessThan(CAMERA_EPSILON);
    expect(errors).toEqual([]);
  });

  it('draws the same picture each time the link is opened (deterministic layout)', async () => {
    third = await open(browser, sharedUrl.replace(/^https?:\/\/[^/]+/, ''));
    const positions = (o: Opened) =>
      o.page.evaluate(() => {
        const g = (window as unknown as { __explorer: { graph: { mapNodes<T>(fn: (n: string, a: { x: number; y: number }) => T): T[] } } }).__explorer.graph;
        return g.mapNodes((n, a) => `${n} ${a.x.toFixed(3)} ${a.y.toFixed(3)}`).sort();
      });
    expect(await positions(third)).toEqual(await positions(second!));
  });
});
