// Property-based fuzzing through the real server and database: whatever the search strings, ids, filters,
// cursors and dates, the answer is a valid result or a GraphQL error with a known code; never a 500.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { testDb } from '../helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'LIMIT_EXCEEDED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

let db: Db;
let app: App;
let realCursor = '';

beforeAll(async () => {
  db = testDb();
  app = createApp({ db, config: { graphiql: false, env: 'production', rateLimitPerMinute: 0 }, logError: (e) => console.error('UNEXPECTED', e) });
  const first = await call({ query: '{ incidents(first: 3) { pageInfo { endCursor } } }' });
  realCursor = (first.body.data as { incidents: { pageInfo: { endCursor: string } } }).incidents.pageInfo.endCursor;
});
afterAll(async () => {
  await db.close();
});

async function call(body: unknown): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const res = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never };
}

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'()[]{}"\\*~?:^!+-&|/ ORANDNOT'.split('')), maxLength: 20 }),
  fc.constantFrom('Cerner', 'Oracle Health', 'AT&T (', '\\', '', 'MATCH (n) DETACH DELETE n', "' OR 1=1 --", '\u0000', '🏥'),
);
const id = fc.oneof(text, fc.constantFrom('vendor-oracle-health', 'inc-oracle-health-cerner-2025', 'actor-andrew', 'vendor-oracle', 'CVE-2023-34362'));
const date = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2021', '2022-06', '2022-13-01', '9999-99-99'));
const int = fc.oneof(fc.integer({ min: -5, max: 10 }), fc.integer(), fc.constantFrom(0, 1, 3, 100, 100000, 2 ** 31 - 1));
const kinds = fc.oneof(fc.constant(null), fc.array(fc.constantFrom('ORGANIZATION', 'VENDOR', 'INCIDENT', 'THREAT_ACTOR', 'SOURCE', 'NOPE'), { maxLength: 4 }));
const cursor = fc.oneof(fc.constant(null), fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 }), fc.constant('REAL'));

const request = fc.oneof(
  fc.record({ q: text, kinds, first: int }).map((v) => ({ query: 'query($q: String!, $kinds: [EntityKind!], $first: Int) { search(query: $q, kinds: $kinds, first: $first) { score entity { id kind name } } }', variables: v })),
  fc.record({ id }).map((v) => ({ query: 'query($id: ID!) { node(id: $id) { id kind name sources { id } relationships(first: 5) { totalCount items { type other { id } } } } }', variables: v })),
  fc.record({ id, depth: int, asOf: date, limit: int, kinds }).map((v) => ({ query: 'query($id: ID!, $depth: Int, $asOf: Date, $limit: Int, $kinds: [EntityKind!]) { neighborhood(id: $id, depth: $depth, asOf: $asOf, limit: $limit, kinds: $kinds) { truncated omitted nodes { id } edges { id } } }', variables: v })),
  fc.record({ from: id, maxHops: int, asOf: date, limit: int }).map((v) => ({ query: 'query($from: ID!, $maxHops: Int, $asOf: Date, $limit: Int) { blastRadius(from: $from, maxHops: $maxHops, asOf: $asOf, limit: $limit) { omitted summary { organizations individualsAffected } } }', variables: v })),
  fc.record({ from: id, to: id, maxHops: int, first: int }).map((v) => ({ query: 'query($from: ID!, $to: ID!, $maxHops: Int, $first: Int) { paths(from: $from, to: $to, maxHops: $maxHops, first: $first) { length sentences } }', variables: v })),
  fc
    .record({ first: int, after: cursor, from: date, to: date, country: fc.oneof(fc.constant(null), text), minIndividualsAffected: fc.oneof(fc.constant(null), int), field: fc.constantFrom('DATE', 'INDIVIDUALS_AFFECTED'), direction: fc.constantFrom('ASC', 'DESC') })
    .map(({ first, after, field, direction, ...filter }) => ({
      query: 'query($first: Int, $after: String, $filter: IncidentFilter, $o: IncidentOrder) { incidents(first: $first, after: $after, filter: $filter, orderBy: $o) { totalCount edges { node { id } } } }',
      variables: { first, after: after === 'REAL' ? realCursor : after, filter, o: { field, direction } },
    })),
  fc.record({ bucket: fc.constantFrom('YEAR', 'QUARTER', 'MONTH', 'DECADE'), from: date }).map((v) => ({ query: 'query($bucket: TimeBucket!, $from: Date) { timeline(bucket: $bucket, filter: { from: $from }) { bucket incidents } }', variables: v })),
);

describe(`fuzzing the API (${RUNS} requests)`, () => {
  it('never answers 500, and every error carries a known code', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async (body) => {
        const res = await call(body);
        expect(res.status).toBeLessThan(500);
        for (const e of res.body.errors ?? []) {
          const code = e.extensions?.code ?? 'NONE';
          seen.set(code, (seen.get(code) ?? 0) + 1);
          expect(CODES, `${code}: ${e.message}`).toContain(code);
        }
        if (!res.body.errors) expect(res.body.data).toBeTruthy();
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
    console.error(`[fuzz] ${RUNS} requests; error codes seen: ${JSON.stringify(Object.fromEntries(seen))}`);
  }, 600_000);
});
