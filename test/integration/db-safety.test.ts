// The runner's guarantees against the real Neo4j: reads cannot write, slow reads stop at the timeout with
// QUERY_TIMEOUT, reads past the transaction memory limit stop with QUERY_TOO_LARGE, and a dead address is reported as DATABASE_UNAVAILABLE within seconds.
import { inject, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Db } from '../../server/db/db.ts';

const uri = () => inject('neo4jUri');

describe('the named-query runner', () => {
  it('runs reads in read-access transactions: a write there is refused and nothing is written', async () => {
    const catalog = new Map([
      ['sneaky-write', "CREATE (:Entity {id: 'written-by-a-read'}) RETURN 1 AS one"],
      ['count', "MATCH (n:Entity {id: 'written-by-a-read'}) RETURN count(n) AS c"],
    ]);
    const db = new Db({ uri: uri(), database: 'neo4j', queryTimeoutMs: 10_000 }, catalog);
    try {
      await expect(db.read('sneaky-write')).rejects.toThrow(/read|access mode|not allowed/i);
      const [row] = await db.read<{ c: number }>('count');
      expect(row!.c).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('stops a read at the server-side timeout and answers QUERY_TIMEOUT', async () => {
    const catalog = new Map([['slow', 'UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS c']]);
    const db = new Db({ uri: uri(), database: 'neo4j', queryTimeoutMs: 300 }, catalog);
    const started = Date.now();
    try {
      const err = await db.read('slow').then(
        () => undefined,
        (e: unknown) => e as { extensions?: { code?: string } },
      );
      expect(err?.extensions?.code).toBe('QUERY_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await db.close();
    }
  });

  it('answers QUERY_TOO_LARGE when Neo4j stops a read at its transaction memory limit', async () => {
    // Far more than any heap the tests give Neo4j: the memory tracker stops it long before the JVM would run out.
    const catalog = new Map([['huge', 'UNWIND range(1, 2000000000) AS x WITH collect(x) AS xs RETURN size(xs) AS n']]);
    const db = new Db({ uri: uri(), database: 'neo4j', queryTimeoutMs: 120_000 }, catalog);
    try {
      const err = await db.read('huge').then(
        () => undefined,
        (e: unknown) => e as { message?: string; extensions?: { code?: string } },
      );
      expect(err?.extensions?.code).toBe('QUERY_TOO_LARGE');
      expect(err?.message).toMatch(/narrow it/);
      // The database is still there for the next request.
      await expect(db.ping()).resolves.not.toThrow();
    } finally {
      await db.close();
    }
  });

  it('reports a database that does not answer as DATABASE_UNAVAILABLE within 5 s', async () => {
    const db = new Db({ uri: 'bolt://127.0.0.1:1', database: 'neo4j', queryTimeoutMs: 10_000 }, new Map([['one', 'RETURN 1 AS one']]));
    const started = Date.now();
    try {
      const err = await db.read('one').then(
        () => undefined,
        (e: unknown) => e as { extensions?: { code?: string; http?: { status?: number } } },
      );
      expect(err?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(err?.extensions?.http?.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Once known to be down, later requests fail at once (the circuit is open) instead of piling up.
      expect(db.available).toBe(false);
      const again = Date.now();
      await expect(db.read('one')).rejects.toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
      expect(Date.now() - again).toBeLessThan(100);
    } finally {
      await db.close();
    }
  });
});

describe('the API with its database down', () => {
  it('answers queries with HTTP 503 and DATABASE_UNAVAILABLE within 5 s, and /healthz says degraded', async () => {
    const db = new Db({ uri: 'bolt://127.0.0.1:1', database: 'neo4j', queryTimeoutMs: 10_000 });
    const app = createApp({ db, config: { graphiql: false, env: 'production' }, logError: () => undefined });
    try {
      const started = Date.now();
      const res = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ node(id: "vendor-oracle-health") { id name } }' }),
      });
      const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.status).toBe(503);
      expect(body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:1|stack/);
      const health = await app.fetch('http://test/healthz');
      expect(health.status).toBe(503);
      expect(((await health.json()) as { status: string }).status).toBe('degraded');
    } finally {
      await db.close();
    }
  });
});
