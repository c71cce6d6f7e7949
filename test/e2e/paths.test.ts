// Scenario: "how are Andrew and Oracle connected?": the shortest paths are highlighted on the canvas and each hop
// is listed as a sentence with its sources.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCENT, api, launch, open, pickFromSearch, settled, shot, type Opened } from './helpers.ts';

const SCENARIO = 'paths';
let browser: Browser;
let opened: Opened;

interface ApiPaths {
  paths: { sentences: string[]; edges: { id: string }[]; steps: { sentence: string; citations: { id: string; url: string | null }[] }[] }[];
}

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser, '/');
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
});

type EdgeDisplay = { color: string; size: number; hidden?: boolean } | undefined;
const edgeDisplay = (ids: string[]) => ids.map((id) => (window as unknown as { __explorer: { sigma: { getEdgeDisplayData(e: string): EdgeDisplay } } }).__explorer.sigma.getEdgeDisplayData(id));

describe('how are actor-andrew and vendor-oracle connected', () => {
  it('asks the question with the two type-ahead boxes', async () => {
    const { page } = opened;
    await pickFromSearch(page, '[data-role="path-from"]', 'Andrew', 'actor-andrew', 'keyboard');
    await pickFromSearch(page, '[data-role="path-to"]', 'Oracle Corporation', 'vendor-oracle', 'click');
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { mode: string } } } }).__explorer.state().view.mode === 'paths');
    await settled(page);
    await page.locator('#paths-list').waitFor({ timeout: 30_000 });
    await shot(page, SCENARIO, '01-paths');
    expect(page.url()).toContain('mode=paths');
    expect(page.url()).toContain('to=vendor-oracle');
  });

  it('highlights every edge of the shortest paths', async () => {
    const { page } = opened;
    const { paths } = await api<ApiPaths>(`{ paths(from: "actor-andrew", to: "vendor-oracle") { sentences edges { id } steps { sentence citations { id url } } } }`);
    expect(paths.length).toBeGreaterThan(0);
    const onPaths = [...new Set(paths.flatMap((p) => p.edges.map((e) => e.id)))];
    const drawn = await page.evaluate(edgeDisplay, onPaths);
    for (const [i, d] of drawn.entries()) {
      expect(d?.hidden ?? false, onPaths[i]).toBe(false);
      expect(d?.color, onPaths[i]).toBe(ACCENT);
      expect(d?.size ?? 0, onPaths[i]).toBeGreaterThanOrEqual(3);
    }
  });

  it('lists each hop as a sentence with its sources', async () => {
    const { page, errors } = opened;
    const { paths } = await api<ApiPaths>(`{ paths(from: "actor-andrew", to: "vendor-oracle") { sentences edges { id } steps { sentence citations { id url } } } }`);
    const listed = await page.locator('#paths-list > li.path').evaluateAll((items) =>
      items.map((li) =>
        [...li.querySelectorAll('li.step')].map((step) => ({
          sentence: step.querySelector('.sentence')?.textContent ?? '',
          links: [...step.querySelectorAll('.sources a')].map((a) => (a as HTMLAnchorElement).href),
          sources: [...step.querySelectorAll('.sources li')].map((l) => (l as HTMLElement).dataset.sourceId),
        })),
      ),
    );
    expect(listed).toHaveLength(paths.length);
    paths.forEach((p, i) => {
      expect(listed[i]!.map((s) => s.sentence)).toEqual(p.sentences);
      p.steps.forEach((step, k) => {
        expect(listed[i]![k]!.sources).toEqual(step.citations.map((c) => c.id));
        expect(listed[i]![k]!.links.length).toBeGreaterThan(0);
      });
    });
    expect(errors).toEqual([]);
  });

  it('focusing one path in the list highlights that path alone', async () => {
    const { page } = opened;
    const { paths } = await api<ApiPaths>(`{ paths(from: "actor-andrew", to: "vendor-oracle") { edges { id } } }`);
    if (paths.length < 2) return;
    await page.locator('#paths-list > li.path').nth(1).focus();
    await page.waitForTimeout(300);
    const second = new Set(paths[1]!.edges.map((e) => e.id));
    const onlyFirst = paths[0]!.edges.map((e) => e.id).filter((id) => !second.has(id));
    const drawn = await page.evaluate(edgeDisplay, [...second, ...onlyFirst]);
    drawn.slice(0, second.size).forEach((d) => expect(d?.color).toBe(ACCENT));
    drawn.slice(second.size).forEach((d) => expect(d?.color).not.toBe(ACCENT));
    await shot(page, SCENARIO, '02-second-path');
  });
});
