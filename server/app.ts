// createApp({ db, config }) builds the yoga instance (no listen): /graphql, /healthz and the built client.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { isGraphQLError, translateDbError } from './db/errors.ts';
import { serveStatic } from './http/static.ts';
import { authOf } from './http/auth.ts';
import { createContext, type Context } from './resolvers/context.ts';
import { buildSchema } from './schema/index.ts';

export const CLIENT_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

export interface AppDeps {
  db: Db;
  config: Pick<Config, 'graphiql' | 'env'> & Partial<Pick<Config, 'apiToken'>>;
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
    async onRequest({ url, request, endResponse }) {
      if (url.pathname === '/healthz') return endResponse(await health(deps.db));
      if (url.pathname.startsWith('/graphql')) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return endResponse(new Response('Method not allowed', { status: 405 }));
      const res = serveStatic(clientDir, url.pathname);
      endResponse(res ?? new Response('The client is not built; run `npm run build`.', { status: 404 }));
    },
  };
}

/** Gives parse and validation errors a code too, so every error a client sees has extensions.code. */
function codedRequestErrors(): Plugin {
  const withCode = (e: GraphQLError, code: string) =>
    e.extensions?.code ? e : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...e.extensions, code } });
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length > 0) setResult(result.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')));
      };
    },
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (isGraphQLError(result)) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED'));
      };
    },
  };
}

export function createApp(deps: AppDeps): App {
  const schema = buildSchema();
  const logError = deps.logError ?? ((err: unknown) => console.error('graphql: unexpected error:', err));
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: deps.config.graphiql ? { title: 'Healthcare cyber-incident graph' } : false,
    landingPage: false,
    // Coded errors (bad input, not found) are answers, not server faults: keep them out of the log.
    logging: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => {
        if (args.some((a) => isGraphQLError(a) && a.extensions?.code && a.extensions.code !== 'INTERNAL_SERVER_ERROR')) return;
        console.error(...args);
      },
    },
    context: ({ request }) => createContext(deps.db, authOf(request, deps.config.apiToken)),
    plugins: [routes(deps), codedRequestErrors()],
    maskedErrors: {
      maskError(error) {
        const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
        const translated = translateDbError(original);
        if (isGraphQLError(translated) && translated.extensions?.code) {
          if (isGraphQLError(error) && translated !== error) {
            return new GraphQLError(translated.message, { nodes: error.nodes, path: error.path, extensions: translated.extensions });
          }
          return translated;
        }
        if (isGraphQLError(error) && error.extensions?.code && !error.originalError) return error;
        logError(original);
        return new GraphQLError('Unexpected error.', {
          ...(isGraphQLError(error) ? { nodes: error.nodes, path: error.path } : {}),
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      },
    },
  });
}
