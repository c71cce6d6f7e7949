// createApp({ db, config }) builds the yoga instance (no listen): /graphql, /healthz and the built client.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance, type YogaServerOptions } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { DEFAULT_LIMITS, type Config } from './config.ts';
import type { Db } from './db/db.ts';
import { isGraphQLError, translateDbError } from './db/errors.ts';
import { compiledExecution } from './http/compiled.ts';
import { ResponseCache, responseCaching } from './http/response-cache.ts';
import { bodyLimit, LIMIT_MESSAGE, limitPlugins } from './http/limits.ts';
import { rateLimit } from './http/rate-limit.ts';
import { serveStatic } from './http/static.ts';
import { authOf } from './http/auth.ts';
import { createContext, type Context } from './resolvers/context.ts';
import { buildSchema } from './schema/index.ts';

export const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

export interface AppDeps {
  db: Db;
  /** Settings that matter to requests; anything left out takes the production-safe default. */
  config: Pick<Config, 'graphiql' | 'env'> &
    Partial<Pick<Config, 'apiToken' | 'introspection' | 'corsOrigins' | 'rateLimitPerMinute' | 'trustProxy' | 'limits' | 'responseCacheMb'>>;
  /** Responses kept for repeated requests (server/http/response-cache.ts); default: config.responseCacheMb, off when unset or 0. */
  responseCache?: ResponseCache;
  /** Today's UTC date as the response cache keys it (tests move it); default: the clock. */
  today?: () => string;
  /** Where the built client lives; defaults to client/dist. */
  clientDir?: string;
  /** Server-side log of unexpected errors (masked for clients). */
  logError?: (err: unknown) => void;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** /healthz: 200 when Neo4j answers, 503 "degraded" when it does not. */
async function health(db: Db): Promise<Response> {
  try {
    const info = await Promise.race([
      db.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('ping timed out')), 4000).unref()),
    ]);
    return json({ status: 'ok', neo4j: { connected: true, version: info.version, uri: info.uri } }, 200);
  } catch (err) {
    return json({ status: 'degraded', neo4j: { connected: false, uri: db.uri, error: (err as Error).message.split('\n')[0] } }, 503);
  }
}

function routes(deps: AppDeps): Plugin {
  const clientDir = deps.clientDir ?? CLIENT_DIST;
  return {
    // Not async: a GraphQL request passes straight through without a promise to wait for.
    onRequest({ url, request, endResponse }) {
      if (url.pathname.startsWith('/graphql')) return;
      if (url.pathname === '/healthz') return health(deps.db).then(endResponse);
      if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(new Response('Method not allowed', { status: 405 }));
      const res = serveStatic(clientDir, url.pathname);
      endResponse(res ?? new Response('The client is not built; run `npm run build`.', { status: 404 }));
    },
  };
}

/**
 * A code for a request-level error: limits, CSRF and malformed requests each get their own. An error that has a
 * code keeps it. `originalError` (where yoga puts the JSON parser's own message) is dropped; yoga answered such an
 * error with its HTTP status (400) because of it, so the status is made to stick without it.
 */
function withRequestCode(e: GraphQLError): GraphQLError {
  const { originalError, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
  const http = extensions.http as { status?: number; spec?: boolean } | undefined;
  if (originalError !== undefined && http) extensions.http = { ...http, spec: false };
  const status = http?.status;
  let code = 'GRAPHQL_VALIDATION_FAILED';
  if (LIMIT_MESSAGE.test(e.message)) code = 'LIMIT_EXCEEDED';
  else if (typeof extensions.code === 'string') code = extensions.code;
  else if (/^Syntax Error/.test(e.message)) code = 'GRAPHQL_PARSE_FAILED';
  else if (status === 403) code = 'FORBIDDEN';
  else if (status !== undefined && status !== 200) code = 'BAD_REQUEST';
  return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...extensions, code } });
}

/**
 * CORS only for the configured origins: an allowed origin gets `Access-Control-Allow-Origin` with its own value;
 * any other origin gets no CORS headers at all (never `null`, which sandboxed pages send as their origin).
 * `*` in the list allows every origin. Without origins CORS is off.
 */
function corsFor(origins: string[] | undefined): YogaServerOptions<Record<string, unknown>, Context>['cors'] {
  if (!origins || origins.length === 0) return false;
  const any = origins.includes('*');
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || (!any && !origins.includes(origin))) return false;
    return { origin: any ? '*' : origin, methods: ['POST', 'GET'], credentials: false };
  };
}

/** With an allow-list, every answer depends on the Origin header: say so to caches (`*` says so itself). */
function varyOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.append('vary', 'Origin');
    },
  };
}

/** What a bodiless refusal from yoga means, said to the client. */
const REFUSALS: Record<number, string> = {
  406: 'Not acceptable: accept application/json or application/graphql-response+json.',
  415: 'Unsupported Content-Type; send the GraphQL request as JSON (Content-Type: application/json).',
};

/**
 * Yoga refuses a POST no parser accepts (415) and an Accept it cannot serve (406) with an empty body: give those a
 * coded GraphQL error like every other refusal, keeping the status and the headers (CORS, `Accept`).
 */
function codedRefusals(): Plugin {
  return {
    onResponse({ request, response, setResponse }) {
      if (response.status < 400 || request.method === 'HEAD' || response.headers.has('content-type')) return;
      if (!new URL(request.url).pathname.startsWith('/graphql')) return;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      headers.set('content-type', 'application/json');
      const message = REFUSALS[response.status] ?? 'Bad request.';
      setResponse(new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }), { status: response.status, headers }));
    },
  };
}

/** Where an error happened: graphql-js's errors and graphql-jit's (not instances of GraphQLError) both say. */
function placeOf(error: unknown): { nodes?: GraphQLError['nodes']; path?: GraphQLError['path'] } {
  if (typeof error !== 'object' || error === null) return {};
  const { nodes, path } = error as { nodes?: GraphQLError['nodes']; path?: GraphQLError['path'] };
  return { nodes, path };
}

export function createApp(deps: AppDeps): App {
  const schema = buildSchema();
  const config = deps.config;
  const limits = config.limits ?? DEFAULT_LIMITS;
  const development = config.env === 'development';
  const logError = deps.logError ?? ((err: unknown) => console.error('graphql: unexpected error:', err));
  // Kept responses need the result cache: only its statements' answers are tied to a database state.
  const wanted = deps.responseCache ?? (config.responseCacheMb ? new ResponseCache(config.responseCacheMb * 1024 * 1024) : undefined);
  const responseCache = wanted && deps.db.cacheStats() !== null ? wanted : undefined;
  const responses = responseCache ? responseCaching(responseCache, deps.db, (request) => authOf(request, config.apiToken).authorized, deps.today) : undefined;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: config.graphiql ? { title: 'Healthcare cyber-incident graph', headers: JSON.stringify({ 'x-graphql-csrf': '1' }) } : false,
    landingPage: false,
    // bodyLimit (below) bounds every body itself, without piping each one through yoga's counting stream.
    maxRequestBodySize: false,
    // One operation per request: a JSON array body is refused (400 BAD_REQUEST "Batching is not supported.").
    batching: false,
    // No file uploads in this schema: multipart bodies are refused like any other unsupported type.
    multipart: false,
    // Yoga logs every error it hands to maskError (below). Coded errors (bad input, not found) are answers, not
    // server faults, and unexpected ones are logged once by maskError through logError: keep GraphQL errors out of
    // this log (a client sending bad input must not be able to flood it).
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        if (args.some((a) => isGraphQLError(a))) return;
        console.error(...args);
      },
    },
    context: ({ request }) => {
      const log = responses?.logFor(request);
      return createContext(log ? deps.db.logging(log) : deps.db, authOf(request, config.apiToken), limits.maxItemsPerRequest);
    },
    // CORS is off unless origins are configured, and then only for those origins.
    cors: corsFor(config.corsOrigins),
    plugins: [
      ...(config.corsOrigins && config.corsOrigins.length > 0 && !config.corsOrigins.includes('*') ? [varyOnOrigin()] : []),
      codedRefusals(),
      rateLimit({ perMinute: config.rateLimitPerMinute ?? 0, trustProxy: config.trustProxy ?? false }),
      bodyLimit(limits.maxBodyBytes),
      routes(deps),
      // Browsers can send "simple" GET and form POST requests cross-site; those must carry this header.
      useCSRFPrevention({ requestHeaders: ['x-graphql-csrf'] }),
      ...limitPlugins(limits, { introspection: config.introspection ?? development, suggestions: development }),
      // graphql-jit for the documents in use (server/http/compiled.ts).
      ...compiledExecution(),
      // Kept responses (server/http/response-cache.ts). The checks above that look at the request itself (rate, size,
      // CSRF) still run; a hit skips parsing, validation (the limits) and execution, which the request that produced
      // it passed with the same document and variables.
      ...(responses ? [responses.plugin] : []),
    ],
    maskedErrors: {
      maskError(error) {
        if (isGraphQLError(error) && !error.originalError) {
          // Request-level errors from yoga or a plugin (parse, validation, limits, CSRF, bad JSON): the
          // client's mistake, so keep the message and HTTP status and give it a code.
          const ready = error.extensions?.code && !LIMIT_MESSAGE.test(error.message) && error.extensions.originalError === undefined;
          return ready ? error : withRequestCode(error);
        }
        const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
        const translated = translateDbError(original);
        if (isGraphQLError(translated) && translated.extensions?.code) {
          if (translated !== error) return new GraphQLError(translated.message, { ...placeOf(error), extensions: translated.extensions });
          return translated;
        }
        if (isGraphQLError(original) && !original.extensions?.code) {
          // graphql-js's own input coercion (an unknown enum value, a wrong type in a variable).
          return new GraphQLError(original.message, { ...placeOf(error), extensions: { code: 'BAD_USER_INPUT' } });
        }
        logError(original);
        return new GraphQLError('Unexpected error.', { ...placeOf(error), extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
  });
}
