// The exploration API's promises (search, neighbourhood, blast radius, paths, paging, ranking, writes),
// through yoga.fetch against the real test Neo4j holding the seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { countingApp, cypherRows, gql, testApp, testDb } from '../helpers.ts';

let db: Db;
let app: App;

beforeAll(() => {
  db = testDb();
  app = testApp(db);
});
afterAll(async () => {
  await db.close();
});

const cypher = <T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}) => cypherRows<T>(db, query, params);

describe('search', () => {
  const SEARCH = 'query($q: String!, $kinds: [EntityKind!]) { search(query: $q, kinds: $kinds, first: 5) { score entity { id kind name } } }';
  type Hits = { search: { score: number; entity: { id: string; kind: string } }[] };

  it.each(['Cerner', 'Oracle Health', 'oracle heal', 'cernr'])('finds vendor-oracle-health first for %j (name, alias, prefix, typo)', async (q) => {
    const res = await gql<Hits>(app, SEARCH, { q });
    expect(res.errors).toBeUndefined();
    expect(res.data!.search[0]?.entity.id).toBe('vendor-oracle-health');
  });

  it.each(['AT&T (', '\\', '', '"', '*', '~', 'OR', 'AND NOT', '))((', 'name:x AND', '/regex/', 'a'.repeat(900), '💥', "' OR 1=1 //", 'MATCH (n) DETACH DELETE n'])(
    'answers %j with results or an empty list, never an error',
    async (q) => {
      const res = await gql<Hits>(app, SEARCH, { q });
      expect(res.errors).toBeUndefined();
      expect(Array.isArray(res.data!.search)).toBe(true);
    },
  );

  it('filters by kind and ranks exact alias matches first (BlackCat is ALPHV)', async () => {
    const res = await gql<Hits>(app, SEARCH, { q: 'BlackCat', kinds: ['THREAT_ACTOR'] });
    expect(res.data!.search.map((h) => h.entity.kind)).toEqual(res.data!.search.map(() => 'THREAT_ACTOR'));
    expect(res.data!.search[0]?.entity.id).toBe('actor-alphv');
  });

  it('still counts entities after hostile input (nothing was executed)', async () => {
    const [before] = await cypher<{ c: number }>('MATCH (n:Entity) RETURN count(n) AS c');
    await gql(app, SEARCH, { q: 'MATCH (n) DETACH DELETE n' });
    const [after] = await cypher<{ c: number }>('MATCH (n:Entity) RETURN count(n) AS c');
    expect(after!.c).toEqual(before!.c);
  });
});

describe('blastRadius', () => {
  const BLAST = `query($from: ID!, $limit: Int, $asOf: Date) { blastRadius(from: $from, limit: $limit, asOf: $asOf) {
    truncated omitted
    reached { hops confirmed namedBy entity { id } path { length sentences nodes { id } edges { type source target sources } } }
    summary { organizations confirmed potential byKind { key count } incidents individualsAffected figures { count used placeholder incidentId sources { id } } }
    subgraph { nodes { id } edges { id source target sources } truncated omitted } } }`;
  interface Blast {
    blastRadius: {
      truncated: boolean;
      omitted: number;
      reached: { hops: number; confirmed: boolean; namedBy: string[]; entity: { id: string }; path: { length: number; sentences: string[]; nodes: { id: string }[]; edges: { type: string; sources: string[] }[] } }[];
      summary: { organizations: number; confirmed: number; potential: number; incidents: number; individualsAffected: number | null; figures: { count: number | null; used: boolean; placeholder: boolean; incidentId: string; sources: { id: string }[] }[] };
      subgraph: { nodes: { id: string }[]; edges: { id: string; source: string; target: string; sources: string[] }[]; truncated: boolean; omitted: number };
    };
  }

  it('follows a customer relationship only inside its validity at asOf (the bounds read only when some customer relationship is out of them)', async () => {
    const ids = { past: 'org-test-asof-past-customer', future: 'org-test-asof-future-customer' };
    const remove = () => cypher('MATCH (o:Entity) WHERE o.id IN $ids DETACH DELETE o', { ids: Object.values(ids) });
    await remove();
    const reachedIds = async (asOf?: string) => {
      const res = await gql<{ blastRadius: { reached: { entity: { id: string } }[] } }>(
        app,
        'query($asOf: Date) { blastRadius(from: "vendor-oracle-health", limit: 1000, asOf: $asOf) { reached { entity { id } } } }',
        asOf ? { asOf } : {},
      );
      expect(res.errors).toBeUndefined();
      return new Set(res.data!.blastRadius.reached.map((r) => r.entity.id));
    };
    const before = await reachedIds();
    try {
      await cypher(
        `MATCH (v:Entity {id: 'vendor-oracle-health'}), (s:Source) WITH v, s ORDER BY s.id LIMIT 1
         UNWIND [{id: $past, from: '2019-01-01', to: '2021-01-01'}, {id: $future, from: '2999-01-01', to: null}] AS c
         CREATE (o:Entity:Organization:Hospital {id: c.id, kind: 'Hospital', name: c.id, sources: [s.id]})
         CREATE (o)-[:CUSTOMER_OF {id: 'customer-of:' + c.id + ':vendor-oracle-health', sources: [s.id], confidence: 'reported', validFrom: c.from, validTo: c.to}]->(v)`,
        ids,
      );
      const today = await reachedIds();
      expect(today.has(ids.past)).toBe(false);
      expect(today.has(ids.future)).toBe(false);
      expect(today).toEqual(before);
      const in2020 = await reachedIds('2020-06-01');
      expect(in2020.has(ids.past)).toBe(true);
      expect(in2020.has(ids.future)).toBe(false);
      expect((await reachedIds('2018-06-01')).has(ids.past)).toBe(false);
      expect((await reachedIds('2999-06-01')).has(ids.future)).toBe(true);
      // The neighbourhood reads the same bounds the same way.
      const neighbours = async (asOf?: string) => {
        const res = await gql<{ neighborhood: { nodes: { id: string }[] } }>(
          app,
          'query($asOf: Date) { neighborhood(id: "vendor-oracle-health", depth: 1, limit: 2000, asOf: $asOf) { nodes { id } } }',
          asOf ? { asOf } : {},
        );
        expect(res.errors).toBeUndefined();
        return new Set(res.data!.neighborhood.nodes.map((n) => n.id));
      };
      const nowNear = await neighbours();
      expect([nowNear.has(ids.past), nowNear.has(ids.future)]).toEqual([false, false]);
      const near2020 = await neighbours('2020-06-01');
      expect([near2020.has(ids.past), near2020.has(ids.future)]).toEqual([true, false]);
    } finally {
      await remove();
    }
  });

  it('lists every hospital the Oracle Health incident names as affected via the vendor, confirmed, each through vendor-oracle-health', async () => {
    const named = await cypher<{ id: string }>(
      "MATCH (:Incident {id: 'inc-oracle-health-cerner-2025'})-[:AFFECTED {role: 'affected_via_vendor'}]->(o) RETURN o.id AS id",
    );
    expect(named.length).toBe(13);
    const res = await gql<Blast>(app, BLAST, { from: 'inc-oracle-health-cerner-2025' });
    expect(res.errors).toBeUndefined();
    const byId = new Map(res.data!.blastRadius.reached.map((r) => [r.entity.id, r]));
    for (const { id } of named) {
      const hit = byId.get(id);
      expect(hit, id).toBeDefined();
      expect(hit!.confirmed).toBe(true);
      expect(hit!.path.nodes.map((n) => n.id)).toContain('vendor-oracle-health');
      expect(hit!.path.sentences.length).toBe(hit!.path.length);
      for (const sentence of hit!.path.sentences) expect(sentence).toMatch(/ — \S/);
      for (const edge of hit!.path.edges) expect(edge.sources.length).toBeGreaterThan(0);
    }
  });

  it('sums individuals affected from one figure per incident, placeholders flagged and left out', async () => {
    const res = await gql<Blast>(app, BLAST, { from: 'inc-oracle-health-cerner-2025' });
    const { summary } = res.data!.blastRadius;
    const used = summary.figures.filter((f) => f.used);
    expect(used.length).toBe(summary.incidents);
    expect(summary.individualsAffected).toBe(used.reduce((t, f) => t + f.count!, 0));
    const placeholder = summary.figures.find((f) => f.count === 501);
    expect(placeholder?.placeholder).toBe(true);
    expect(placeholder?.used).toBe(false);
    for (const f of summary.figures.filter((x) => x.count !== null)) expect(f.sources.length).toBeGreaterThan(0);
    expect(summary.confirmed + summary.potential).toBe(summary.organizations);
  });

  it('cuts at limit, says so, and keeps the summary over everything reached', async () => {
    const full = await gql<Blast>(app, BLAST, { from: 'inc-oracle-health-cerner-2025' });
    const cut = await gql<Blast>(app, BLAST, { from: 'inc-oracle-health-cerner-2025', limit: 5 });
    const total = full.data!.blastRadius.summary.organizations;
    expect(full.data!.blastRadius.truncated).toBe(false);
    expect(cut.data!.blastRadius.reached.length).toBe(5);
    expect(cut.data!.blastRadius.truncated).toBe(true);
    expect(cut.data!.blastRadius.omitted).toBe(total - 5);
    expect(cut.data!.blastRadius.summary.organizations).toBe(total);
    // Confirmed come first.
    expect(cut.data!.blastRadius.reached.every((r) => r.confirmed)).toBe(true);
  });

  it('reads the sources its path steps and summary figures cite in one cached read: asked again, nothing is read from Neo4j', async () => {
    const { app: counted, reads } = countingApp(db);
    const STEPS = `query($from: ID!) { blastRadius(from: $from) { reached { path { sentences steps { sentence relationship { sources } citations { id title url dataset } } } }
      summary { figures { count sources { id title url dataset } } } } }`;
    type Steps = {
      blastRadius: {
        summary: { figures: { count: number | null; sources: { id: string; url: string | null; dataset: string | null }[] }[] };
        reached: { path: { sentences: string[]; steps: { sentence: string; relationship: { sources: string[] }; citations: { id: string; url: string | null; dataset: string | null }[] }[] } }[];
      };
    };
    const answers: unknown[] = [];
    for (const round of [1, 2]) {
      reads.length = 0;
      const before = db.cacheStats()!;
      const res = await gql<Steps>(counted, STEPS, { from: 'vendor-oracle-health' });
      expect(res.errors).toBeUndefined();
      answers.push(res.data);
      expect(reads, `round ${round}`).toEqual(['blast-radius@3', 'cited-sources']);
      const after = db.cacheStats()!;
      // The second time, both answers come from the cache: no Neo4j read but the bookmark's.
      if (round === 2) expect(after.hits - before.hits).toBe(2);
      const { reached, summary } = res.data!.blastRadius;
      expect(reached.length).toBeGreaterThan(10);
      for (const { path } of reached) {
        expect(path.steps.map((s) => s.sentence)).toEqual(path.sentences);
        for (const step of path.steps) {
          expect(step.citations.length).toBeGreaterThan(0);
          // Every citation is one of the hop's sources, and resolves to a URL or a dataset file.
          for (const c of step.citations) {
            expect(step.relationship.sources).toContain(c.id);
            expect(c.url ?? c.dataset).toBeTruthy();
          }
        }
      }
      const figures = summary.figures.filter((f) => f.count !== null);
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) {
        expect(f.sources.length).toBeGreaterThan(0);
        for (const src of f.sources) expect(src.url ?? src.dataset).toBeTruthy();
      }
    }
    expect(answers[1]).toEqual(answers[0]);
  });

  it('draws a subgraph whose every edge joins two of its nodes and cites a source', async () => {
    const res = await gql<Blast>(app, BLAST, { from: 'inc-oracle-health-cerner-2025' });
    const sg = res.data!.blastRadius.subgraph;
    const ids = new Set(sg.nodes.map((n) => n.id));
    expect(ids.size).toBe(sg.nodes.length);
    for (const e of sg.edges) {
      expect(ids.has(e.source) && ids.has(e.target), e.id).toBe(true);
      expect(e.sources.length).toBeGreaterThan(0);
    }
  });

  it('follows ownership as of a date: before the acquisition closed, Oracle does not own Cerner', async () => {
    const today = await gql<Blast>(app, BLAST, { from: 'vendor-oracle-health' });
    const before = await gql<Blast>(app, BLAST, { from: 'vendor-oracle-health', asOf: '2021-06-30' });
    expect(today.data!.blastRadius.reached.map((r) => r.entity.id)).toContain('vendor-oracle');
    expect(before.data!.blastRadius.reached.map((r) => r.entity.id)).not.toContain('vendor-oracle');
  });

  it('does not follow relationships that have ended: Siemens sold Siemens Health Services to Cerner in 2015', async () => {
    const today = await gql<Blast>(app, BLAST, { from: 'vendor-oracle-health' });
    const then = await gql<Blast>(app, BLAST, { from: 'vendor-oracle-health', asOf: '2014-06-30' });
    const ids = (b: typeof today) => b.data!.blastRadius.reached.map((r) => r.entity.id);
    expect(ids(today)).not.toContain('org-siemens-ag');
    // Before the sale Siemens Health Services was not yet Cerner's, so neither is reached.
    expect(ids(then)).not.toContain('vendor-siemens-health-services');
  });

  it('refuses an origin that is neither incident nor vendor, and an unknown one', async () => {
    expect((await gql(app, BLAST, { from: 'actor-andrew' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql(app, BLAST, { from: 'no-such-id' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('paths', () => {
  it('explains how "Andrew" is connected to Oracle: the incident, Oracle Health and the acquisition, each hop cited', async () => {
    const res = await gql<{ paths: { length: number; sentences: string[]; nodes: { id: string }[] }[] }>(
      app,
      '{ paths(from: "actor-andrew", to: "vendor-oracle") { length sentences nodes { id } } }',
    );
    expect(res.errors).toBeUndefined();
    const paths = res.data!.paths;
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.nodes[0]!.id).toBe('actor-andrew');
      expect(p.nodes.at(-1)!.id).toBe('vendor-oracle');
      expect(p.sentences.length).toBe(p.length);
    }
    const viaAcquisition = paths.find((p) => p.sentences.some((s) => /Oracle Corporation acquired Oracle Health, closed 8 June 2022 — /.test(s)));
    expect(viaAcquisition).toBeDefined();
    expect(viaAcquisition!.nodes.map((n) => n.id)).toEqual(['actor-andrew', 'inc-oracle-health-cerner-2025', 'vendor-oracle-health', 'vendor-oracle']);
  });
});

describe('neighborhood', () => {
  const NBH = 'query($id: ID!, $depth: Int, $asOf: Date, $limit: Int) { neighborhood(id: $id, depth: $depth, asOf: $asOf, limit: $limit) { truncated omitted nodes { id kind hops } edges { id source target type sources } } }';
  type Nbh = { neighborhood: { truncated: boolean; omitted: number; nodes: { id: string; hops: number }[]; edges: { source: string; target: string; sources: string[] }[] } };

  it('changes topology with asOf: Oracle is a neighbour of Oracle Health today, not in 2021', async () => {
    const today = await gql<Nbh>(app, NBH, { id: 'vendor-oracle-health' });
    const then = await gql<Nbh>(app, NBH, { id: 'vendor-oracle-health', asOf: '2021' });
    expect(today.data!.neighborhood.nodes.map((n) => n.id)).toContain('vendor-oracle');
    expect(then.data!.neighborhood.nodes.map((n) => n.id)).not.toContain('vendor-oracle');
    // Incidents after the date are not reached either.
    expect(then.data!.neighborhood.nodes.map((n) => n.id)).not.toContain('inc-oracle-health-cerner-2025');
  });

  it('caps nodes with truncated/omitted, and every edge joins returned nodes', async () => {
    const res = await gql<Nbh>(app, NBH, { id: 'vendor-oracle-health', depth: 2, limit: 10 });
    const n = res.data!.neighborhood;
    expect(n.nodes.length).toBe(11);
    expect(n.truncated).toBe(true);
    expect(n.omitted).toBeGreaterThan(0);
    const ids = new Set(n.nodes.map((x) => x.id));
    for (const e of n.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(Math.max(...n.nodes.map((x) => x.hops))).toBeLessThanOrEqual(2);
  });
});

describe('paging and ranking', () => {
  const PAGE = 'query($after: String, $o: IncidentOrder) { incidents(first: 5, after: $after, orderBy: $o) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }';
  type Incidents = { incidents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] } };

  async function walk(order: Record<string, string>, between?: (page: number) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: Awaited<ReturnType<typeof gql<Incidents>>> = await gql<Incidents>(app, PAGE, { after, o: order });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.incidents.edges.map((e) => e.node.id));
      if (!res.data!.incidents.pageInfo.hasNextPage) return seen;
      after = res.data!.incidents.pageInfo.endCursor;
      await between?.(page);
    }
    throw new Error('paging did not end');
  }

  it.each([
    { field: 'DATE', direction: 'DESC' },
    { field: 'DATE', direction: 'ASC' },
    { field: 'INDIVIDUALS_AFFECTED', direction: 'DESC' },
  ])('returns every incident exactly once, ordered by %o', async (order) => {
    const [{ c }] = (await cypher<{ c: number }>('MATCH (n:Incident) RETURN count(n) AS c')) as [{ c: number }];
    const seen = await walk(order);
    expect(seen.length).toBe(c);
    expect(new Set(seen).size).toBe(c);
  });

  it('returns every existing incident exactly once while another client inserts incidents between pages', async () => {
    const original = (await cypher<{ id: string }>('MATCH (n:Incident) RETURN n.id AS id')).map((r) => r.id);
    try {
      const seen = await walk({ field: 'DATE', direction: 'DESC' }, async (page) => {
        await cypher(
          "CREATE (:Entity:Incident {id: $id, kind: 'INCIDENT', name: 'paging probe', date: $date, sources: ['src-dhn-oracle-health-2025'], aliases: [], aliasText: ''})",
          { id: `inc-paging-probe-${page}`, date: page % 2 === 0 ? '2030-01-01' : '2001-01-01' },
        );
      });
      for (const id of original) expect(seen.filter((s) => s === id).length, id).toBe(1);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      await cypher("MATCH (n:Incident) WHERE n.id STARTS WITH 'inc-paging-probe-' DETACH DELETE n");
    }
  });

  it('ranks vendors by individuals affected with Change Healthcare first, and pages them exactly once', async () => {
    const res = await gql<{ vendors: { totalCount: number; edges: { node: { vendor: { id: string }; individualsAffected: number } }[] } }>(
      app,
      '{ vendors(orderBy: {field: INDIVIDUALS_AFFECTED, direction: DESC}, first: 5) { totalCount edges { node { vendor { id } individualsAffected } } } }',
    );
    const edges = res.data!.vendors.edges;
    expect(edges[0]!.node.vendor.id).toBe('vendor-change-healthcare');
    for (let i = 1; i < edges.length; i++) expect(edges[i - 1]!.node.individualsAffected).toBeGreaterThanOrEqual(edges[i]!.node.individualsAffected);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: { vendors: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { vendor: { id: string } } }[] } } } = await gql(
        app,
        'query($after: String) { vendors(first: 7, after: $after, orderBy: {field: NAME, direction: ASC}) { pageInfo { hasNextPage endCursor } edges { node { vendor { id } } } } }',
        { after },
      );
      seen.push(...page.data!.vendors.edges.map((e) => e.node.vendor.id));
      if (!page.data!.vendors.pageInfo.hasNextPage) break;
      after = page.data!.vendors.pageInfo.endCursor;
    }
    expect(seen.length).toBe(res.data!.vendors.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    { byIndividuals: false, descending: true },
    { byIndividuals: false, descending: false },
    { byIndividuals: true, descending: true },
    { byIndividuals: true, descending: false },
  ])('reads unfiltered pages in index order with the same rows and keys as the filtered statement (%o)', async (order) => {
    // Two probes without date or figure: index order must put them where the computed key does.
    await cypher(
      "UNWIND ['inc-index-probe-a', 'inc-index-probe-b'] AS id CREATE (:Entity:Incident {id: id, kind: 'INCIDENT', name: 'index probe', sources: ['src-dhn-oracle-health-2025'], aliases: [], aliasText: ''})",
    );
    try {
      const noFilter = { from: null, to: null, country: null, vendor: null, actor: null, incidentType: null, minIndividuals: null };
      type Page = { totalCount: number; rows: { node: { id: string }; key: number }[] };
      let cursor = { afterKey: null as number | null, afterId: null as string | null };
      let pages = 0;
      for (;;) {
        const [filtered] = await db.read<Page>('incidents-page', { ...noFilter, ...order, ...cursor, first: 7 });
        const [all] = await db.read<Page>('incidents-page-all', { ...order, ...cursor, first: 7 });
        expect(all!.totalCount).toBe(filtered!.totalCount);
        expect(all!.rows.map((r) => [r.node.id, r.key])).toEqual(filtered!.rows.map((r) => [r.node.id, r.key]));
        pages++;
        if (filtered!.rows.length <= 7) break;
        const last = filtered!.rows[6]!;
        cursor = { afterKey: last.key, afterId: last.node.id };
      }
      expect(pages).toBeGreaterThan(3);
    } finally {
      await cypher("MATCH (n:Incident) WHERE n.id STARTS WITH 'inc-index-probe-' DETACH DELETE n");
    }
  });

  it('refuses a cursor made for another ordering', async () => {
    const first = await gql<Incidents>(app, PAGE, { o: { field: 'DATE', direction: 'DESC' } });
    const res = await gql(app, PAGE, { after: first.data!.incidents.pageInfo.endCursor, o: { field: 'INDIVIDUALS_AFFECTED', direction: 'DESC' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('filters and directions', () => {
  it('filters the timeline with the same filter as incidents', async () => {
    const filter = { incidentType: 'ransomware', minIndividualsAffected: 1_000_000 };
    const inc = await gql<{ incidents: { totalCount: number } }>(app, 'query($f: IncidentFilter) { incidents(filter: $f) { totalCount } }', { f: filter });
    const tl = await gql<{ timeline: { incidents: number }[] }>(app, 'query($f: IncidentFilter) { timeline(bucket: YEAR, filter: $f) { incidents } }', { f: filter });
    const all = await gql<{ timeline: { incidents: number }[] }>(app, '{ timeline(bucket: YEAR) { incidents } }');
    const sum = (t: { incidents: number }[]) => t.reduce((a, b) => a + b.incidents, 0);
    expect(inc.data!.incidents.totalCount).toBeGreaterThan(0);
    expect(sum(tl.data!.timeline)).toBe(inc.data!.incidents.totalCount);
    expect(sum(all.data!.timeline)).toBeGreaterThan(sum(tl.data!.timeline));
  });

  it('pages relationships by direction before the cap, with a total for that direction', async () => {
    type Rels = { node: { relationships: { totalCount: number; items: { direction: string; from: { id: string } }[] } } };
    const q = 'query($d: Direction, $n: Int) { node(id: "vendor-oracle-health") { relationships(direction: $d, first: $n) { totalCount items { direction from { id } } } } }';
    const out = await gql<Rels>(app, q, { d: 'OUT', n: 500 });
    const both = await gql<Rels>(app, q, { d: 'BOTH', n: 500 });
    const outFew = await gql<Rels>(app, q, { d: 'OUT', n: 2 });
    const outItems = out.data!.node.relationships.items;
    expect(outItems.length).toBe(out.data!.node.relationships.totalCount);
    expect(outItems.every((r) => r.direction === 'OUT' && r.from.id === 'vendor-oracle-health')).toBe(true);
    expect(both.data!.node.relationships.totalCount).toBeGreaterThan(outItems.length);
    expect(outFew.data!.node.relationships.items.length).toBe(Math.min(2, outItems.length));
  });

  it('ranks vendors by name in both directions', async () => {
    const q = 'query($d: OrderDirection) { vendors(first: 100, orderBy: {field: NAME, direction: $d}) { edges { node { vendor { name } } } } }';
    const asc = (await gql<{ vendors: { edges: { node: { vendor: { name: string } } }[] } }>(app, q, { d: 'ASC' })).data!.vendors.edges.map((e) => e.node.vendor.name.toLowerCase());
    const desc = (await gql<{ vendors: { edges: { node: { vendor: { name: string } } }[] } }>(app, q, { d: 'DESC' })).data!.vendors.edges.map((e) => e.node.vendor.name.toLowerCase());
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...asc].reverse());
  });

  it('answers NOT_FOUND for paths from or to an unknown id', async () => {
    expect((await gql(app, '{ paths(from: "nope", to: "vendor-oracle") { length } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(app, '{ paths(from: "vendor-oracle", to: "nope") { length } }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('bounds and codes', () => {
  it.each([
    ['{ neighborhood(id: "vendor-oracle", depth: 50) { omitted } }', 'depth', 3],
    ['{ incidents(first: 100000) { totalCount } }', 'first', 100],
    ['{ blastRadius(from: "vendor-oracle", maxHops: 9) { omitted } }', 'maxHops', 4],
    ['{ search(query: "x", first: 0) { score } }', 'first', 100],
    ['{ paths(from: "a", to: "b", maxHops: 7) { length } }', 'maxHops', 6],
  ])('%s → BAD_USER_INPUT naming the allowed range', async (query, argument, max) => {
    const res = await gql(app, query);
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.argument).toBe(argument);
    expect(error?.extensions?.max).toBe(max);
    expect(error?.message).toMatch(new RegExp(`${argument} must be between \\d+ and ${max}`));
  });
});

describe('writes', () => {
  const TOKEN = 'integration-test-token-0123456789';
  const UPSERT = 'mutation($i: EntityInput!) { upsertEntity(input: $i) { id kind name sources { id } } }';
  const input = { id: 'org-write-test', kind: 'ORGANIZATION', name: 'Write Test Hospital', sources: [{ url: 'https://example.org/write-test', title: 'Write test' }] };

  function writer(token?: string): App {
    return createApp({ db, config: { graphiql: false, env: 'test', apiToken: TOKEN }, logError: () => undefined }) as App & { __token?: string };
    void token;
  }

  async function call(appWithToken: App, body: unknown, token?: string) {
    const res = await appWithToken.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { data?: { upsertEntity?: { id: string } }; errors?: { extensions?: { code?: string } }[] };
  }

  afterAll(async () => {
    await cypher("MATCH (n:Entity {id: 'org-write-test'}) DETACH DELETE n");
    await cypher("MATCH (e:Edit {target: 'org-write-test'}) DELETE e");
    await cypher("MATCH (s:Source) WHERE s.id STARTS WITH 'src-url-' AND s.url = 'https://example.org/write-test' DETACH DELETE s");
  });

  it('refuses writes without the token, with a wrong token, and when the server has no token', async () => {
    const w = writer();
    expect((await call(w, { query: UPSERT, variables: { i: input } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(w, { query: UPSERT, variables: { i: input } }, 'not-the-token-at-all-000')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(app, { query: UPSERT, variables: { i: input } }, TOKEN)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const [{ c }] = (await cypher<{ c: number }>("MATCH (n:Entity {id: 'org-write-test'}) RETURN count(n) AS c")) as [{ c: number }];
    expect(c).toBe(0);
  });

  it('with the token: refuses a write without a source, accepts one with a source and records the edit', async () => {
    const w = writer();
    expect((await call(w, { query: UPSERT, variables: { i: { ...input, sources: [] } } }, TOKEN)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await call(w, { query: UPSERT, variables: { i: input } }, TOKEN);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.upsertEntity?.id).toBe('org-write-test');
    const edits = await cypher<{ actor: string; input: string }>("MATCH (e:Edit {target: 'org-write-test'}) RETURN e.actor AS actor, e.input AS input");
    expect(edits.length).toBe(1);
    expect(edits[0]!.actor).toBe('api-token');
    expect(edits[0]!.input).not.toContain(TOKEN);
  });
});
