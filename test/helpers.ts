// Shared helpers for integration tests: a Db on the test Neo4j and a GraphQL call through yoga.fetch (no port).
import { inject } from 'vitest';
import { createApp, type App } from '../server/app.ts';
import { Db } from '../server/db/db.ts';

/**
 * A Db on the test Neo4j with the result cache on, as `npm start` has it: every API test also checks that no
 * resolver changes a cached answer (they are frozen) and that writes make earlier answers unreachable.
 */
export function testDb(options: { queryTimeoutMs?: number; resultCacheBytes?: number } = {}): Db {
  return new Db({ uri: inject('neo4jUri'), database: 'neo4j', queryTimeoutMs: options.queryTimeoutMs ?? 30_000, resultCacheBytes: options.resultCacheBytes ?? 32 * 1024 * 1024 });
}

export function testApp(db: Db): App {
  return createApp({ db, config: { graphiql: false, env: 'test' }, logError: () => undefined });
}

/** An app over `db` that records the name of every named read its resolvers make (from the cache or not). */
export function countingApp(db: Db): { app: App; reads: string[] } {
  const reads: string[] = [];
  const counting = Object.create(db) as Db;
  counting.read = ((name, params, opts) => {
    reads.push(name);
    return db.read(name, params, opts);
  }) as Db['read'];
  return { app: testApp(counting), reads };
}

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export async function gql<T = Record<string, unknown>>(app: App, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
  const res = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Direct Cypher against the test database (for setting up and checking what the API cannot say). */
export async function cypherRows<T = Record<string, unknown>>(db: Db, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const res = await db.driver.executeQuery(query, params, { database: db.database });
  return res.records.map((r) => r.toObject() as T);
}

/**
 * Adds a hospital `id` as a customer of `vendor`, written straight through Cypher as another client would (the
 * caches' tests): both cite the first Source.
 */
export async function addTestCustomer(db: Db, id: string, name: string, vendor = 'vendor-oracle-health'): Promise<void> {
  await cypherRows(
    db,
    `MATCH (v:Entity {id: $vendor}), (s:Source) WITH v, s ORDER BY s.id LIMIT 1
     CREATE (o:Entity:Organization:Hospital {id: $id, kind: 'Hospital', name: $name, state: 'VT', sources: [s.id]})
     CREATE (o)-[:CUSTOMER_OF {id: 'customer-of:' + $id + ':' + $vendor, sources: [s.id], confidence: 'reported'}]->(v)`,
    { id, name, vendor },
  );
}

/** Whether a process with this pid is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
