// Property-based fuzzing through the real server (node:http on a loopback port) and database: whatever the search
// strings, ids, filters, cursors, relationship types, exposure edges and dates, the answer is a valid result or a
// GraphQL error with a known code; never a 500.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { testDb } from '../helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'LIMIT_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

let db: Db;
let server: Server;
let url = '';
const unexpected: unknown[] = [];
/** Real cursors of every paged field (a cursor of one list is also a fine wrong input for another). */
const cursors: Record<string, string> = {};
let relationshipTypes: string[] = [];

beforeAll(async () => {
  db = testDb();
  const app = createApp({ db, config: { graphiql: false, env: 'production', rateLimitPerMinute: 0 }, logError: (e) => unexpected.push(e) });
  server = createServer(app);
  // Keep-alive as a browser would: one connection reused across requests.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const first = await call({
    query: `{
      incidents(first: 3) { pageInfo { endCursor } }
      byDate: incidents(first: 2, orderBy: { field: INDIVIDUALS_AFFECTED, direction: ASC }) { pageInfo { endCursor } }
      vendors(first: 3) { pageInfo { endCursor } }
      byName: vendors(first: 2, orderBy: { field: NAME, direction: ASC }) { pageInfo { endCursor } }
      possibleDuplicates(first: 1) { pageInfo { endCursor } }
      stats { relationships { key } }
    }`,
  });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  type Page = { pageInfo: { endCursor: string | null } };
  const data = first.body.data as Record<'incidents' | 'byDate' | 'vendors' | 'byName' | 'possibleDuplicates', Page> & { stats: { relationships: { key: string }[] } };
  for (const key of ['incidents', 'byDate', 'vendors', 'byName', 'possibleDuplicates'] as const) {
    const cursor = data[key].pageInfo.endCursor;
    if (cursor) cursors[key] = cursor;
  }
  expect(Object.keys(cursors)).toEqual(expect.arrayContaining(['incidents', 'vendors']));
  relationshipTypes = data.stats.relationships.map((r) => r.key);
  expect(relationshipTypes).toContain('AFFECTED');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function call(body: unknown): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as Answer['body'] };
  } catch {
    throw new Error(`HTTP ${res.status} without a JSON body: ${text.slice(0, 200)}`);
  }
}

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'()[]{}"\\*~?:^!+-&|/ ORANDNOT'.split('')), maxLength: 20 }),
  fc.constantFrom('Cerner', 'Oracle Health', 'AT&T (', '\\', '', 'MATCH (n) DETACH DELETE n', "' OR 1=1 --", '\u0000', '🏥', 'ransomware', 'Ransom'),
);
const realIds = ['vendor-oracle-health', 'inc-oracle-health-cerner-2025', 'actor-andrew', 'actor-alphv', 'actor-clop', 'vendor-oracle', 'CVE-2023-34362'];
const id = fc.oneof(text, fc.constantFrom(...realIds));
const date = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2021', '2022-06', '2022-13-01', '9999-99-99'));
const int = fc.oneof(fc.integer({ min: -5, max: 10 }), fc.integer(), fc.constantFrom(0, 1, 3, 100, 100000, 2 ** 31 - 1));
const kinds = fc.oneof(fc.constant(null), fc.array(fc.constantFrom('ORGANIZATION', 'VENDOR', 'INCIDENT', 'THREAT_ACTOR', 'SOURCE', 'NOPE'), { maxLength: 4 }));
/** Nothing, junk, base64 junk, a real cursor of some list (maybe another list's), or a real one damaged. */
const cursor = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.base64String({ maxLength: 40 }),
  fc.constantFrom('incidents', 'byDate', 'vendors', 'byName', 'possibleDuplicates').map((k) => ({ real: k })),
  fc.record({ real: fc.constantFrom('incidents', 'vendors', 'byName'), cut: fc.integer({ min: 1, max: 20 }), junk: fc.string({ maxLength: 4 }) }),
);
const resolveCursor = (c: string | null | { real: string; cut?: number; junk?: string }): string | null => {
  if (c === null || typeof c === 'string') return c;
  const real = cursors[c.real] ?? null;
  if (real === null || c.cut === undefined) return real;
  return real.slice(0, Math.max(0, real.length - c.cut)) + (c.junk ?? '');
};
/** Real types, made-up and hostile ones, lower case, and more than the 50 allowed. */
const relTypes = fc.oneof(
  fc.constant(null),
  fc.array(fc.oneof(fc.constantFrom('AFFECTED', 'ACQUIRED', 'CUSTOMER_OF', 'ATTRIBUTED_TO', 'PART_OF', 'REPORTED_IN', 'POSSIBLE_SAME_AS'), fc.constant('REAL'), text, fc.constantFrom('affected', 'AFFECTED|ACQUIRED', 'AFFECTED`]->() DETACH DELETE n //', '*')), { maxLength: 6 }),
  fc.array(fc.constant('AFFECTED'), { minLength: 45, maxLength: 60 }),
);
const direction = fc.oneof(fc.constantFrom('OUT', 'IN', 'BOTH'), fc.constant(null), fc.constant('SIDEWAYS'));
const follow = fc.oneof(fc.constant(null), fc.array(fc.constantFrom('SUPPLIER', 'OWNERSHIP', 'MEMBERSHIP', 'NOPE', 'supplier'), { maxLength: 5 }));
const filterId = fc.oneof(fc.constant(null), id, fc.constantFrom('vendor-oracle-health', 'vendor-change-healthcare', 'actor-alphv', 'actor-clop'));

const request = fc.oneof(
  fc.record({ q: text, kinds, first: int }).map((v) => ({ query: 'query($q: String!, $kinds: [EntityKind!], $first: Int) { search(query: $q, kinds: $kinds, first: $first) { score entity { id kind name } } }', variables: v })),
  fc.record({ id }).map((v) => ({ query: 'query($id: ID!) { node(id: $id) { id kind name sources { id } relationships(first: 5) { totalCount items { type other { id } } } } }', variables: v })),
  fc.record({ id, types: relTypes, direction, first: int }).map(({ types, ...v }) => ({
    query: 'query($id: ID!, $types: [String!], $direction: Direction, $first: Int) { node(id: $id) { id relationships(types: $types, direction: $direction, first: $first) { totalCount items { type other { id } } } } }',
    variables: { ...v, types: types === null ? null : (types as string[]).map((t) => (t === 'REAL' ? (relationshipTypes.at(-1) ?? 'AFFECTED') : t)) },
  })),
  fc.record({ id, depth: int, asOf: date, limit: int, kinds }).map((v) => ({ query: 'query($id: ID!, $depth: Int, $asOf: Date, $limit: Int, $kinds: [EntityKind!]) { neighborhood(id: $id, depth: $depth, asOf: $asOf, limit: $limit, kinds: $kinds) { truncated omitted nodes { id } edges { id } } }', variables: v })),
  fc.record({ from: id, maxHops: int, asOf: date, limit: int, follow }).map((v) => ({ query: 'query($from: ID!, $maxHops: Int, $asOf: Date, $limit: Int, $follow: [ExposureEdge!]) { blastRadius(from: $from, maxHops: $maxHops, asOf: $asOf, limit: $limit, follow: $follow) { omitted summary { organizations individualsAffected } } }', variables: v })),
  fc.record({ from: id, to: id, maxHops: int, first: int }).map((v) => ({ query: 'query($from: ID!, $to: ID!, $maxHops: Int, $first: Int) { paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { length sentences } }', variables: v })),
  fc
    .record({
      first: int,
      after: cursor,
      from: date,
      to: date,
      country: fc.oneof(fc.constant(null), text),
      vendor: filterId,
      actor: filterId,
      incidentType: fc.oneof(fc.constant(null), text),
      minIndividualsAffected: fc.oneof(fc.constant(null), int),
      field: fc.constantFrom('DATE', 'INDIVIDUALS_AFFECTED'),
      direction: fc.constantFrom('ASC', 'DESC'),
    })
    .map(({ first, after, field, direction, ...filter }) => ({
      query: 'query($first: Int, $after: String, $filter: IncidentFilter, $o: IncidentOrder) { incidents(first: $first, after: $after, filter: $filter, orderBy: $o) { totalCount edges { node { id } } } }',
      variables: { first, after: resolveCursor(after), filter, o: { field, direction } },
    })),
  fc
    .record({ first: int, after: cursor, field: fc.constantFrom('INCIDENTS', 'CONFIRMED_ORGANIZATIONS', 'POTENTIAL_ORGANIZATIONS', 'INDIVIDUALS_AFFECTED', 'NAME'), direction: fc.constantFrom('ASC', 'DESC') })
    .map(({ first, after, field, direction }) => ({
      query: 'query($first: Int, $after: String, $o: VendorOrder) { vendors(first: $first, after: $after, orderBy: $o) { totalCount pageInfo { hasNextPage endCursor } edges { node { vendor { id } incidents } } } }',
      variables: { first, after: resolveCursor(after), o: { field, direction } },
    })),
  fc.record({ first: int, after: cursor }).map(({ first, after }) => ({
    query: 'query($first: Int, $after: String) { possibleDuplicates(first: $first, after: $after) { totalCount pageInfo { endCursor } edges { node { score reason } } } }',
    variables: { first, after: resolveCursor(after) },
  })),
  fc
    .record({ bucket: fc.constantFrom('YEAR', 'QUARTER', 'MONTH', 'DECADE'), from: date, vendor: filterId, actor: filterId, incidentType: fc.oneof(fc.constant(null), text) })
    .map(({ bucket, ...filter }) => ({ query: 'query($bucket: TimeBucket!, $filter: IncidentFilter) { timeline(bucket: $bucket, filter: $filter) { bucket incidents } }', variables: { bucket, filter } })),
);

describe(`fuzzing the API over HTTP (${RUNS} requests)`, () => {
  it('never answers 500, and every error carries a known code', async () => {
    const seen = new Map<string, number>();
    const statuses = new Map<number, number>();
    /** Requests and milliseconds per root field, to see where the time goes. */
    const perField = new Map<string, { n: number; ms: number }>();
    let answered = 0;
    let withData = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(request, async (body) => {
        const t0 = Date.now();
        const res = await call(body);
        const field = /\)\s*\{\s*(\w+)/.exec(body.query)?.[1] ?? '?';
        const f = perField.get(field) ?? { n: 0, ms: 0 };
        perField.set(field, { n: f.n + 1, ms: f.ms + Date.now() - t0 });
        answered += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(500);
        for (const e of res.body.errors ?? []) {
          const code = e.extensions?.code ?? 'NONE';
          seen.set(code, (seen.get(code) ?? 0) + 1);
          expect(CODES, `${code}: ${e.message}`).toContain(code);
        }
        if (!res.body.errors) {
          expect(res.body.data).toBeTruthy();
          withData += 1;
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
    expect(unexpected).toEqual([]);
    const ms = Date.now() - started;
    console.error(
      `[fuzz] ${answered} requests over HTTP in ${(ms / 1000).toFixed(1)} s (${(ms / Math.max(answered, 1)).toFixed(1)} ms each); ${withData} answered with data and no error; statuses ${JSON.stringify(Object.fromEntries(statuses))}; error codes seen: ${JSON.stringify(Object.fromEntries(seen))}; per field (requests/ms): ${[...perField].map(([k, v]) => `${k} ${v.n}/${v.ms}`).join(', ')}`,
    );
  }, 600_000);
});
