// Environment parsed and validated once at start-up; every invalid key is listed with what was expected.
import { resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** development turns on GraphiQL and friendlier logs; production turns them off. */
  env: 'development' | 'production' | 'test';
  graphiql: boolean;
  dataDir: string;
  /** Set: use this Neo4j (bolt://, neo4j://, neo4j+s://…). Unset: start the local embedded Neo4j. */
  neo4jUri: string | undefined;
  neo4jUsername: string | undefined;
  neo4jPassword: string | undefined;
  neo4jDatabase: string;
  neo4jBoltPort: number;
  /** Server-side timeout of every read transaction, in milliseconds. */
  queryTimeoutMs: number;
  /** Memory for answers of the slow statements, kept until the next write (server/db/result-cache.ts); 0 = off. */
  resultCacheMb: number;
  /** Memory for whole responses to repeated requests answered from the result cache (server/http/response-cache.ts); 0 = off. */
  responseCacheMb: number;
  /** Load seed/ when the database holds no entities. */
  seedOnEmpty: boolean;
  /** Plan the heavy statements once after start-up (server/warmup.ts). */
  warmUp: boolean;
  /** Enables mutations for requests carrying `Authorization: Bearer <apiToken>`. */
  apiToken: string | undefined;
  /** Schema introspection (on in development; a choice in production). */
  introspection: boolean;
  /** Origins allowed to call the API from a browser on another origin; empty = CORS off. */
  corsOrigins: string[];
  /** Requests per minute per client; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Read the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  limits: RequestLimits;
}

/** Bounds on one GraphQL request (see docs/security.md). */
export interface RequestLimits {
  maxBodyBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Relationship items one request may resolve through nested `relationships` fields. */
  maxItemsPerRequest: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

export const DEFAULT_LIMITS: RequestLimits = {
  maxBodyBytes: 100_000,
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 10,
  maxCost: 200_000,
  maxItemsPerRequest: 10_000,
};

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (key: string): string | undefined => {
    const v = env[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = str(key);
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key} is "${raw}"; expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = str(key)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${key} is "${env[key]}"; expected true or false`);
    return fallback;
  };

  const nodeEnv = str('NODE_ENV') ?? 'development';
  let appEnv: Config['env'] = 'development';
  if (nodeEnv === 'production' || nodeEnv === 'test' || nodeEnv === 'development') appEnv = nodeEnv;
  else problems.push(`NODE_ENV is "${nodeEnv}"; expected development, production or test`);

  const neo4jUri = str('NEO4J_URI');
  if (neo4jUri !== undefined) {
    const scheme = /^([a-z0-9+]+):\/\//i.exec(neo4jUri)?.[1]?.toLowerCase();
    if (!scheme || !URI_SCHEMES.includes(scheme)) {
      problems.push(`NEO4J_URI is "${neo4jUri}"; expected a URI starting with ${URI_SCHEMES.map((s) => `${s}://`).join(', ')}`);
    }
  }
  const host = str('HOST') ?? '127.0.0.1';
  const config: Config = {
    host,
    port: int('PORT', 4000, 0, 65535),
    env: appEnv,
    graphiql: bool('GRAPHIQL', appEnv !== 'production'),
    dataDir: resolve(str('DATA_DIR') ?? './data'),
    neo4jUri,
    neo4jUsername: str('NEO4J_USERNAME'),
    neo4jPassword: env.NEO4J_PASSWORD,
    neo4jDatabase: str('NEO4J_DATABASE') ?? 'neo4j',
    neo4jBoltPort: int('NEO4J_BOLT_PORT', 7687, 0, 65535),
    queryTimeoutMs: int('QUERY_TIMEOUT_MS', 10000, 100, 600000),
    resultCacheMb: int('RESULT_CACHE_MB', 64, 0, 16_384),
    responseCacheMb: int('RESPONSE_CACHE_MB', 32, 0, 16_384),
    seedOnEmpty: bool('SEED_ON_EMPTY', true),
    warmUp: bool('WARM_UP', true),
    apiToken: env.API_TOKEN === undefined || env.API_TOKEN === '' ? undefined : env.API_TOKEN,
    introspection: bool('INTROSPECTION', appEnv !== 'production'),
    corsOrigins: (str('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    trustProxy: bool('TRUST_PROXY', false),
    limits: {
      maxBodyBytes: int('MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1_000, 10_000_000),
      maxDepth: int('MAX_DEPTH', DEFAULT_LIMITS.maxDepth, 2, 50),
      maxAliases: int('MAX_ALIASES', DEFAULT_LIMITS.maxAliases, 1, 1000),
      maxTokens: int('MAX_TOKENS', DEFAULT_LIMITS.maxTokens, 50, 100_000),
      maxDirectives: int('MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 0, 1000),
      maxCost: int('MAX_COST', DEFAULT_LIMITS.maxCost, 10, 10_000_000),
      maxItemsPerRequest: int('MAX_ITEMS_PER_REQUEST', DEFAULT_LIMITS.maxItemsPerRequest, 10, 10_000_000),
    },
  };
  for (const origin of config.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS has "${origin}"; expected origins like https://example.org, comma-separated`);
  }
  if (config.apiToken !== undefined && config.apiToken.length < 16) {
    problems.push('API_TOKEN is too short; expected at least 16 characters (e.g. `openssl rand -hex 32`)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
