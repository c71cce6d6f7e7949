// Scenario: exports of a view: GEXF and GraphML load into graphology (a multigraph: ACQUIRED and PART_OF link the
// same two vendors) with the view's nodes and edges, the CSV carries each edge's sources, the PNG has the canvas
// plus legend and caption, and the GraphQL runs.
import { readFileSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS, baseUrl, launch, open, parseCsv, shot, visible, type Opened } from './helpers.ts';

const SCENARIO = 'export';
let browser: Browser;
let opened: Opened;

beforeAll(async () => {
  browser = await launch();
  // Sources shown too, so the export has every kind of edge the view can hold.
  opened = await open(browser, '/?mode=explore&focus=inc-oracle-health-cerner-2025&hide=');
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
});

async function exported(page: Page, format: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator(`[data-export="${format}"]`).click()]);
  const path = await download.path();
  const bytes = readFileSync(path);
  mkdirSync(join(RESULTS, SCENARIO), { recursive: true });
  writeFileSync(join(RESULTS, SCENARIO, download.suggestedFilename()), bytes);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** Parses XML with the browser's DOMParser and counts elements by local name. */
async function parseXml(page: Page, xml: string): Promise<{ error: string | null; nodes: string[]; edges: number; root: string }> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
    const nodes = [...doc.getElementsByTagNameNS('*', 'node')].map((n) => n.getAttribute('id') ?? '');
    return { error, nodes, edges: doc.getElementsByTagNameNS('*', 'edge').length, root: doc.documentElement.localName };
  }, xml);
}

/** The edges between the same two nodes (either way), by pair: the parallel edges a simple graph would lose. */
function parallelEdges(graph: MultiDirectedGraph): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  graph.forEachEdge((_edge, a, source, target) => {
    const key = [source, target].sort().join(' ~ ');
    pairs.set(key, [...(pairs.get(key) ?? []), String(a.type)].sort());
  });
  return new Map([...pairs].filter(([, types]) => types.length > 1));
}

/** What the graph drawn in the page holds for one edge: its type and source ids. */
async function drawnEdge(page: Page, id: string): Promise<{ relType: string; sources: string[] }> {
  return page.evaluate((e) => (window as unknown as { __explorer: { graph: { getEdgeAttributes(e: string): { relType: string; sources: string[] } } } }).__explorer.graph.getEdgeAttributes(e), id);
}

/** An exported file loaded into graphology holds exactly the view: its nodes, its edges (parallel ones too), typed attributes. */
async function expectSameAsView(page: Page, graph: MultiDirectedGraph): Promise<void> {
  const view = await visible(page);
  expect(graph.order).toBe(view.nodes.length);
  expect(graph.size).toBe(view.edges.length);
  expect(graph.nodes().sort()).toEqual(view.nodes);
  expect(graph.edges().sort()).toEqual(view.edges);
  // Parallel edges survive: Oracle ACQUIRED Oracle Health, which is PART_OF Oracle.
  expect(parallelEdges(graph).get('vendor-oracle ~ vendor-oracle-health')).toEqual(['ACQUIRED', 'PART_OF']);
  // Attributes and positions come through typed.
  const edge = graph.getEdgeAttributes('acq-oracle-cerner');
  const drawn = await drawnEdge(page, 'acq-oracle-cerner');
  expect(edge.type).toBe(drawn.relType);
  expect(edge.source_ids).toBe(drawn.sources.join(';'));
  const origin = graph.getNodeAttributes('inc-oracle-health-cerner-2025');
  expect(origin.kind).toBe('INCIDENT');
  expect(typeof origin.x).toBe('number');
}

describe('exports of the view', () => {
  it('GEXF parses back with the same nodes and edges as the view', async () => {
    const { page } = opened;
    const view = await visible(page);
    expect(view.nodes.length).toBeGreaterThan(20);
    const file = await exported(page, 'gexf');
    expect(file.name).toMatch(/\.gexf$/);
    const parsed = await parseXml(page, file.text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('gexf');
    expect([...parsed.nodes].sort()).toEqual(view.nodes);
    expect(parsed.edges).toBe(view.edges.length);
  });

  it('GEXF loads into graphology with the same node and edge counts as the view', async () => {
    const { page } = opened;
    const graph = parseGexf(MultiDirectedGraph, (await exported(page, 'gexf')).text);
    await expectSameAsView(page, graph);
    // The counts the status line states for the view.
    expect(await page.locator('#status').textContent()).toContain(`${graph.order} entities and ${graph.size} relationships shown`);
    expect(typeof graph.getNodeAttributes('inc-oracle-health-cerner-2025').individuals_affected).toBe('number');
  });

  it('GraphML parses back with the same nodes and edges as the view', async () => {
    const { page } = opened;
    const view = await visible(page);
    const file = await exported(page, 'graphml');
    const parsed = await parseXml(page, file.text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('graphml');
    expect([...parsed.nodes].sort()).toEqual(view.nodes);
    expect(parsed.edges).toBe(view.edges.length);
  });

  it('GraphML loads into graphology with the same node and edge counts as the view', async () => {
    const { page } = opened;
    await expectSameAsView(page, parseGraphml(MultiDirectedGraph, (await exported(page, 'graphml')).text));
  });

  it('CSV of relationships carries each edge’s sources; CSV of entities has every entity', async () => {
    const { page } = opened;
    const view = await visible(page);
    const edges = parseCsv((await exported(page, 'csv-edges')).text);
    expect(edges.map((r) => r.id).sort()).toEqual(view.edges);
    const expected = await page.evaluate(
      (ids) => Object.fromEntries(ids.map((id) => [id, (window as unknown as { __explorer: { graph: { getEdgeAttribute(e: string, k: string): string[] } } }).__explorer.graph.getEdgeAttribute(id, 'sources')])),
      view.edges,
    );
    for (const row of edges) {
      expect(row.source_ids, row.id).toBe(expected[row.id!]!.join(';'));
      expect(row.source_ids!.length, row.id).toBeGreaterThan(0);
      // Each source cited in words, with its link.
      expect(row.sources!.split(' | ')).toHaveLength(expected[row.id!]!.length);
      expect(row.sources, row.id).toMatch(/https?:\/\//);
    }
    const nodes = parseCsv((await exported(page, 'csv-nodes')).text);
    expect(nodes.map((r) => r.id).sort()).toEqual(view.nodes);
  });

  it('PNG holds the canvas with a legend and a caption below it', async () => {
    const { page } = opened;
    const file = await exported(page, 'png');
    expect(file.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const width = file.bytes.readUInt32BE(16);
    const height = file.bytes.readUInt32BE(20);
    const canvas = await page.locator('#graph').boundingBox();
    // Drawn at 2x: wider than the canvas, and taller by the title, legend and caption.
    expect(width).toBe(Math.round(canvas!.width) * 2);
    expect(height).toBeGreaterThan(canvas!.height * 2 + 200);
  });

  it('shows the GraphQL behind the view, and that query runs', async () => {
    const { page, errors } = opened;
    await page.locator('[data-export="graphql"]').click();
    const text = await page.locator('#query-text').inputValue();
    expect(text).toContain('query ExplorerView');
    expect(text).toContain('neighborhood(id: "inc-oracle-health-cerner-2025"');
    await shot(page, SCENARIO, '01-graphql');
    const res = await fetch(`${baseUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
    const body = (await res.json()) as { data?: Record<string, { nodes: unknown[] }>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data!.p0!.nodes.length).toBe(await page.evaluate(() => (window as unknown as { __explorer: { graph: { order: number } } }).__explorer.graph.order));
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });
});
