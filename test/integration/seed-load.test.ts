// Loading seed/ into a real Neo4j of its own: counts, provenance on every edge, the Oracle facts, idempotence, atomicity.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaStatements } from '../../server/db/cypher.ts';
import { Db } from '../../server/db/db.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j-local/launcher.ts';
import type { Seed } from '../../server/seed/format.ts';
import { isDatabaseEmpty, loadSeed, loadSeedRecords, SEED_DIR, SeedValidationError } from '../../server/seed/load.ts';
import { readSeed } from '../../server/seed/validate.ts';

const MINI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'seed-mini');

let neo4j: LocalNeo4j;
let db: Db;
let emptyBeforeLoad: boolean;
const seed = readSeed(SEED_DIR);

async function query<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const result = await db.driver.executeQuery(cypher, params, { database: db.database });
  return result.records.map((r) => r.toObject() as T);
}

/** Everything a reload could change: counts by label and type, and the number of properties and labels. */
async function fingerprint(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const row of await query<{ label: string; count: number }>('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count')) {
    out[`:${row.label}`] = row.count;
  }
  for (const row of await query<{ type: string; count: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count')) {
    out[`-${row.type}-`] = row.count;
  }
  const [props] = await query<{ nodeProps: number; relProps: number; nodes: number; rels: number }>(
    `CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProps }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS relProps }
     RETURN nodes, rels, nodeProps, relProps`,
  );
  return { ...out, ...props };
}

beforeAll(async () => {
  neo4j = await startLocalNeo4j({ port: 0, log: () => undefined });
  db = new Db({ uri: neo4j.uri, database: 'neo4j', queryTimeoutMs: 30_000 });
  await db.runStatements(readSchemaStatements());
  emptyBeforeLoad = await isDatabaseEmpty(db);
  await loadSeed(db);
});

afterAll(async () => {
  await db?.close();
  await neo4j?.stop();
});

describe('loadSeed into an empty Neo4j', () => {
  it('starts from an empty database and is no longer empty after loading', async () => {
    expect(emptyBeforeLoad).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  it('holds exactly the seed: counts by label and by relationship type', async () => {
    const expected: Record<string, number> = {};
    for (const n of Object.values(seed.nodes).flat()) for (const l of n.labels) expected[`:${l}`] = (expected[`:${l}`] ?? 0) + 1;
    for (const r of Object.values(seed.relationships).flat()) expected[`-${r.type}-`] = (expected[`-${r.type}-`] ?? 0) + 1;
    const actual = await fingerprint();
    for (const [key, count] of Object.entries(expected)) expect(actual[key], key).toBe(count);
    // The fact sheet's counts: 99 organisations + 34 vendors are Organization nodes.
    expect(actual).toMatchObject({
      ':Incident': 36,
      ':Organization': 133,
      ':Vendor': 34,
      ':Product': 27,
      ':ThreatActor': 18,
      ':Vulnerability': 13,
      ':Source': 220,
      '-ACQUIRED-': 14,
    });
  });

  it('has no relationship without sources, and every cited id is a Source with a url', async () => {
    const [missing] = await query<{ count: number }>('MATCH ()-[r]->() WHERE r.sources IS NULL OR size(r.sources) = 0 RETURN count(r) AS count');
    expect(missing!.count).toBe(0);
    const unresolved = await query<{ rel: string; source: string }>(
      `MATCH ()-[r]->() UNWIND r.sources AS sid
       OPTIONAL MATCH (s:Source {id: sid})
       WITH r, sid, s WHERE s IS NULL OR s.url IS NULL OR s.url = ''
       RETURN r.id AS rel, sid AS source LIMIT 10`,
    );
    expect(unresolved).toEqual([]);
    const [cited] = await query<{ count: number }>('MATCH ()-[r]->() UNWIND r.sources AS sid RETURN count(DISTINCT sid) AS count');
    expect(cited!.count).toBeGreaterThan(100);
  });

  it('stores acq-oracle-cerner with both dates and all three prices with their sources', async () => {
    const [acq] = await query<{ from: string; to: string; r: Record<string, unknown> }>(
      "MATCH (a:Organization)-[r:ACQUIRED {id: 'acq-oracle-cerner'}]->(b:Organization) RETURN a.id AS from, b.id AS to, properties(r) AS r",
    );
    expect(acq).toMatchObject({ from: 'vendor-oracle', to: 'vendor-oracle-health' });
    expect(acq!.r).toMatchObject({ announced: '2021-12-20', announcedPrecision: 'day', closed: '2022-06-08', closedPrecision: 'day', validFrom: '2022-06-08' });
    const prices = JSON.parse(acq!.r.pricesJson as string) as { amount: number; currency: string; asReportedBy: string[] }[];
    expect(prices.map((p) => p.amount).sort()).toEqual([28_000_000_000, 28_300_000_000, 28_500_000_000]);
    for (const p of prices) {
      expect(p.currency).toBe('USD');
      expect(p.asReportedBy.length).toBeGreaterThan(0);
      for (const s of p.asReportedBy) expect(acq!.r.sources as string[]).toContain(s);
    }
  });

  it('links the Oracle Health incident to its breached vendor, its 13 downstream victims and actor "Andrew"', async () => {
    const affected = await query<{ role: string; to: string; labels: string[]; sources: string[] }>(
      `MATCH (:Incident {id: 'inc-oracle-health-cerner-2025'})-[r:AFFECTED]->(o:Organization)
       RETURN r.role AS role, o.id AS to, labels(o) AS labels, r.sources AS sources ORDER BY role, to`,
    );
    const breached = affected.filter((a) => a.role === 'breached_vendor');
    expect(breached.map((a) => a.to)).toEqual(['vendor-oracle-health']);
    expect(breached[0]!.labels).toContain('Vendor');
    // 13 affected_via_vendor victims in the fact sheet (Becker's list as of 5 Jan 2026), checked against the seed file too.
    const downstream = affected.filter((a) => a.role === 'affected_via_vendor').map((a) => a.to);
    const inSeed = Object.values(seed.relationships)
      .flat()
      .filter((r) => r.type === 'AFFECTED' && r.from === 'inc-oracle-health-cerner-2025' && r.props.role === 'affected_via_vendor')
      .map((r) => r.to)
      .sort();
    expect(downstream).toHaveLength(13);
    expect(downstream).toEqual(inSeed);
    expect(downstream).toContain('org-union-health');
    for (const a of affected) expect(a.sources.length).toBeGreaterThan(0);

    const [attribution] = await query<{ actor: string; attribution: string; confidence: string; sources: string[] }>(
      `MATCH (:Incident {id: 'inc-oracle-health-cerner-2025'})-[r:ATTRIBUTED_TO]->(t:ThreatActor)
       RETURN t.id AS actor, r.attribution AS attribution, r.confidence AS confidence, r.sources AS sources`,
    );
    expect(attribution).toMatchObject({ actor: 'actor-andrew', attribution: 'reported_by_media', confidence: 'reported_by_media' });
    expect(attribution!.sources.length).toBeGreaterThan(0);

    const [customers] = await query<{ count: number }>(
      "MATCH (o:Organization)-[r:CUSTOMER_OF {confidence: 'derived'}]->(:Vendor {id: 'vendor-oracle-health'}) WHERE 'inc-oracle-health-cerner-2025' IN r.derivedFrom RETURN count(o) AS count",
    );
    expect(customers!.count).toBe(13);
  });

  it('uses the entity_id constraint index to merge nodes', async () => {
    const result = await db.driver.executeQuery(`EXPLAIN ${db.cypher('seed-merge-nodes')}`, { rows: [] }, { database: db.database });
    const operators: string[] = [];
    const walk = (plan: { operatorType: string; children: unknown[] }): void => {
      operators.push(plan.operatorType);
      for (const child of plan.children) walk(child as typeof plan);
    };
    walk(result.summary.plan as unknown as { operatorType: string; children: unknown[] });
    expect(operators.some((op) => op.startsWith('NodeUniqueIndexSeek'))).toBe(true);
  });

  it('changes nothing when loaded a second time', async () => {
    const before = await fingerprint();
    const result = await loadSeed(db);
    expect(result).toMatchObject({ nodes: before.nodes, relationships: before.rels });
    expect(await fingerprint()).toEqual(before);
  });
});

describe('loadSeed refusals', () => {
  it('rejects a seed with an unknown reference and writes nothing', async () => {
    const bad: Seed = structuredClone(readSeed(MINI_DIR));
    const edge = bad.relationships['relationships/AFFECTED.json']![0]!;
    edge.to = 'org-mini-does-not-exist';
    const before = await fingerprint();
    const error = await loadSeedRecords(db, bad).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as Error).message).toContain('org-mini-does-not-exist');
    expect((error as Error).message).toContain(edge.id);
    expect(await fingerprint()).toEqual(before);
  });

  it('rolls the whole load back when the database refuses part of it', async () => {
    // A Source node without the Entity label holding an id the mini seed uses: MERGE on (:Entity {id}) creates a
    // second node, and giving it the Source label breaks the source_id constraint half-way through the load.
    await query("CREATE (:Source {id: 'src-mini-trade-press', note: 'planted by the test'})");
    try {
      const before = await fingerprint();
      await expect(loadSeed(db, MINI_DIR)).rejects.toThrow();
      expect(await fingerprint()).toEqual(before);
      const [mini] = await query<{ count: number }>("MATCH (n:Entity) WHERE n.id STARTS WITH 'org-mini-' OR n.id STARTS WITH 'inc-mini-' RETURN count(n) AS count");
      expect(mini!.count).toBe(0);
    } finally {
      await query("MATCH (n:Source {id: 'src-mini-trade-press'}) WHERE NOT n:Entity DELETE n");
    }
  });
});
