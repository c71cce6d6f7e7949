// Maps Neo4j driver failures to GraphQL errors with a stable extensions.code; nothing else leaks to clients.
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'QUERY_TOO_LARGE'
  | 'LIMIT_EXCEEDED'
  | 'UNAUTHENTICATED'
  | 'INTERNAL_SERVER_ERROR';

export function codedError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const http = code === 'DATABASE_UNAVAILABLE' ? { status: 503 } : undefined;
  return new GraphQLError(message, { extensions: { code, ...extra, ...(http ? { http } : {}) } });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** True when the error means "the database did not answer", as opposed to "the query was wrong". */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as Neo4jError).code ?? '';
  if (UNAVAILABLE_CODES.has(code)) return true;
  if (code === 'N/A' || code === '') {
    // Pool acquisition timeouts and refused connections come without a server code.
    return /acquisition|ECONNREFUSED|connect|socket|closed/i.test(err.message);
  }
  return false;
}

export function isTimeout(err: unknown): boolean {
  const code = (err as Neo4jError | undefined)?.code ?? '';
  return typeof code === 'string' && code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut');
}

/** True when Neo4j stopped the query at its transaction memory limit (dbms.memory.transaction.*). */
export function isMemoryLimit(err: unknown): boolean {
  const code = (err as Neo4jError | undefined)?.code ?? '';
  return typeof code === 'string' && /MemoryPoolOutOfMemoryError|TransactionOutOfMemoryError|MemoryLimit/.test(code);
}

/**
 * True for GraphQL errors from any copy of graphql-js (ESM and CJS builds can both be loaded, so
 * `instanceof` is not reliable across packages).
 */
export function isGraphQLError(err: unknown): err is GraphQLError {
  return err instanceof Error && err.name === 'GraphQLError';
}

/** What a request answers while the database is away. */
export function unavailableError(): GraphQLError {
  return codedError('DATABASE_UNAVAILABLE', 'The graph database is not reachable; try again shortly.');
}

/** What a read that ran past its timeout answers (also when the result cache knows it would: server/db/db.ts). */
export function queryTimeoutError(): GraphQLError {
  return codedError('QUERY_TIMEOUT', 'The query took longer than the server allows; narrow it (fewer hops, a lower limit).');
}

/** Translates a driver error into a coded GraphQLError; returns other errors unchanged (yoga masks them). */
export function translateDbError(err: unknown): unknown {
  if (isGraphQLError(err)) return err;
  if (isUnavailable(err)) return unavailableError();
  if (isTimeout(err)) return queryTimeoutError();
  if (isMemoryLimit(err)) return codedError('QUERY_TOO_LARGE', 'The query needed more memory than the database allows; narrow it (fewer hops, a lower limit).');
  return err;
}
