// The result cache against a real Neo4j: a repeated slow question is answered from memory, and any write to the
// database — here one made by another client, straight through Cypher, that the server never sees — makes the
// next answer fresh. Answers served from the cache are the ones the database gives.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { loadCypherCatalog } from '../../server/db/cypher.ts';
import { Db } from '../../server/db/db.ts';
import { addTestCustomer, cypherRows, gql, testApp, testDb } from '../helpers.ts';

let db: Db;
let uncachedDb: Db;
let app: App;
let uncached: App;

const NEW_ORG = 'org-test-result-cache-hospital';

const BLAST = `query($from: ID!, $limit: Int) { blastRadius(from: $from, limit: $limit) {
  truncated omitted
  reached { hops confirmed entity { id } path { sentences } }
  summary { organizations confirmed potential byKind { key count } byState { key count } }
} }`;

interface Blast {
  blastRadius: {
    reached: { hops: number; confirmed: boolean; entity: { id: string } }[];
    summary: { organizations: number; potential: number };
  };
}

async function removeTestOrg(): Promise<void> {
  await cypherRows(db, 'MATCH (o:Entity {id: $id}) DETACH DELETE o', { id: NEW_ORG });
}

beforeAll(async () => {
  db = testDb();
  uncachedDb = testDb({ resultCacheBytes: 0 });
  app = testApp(db);
  uncached = testApp(uncachedDb);
  await removeTestOrg();
});

afterAll(async () => {
  await removeTestOrg();
  await db.close();
  await uncachedDb.close();
});

describe('result cache', () => {
  it('answers a repeated blast radius from the cache, with the answer the database gives', async () => {
    const vars = { from: 'vendor-oracle-health', limit: 400 };
    const first = await gql<Blast>(app, BLAST, vars);
    expect(first.errors).toBeUndefined();
    const before = db.cacheStats()!;
    const second = await gql<Blast>(app, BLAST, vars);
    const after = db.cacheStats()!;
    expect(after.hits).toBeGreaterThan(before.hits);
    expect(after.misses).toBe(before.misses);
    expect(second).toEqual(first);
    // The same question with the cache off: the same answer.
    expect(uncachedDb.cacheStats()).toBeNull();
    expect(await gql<Blast>(uncached, BLAST, vars)).toEqual(first);
  });

  it('sees a write made by another client at once: a new customer of the vendor is in the next answer, and gone after its removal', async () => {
    const vars = { from: 'vendor-oracle-health', limit: 5000 };
    const base = await gql<Blast>(app, BLAST, vars);
    expect(base.data!.blastRadius.reached.map((r) => r.entity.id)).not.toContain(NEW_ORG);
    await gql<Blast>(app, BLAST, vars); // now cached

    await addTestCustomer(db, NEW_ORG, 'Result Cache Test Hospital');
    const misses = db.cacheStats()!.misses;
    const added = await gql<Blast>(app, BLAST, vars);
    // Two cached statements per request (the blast radius, and the sources its sentences cite), both read again.
    expect(db.cacheStats()!.misses).toBe(misses + 2);
    const hit = added.data!.blastRadius.reached.find((r) => r.entity.id === NEW_ORG);
    expect(hit).toMatchObject({ hops: 1, confirmed: false });
    expect(added.data!.blastRadius.summary.organizations).toBe(base.data!.blastRadius.summary.organizations + 1);
    expect(added).toEqual(await gql<Blast>(uncached, BLAST, vars));

    await removeTestOrg();
    const removed = await gql<Blast>(app, BLAST, vars);
    expect(removed.data!.blastRadius.reached.map((r) => r.entity.id)).not.toContain(NEW_ORG);
    expect(removed).toEqual(base);
  });

  it('runs one read when the same question arrives many times at once', async () => {
    const vars = { from: 'vendor-oracle-health', limit: 123 };
    // Each request reads two cached statements: the blast radius, and the sources its sentences cite. The latter are
    // cached first by the same question with another limit (the seed's answer is under both limits, so it cites the
    // same sources), so that every read counted below is the blast radius's.
    await gql<Blast>(app, BLAST, { ...vars, limit: 124 });
    const before = db.cacheStats()!;
    const answers = await Promise.all(Array.from({ length: 6 }, () => gql<Blast>(app, BLAST, vars)));
    const after = db.cacheStats()!;
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(after.misses - before.misses).toBe(1);
    expect(after.joined - before.joined + (after.hits - before.hits)).toBe(11);
  });

  it('caches only the statements marked for it: a search runs every time', async () => {
    const before = db.cacheStats()!;
    for (let i = 0; i < 2; i++) expect((await gql(app, '{ search(query: "Cerner", first: 3) { entity { id } } }')).errors).toBeUndefined();
    const after = db.cacheStats()!;
    expect(after.hits).toBe(before.hits);
    expect(after.misses).toBe(before.misses);
  });

  it('remembers that a best-effort read ran out of its budget at this state, and tries again after a write', async () => {
    const slow = '// @cache\n// Parameters: $n (how far to count).\nUNWIND range(1, $n) AS x WITH x WHERE x < 0 RETURN count(*) AS c';
    const own = new Db({ uri: inject('neo4jUri'), database: 'neo4j', queryTimeoutMs: 30_000, resultCacheBytes: 1024 * 1024 }, new Map([...loadCypherCatalog(), ['slow-count', slow]]));
    try {
      const code = (p: Promise<unknown>) => p.then(() => 'answered', (err: { message?: string; extensions?: { code?: string } }) => err.extensions?.code ?? err.message);
      const params = { n: 2_000_000_000 };
      expect(await code(own.read('slow-count', params, { timeoutMs: 300 }))).toBe('QUERY_TIMEOUT');
      const misses = own.cacheStats()!.misses;
      const t = performance.now();
      expect(await code(own.read('slow-count', params, { timeoutMs: 300 }))).toBe('QUERY_TIMEOUT');
      expect(performance.now() - t).toBeLessThan(300); // no new attempt: no wait for the budget
      expect(own.cacheStats()!.misses).toBe(misses);
      // A small count within the same budget is another question, answered and kept.
      expect(await own.read('slow-count', { n: 10 }, { timeoutMs: 300 })).toEqual([{ c: 0 }]);
      // After a write, the database may answer in time again: it is tried again.
      await cypherRows(db, 'CREATE (t:ResultCacheProbe) WITH t DELETE t');
      expect(await code(own.read('slow-count', params, { timeoutMs: 300 }))).toBe('QUERY_TIMEOUT');
      expect(own.cacheStats()!.misses).toBe(misses + 2);
    } finally {
      await own.close();
    }
  });
});
