// The importers' fast path (what does not exist yet is CREATEd with the values a merge would give it, shared values
// sent once per batch) writes exactly the graph the merge statements alone would, with the same counts: every
// fixture is imported twice over, once as usual and once with the existence check answering "everything exists"
// (so every row goes through import-merge-nodes / import-merge-relationships), and the graphs are compared.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCypherCatalog } from '../../server/db/cypher.ts';
import { Db } from '../../server/db/db.ts';
import { importFile, type ImportOptions } from '../../server/import/run.ts';
import { restoreGraph, rows, snapshotGraph, type GraphSnapshot } from '../fixtures/import/graph-snapshot.ts';
import { testDb } from '../helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const FILES: [string, ImportOptions][] = [
  ['breach-archive.csv', { format: 'hhs-ocr' }],
  ['breach-investigation-cp1252.csv', { format: 'hhs-ocr' }],
  ['lantern/Cerner_Corporation_EndpointSources.json', { format: 'lantern' }],
  ['lantern/Quartzline_Health_Systems_EndpointSources.json', { format: 'lantern' }],
  ['fhir-endpoints.json', { format: 'fhir-endpoints' }],
  ['stix-bundle.json', { format: 'stix' }],
  ['kev.json', { format: 'kev' }],
  ['kev.csv', { format: 'kev' }],
];

let db: Db;
let mergeOnly: Db;
let snapshot: GraphSnapshot;

/** Every node and relationship by id with its labels or type and properties (keys sorted; import times left out). */
async function dump(): Promise<string> {
  const sorted = (p: Record<string, unknown>) => {
    const { importedAt: _, ...rest } = p;
    return Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  };
  const nodes = await rows<{ id: string; labels: string[]; props: Record<string, unknown> }>(db, 'MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
  const rels = await rows<{ key: string; props: Record<string, unknown> }>(
    db,
    "MATCH (a)-[r]->(b) RETURN a.id + ' ' + type(r) + ' ' + b.id + ' ' + coalesce(r.id, '') AS key, properties(r) AS props ORDER BY key",
  );
  return JSON.stringify([nodes.map((n) => [n.id, [...n.labels].sort(), sorted(n.props)]), rels.map((r) => [r.key, sorted(r.props)])]);
}

async function importAll(target: Db): Promise<{ graph: string; counts: unknown[] }> {
  const counts: unknown[] = [];
  for (const round of ['first', 'again']) {
    for (const [file, options] of FILES) {
      const r = await importFile(target, join(FIXTURES, file), options);
      expect(r.error, file).toBeUndefined();
      counts.push({ round, file, nodes: r.nodes, relationships: r.relationships });
    }
  }
  return { graph: await dump(), counts };
}

beforeAll(async () => {
  db = testDb();
  const catalog = new Map(loadCypherCatalog());
  catalog.set('import-read-existing', '// Parameters: $ids. Says every id exists.\nUNWIND $ids AS id RETURN id');
  mergeOnly = new Db({ uri: db.uri, database: 'neo4j', queryTimeoutMs: 30_000 }, catalog);
  snapshot = await snapshotGraph(db);
});

afterAll(async () => {
  await restoreGraph(db, snapshot);
  await mergeOnly.close();
  await db.close();
});

describe('the create fast path', () => {
  it('writes the same graph with the same counts as merging every row', async () => {
    const fast = await importAll(db);
    await restoreGraph(db, snapshot);
    const merged = await importAll(mergeOnly);
    expect(fast.counts).toEqual(merged.counts);
    expect(fast.graph).toEqual(merged.graph);
    // The first round created something and the second round nothing (idempotent on both paths).
    const created = (c: unknown) => (c as { nodes: { created: number } }).nodes.created;
    expect(fast.counts.slice(0, FILES.length).some((c) => created(c) > 0)).toBe(true);
    expect(fast.counts.slice(FILES.length).every((c) => created(c) === 0)).toBe(true);
  });
});
