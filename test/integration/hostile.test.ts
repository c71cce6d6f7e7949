// Hostile and broken requests over real HTTP: every one gets a coded GraphQL error or a bounded result,
// never a 500, and the server stays up.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { DEFAULT_LIMITS } from '../../server/config.ts';
import type { Db } from '../../server/db/db.ts';
import { testDb } from '../helpers.ts';

let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  db = testDb();
  const app = createApp({ db, config: { graphiql: false, env: 'production', rateLimitPerMinute: 0 }, logError: () => undefined });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  text: string;
}

/** Raw HTTP so bodies, headers and bytes can be anything. */
function send(body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST', path = '/graphql'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    const req = httpRequest(`${base}${path}`, { method, headers: { ...headers, ...(method === 'POST' ? { 'content-length': String(payload.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Answer['body'] = null;
        try {
          parsed = JSON.parse(text) as Answer['body'];
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text });
      });
    });
    req.on('error', reject);
    if (method === 'POST') req.write(payload);
    req.end();
  });
}

const gqlBody = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

function expectCoded(a: Answer, code?: string): void {
  expect(a.status, a.text.slice(0, 300)).not.toBe(500);
  expect(a.status).toBeLessThan(500);
  expect(a.body?.errors?.length, a.text.slice(0, 300)).toBeGreaterThan(0);
  for (const e of a.body!.errors!) expect(e.extensions?.code, e.message).toBeTruthy();
  if (code) expect(a.body!.errors![0]!.extensions?.code).toBe(code);
  expect(a.text).not.toMatch(/\.ts:\d+|node_modules|at \w+ \(|MATCH \(|Neo4jError/);
}

const nested = (levels: number) => {
  let q = '{ id }';
  for (let i = 0; i < levels; i++) q = `{ id relationships(first: 500) { items { other ${q} } } }`;
  return `{ node(id: "vendor-oracle-health") ${q} }`;
};

describe('hostile queries', () => {
  it('refuses deep nesting with LIMIT_EXCEEDED', async () => {
    expectCoded(await send(gqlBody(nested(8))), 'LIMIT_EXCEEDED');
  });

  it('bounds nesting that passes the depth limit by the per-request relationship budget', async () => {
    const a = await send(gqlBody(nested(3)));
    expect(a.status).toBeLessThan(500);
    // Either refused by cost/budget, or answered within the budget: never unbounded.
    const codes = (a.body?.errors ?? []).map((e) => e.extensions?.code);
    for (const c of codes) expect(['LIMIT_EXCEEDED']).toContain(c);
  });

  it('refuses alias floods', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: stats { nodes { key } }`).join(' ');
    expectCoded(await send(gqlBody(`{ ${aliases} }`)), 'LIMIT_EXCEEDED');
  });

  it('refuses token floods and directive floods', async () => {
    const fields = Array.from({ length: 3000 }, () => '__typename').join(' ');
    expectCoded(await send(gqlBody(`{ ${fields} }`)), 'LIMIT_EXCEEDED');
    const directives = Array.from({ length: 50 }, () => '@include(if: true)').join(' ');
    expectCoded(await send(gqlBody(`{ __typename ${directives} }`)), 'LIMIT_EXCEEDED');
  });

  it('refuses huge lists and giant strings with coded errors', async () => {
    const kinds = Array.from({ length: 5000 }, () => 'VENDOR');
    expectCoded(await send(gqlBody('query($k: [EntityKind!]) { search(query: "x", kinds: $k) { score } }', { k: kinds })));
    expectCoded(await send(gqlBody('query($q: String!) { search(query: $q) { score } }', { q: 'x'.repeat(50_000) })), 'BAD_USER_INPUT');
    expectCoded(await send(gqlBody('query($id: ID!) { node(id: $id) { id } }', { id: 'y'.repeat(10_000) })), 'BAD_USER_INPUT');
  });

  it('treats Lucene syntax and Cypher-looking input as text', async () => {
    for (const q of ['AT&T (', '"unterminated', 'name:* OR id:*', '\\', "') RETURN 1 //", '}{ MATCH (n) DETACH DELETE n']) {
      const a = await send(gqlBody('query($q: String!) { search(query: $q) { entity { id } } }', { q }));
      expect(a.status, q).toBe(200);
      expect(a.body?.errors, q).toBeUndefined();
    }
    for (const id of ["x' OR 1=1", '}) MATCH (n) DETACH DELETE n //', '$id']) {
      const a = await send(gqlBody('query($id: ID!) { node(id: $id) { id } }', { id }));
      expect(a.status).toBe(200);
      expect((a.body?.data as { node: unknown }).node).toBeNull();
    }
  });

  it('answers invalid UTF-8, broken JSON and wrong content types with 4xx, not 500', async () => {
    const invalid = Buffer.concat([Buffer.from('{"query":"{ node(id: \\"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\\") { id } }"}')]);
    const a = await send(invalid);
    expect(a.status).toBeLessThan(500);
    for (const body of ['{"query": ', 'null', '[]', '{"query": 42}', 'not json at all']) {
      const b = await send(body);
      expect(b.status, body).toBeGreaterThanOrEqual(400);
      expect(b.status, body).toBeLessThan(500);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const c = await send(gqlBody('{ stats { nodes { key } } }'), { 'content-type': type });
      expect(c.status, type).toBeGreaterThanOrEqual(400);
      expect(c.status, type).toBeLessThan(500);
    }
  });

  it('refuses oversized bodies with 413 before reading them', async () => {
    const a = await send(gqlBody('{ stats { nodes { key } } }', { pad: 'z'.repeat(DEFAULT_LIMITS.maxBodyBytes + 10) }));
    expect(a.status).toBe(413);
    expect(a.body?.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses a cross-site simple GET (CSRF) but serves a GET carrying the header', async () => {
    const q = encodeURIComponent('{ stats { nodes { key } } }');
    const simple = await send('', {}, 'GET', `/graphql?query=${q}`);
    expect(simple.status).toBe(403);
    const ok = await send('', { 'x-graphql-csrf': '1', accept: 'application/json' }, 'GET', `/graphql?query=${q}`);
    expect(ok.status).toBe(200);
  });

  it('keeps introspection and field suggestions off in production', async () => {
    expectCoded(await send(gqlBody('{ __schema { types { name } } }')), 'GRAPHQL_VALIDATION_FAILED');
    const typo = await send(gqlBody('{ stat { nodes { key } } }'));
    expectCoded(typo, 'GRAPHQL_VALIDATION_FAILED');
    expect(typo.text).not.toMatch(/Did you mean/);
  });

  it('does not answer cross-origin requests with CORS headers unless configured', async () => {
    const a = await send(gqlBody('{ stats { nodes { key } } }'), { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(a.status).toBe(200);
    const res = await fetch(`${base}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is still up and answering after all of that', async () => {
    const a = await send(gqlBody('{ node(id: "vendor-oracle-health") { id } }'));
    expect(a.status).toBe(200);
    expect((a.body?.data as { node: { id: string } }).node.id).toBe('vendor-oracle-health');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the per-client limit', async () => {
    const app = createApp({ db, config: { graphiql: false, env: 'production', rateLimitPerMinute: 5 }, logError: () => undefined });
    const limited = createServer(app);
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/graphql`;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gqlBody('{ stats { nodes { key } } }') });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
        await res.arrayBuffer();
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await new Promise((resolve) => limited.close(resolve));
    }
  });
});
