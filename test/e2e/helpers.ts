// Shared helpers for the browser scenarios: launch Chromium with software WebGL, open the explorer and wait until
// it has settled, save a screenshot per step, ask the API directly, and read what the canvas and panels show.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The highlight colour of paths and selected edges (renderer/sigma.ts ACCENT). */
export const ACCENT = '#1f6feb';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'],
  });
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (GPU stall warnings left out). */
  errors: string[];
}

export async function open(browser: Browser, path = '/'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/GPU stall|ReadPixels/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl()}${path}`);
  const webgl = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  });
  if (!webgl) throw new Error(`e2e: ${CHROMIUM} gives no WebGL; it needs --use-angle=swiftshader (see shared/notes/headless-chromium.md)`);
  await settled(page);
  return { context, page, errors };
}

/** Waits until the view is loaded and laid out (body[data-busy="false"]) and two frames have been drawn. */
export async function settled(page: Page, timeout = 120_000): Promise<void> {
  // A change started by the test may not have flipped the flag yet: give it a moment to begin.
  await page.waitForTimeout(150);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.busy === 'false', null, { timeout, polling: 100 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export async function shot(page: Page, scenario: string, step: string): Promise<string> {
  const dir = join(RESULTS, scenario);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}.png`);
  await page.screenshot({ path });
  return path;
}

export async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`API: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

/** Non-background pixels on sigma's node and edge layers, drawn into a 2D canvas right after a render. */
export async function canvasInk(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __explorer: { sigma: { refresh(): void; getCanvases(): Record<string, HTMLCanvasElement> } } };
    const sigma = w.__explorer.sigma;
    sigma.refresh();
    const layers = sigma.getCanvases();
    let ink = 0;
    for (const name of ['edges', 'nodes']) {
      const src = layers[name];
      if (!src) continue;
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(src, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
    }
    return ink;
  });
}

export interface ViewState {
  view: {
    mode: string;
    focus: string | null;
    target: string | null;
    asOf: string | null;
    limit: number;
    blastLimit: number;
    expansions: { id: string; types: string[] | null; limit: number }[];
    pins: { id: string; x: number; y: number }[];
    selection: { type: string; id: string } | null;
  };
  filters: { hiddenKinds: string[]; hiddenConfidence: string[] };
  layout: { status: string; iterations?: number; reason?: string };
}

/** Sigma's camera state (x, y relative to the graph's extent). */
export async function camera(page: Page): Promise<{ x: number; y: number; ratio: number; angle: number }> {
  return page.evaluate(() => (window as unknown as { __explorer: { sigma: { getCamera(): { getState(): { x: number; y: number; ratio: number; angle: number } } } } }).__explorer.sigma.getCamera().getState());
}

export async function state(page: Page): Promise<ViewState> {
  return page.evaluate(() => (window as unknown as { __explorer: { state(): unknown } }).__explorer.state() as never);
}

/** The ids drawn on the canvas (after filters), sorted. */
export async function visible(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  const v = await page.evaluate(() => (window as unknown as { __explorer: { visible(): { nodes: string[]; edges: string[] } } }).__explorer.visible());
  return { nodes: [...v.nodes].sort(), edges: [...v.edges].sort() };
}

/** Picks a search result: types into a combobox and chooses the option with this entity id. */
export async function pickFromSearch(page: Page, inputSelector: string, text: string, id: string, how: 'keyboard' | 'click' = 'keyboard'): Promise<void> {
  const input = page.locator(inputSelector);
  await input.click();
  await input.fill('');
  await input.pressSequentially(text, { delay: 30 });
  const listId = await input.getAttribute('aria-controls');
  const option = page.locator(`#${listId} [role="option"][data-id="${id}"]`);
  await option.waitFor({ state: 'visible', timeout: 30_000 });
  if (how === 'click') {
    await option.click();
    return;
  }
  // Walk the list with the arrow keys to the wanted option, then Enter.
  const ids = await page.locator(`#${listId} [role="option"]`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
  const index = ids.indexOf(id);
  for (let i = 0; i < index; i++) await input.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  const activeId = await page.locator(`#${active}`).getAttribute('data-id');
  if (activeId !== id) throw new Error(`search: the active option is ${activeId}, expected ${id}`);
  await input.press('Enter');
}

/** A small RFC 4180 CSV reader for checking exports. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
