// graphql-jit takes over a document from its fifth execution (server/app.ts): the answers, errors included, must
// be the same before and after, for the API's richest documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { JIT_AFTER_EXECUTIONS } from '../../server/http/compiled.ts';
import type { Db } from '../../server/db/db.ts';
import { gql, testApp, testDb } from '../helpers.ts';

let db: Db;
let app: App;

beforeAll(() => {
  db = testDb({ resultCacheBytes: 0 });
  app = testApp(db);
});

afterAll(async () => {
  await db.close();
});

const DOCUMENTS: [string, string, Record<string, unknown>][] = [
  [
    'blast radius with paths, summary and subgraph',
    `query($from: ID!) { blastRadius(from: $from, limit: 50) { truncated omitted
      reached { hops confirmed namedBy entity { id name kind ... on Organization { state } } path { length sentences nodes { id label } edges { type source target sources confidence } steps { sentence } } }
      summary { organizations confirmed potential byKind { key count } byState { key count } incidents individualsAffected figures { count used placeholder incidentId sources { id url } } }
      subgraph { nodes { id label kind hops attributes } edges { id source target type sources } truncated omitted } } }`,
    { from: 'inc-oracle-health-cerner-2025' },
  ],
  [
    'an incident with its typed fields and relationships',
    `query($id: ID!) { node(id: $id) { id kind name sources { id title url }
      ... on Incident { date datePrecision discovered { value } individualsAffected { count placeholder } malware ransom { demand paid } milestones { name date { value } } keySources { id } }
      relationships(first: 20) { totalCount truncated items { id type confidence sentence from { id } to { id } sources { id url } validFrom } } } }`,
    { id: 'inc-oracle-health-cerner-2025' },
  ],
  ['an incidents page', '{ incidents(first: 7, orderBy: { field: INDIVIDUALS_AFFECTED, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name date individualsAffected { count } } } } }', {}],
    // first: 1, so the answer does not depend on whether the one-hop-longer look finishes within its budget.
  ['a path with sentences', '{ paths(from: "actor-andrew", to: "vendor-oracle", first: 1) { length sentences nodes { id } edges { type sources } } }', {}],
  ['an unknown id (NOT_FOUND)', '{ node(id: "no-such-entity") { id } blastRadius(from: "no-such-entity") { omitted } }', {}],
  ['an argument out of range (BAD_USER_INPUT)', '{ neighborhood(id: "vendor-oracle", depth: 9) { truncated } }', {}],
];

describe('compiled execution', () => {
  it.each(DOCUMENTS)('answers %s the same interpreted and compiled', async (_, query, variables) => {
    const answers = [];
    for (let i = 0; i < JIT_AFTER_EXECUTIONS + 3; i++) answers.push(await gql(app, query, variables));
    expect(answers[0]!.status).toBe(200);
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  });
});
