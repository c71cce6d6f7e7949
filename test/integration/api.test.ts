// The GraphQL contract of the foundation, through yoga.fetch against the real test Neo4j holding the seed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { keepPrimed, primeCache, WARM_UP_QUERY_COUNT, warmUp } from '../../server/warmup.ts';
import { gql, testApp, testDb } from '../helpers.ts';

let db: Db;
let app: App;

beforeAll(() => {
  db = testDb();
  app = testApp(db);
});
afterAll(async () => {
  await db.close();
});

interface CountBy {
  key: string;
  count: number;
}

describe('stats', () => {
  it('counts nodes by label and relationships by type from the database', async () => {
    const res = await gql<{ stats: { nodes: CountBy[]; relationships: CountBy[] } }>(app, '{ stats { nodes { key count } relationships { key count } } }');
    expect(res.errors).toBeUndefined();
    const nodes = Object.fromEntries(res.data!.stats.nodes.map((c) => [c.key, c.count]));
    // Cross-check against a direct count: the API must report what the database holds.
    const direct = await db.driver.executeQuery('MATCH (n:Incident) RETURN count(n) AS c', {}, { database: db.database });
    expect(nodes.Incident).toBe(direct.records[0]!.get('c'));
    expect(nodes.Incident).toBeGreaterThan(0);
    expect(nodes.Entity).toBeGreaterThan(nodes.Incident!);
    expect(res.data!.stats.relationships.length).toBeGreaterThan(3);
  });
});

describe('node(id)', () => {
  it('returns an entity with its kind, name and sources that resolve to URLs', async () => {
    const res = await gql<{ node: { id: string; kind: string; name: string; sources: { id: string; url: string | null }[] } | null }>(
      app,
      'query($id: ID!) { node(id: $id) { id kind name sources { id ... on Source { url } } } }',
      { id: 'vendor-oracle-health' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.node).toMatchObject({ id: 'vendor-oracle-health', kind: 'VENDOR' });
    expect(res.data!.node!.sources.length).toBeGreaterThan(0);
    for (const s of res.data!.node!.sources) expect(s.url).toMatch(/^https?:\/\//);
  });

  it('answers node(id) with its sources and relationships in one read, with the same page as the relationships loader', async () => {
    const calls: { name: string; start: number; end: number }[] = [];
    const counting = Object.create(db) as Db;
    counting.read = async (name, params, opts) => {
      const start = performance.now();
      try {
        return await db.read(name, params, opts);
      } finally {
        calls.push({ name, start, end: performance.now() });
      }
    };
    const countingApp = testApp(counting);
    const query = `query($id: ID!, $first: Int) { node(id: $id) { id name sources { id ... on Source { url } }
      ...more } } fragment more on Entity { relationships(first: $first) { totalCount items { type other { id name } sources { id } } } }`;
    const res = await gql<{ node: { sources: { id: string; url: string }[]; relationships: { totalCount: number; items: { sources: { id: string }[] }[] } } }>(
      countingApp,
      query,
      { id: 'vendor-oracle-health', first: 5 },
    );
    expect(res.errors).toBeUndefined();
    const plain = await gql<typeof res.data>(app, query, { id: 'vendor-oracle-health', first: 5 });
    expect(res.data).toEqual(plain.data); // the same answer as without the shortcut's bookkeeping being observed
    expect(res.data!.node.sources.length).toBeGreaterThan(0);
    expect(res.data!.node.relationships.items).toHaveLength(5);
    expect(res.data!.node.relationships.totalCount).toBeGreaterThan(5);

    // The node, its sources and its relationships came in one read; only the relationships' sources are a (single,
    // batched) further read.
    expect(calls.map((c) => c.name).sort()).toEqual(['entities-by-ids', 'node-with-relationships']);

    // The same relationships asked for twice with different arguments: the entity alone, then the loader's reads.
    calls.length = 0;
    const twice = await gql<{ node: { a: { totalCount: number; items: unknown[] }; b: { totalCount: number; items: unknown[] } } }>(
      countingApp,
      `query($id: ID!) { node(id: $id) { id a: relationships(first: 2) { totalCount items { id } } b: relationships(first: 3, direction: OUT) { totalCount items { id } } } }`,
      { id: 'vendor-oracle-health' },
    );
    expect(twice.errors).toBeUndefined();
    expect(calls.map((c) => c.name).sort()).toEqual(['node', 'relationships-of', 'relationships-of']);
    expect(twice.data!.node.a.items).toHaveLength(2);
    expect(twice.data!.node.a.totalCount).toBe(res.data!.node.relationships.totalCount);
    expect(twice.data!.node.b.items).toHaveLength(3);
    expect(twice.data!.node.b.totalCount).toBeLessThan(twice.data!.node.a.totalCount);
    // Through the loader, the same page as in the one read.
    const viaLoader = await gql<{ node: { x: unknown; y: unknown } }>(
      countingApp,
      `query($id: ID!) { node(id: $id) { x: relationships(first: 5) { totalCount items { type other { id name } sources { id } } } y: relationships(first: 5) { totalCount } } }`,
      { id: 'vendor-oracle-health' },
    );
    expect(viaLoader.data!.node.x).toEqual(res.data!.node.relationships);

    // Arguments out of range still answer BAD_USER_INPUT from the field; an unknown id answers null.
    const bad = await gql(countingApp, query, { id: 'vendor-oracle-health', first: 0 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await gql<{ node: unknown }>(countingApp, query, { id: 'no-such-entity', first: 5 });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.node).toBeNull();
  });

  it('returns null for an unknown id, and BAD_USER_INPUT for an empty one', async () => {
    const missing = await gql<{ node: unknown }>(app, '{ node(id: "no-such-entity") { id } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.node).toBeNull();
    const empty = await gql(app, '{ node(id: "") { id } }');
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives syntax and validation errors a code, never a stack', async () => {
    const syntax = await gql(app, '{ node(id: ');
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await gql(app, '{ node(id: "x") { noSuchField } }');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(invalid)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('/healthz', () => {
  it('says ok with the Neo4j version and URI when the database answers', async () => {
    const res = await app.fetch('http://test/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; neo4j: { connected: boolean; version: string; uri: string } };
    expect(body.status).toBe('ok');
    expect(body.neo4j.connected).toBe(true);
    expect(body.neo4j.version).toMatch(/^Neo4j\/5\.26/);
  });
});

describe('an incident\'s fact-sheet details as typed fields', () => {
  interface SeedIncident {
    id: string;
    props: Record<string, unknown>;
  }
  const seedIncidents = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'nodes', 'incident.json'), 'utf8')) as SeedIncident[];
  const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : fallback);

  it('gives malware, ransom, every milestone, unnamed attributions and key sources of every seed incident, each with its sources', async () => {
    expect(seedIncidents.length).toBeGreaterThan(30);
    let milestones = 0;
    for (const inc of seedIncidents) {
      const res = await gql<{
        node: {
          malware: string | null;
          ransom: { demand: string | null; paid: string | null; sources: { id: string }[] } | null;
          milestones: { name: string; date: { value: string; precision: string | null; sources: { id: string; url: string | null }[] } }[];
          unnamedAttributions: { attribution: string; basis: string | null; sources: { id: string }[] }[];
          keySources: { id: string }[];
        };
      }>(
        app,
        `query($id: ID!) { node(id: $id) { ... on Incident {
          malware ransom { demand paid sources { id } }
          milestones { name date { value precision sources { id ... on Source { url } } } }
          unnamedAttributions { attribution basis sources { id } }
          keySources { id } } } }`,
        { id: inc.id },
      );
      expect(res.errors, inc.id).toBeUndefined();
      const node = res.data!.node;
      const p = inc.props;
      expect(node.malware, inc.id).toBe(typeof p.malware === 'string' && p.malware !== '' ? p.malware : null);

      const ransom = json<{ demand?: string; paid?: string; sources?: string[] } | null>(p.ransomJson, null);
      if (ransom) {
        expect(node.ransom, inc.id).toMatchObject({ demand: ransom.demand ?? null, paid: ransom.paid ?? null });
        expect(node.ransom!.sources.map((s) => s.id).sort(), inc.id).toEqual([...(ransom.sources ?? [])].sort());
      } else expect(node.ransom, inc.id).toBeNull();

      const dates = json<{ name: string; value: string; precision?: string; sources?: string[] }[]>(p.datesJson, []);
      expect(node.milestones.map((m) => [m.name, m.date.value, m.date.precision ?? null]), inc.id).toEqual(dates.map((d) => [d.name, d.value, d.precision ?? null]));
      for (const [i, m] of node.milestones.entries()) {
        expect(m.date.sources.map((s) => s.id).sort(), `${inc.id} ${m.name}`).toEqual([...(dates[i]!.sources ?? [])].sort());
        for (const s of m.date.sources) expect(s.url, s.id).toMatch(/^https?:\/\//);
      }
      milestones += dates.length;

      const unnamed = json<{ actor: string | null; attribution: string; sources: string[] }[]>(p.attributionsJson, []).filter((a) => a.actor === null);
      expect(node.unnamedAttributions.map((a) => a.attribution), inc.id).toEqual(unnamed.map((a) => a.attribution));
      for (const a of node.unnamedAttributions) expect(a.sources.length, inc.id).toBeGreaterThan(0);

      expect(node.keySources.map((s) => s.id).sort(), inc.id).toEqual([...((p.keySources as string[] | undefined) ?? [])].sort());
    }
    expect(milestones).toBeGreaterThan(seedIncidents.length); // the fact sheet dates most incidents more than once
  });
});

describe('start-up warm-up', () => {
  it('runs every warm-up query shape cleanly (each reaches its statement, so Neo4j plans it)', async () => {
    const lines: string[] = [];
    const reads: string[] = [];
    const counting = Object.create(db) as Db;
    counting.read = async (name, params, opts) => {
      reads.push(name);
      return db.read(name, params, opts);
    };
    expect(await warmUp(testApp(counting), counting, (l) => lines.push(l))).toBe(WARM_UP_QUERY_COUNT);
    expect(lines.join('\n')).toMatch(new RegExp(`warm-up: ${WARM_UP_QUERY_COUNT} of ${WARM_UP_QUERY_COUNT} query shapes planned`));
    for (let hops = 1; hops <= 6; hops++) expect(reads).toContain(`paths@${hops}`);
    for (const heavy of ['blast-radius', 'neighborhood', 'path-length', 'incidents-page-all', 'incidents-page', 'vendor-ranking', 'search', 'node', 'node-with-relationships']) {
      expect(reads.some((r) => r === heavy || r.startsWith(`${heavy}@`)), `${heavy} in ${reads.join(', ')}`).toBe(true);
    }
  });

  it('caches the blast radius of the top vendors of the vendor list and of those with the most customers, so the first request for one is answered from memory', async () => {
    const lines: string[] = [];
    const app = testApp(db);
    type Ranked = { vendors: { edges: { node: { vendor: { id: string }; potentialOrganizations: number } }[] } };
    const ranked = async (field: string, first: number) =>
      (await gql<Ranked>(app, `{ vendors(first: ${first}, orderBy: { field: ${field}, direction: DESC }) { edges { node { vendor { id } potentialOrganizations } } } }`)).data!.vendors.edges.map((e) => e.node);
    const byIndividuals = await ranked('INDIVIDUALS_AFFECTED', 12);
    const byCustomers = (await ranked('POTENTIAL_ORGANIZATIONS', 3)).filter((v) => v.potentialOrganizations > 0);
    const expected = new Set([...byIndividuals.slice(0, 3), ...byCustomers].map((v) => v.vendor.id));
    expect(await primeCache(app, db, (l) => lines.push(l), 3)).toBe(expected.size);
    expect(lines.join('\n')).toMatch(new RegExp(`blast radius of ${expected.size} vendors \\(the top of the vendor list, and those with the most customers\\) cached`));
    // As the explorer asks: with path sentences and figures, whose cited sources are a second cached read.
    const ask = async (id: string) => {
      const before = db.cacheStats()!;
      const res = await gql(app, `{ blastRadius(from: ${JSON.stringify(id)}) { summary { organizations figures { count } } reached { entity { id } path { sentences } } } }`);
      expect(res.errors).toBeUndefined();
      const after = db.cacheStats()!;
      return { hits: after.hits - before.hits, misses: after.misses - before.misses };
    };
    for (const id of expected) {
      const { hits, misses } = await ask(id);
      expect(hits, id).toBeGreaterThanOrEqual(1);
      expect(misses, id).toBe(0);
    }
    const outside = byIndividuals.map((v) => v.vendor.id).find((id) => !expected.has(id))!;
    expect((await ask(outside)).misses).toBeGreaterThanOrEqual(1); // not primed
    const off = testDb({ resultCacheBytes: 0 });
    expect(await primeCache(testApp(off), off, () => undefined)).toBe(0);
    await off.close();
  });
});

describe('keeping the primed answers current', () => {
  it('primes the top vendors again once a write has settled, and not while nothing is written', async () => {
    const lines: string[] = [];
    const app = testApp(db);
    const keeper = keepPrimed(app, db, (l) => lines.push(l), { intervalMs: 150, count: 2 });
    try {
      await new Promise((r) => setTimeout(r, 800));
      expect(lines.filter((l) => /graph changed/.test(l))).toEqual([]); // nothing written: nothing done
      await db.driver.executeQuery("CREATE (t:KeepPrimedProbe {at: timestamp()}) WITH t DELETE t", {}, { database: db.database });
      const deadline = Date.now() + 15_000;
      while (!lines.some((l) => /cached in/.test(l)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(lines.some((l) => /graph changed/.test(l))).toBe(true);
      expect(lines.join('\n')).toMatch(/blast radius of \d+ vendors .* cached/);
      const top = await gql<{ vendors: { edges: { node: { vendor: { id: string } } }[] } }>(app, '{ vendors(first: 1) { edges { node { vendor { id } } } } }');
      const before = db.cacheStats()!;
      expect((await gql(app, `{ blastRadius(from: ${JSON.stringify(top.data!.vendors.edges[0]!.node.vendor.id)}) { truncated } }`)).errors).toBeUndefined();
      expect(db.cacheStats()!.hits).toBe(before.hits + 1);
    } finally {
      keeper.stop();
    }
  });
});

describe('relationship(id)', () => {
  it('finds a relationship of every type in the seed by its id, and one whose start node id has colons (a breach report)', async () => {
    const sample = await db.driver.executeQuery(
      'MATCH (a:Entity)-[r]->(b:Entity) WITH type(r) AS type, collect({ id: r.id, from: a.id, to: b.id })[0] AS one RETURN type, one ORDER BY type',
      {},
      { database: db.database },
    );
    expect(sample.records.length).toBeGreaterThan(8);
    const query = 'query($id: ID!) { relationship(id: $id) { id type from { id } to { id } } }';
    for (const rec of sample.records) {
      const one = rec.get('one') as { id: string; from: string; to: string };
      const res = await gql<{ relationship: { id: string; type: string; from: { id: string }; to: { id: string } } | null }>(app, query, { id: one.id });
      expect(res.errors, one.id).toBeUndefined();
      expect(res.data!.relationship, one.id).toEqual({ id: one.id, type: rec.get('type'), from: { id: one.from }, to: { id: one.to } });
    }
    // An imported HHS breach report's id has colons; CONCERNS ids start with it.
    const reportId = 'hhs:zz:test-relationship-by-id:2020-01-01';
    const relId = `concerns:${reportId}:inc-oracle-health-cerner-2025`;
    await db.driver.executeQuery(
      `CREATE (r:Entity:BreachReport {id: $reportId, name: 'test report', sources: ['src-dhn-oracle-health-2025']})
       WITH r MATCH (i:Incident {id: 'inc-oracle-health-cerner-2025'})
       CREATE (r)-[:CONCERNS {id: $relId, sources: ['src-dhn-oracle-health-2025'], confidence: 'derived'}]->(i)`,
      { reportId, relId },
      { database: db.database },
    );
    try {
      const res = await gql<{ relationship: { type: string; from: { id: string }; to: { id: string } } | null }>(app, query, { id: relId });
      expect(res.errors).toBeUndefined();
      expect(res.data!.relationship).toMatchObject({ type: 'CONCERNS', from: { id: reportId }, to: { id: 'inc-oracle-health-cerner-2025' } });
      const none = await gql<{ relationship: unknown }>(app, query, { id: `concerns:${reportId}:no-such-incident` });
      expect(none.data!.relationship).toBeNull();
    } finally {
      await db.driver.executeQuery('MATCH (r:BreachReport {id: $reportId}) DETACH DELETE r', { reportId }, { database: db.database });
    }
  });
});
