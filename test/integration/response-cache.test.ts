// Kept responses against a real Neo4j: a repeated request whose statements all came from the result cache is sent
// again without running (the same bytes), any write to the database (here by another client, straight through
// Cypher) makes it run again, and requests that ran anything else, or failed, are never kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { ResponseCache } from '../../server/http/response-cache.ts';
import { addTestCustomer, cypherRows, testDb } from '../helpers.ts';

const NEW_ORG = 'org-test-response-cache-hospital';
const TOKEN = 'response-cache-test-token';

const BLAST = `query($from: ID!, $limit: Int) { blastRadius(from: $from, limit: $limit) {
  truncated omitted
  reached { hops confirmed entity { id name } path { sentences } }
  summary { organizations byKind { key count } figures { count sources { id url } } }
  subgraph { nodes { id kind label attributes } edges { id source target type sources } }
} }`;

let db: Db;
let cache: ResponseCache;
let app: App;
let plain: App;
let today = '2026-11-28';

async function post(target: App, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<string> {
  const res = await target.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

async function removeTestOrg(): Promise<void> {
  await cypherRows(db, 'MATCH (o:Entity {id: $id}) DETACH DELETE o', { id: NEW_ORG });
}

beforeAll(async () => {
  db = testDb();
  cache = new ResponseCache(8 * 1024 * 1024);
  app = createApp({ db, config: { graphiql: false, env: 'test', apiToken: TOKEN }, responseCache: cache, today: () => today, logError: () => undefined });
  // The same database and result cache, no kept responses: what the request gives when it runs.
  plain = createApp({ db, config: { graphiql: false, env: 'test', apiToken: TOKEN }, logError: () => undefined });
  await removeTestOrg();
});

afterAll(async () => {
  await removeTestOrg();
  await db.close();
});

describe('response cache', () => {
  it('sends a repeated blast radius again without running it: the same bytes, no statement read', async () => {
    const vars = { from: 'vendor-oracle-health', limit: 40 };
    const first = await post(app, BLAST, vars);
    expect(JSON.parse(first).errors).toBeUndefined();
    expect(cache.stats().stored).toBe(1);
    const results = db.cacheStats()!;
    const second = await post(app, BLAST, vars);
    expect(second).toBe(first);
    expect(cache.stats().hits).toBe(1);
    // Neither the blast radius nor the sources it cites were asked of the result cache.
    expect(db.cacheStats()!.hits).toBe(results.hits);
    expect(db.cacheStats()!.misses).toBe(results.misses);
    // What running it gives.
    expect(JSON.parse(second)).toEqual(JSON.parse(await post(plain, BLAST, vars)));
  });

  it('keeps answers apart by variables, operation and token', async () => {
    const a = await post(app, BLAST, { from: 'vendor-oracle-health', limit: 3 });
    const b = await post(app, BLAST, { from: 'vendor-oracle-health', limit: 4 });
    expect(JSON.parse(a).data.blastRadius.reached).toHaveLength(3);
    expect(JSON.parse(b).data.blastRadius.reached).toHaveLength(4);
    const hits = cache.stats().hits;
    expect(await post(app, BLAST, { from: 'vendor-oracle-health', limit: 3 })).toBe(a);
    expect(cache.stats().hits).toBe(hits + 1);
    // With the API token: another request (kept apart), the same answer.
    const withToken = await post(app, BLAST, { from: 'vendor-oracle-health', limit: 3 }, { authorization: `Bearer ${TOKEN}` });
    expect(cache.stats().hits).toBe(hits + 1);
    expect(withToken).toBe(a);
  });

  it('runs the request again after a write by another client: a new customer is in the next answer, and gone after its removal', async () => {
    const vars = { from: 'vendor-oracle-health', limit: 5000 };
    const ids = (body: string) => (JSON.parse(body) as { data: { blastRadius: { reached: { entity: { id: string } }[] } } }).data.blastRadius.reached.map((r) => r.entity.id);
    const base = await post(app, BLAST, vars);
    expect(await post(app, BLAST, vars)).toBe(base); // kept
    expect(ids(base)).not.toContain(NEW_ORG);

    await addTestCustomer(db, NEW_ORG, 'Response Cache Test Hospital');
    const { hits, outdated } = cache.stats();
    const added = await post(app, BLAST, vars);
    expect(cache.stats().hits).toBe(hits);
    expect(cache.stats().outdated).toBe(outdated + 1);
    expect(ids(added)).toContain(NEW_ORG);
    expect(JSON.parse(added)).toEqual(JSON.parse(await post(plain, BLAST, vars)));
    expect(await post(app, BLAST, vars)).toBe(added); // kept for the new state

    await removeTestOrg();
    const removed = await post(app, BLAST, vars);
    expect(ids(removed)).not.toContain(NEW_ORG);
    expect(JSON.parse(removed)).toEqual(JSON.parse(base));
  });

  it('never keeps a request that ran a statement the result cache does not keep', async () => {
    const stored = cache.stats().stored;
    const node = '{ node(id: "vendor-oracle-health") { id name relationships(first: 3) { totalCount } } }';
    // Alongside a cached question, one uncached statement is enough.
    const mixed = `query($from: ID!) { blastRadius(from: $from, limit: 2) { omitted } search(query: "Cerner", first: 2) { entity { id } } }`;
    for (let i = 0; i < 2; i++) {
      expect(JSON.parse(await post(app, node)).errors).toBeUndefined();
      expect(JSON.parse(await post(app, mixed, { from: 'vendor-oracle-health' })).errors).toBeUndefined();
    }
    expect(cache.stats().stored).toBe(stored);
    // The same blast radius alone is kept.
    await post(app, 'query($from: ID!) { blastRadius(from: $from, limit: 2) { omitted } }', { from: 'vendor-oracle-health' });
    expect(cache.stats().stored).toBe(stored + 1);
  });

  it('runs the request again on another day: a question without asOf is asked as of today', async () => {
    const vars = { from: 'vendor-oracle-health', limit: 7 };
    const first = await post(app, BLAST, vars);
    expect(await post(app, BLAST, vars)).toBe(first);
    const hits = cache.stats().hits;
    today = '2026-11-29';
    expect(await post(app, BLAST, vars)).toBe(first); // the graph has no validity ending today: the same answer
    expect(cache.stats().hits).toBe(hits);
    expect(await post(app, BLAST, vars)).toBe(first);
    expect(cache.stats().hits).toBe(hits + 1);
  });

  it('never keeps an answer with errors', async () => {
    const stored = cache.stats().stored;
    for (let i = 0; i < 2; i++) {
      const body = JSON.parse(await post(app, BLAST, { from: 'vendor-no-such-vendor', limit: 5 })) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(cache.stats().stored).toBe(stored);
  });
});
