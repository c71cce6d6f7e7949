// The API's contract with its readers, through yoga.fetch against the real test Neo4j holding the seed: the
// model's must-shows (counts, the Oracle–Cerner deal, the Oracle Health incident), provenance on every kind of
// entity, what blastRadius `follow` follows, batched reads (no N+1), the write rules of upsertRelationship and
// keyset paging while another client writes. Expected figures come from seed/ itself wherever they can.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { SEED_DIR } from '../../server/seed/load.ts';
import { readSeed } from '../../server/seed/validate.ts';
import type { Seed } from '../../server/seed/format.ts';
import { countingApp, cypherRows, gql, testApp, testDb, type GqlResult } from '../helpers.ts';

let db: Db;
let app: App;
const seed: Seed = readSeed(SEED_DIR);
const seedNodes = Object.values(seed.nodes).flat();
const seedRelationships = Object.values(seed.relationships).flat();

beforeAll(() => {
  db = testDb();
  app = testApp(db);
});
afterAll(async () => {
  await db.close();
});

const cypher = <T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}) => cypherRows<T>(db, query, params);

function ok<T>(res: GqlResult<T>): T {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data).toBeDefined();
  return res.data!;
}

function countBy<T>(items: T[], keys: (item: T) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) for (const key of keys(item)) out[key] = (out[key] ?? 0) + 1;
  return out;
}

interface SourceRef {
  id: string;
  url: string | null;
}

// ---------------------------------------------------------------------------------------------
// 1. The model's must-shows.

describe('the model, through GraphQL', () => {
  // Runs first in this file, before any test here writes; every writer below cleans up after itself.
  it('stats counts exactly the nodes by label and relationships by type that seed/ holds', async () => {
    const expectedNodes = countBy(seedNodes, (n) => n.labels);
    const expectedRels = countBy(seedRelationships, (r) => [r.type]);
    // The figures the model documents (seed/README.md, docs/api.md), so a seed that drifts from them is noticed.
    expect(expectedNodes).toMatchObject({ Incident: 36, Organization: 133, Vendor: 34, Product: 27, ThreatActor: 18, Vulnerability: 13, Source: 220 });
    expect(seed.nodes['nodes/organization.json']!.length + seed.nodes['nodes/vendor.json']!.length).toBe(expectedNodes.Organization);
    expect(expectedRels.ACQUIRED).toBe(14);

    const { stats } = ok(await gql<{ stats: { nodes: { key: string; count: number }[]; relationships: { key: string; count: number }[] } }>(
      app,
      '{ stats { nodes { key count } relationships { key count } } }',
    ));
    const nodes = Object.fromEntries(stats.nodes.map((c) => [c.key, c.count]));
    const rels = Object.fromEntries(stats.relationships.map((c) => [c.key, c.count]));
    for (const [label, count] of Object.entries(expectedNodes)) expect(nodes[label], label).toBe(count);
    for (const [type, count] of Object.entries(expectedRels)) expect(rels[type], type).toBe(count);
    expect(nodes.Entity).toBe(seedNodes.length);
  });

  it('relationship(acq-oracle-cerner): announced 2021-12-20, closed 2022-06-08, exactly the three reported prices, each cited', async () => {
    type Deal = {
      relationship: {
        type: string;
        from: { id: string };
        to: { id: string };
        validFrom: string | null;
        sources: SourceRef[];
        acquisition: {
          announced: { value: string; precision: string | null } | null;
          closed: { value: string; precision: string | null } | null;
          prices: { amount: number | null; currency: string | null; sources: SourceRef[] }[];
        } | null;
      } | null;
    };
    const data = ok(await gql<Deal>(
      app,
      `{ relationship(id: "acq-oracle-cerner") { type from { id } to { id } validFrom sources { id url }
         acquisition { announced { value precision } closed { value precision } prices { amount currency sources { id url } } } } }`,
    ));
    const rel = data.relationship!;
    expect(rel).not.toBeNull();
    expect(rel).toMatchObject({ type: 'ACQUIRED', from: { id: 'vendor-oracle' }, to: { id: 'vendor-oracle-health' }, validFrom: '2022-06-08' });
    expect(rel.acquisition!.announced).toEqual({ value: '2021-12-20', precision: 'day' });
    expect(rel.acquisition!.closed).toEqual({ value: '2022-06-08', precision: 'day' });
    const prices = rel.acquisition!.prices;
    expect(prices.map((p) => p.amount).sort()).toEqual([28.0e9, 28.3e9, 28.5e9]);
    for (const p of prices) {
      expect(p.currency).toBe('USD');
      expect(p.sources.length, String(p.amount)).toBeGreaterThan(0);
      for (const s of p.sources) expect(s.url, s.id).toMatch(/^https?:\/\//);
    }
    expect(rel.sources.length).toBeGreaterThan(0);
  });

  it('node(inc-oracle-health-cerner-2025): one breached vendor, the 13 hospitals affected via vendor, Andrew as reported by media, every figure cited', async () => {
    type Rel = { type: string; role: string | null; attribution: string | null; confidence: string | null; direction: string; other: { id: string; kind: string } };
    type Figure = { count: number | null; unit: string | null; reportedBy: string | null; placeholder: boolean; sources: SourceRef[] };
    const data = ok(await gql<{ node: { kind: string; individualsAffected: Figure[]; relationships: { totalCount: number; truncated: boolean; items: Rel[] } } | null }>(
      app,
      `{ node(id: "inc-oracle-health-cerner-2025") { kind
         ... on Incident { individualsAffected { count unit reportedBy placeholder sources { id url } } }
         relationships(types: ["AFFECTED", "ATTRIBUTED_TO"], direction: OUT, first: 500) {
           totalCount truncated items { type role attribution confidence direction other { id kind } } } } }`,
    ));
    const node = data.node!;
    expect(node.kind).toBe('INCIDENT');
    expect(node.relationships.truncated).toBe(false);
    const items = node.relationships.items;
    const affected = items.filter((r) => r.type === 'AFFECTED');
    const breached = affected.filter((r) => r.role === 'breached_vendor');
    expect(breached.map((r) => r.other.id)).toEqual(['vendor-oracle-health']);
    const viaVendor = affected.filter((r) => r.role === 'affected_via_vendor');
    // The seed says which 13; the API must return exactly those.
    const seeded = seed.relationships['relationships/AFFECTED.json']!
      .filter((r) => r.from === 'inc-oracle-health-cerner-2025' && r.props.role === 'affected_via_vendor')
      .map((r) => r.to)
      .sort();
    expect(seeded.length).toBe(13);
    expect(viaVendor.map((r) => r.other.id).sort()).toEqual(seeded);
    for (const r of viaVendor) expect(r.other.kind).toBe('ORGANIZATION');

    const attributed = items.filter((r) => r.type === 'ATTRIBUTED_TO');
    expect(attributed.map((r) => [r.other.id, r.attribution])).toEqual([['actor-andrew', 'reported_by_media']]);

    const figures = node.individualsAffected;
    const seededFigures = JSON.parse(String(seedNodes.find((n) => n.id === 'inc-oracle-health-cerner-2025')!.props.figuresJson)) as unknown[];
    expect(figures.length).toBe(seededFigures.length);
    for (const f of figures) {
      expect(f.reportedBy, JSON.stringify(f)).toBeTruthy();
      expect(f.sources.length, f.reportedBy!).toBeGreaterThan(0);
      for (const s of f.sources) expect(s.url, s.id).toMatch(/^https?:\/\//);
    }
    const placeholders = figures.filter((f) => f.placeholder);
    expect(placeholders.map((f) => f.count)).toEqual([501]);
    expect(figures.filter((f) => f.count === 501).every((f) => f.placeholder)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Provenance on every kind of entity.

describe('node(id) for every kind in the seed', () => {
  const kindOfFile: Record<string, string> = {
    'nodes/organization.json': 'ORGANIZATION',
    'nodes/vendor.json': 'VENDOR',
    'nodes/product.json': 'PRODUCT',
    'nodes/incident.json': 'INCIDENT',
    'nodes/threat-actor.json': 'THREAT_ACTOR',
    'nodes/vulnerability.json': 'VULNERABILITY',
    'nodes/source.json': 'SOURCE',
  };
  // For each kind: its first node in the seed that has relationships, so the relationship checks bite.
  const related = new Set(seedRelationships.flatMap((r) => [r.from, r.to]));
  const cases = Object.entries(seed.nodes).map(([file, nodes]) => {
    const kind = kindOfFile[file];
    const node = nodes.find((n) => related.has(n.id)) ?? nodes[0]!;
    return { file, kind, id: node.id };
  });

  it('covers every node file of the seed', () => {
    expect(cases.map((c) => c.kind).sort()).toEqual(Object.values(kindOfFile).sort());
  });

  it.each(cases)('$kind $id: right kind, cited, every relationship cited with a URL and a confidence', async ({ kind, id }) => {
    type Rel = { id: string; sentence: string; confidence: string | null; attribution: string | null; sources: SourceRef[]; other: { id: string } };
    const data = ok(await gql<{ node: { id: string; kind: string; sources: SourceRef[]; relationships: { totalCount: number; truncated: boolean; items: Rel[] } } | null }>(
      app,
      `query($id: ID!) { node(id: $id) { id kind sources { id ... on Source { url } }
         relationships(first: 500) { totalCount truncated items { id sentence confidence attribution sources { id url } other { id } } } } }`,
      { id },
    ));
    const node = data.node!;
    expect(node).not.toBeNull();
    expect(node.kind).toBe(kind);
    if (kind === 'SOURCE') expect(node.sources).toEqual([]);
    else {
      expect(node.sources.length).toBeGreaterThan(0);
      for (const s of node.sources) expect(s.url, s.id).toMatch(/^https?:\/\//);
    }
    const expected = seedRelationships.filter((r) => r.from === id || r.to === id).length;
    expect(node.relationships.totalCount).toBe(expected);
    expect(node.relationships.items.length).toBe(Math.min(expected, 500));
    expect(expected).toBeGreaterThan(0);
    for (const r of node.relationships.items) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.sources.some((s) => /^https?:\/\//.test(s.url ?? '')), r.id).toBe(true);
      expect(r.confidence ?? r.attribution, r.id).toBeTruthy();
      expect(r.sentence.length, r.id).toBeGreaterThan(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. blastRadius `follow`.

describe('blastRadius follow', () => {
  const BLAST = `query($from: ID!, $follow: [ExposureEdge!], $asOf: Date) { blastRadius(from: $from, follow: $follow, asOf: $asOf) {
    incidents { id }
    summary { organizations confirmed potential }
    reached { confirmed hops entity { id } path { nodes { id } edges { type } } } } }`;
  interface Blast {
    blastRadius: {
      incidents: { id: string }[];
      summary: { organizations: number; confirmed: number; potential: number };
      reached: { confirmed: boolean; hops: number; entity: { id: string }; path: { nodes: { id: string }[]; edges: { type: string }[] } }[];
    };
  }
  const FOLLOWED: Record<string, string[]> = { SUPPLIER: ['MAKES', 'USES', 'CUSTOMER_OF', 'BUSINESS_ASSOCIATE_OF'], OWNERSHIP: ['ACQUIRED', 'PART_OF'], MEMBERSHIP: ['PART_OF'] };
  const customers = seed.relationships['relationships/CUSTOMER_OF.json']!.filter((r) => r.to === 'vendor-oracle-health').map((r) => r.from).sort();

  async function blast(from: string, follow: string[] | null, asOf?: string) {
    return ok(await gql<Blast>(app, BLAST, { from, follow, asOf })).blastRadius;
  }

  it('the seed gives Oracle Health customers to test with', () => {
    expect(customers.length).toBeGreaterThan(5);
  });

  // Late 2024: Oracle owns Cerner (since June 2022) and the 2025 breach has not happened, so no incident names
  // anyone and only the followed edges can reach an organisation.
  it('OWNERSHIP reaches the owner, Oracle, and none of the customers (late 2024, before the breach)', async () => {
    const b = await blast('vendor-oracle-health', ['OWNERSHIP'], '2024-12-31');
    expect(b.incidents).toEqual([]);
    const ids = b.reached.map((r) => r.entity.id);
    expect(ids).toContain('vendor-oracle');
    for (const c of customers) expect(ids, c).not.toContain(c);
    const oracle = b.reached.find((r) => r.entity.id === 'vendor-oracle')!;
    expect(oracle.hops).toBe(1);
    expect(FOLLOWED.OWNERSHIP).toContain(oracle.path.edges[0]!.type);
  });

  it('SUPPLIER reaches every customer and not the owner (late 2024, before the breach)', async () => {
    const b = await blast('vendor-oracle-health', ['SUPPLIER'], '2024-12-31');
    const ids = b.reached.map((r) => r.entity.id);
    for (const c of customers) expect(ids, c).toContain(c);
    expect(ids).not.toContain('vendor-oracle');
    for (const r of b.reached) {
      expect(r.confirmed).toBe(false);
      for (const e of r.path.edges) expect(FOLLOWED.SUPPLIER, r.entity.id).toContain(e.type);
    }
  });

  it.each(['SUPPLIER', 'OWNERSHIP', 'MEMBERSHIP'])('today, follow:[%s] explains every organisation through that edge kind or through the incident that names it', async (kind) => {
    const b = await blast('vendor-oracle-health', [kind]);
    expect(b.incidents.map((i) => i.id)).toEqual(['inc-oracle-health-cerner-2025']);
    for (const r of b.reached) {
      const types = r.path.edges.map((e) => e.type);
      if (types.every((t) => t === 'AFFECTED')) {
        // Named by the breach: confirmed whatever is followed, explained through the incident.
        expect(r.confirmed, r.entity.id).toBe(true);
        expect(r.path.nodes.map((n) => n.id)).toContain('inc-oracle-health-cerner-2025');
      } else {
        for (const t of types) expect(FOLLOWED[kind], `${r.entity.id} via ${types.join(',')}`).toContain(t);
      }
    }
    const viaEdges = (id: string) => b.reached.find((r) => r.entity.id === id)?.path.edges.map((e) => e.type) ?? [];
    if (kind === 'OWNERSHIP') {
      expect(viaEdges('vendor-oracle')).toEqual(['ACQUIRED']);
      // Customers come only as named victims, never along CUSTOMER_OF.
      for (const c of customers) expect(viaEdges(c), c).not.toContain('CUSTOMER_OF');
    }
    if (kind === 'SUPPLIER') {
      for (const c of customers) expect(viaEdges(c), c).toEqual(['CUSTOMER_OF']);
      // Oracle is named by the incident (parent of the breached vendor), not reached through ownership.
      expect(viaEdges('vendor-oracle')).toEqual(['AFFECTED', 'AFFECTED']);
    }
  });

  describe('MEMBERSHIP', () => {
    // The seed's one health system that is a vendor's customer, Centene (customer of Accellion), has as its only
    // member Health Net, itself a direct customer; so a member reachable only through membership is added here.
    const parent = 'org-centene';
    const member = 'org-contract-probe-member';
    beforeAll(async () => {
      const partOf = seed.relationships['relationships/PART_OF.json']!.filter((r) => r.to === parent);
      expect(partOf.length).toBeGreaterThan(0);
      await cypher(
        `MATCH (p:Entity {id: $parent})
         CREATE (m:Entity:Organization:Hospital {id: $member, kind: 'ORGANIZATION', name: 'Contract probe member hospital', sources: ['src-dhn-oracle-health-2025'], aliases: [], aliasText: ''})
         CREATE (m)-[:PART_OF {id: 'part-of:' + $member + ':' + $parent, sources: ['src-dhn-oracle-health-2025'], confidence: 'reported'}]->(p)`,
        { parent, member },
      );
    });
    afterAll(async () => {
      await cypher('MATCH (m:Entity {id: $member}) DETACH DELETE m', { member });
    });

    it('reaches a health system’s members only when MEMBERSHIP is followed, through PART_OF', async () => {
      const accellionCustomers = seed.relationships['relationships/CUSTOMER_OF.json']!.filter((r) => r.to === 'vendor-accellion').map((r) => r.from);
      expect(accellionCustomers).toContain(parent);
      const without = await blast('vendor-accellion', ['SUPPLIER']);
      const withMembers = await blast('vendor-accellion', ['SUPPLIER', 'MEMBERSHIP']);
      expect(without.reached.map((r) => r.entity.id)).not.toContain(member);
      const hit = withMembers.reached.find((r) => r.entity.id === member);
      expect(hit).toBeDefined();
      expect(hit!.confirmed).toBe(false);
      expect(hit!.hops).toBe(2);
      expect(hit!.path.nodes.map((n) => n.id)).toEqual(['vendor-accellion', parent, member]);
      expect(hit!.path.edges.map((e) => e.type)).toEqual(['CUSTOMER_OF', 'PART_OF']);
      expect(withMembers.summary.potential).toBe(without.summary.potential + 1);
      // Membership alone does not cross the supplier edge to Centene.
      expect((await blast('vendor-accellion', ['MEMBERSHIP'])).reached.map((r) => r.entity.id)).not.toContain(member);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 4. No N+1: nested fields are batched.

describe('batched reads', () => {
  const NESTED = `query($first: Int!) { incidents(first: $first) { edges { node { id sources { id }
    relationships { items { other { id } sources { id } } } } } } }`;

  it('reads the same few times for 5 incidents as for 20, relationships and sources included', async () => {
    const counts: Record<number, string[]> = {};
    for (const first of [5, 20]) {
      const { app: counted, reads } = countingApp(db);
      const data = ok(await gql<{ incidents: { edges: { node: { relationships: { items: unknown[] } } }[] } }>(counted, NESTED, { first }));
      expect(data.incidents.edges.length).toBe(first);
      expect(data.incidents.edges.some((e) => e.node.relationships.items.length > 0)).toBe(true);
      counts[first] = reads;
    }
    expect(counts[5]!.length).toBeGreaterThan(0);
    expect(counts[20]!.length, counts[20]!.join(', ')).toBeLessThanOrEqual(5);
    expect(counts[20]!.length, `${counts[5]!.join(', ')} → ${counts[20]!.join(', ')}`).toBe(counts[5]!.length);
    // One statement per level: the page, the relationships of every incident, then the sources of all.
    expect(counts[20]!.filter((n) => n === 'relationships-of').length).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. upsertRelationship's rules.

describe('upsertRelationship', () => {
  const TOKEN = 'contract-test-token-0123456789abcdef';
  const REL_ID = 'contract-test-customer-of';
  const URL = 'https://example.org/contract-test-relationship';
  const UPSERT = 'mutation($i: RelationshipInput!) { upsertRelationship(input: $i) { id type source target sources confidence validFrom attributes } }';
  const input = { id: REL_ID, type: 'CUSTOMER_OF', from: 'org-adventhealth', to: 'vendor-accellion', sources: [{ url: URL, title: 'Contract test' }], validFrom: '2020-01-01' };
  let writer: App;

  type Answer = GqlResult<{ upsertRelationship: { id: string; type: string; source: string; target: string; sources: string[]; confidence: string | null } }>;
  async function call(variables: Record<string, unknown>, token?: string): Promise<Answer> {
    const res = await writer.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: UPSERT, variables }),
    });
    return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
  }
  const code = (a: Answer) => a.errors?.[0]?.extensions?.code;
  const relCount = async (id: string) => (await cypher<{ c: number }>('MATCH ()-[r]->() WHERE r.id = $id RETURN count(r) AS c', { id }))[0]!.c;

  beforeAll(() => {
    writer = createApp({ db, config: { graphiql: false, env: 'test', apiToken: TOKEN }, logError: () => undefined });
  });
  afterAll(async () => {
    await cypher('MATCH ()-[r]->() WHERE r.id STARTS WITH $prefix DELETE r', { prefix: 'contract-test-' });
    await cypher('MATCH (e:Edit) WHERE e.target STARTS WITH $prefix DELETE e', { prefix: 'contract-test-' });
    await cypher("MATCH (s:Source) WHERE s.id STARTS WITH 'src-url-' AND s.url STARTS WITH 'https://example.org/contract-test' DETACH DELETE s");
  });

  it('answers UNAUTHENTICATED without the token, and writes nothing', async () => {
    expect(code(await call({ i: input }))).toBe('UNAUTHENTICATED');
    expect(code(await call({ i: input }, 'wrong-token-wrong-token-wrong'))).toBe('UNAUTHENTICATED');
    expect(await relCount(REL_ID)).toBe(0);
  });

  it('answers BAD_USER_INPUT for sources: [], and NOT_FOUND naming the unknown endpoint', async () => {
    const noSources = await call({ i: { ...input, sources: [] } }, TOKEN);
    expect(code(noSources)).toBe('BAD_USER_INPUT');
    expect(noSources.errors![0]!.extensions!.argument).toBe('input.sources');
    const unknownFrom = await call({ i: { ...input, from: 'org-no-such-entity' } }, TOKEN);
    expect(code(unknownFrom)).toBe('NOT_FOUND');
    expect(unknownFrom.errors![0]!.extensions!.argument).toBe('input.from');
    const unknownTo = await call({ i: { ...input, to: 'vendor-no-such-entity' } }, TOKEN);
    expect(code(unknownTo)).toBe('NOT_FOUND');
    expect(unknownTo.errors![0]!.extensions!.argument).toBe('input.to');
    // Ends of the wrong kinds: a vendor is not a customer of a hospital.
    expect(code(await call({ i: { ...input, from: 'vendor-accellion', to: 'org-adventhealth' } }, TOKEN))).toBe('BAD_USER_INPUT');
    // An id with colons must start with type:from: (how relationship(id) finds it without a scan).
    const oddId = await call({ i: { ...input, id: 'my:own:id' } }, TOKEN);
    expect(code(oddId)).toBe('BAD_USER_INPUT');
    expect(oddId.errors![0]!.extensions!.argument).toBe('input.id');
    expect(await relCount(REL_ID)).toBe(0);
    expect((await cypher<{ c: number }>('MATCH (e:Edit {target: $id}) RETURN count(e) AS c', { id: REL_ID }))[0]!.c).toBe(0);
  });

  it('never logs the token: not on a write, a refused write, a wrong token, nor an unexpected failure', async () => {
    const logged: string[] = [];
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '))),
    );
    try {
      // The server's own logging this time (no logError override), and a database whose writes fail unexpectedly.
      const failing = Object.create(db) as Db;
      failing.writeTx = () => Promise.reject(new Error('disk on fire'));
      const logging = createApp({ db: failing, config: { graphiql: false, env: 'test', apiToken: TOKEN } });
      const post = (token: string, variables: Record<string, unknown>) =>
        logging.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: UPSERT, variables }),
        });
      const wrong = 'wrong-token-wrong-token-wrong-0001';
      const failed = (await (await post(TOKEN, { i: input })).json()) as Answer;
      expect(code(failed)).toBe('INTERNAL_SERVER_ERROR');
      expect(code((await (await post(wrong, { i: input })).json()) as Answer)).toBe('UNAUTHENTICATED');
      expect(code((await (await post(TOKEN, { i: { ...input, sources: [] } })).json()) as Answer)).toBe('BAD_USER_INPUT');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged.join('\n')).toMatch(/disk on fire/); // the unexpected failure was logged…
    expect(logged.join('\n')).not.toContain(TOKEN); // …without the token
    expect(logged.join('\n')).not.toContain('wrong-token-wrong-token');
  });

  it('writes with the token: a GraphEdge with its sources, readable back with a URL, and one Edit', async () => {
    const res = await call({ i: input }, TOKEN);
    const edge = ok(res).upsertRelationship;
    expect(edge).toMatchObject({ id: REL_ID, type: 'CUSTOMER_OF', source: 'org-adventhealth', target: 'vendor-accellion', confidence: 'reported' });
    expect(edge.sources.length).toBe(1);
    expect(edge.sources[0]).toMatch(/^src-url-[0-9a-f]{16}$/);
    expect(await relCount(REL_ID)).toBe(1);

    const back = ok(await gql<{ relationship: { type: string; validFrom: string | null; from: { id: string }; to: { id: string }; sources: SourceRef[] } | null }>(
      app,
      'query($id: ID!) { relationship(id: $id) { type validFrom from { id } to { id } sources { id url } } }',
      { id: REL_ID },
    ));
    expect(back.relationship).toMatchObject({ type: 'CUSTOMER_OF', validFrom: '2020-01-01', from: { id: 'org-adventhealth' }, to: { id: 'vendor-accellion' } });
    expect(back.relationship!.sources).toEqual([{ id: edge.sources[0], url: URL }]);
    const edits = await cypher<{ action: string; actor: string }>('MATCH (e:Edit {target: $id}) RETURN e.action AS action, e.actor AS actor', { id: REL_ID });
    expect(edits).toEqual([{ action: 'upsertRelationship', actor: 'api-token' }]);

    // Writing it again updates the same relationship (merged on its id), not a second one.
    ok(await call({ i: { ...input, confidence: 'verified' } }, TOKEN));
    expect(await relCount(REL_ID)).toBe(1);
  });

  it('does not give an existing id to a second relationship of another type or between other entities', async () => {
    // Reusing an id must update that relationship or be refused; two relationships with one id make
    // relationship(id) answer either of them.
    const res = await call({ i: { ...input, type: 'CUSTOMER_OF', from: 'org-aultman', to: 'vendor-accellion' } }, TOKEN);
    if (!res.errors) expect(await relCount(REL_ID)).toBe(1);
    else expect(code(res)).toBe('BAD_USER_INPUT');
    expect(await relCount(REL_ID)).toBe(1);
    const seeded = await relCount('acq-oracle-cerner');
    const hijack = await call({ i: { id: 'acq-oracle-cerner', type: 'CUSTOMER_OF', from: 'org-adventhealth', to: 'vendor-accellion', sources: [{ url: `${URL}-hijack` }] } }, TOKEN);
    try {
      expect(code(hijack)).toBe('BAD_USER_INPUT');
      expect(await relCount('acq-oracle-cerner')).toBe(seeded);
    } finally {
      await cypher("MATCH ()-[r:CUSTOMER_OF {id: 'acq-oracle-cerner'}]->() DELETE r");
      await cypher("MATCH (e:Edit {target: 'acq-oracle-cerner'}) DELETE e");
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Keyset paging while another client writes.

describe('paging while another client inserts', () => {
  const PAGE = 'query($after: String, $o: IncidentOrder, $f: IncidentFilter) { incidents(first: 5, after: $after, orderBy: $o, filter: $f) { pageInfo { hasNextPage endCursor } edges { node { id } } } }';
  type Page = { incidents: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] } };
  const PREFIX = 'inc-contract-paging-probe-';

  afterAll(async () => {
    await cypher('MATCH (n:Incident) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: PREFIX });
  });

  async function walk(order: Record<string, string>, filter: Record<string, unknown> | null, between: (page: number, lastId: string) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 200; page++) {
      const data: Page = ok(await gql<Page>(app, PAGE, { after, o: order, f: filter }));
      seen.push(...data.incidents.edges.map((e) => e.node.id));
      if (!data.incidents.pageInfo.hasNextPage) return seen;
      after = data.incidents.pageInfo.endCursor;
      await between(page, seen.at(-1)!);
    }
    throw new Error('paging did not end');
  }

  // Between pages: a probe far ahead, one far behind, one without a figure, and one tied with the last row's key
  // on each side of its id, so the cursor's tie-break is exercised too.
  async function insertProbes(page: number, lastId: string): Promise<void> {
    await cypher(
      `MATCH (last:Incident {id: $lastId})
       UNWIND $probes AS p
       CREATE (n:Entity:Incident {id: $prefix + $page + '-' + p.tag, kind: 'INCIDENT', name: 'paging probe',
         sources: ['src-dhn-oracle-health-2025'], aliases: [], aliasText: '', country: ['US']})
       SET n.date = CASE p.tag WHEN 'high' THEN '2031-01-01' WHEN 'low' THEN '1999-01-01' WHEN 'none' THEN null ELSE last.date END,
           n.individualsAffected = CASE p.tag WHEN 'high' THEN 900000000 WHEN 'low' THEN 1 WHEN 'none' THEN null ELSE last.individualsAffected END`,
      { lastId, page: String(page), prefix: PREFIX, probes: [{ tag: 'high' }, { tag: 'low' }, { tag: 'none' }, { tag: 'tie' }] },
    );
    // A tie whose id sorts before every real id ('inc-0…' < 'inc-a…').
    await cypher(
      `MATCH (last:Incident {id: $lastId})
       CREATE (n:Entity:Incident {id: 'inc-0-contract-paging-probe-' + $page, kind: 'INCIDENT', name: 'paging probe', sources: ['src-dhn-oracle-health-2025'], aliases: [], aliasText: '', country: ['US']})
       SET n.date = last.date, n.individualsAffected = last.individualsAffected`,
      { lastId, page: String(page) },
    );
  }

  it.each([
    { order: { field: 'INDIVIDUALS_AFFECTED', direction: 'DESC' }, filter: null },
    { order: { field: 'INDIVIDUALS_AFFECTED', direction: 'ASC' }, filter: null },
    { order: { field: 'INDIVIDUALS_AFFECTED', direction: 'DESC' }, filter: { country: 'US' } },
    { order: { field: 'DATE', direction: 'ASC' }, filter: { country: 'US' } },
  ])('returns every pre-existing incident exactly once, ordered by $order.field $order.direction, filter $filter', async ({ order, filter }) => {
    const country = (filter as { country?: string } | null)?.country;
    const original = (await cypher<{ id: string }>(
      'MATCH (n:Incident) WHERE $country IS NULL OR $country IN n.country RETURN n.id AS id',
      { country: country ?? null },
    )).map((r) => r.id);
    expect(original.length).toBeGreaterThan(10);
    try {
      const seen = await walk(order, filter, insertProbes);
      for (const id of original) expect(seen.filter((s) => s === id).length, id).toBe(1);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      await cypher("MATCH (n:Incident) WHERE n.id STARTS WITH $prefix OR n.id STARTS WITH 'inc-0-contract-paging-probe-' DETACH DELETE n", { prefix: PREFIX });
    }
  });
});
