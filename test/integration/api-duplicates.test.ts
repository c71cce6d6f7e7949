// possibleDuplicates: the review list of POSSIBLE_SAME_AS candidates, paged one at a time to the end: every
// candidate exactly once, in a stable order (score descending, ties by relationship id), and totalCount right.
// The candidates are created here between seed entities and removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { cypherRows, gql, testApp, testDb } from '../helpers.ts';

let db: Db;
let app: App;

const PREFIX = 'possible-same-as:test-api-duplicates:';

const cypher = <T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}) => cypherRows<T>(db, query, params);

async function removeCandidates(): Promise<void> {
  await cypher('MATCH (:Entity)-[r:POSSIBLE_SAME_AS]->(:Entity) WHERE r.id STARTS WITH $prefix DELETE r', { prefix: PREFIX });
}

const PAGE = `query($after: String) { possibleDuplicates(first: 1, after: $after) {
  totalCount
  pageInfo { hasNextPage endCursor }
  edges { cursor node { score reason relationship { id type from { id } to { id } } } }
} }`;

interface Candidate {
  score: number | null;
  reason: string | null;
  relationship: { id: string; type: string; from: { id: string }; to: { id: string } };
}
interface Page {
  possibleDuplicates: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Candidate }[];
  };
}

/** Pages with first: 1 from the start to the end; returns the candidates in order and every page's totalCount. */
async function walk(): Promise<{ nodes: Candidate[]; totals: number[] }> {
  const nodes: Candidate[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  // One page per candidate (one empty page when there are none): more than that means the walk does not end.
  for (let pages = 0; pages <= (totals[0] ?? 0) + 1; pages++) {
    const res: { data?: Page; errors?: unknown[] } = await gql<Page>(app, PAGE, { after });
    expect(res.errors).toBeUndefined();
    const page: Page['possibleDuplicates'] = res.data!.possibleDuplicates;
    totals.push(page.totalCount);
    expect(page.edges.length).toBeLessThanOrEqual(1);
    nodes.push(...page.edges.map((e) => e.node));
    if (page.edges.length > 0) expect(page.pageInfo.endCursor).toBe(page.edges[0]!.cursor);
    if (!page.pageInfo.hasNextPage) return { nodes, totals };
    expect(page.edges.length).toBe(1);
    after = page.pageInfo.endCursor;
  }
  throw new Error(`possibleDuplicates did not end after ${totals.length} pages of 1 (totalCount ${totals[0]})`);
}

let before: number;
let created: { id: string; from: string; to: string; score: number | null; reason: string }[];

beforeAll(async () => {
  db = testDb();
  app = testApp(db);
  await removeCandidates();
  const res = await gql<Page>(app, PAGE);
  expect(res.errors).toBeUndefined();
  before = res.data!.possibleDuplicates.totalCount;

  const ids = (await cypher<{ id: string }>('MATCH (n:Organization) WHERE NOT n:Vendor RETURN n.id AS id ORDER BY n.id LIMIT 8')).map((r) => r.id);
  expect(ids.length).toBe(8);
  // Every relationship cites a source; these cite one of the seed's.
  const [source] = await cypher<{ id: string }>('MATCH (s:Source) RETURN s.id AS id ORDER BY s.id LIMIT 1');
  // Two share a score (ordered by id), one has no score (counts as 0: last).
  const rows = [
    { key: 'e', from: ids[0]!, to: ids[1]!, score: 0.95 },
    { key: 'c', from: ids[2]!, to: ids[3]!, score: 0.7 },
    { key: 'a', from: ids[4]!, to: ids[5]!, score: 0.7 },
    { key: 'd', from: ids[6]!, to: ids[7]!, score: null },
    { key: 'b', from: ids[1]!, to: ids[2]!, score: 0.61 },
  ];
  created = rows.map((r) => ({ id: `${PREFIX}${r.key}`, from: r.from, to: r.to, score: r.score, reason: `test candidate ${r.key}` }));
  const [written] = await cypher<{ count: number }>(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     CREATE (a)-[r:POSSIBLE_SAME_AS {id: row.id, reason: row.reason, confidence: 'possible', sources: [$source]}]->(b)
     SET r.score = row.score
     RETURN count(r) AS count`,
    { rows: created, source: source!.id },
  );
  expect(Number(written!.count)).toBe(created.length);
});

afterAll(async () => {
  await removeCandidates();
  await db.close();
});

describe('possibleDuplicates', () => {
  it('counts every candidate in totalCount, the same on every page', async () => {
    const { nodes, totals } = await walk();
    expect(totals[0]).toBe(before + created.length);
    expect(new Set(totals)).toEqual(new Set([before + created.length]));
    expect(nodes.length).toBe(totals[0]);
  });

  it('pages with first: 1 to the end, each candidate exactly once, highest score first and ties by id', async () => {
    const { nodes } = await walk();
    const ids = nodes.map((n) => n.relationship.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The order the query promises, over everything listed.
    const key = (n: Candidate) => -(n.score ?? 0);
    for (let i = 1; i < nodes.length; i++) {
      const [a, b] = [nodes[i - 1]!, nodes[i]!];
      expect(key(a) < key(b) || (key(a) === key(b) && a.relationship.id < b.relationship.id), `${a.relationship.id} before ${b.relationship.id}`).toBe(true);
    }
    // Ours, among them, in exactly this order, each as created.
    const ours = nodes.filter((n) => n.relationship.id.startsWith(PREFIX));
    expect(ours.map((n) => n.relationship.id)).toEqual(['e', 'a', 'c', 'b', 'd'].map((k) => `${PREFIX}${k}`));
    for (const n of ours) {
      const c = created.find((x) => x.id === n.relationship.id)!;
      expect(n).toEqual({ score: c.score, reason: c.reason, relationship: { id: c.id, type: 'POSSIBLE_SAME_AS', from: { id: c.from }, to: { id: c.to } } });
    }
  });

  it('walks in the same order every time', async () => {
    const first = (await walk()).nodes.map((n) => n.relationship.id);
    const second = (await walk()).nodes.map((n) => n.relationship.id);
    expect(second).toEqual(first);
  });

  it('answers a page of 100 the same as the walk, with the same totalCount', async () => {
    const res = await gql<Page>(app, PAGE.replace('first: 1', 'first: 100'));
    expect(res.errors).toBeUndefined();
    const page = res.data!.possibleDuplicates;
    const walked = (await walk()).nodes.map((n) => n.relationship.id);
    expect(page.totalCount).toBe(before + created.length);
    expect(page.edges.map((e) => e.node.relationship.id)).toEqual(walked.slice(0, 100));
    expect(page.pageInfo.hasNextPage).toBe(walked.length > 100);
  });

  it('is back to where it was once the candidates are removed', async () => {
    await removeCandidates();
    const { nodes, totals } = await walk();
    expect(totals[0]).toBe(before);
    expect(nodes.filter((n) => n.relationship.id.startsWith(PREFIX))).toEqual([]);
  });
});
