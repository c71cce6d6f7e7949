// Hostile and broken requests over real HTTP: every one gets a coded GraphQL error or a bounded result,
// never a 500, and the server stays up. Also: batching off, CORS by allow-list, introspection and GraphiQL by
// configuration, unexpected errors masked.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../server/app.ts';
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
function send(body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }, method = 'POST', path = '/graphql', url = base): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    const req = httpRequest(`${url}${path}`, { method, headers: { ...headers, ...(method === 'POST' ? { 'content-length': String(payload.length) } : {}) } }, (res) => {
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

/** Another app (other settings, or another Db) on its own port for the length of `use`. */
async function withServer(deps: AppDeps, use: (url: string) => Promise<void>): Promise<void> {
  const other = createServer(createApp(deps));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(other.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
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

  it('refuses a batched body (batching is off) with 400 BAD_REQUEST', async () => {
    for (const body of ['[{"query":"{__typename}"},{"query":"{__typename}"}]', '[]']) {
      const a = await send(body);
      expect(a.status, body).toBe(400);
      expectCoded(a, 'BAD_REQUEST');
      expect(a.body!.errors!.map((e) => e.message), body).toEqual(['Batching is not supported.']);
    }
  });

  it('answers invalid UTF-8 in a string value as text with U+FFFD (a bounded result), and outside one as invalid JSON', async () => {
    // Inside a string the bytes decode to U+FFFD (WHATWG decoding) and the id simply matches nothing.
    const inString = Buffer.concat([Buffer.from('{"query":"{ node(id: \\"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\\") { id } }"}')]);
    const a = await send(inString);
    expect(a.status, a.text).toBe(200);
    expect(a.body).toEqual({ data: { node: null } });
    const inStructure = Buffer.concat([Buffer.from('{"query":"{ __typename }"'), Buffer.from([0xff, 0xc3]), Buffer.from('}')]);
    const b = await send(inStructure);
    expect(b.status).toBe(400);
    expect(b.body).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers broken JSON and malformed GraphQL parameters with a coded error (and echoes nothing of the parser)', async () => {
    const cases: [body: string, status: number, message: string][] = [
      ['{"query": ', 400, 'POST body sent invalid JSON.'],
      ['not json at all', 400, 'POST body sent invalid JSON.'],
      ['null', 400, 'POST body is expected to be object but received null'],
      ['{"query": 42}', 400, 'Expected "query" param to be a string, but given number.'],
      ['{"query":"{ __typename }","variables":"x"}', 400, 'Expected "variables" param to be empty or an object, but given string.'],
      ['{"query":"{ __typename }","x":1}', 400, 'Unexpected parameter "x" in the request body.'],
      // A well-formed JSON request without a query: GraphQL over HTTP answers application/json with 200.
      ['{}', 200, 'Must provide query string.'],
    ];
    for (const [body, status, message] of cases) {
      const a = await send(body);
      expect(a.status, body).toBe(status);
      expect(a.body, body).toEqual({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it('answers wrong content types: 403 FORBIDDEN for a simple cross-site type without the CSRF header, else 415 BAD_REQUEST', async () => {
    const query = gqlBody('{ stats { nodes { key } } }');
    const forbidden = { errors: [{ message: 'Required CSRF header(s) not present', extensions: { code: 'FORBIDDEN' } }] };
    const unsupported = {
      errors: [{ message: 'Unsupported Content-Type; send the GraphQL request as JSON (Content-Type: application/json).', extensions: { code: 'BAD_REQUEST' } }],
    };
    // Types a browser can send cross-site without a preflight: refused before parsing unless the CSRF header is there.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const a = await send(query, { 'content-type': type });
      expect([a.status, a.body], type).toEqual([403, forbidden]);
    }
    expect(await send(query, {}).then((a) => [a.status, a.body])).toEqual([403, forbidden]);
    // No parser for these (multipart is off: the schema has no uploads): 415 with a coded body, not yoga's empty one.
    for (const type of ['application/xml', 'application/octet-stream', 'text/html']) {
      const a = await send(query, { 'content-type': type });
      expect([a.status, a.body], type).toEqual([415, unsupported]);
      expect(a.text).not.toMatch(/stats/);
    }
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
      const a = await send(query, { 'content-type': type, 'x-graphql-csrf': '1' });
      expect([a.status, a.body], type).toEqual([415, unsupported]);
    }
    // Formats yoga does read, given a JSON text that is not theirs: a coded error, never a 500.
    const asForm = await send(query, { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-csrf': '1' });
    expect([asForm.status, asForm.body]).toEqual([200, { errors: [{ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }] }]);
    const asGraphql = await send(query, { 'content-type': 'application/graphql' });
    expect(asGraphql.status).toBe(200);
    expectCoded(asGraphql, 'GRAPHQL_PARSE_FAILED');
  });

  it('answers other methods with 405 and a GET asking for HTML in production with 406, both coded', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${base}/graphql`, { method, headers: { 'content-type': 'application/json' }, body: gqlBody('{ __typename }') });
      expect(res.status, method).toBe(405);
      expect(await res.json()).toEqual({ errors: [{ message: 'GraphQL only supports GET and POST requests.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    // No GraphiQL in production: a browser's GET gets a coded refusal, not the IDE.
    const page = await send('', { accept: 'text/html' }, 'GET', '/graphql');
    expect(page.status).toBe(406);
    expectCoded(page, 'BAD_REQUEST');
    expect(page.text).not.toMatch(/<html/i);
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

  it('unexpected errors are masked: INTERNAL_SERVER_ERROR, a generic message, no path, Cypher or stack; logged server-side', async () => {
    const leak = '/work/x/server/y.ts:1 MATCH (n) RETURN n';
    const logged: unknown[] = [];
    const broken = {
      uri: 'bolt://127.0.0.1:1',
      read: async () => {
        throw new Error(leak);
      },
      writeTx: async () => {
        throw new Error(leak);
      },
    } as unknown as Db;
    await withServer({ db: broken, config: { graphiql: false, env: 'production', rateLimitPerMinute: 0 }, logError: (e) => logged.push(e) }, async (url) => {
      for (const query of ['{ node(id: "vendor-oracle-health") { id name } }', '{ search(query: "oracle") { score } }', '{ stats { nodes { key count } } }']) {
        const a = await send(gqlBody(query), undefined, 'POST', '/graphql', url);
        expect(a.status, a.text).toBeLessThan(500);
        expectCoded(a, 'INTERNAL_SERVER_ERROR');
        expect(a.body!.errors!.map((e) => e.message)).toEqual(['Unexpected error.']);
        expect(Object.keys(a.body!.errors![0]!.extensions!)).toEqual(['code']);
        for (const secret of ['/work', 'y.ts', 'MATCH', 'RETURN n', 'stack', '    at ']) expect(a.text, query).not.toContain(secret);
      }
    });
    // The server's own log keeps the real error, once per request.
    expect(logged.map((e) => (e as Error).message)).toEqual([leak, leak, leak]);
  });

  it('allows the configured CORS origins only', async () => {
    for (const origins of [['https://newsroom.example'], ['https://newsroom.example', 'https://lab.example']]) {
      await withServer({ db, config: { graphiql: false, env: 'production', rateLimitPerMinute: 0, corsOrigins: origins }, logError: () => undefined }, async (url) => {
        const preflight = (origin: string) =>
          fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
        const post = (origin: string) =>
          fetch(`${url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: gqlBody('{ __typename }') });

        const ok = await preflight('https://newsroom.example');
        expect(ok.status).toBe(204);
        expect(ok.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');
        expect(ok.headers.get('access-control-allow-methods')).toBe('POST, GET');
        expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
        expect(ok.headers.get('vary')).toMatch(/Origin/);
        const okPost = await post('https://newsroom.example');
        expect(okPost.status).toBe(200);
        expect(okPost.headers.get('access-control-allow-origin')).toBe('https://newsroom.example');

        // Another origin, and the "null" origin of sandboxed pages and file: URLs: no CORS headers at all.
        for (const other of ['https://evil.example', 'https://newsroom.example.evil.example', 'null']) {
          const pre = await preflight(other);
          expect(pre.headers.get('access-control-allow-origin'), `${origins.join(',')} / ${other}`).toBeNull();
          expect(pre.headers.get('access-control-allow-methods')).toBeNull();
          const res = await post(other);
          expect(res.headers.get('access-control-allow-origin'), `${origins.join(',')} / ${other}`).toBeNull();
          expect(res.headers.get('vary')).toMatch(/Origin/);
        }
      });
    }
  });

  it('development turns introspection and GraphiQL on; production can turn introspection on by configuration', async () => {
    const introspect = gqlBody('{ __schema { queryType { name } } }');
    await withServer({ db, config: { graphiql: true, env: 'development', rateLimitPerMinute: 0 }, logError: () => undefined }, async (url) => {
      const a = await send(introspect, undefined, 'POST', '/graphql', url);
      expect(a.status).toBe(200);
      expect(a.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      const page = await send('', { accept: 'text/html' }, 'GET', '/graphql', url);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/^<!doctype html>/i);
      expect(page.text).toContain('<title>Healthcare cyber-incident graph</title>');
      // Field suggestions help in development.
      expect((await send(gqlBody('{ stat { nodes { key } } }'), undefined, 'POST', '/graphql', url)).text).toMatch(/Did you mean/);
    });
    await withServer({ db, config: { graphiql: false, env: 'production', introspection: true, rateLimitPerMinute: 0 }, logError: () => undefined }, async (url) => {
      const a = await send(introspect, undefined, 'POST', '/graphql', url);
      expect(a.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      expect((await send('', { accept: 'text/html' }, 'GET', '/graphql', url)).status).toBe(406);
    });
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
