// Whole responses to repeated questions. When every statement a request ran came from the result cache at one
// database state (server/db/result-cache.ts: statements marked `// @cache`, kept per bookmark), the response body is
// a function of the request (document, operation name, variables, whether it carried the API token) and that
// state. The body is kept under the request, with the state, and sent again for the same request while Neo4j
// reports the same bookmark: no execution and no serialisation. The explorer's blast radius of a top vendor is a
// 1 MB answer whose execution and serialisation take ~20 ms even when all its rows are cached.
//
// The key also holds today's date (UTC): questions without `asOf` are asked as of today, so their answers change at
// midnight without any write.
//
// Nothing is served stale: each hit first reads the current bookmark (an empty read transaction, as the result
// cache does), and any write by anyone moves it. Requests that ran anything else (a statement without `// @cache`,
// a write, an answer too large for the result cache), that ended with errors, or that read nothing from the
// database are never kept.
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ReadLog, type Db } from '../db/db.ts';
import { SizedLru } from '../db/sized-lru.ts';

export interface ResponseCacheStats {
  hits: number;
  /** Requests that found a body kept for an older database state (dropped then). */
  outdated: number;
  stored: number;
  entries: number;
  bytes: number;
  maxBytes: number;
}

/** Response bodies by request, each with the database state it was read at, bounded by size (two bytes a character). */
export class ResponseCache {
  private readonly entries: SizedLru<{ state: string; body: string }>;
  private hits = 0;
  private outdated = 0;
  private stored = 0;

  constructor(readonly maxBytes: number) {
    this.entries = new SizedLru(maxBytes);
  }

  /** The body kept for `key` if it was kept at database state `state`; an entry of another state is dropped. */
  take(key: string, state: string): string | undefined {
    const entry = this.entries.peek(key);
    if (!entry) return undefined;
    if (entry.state !== state) {
      this.entries.delete(key);
      this.outdated++;
      return undefined;
    }
    this.entries.get(key); // most recently used now
    this.hits++;
    return entry.body;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps a body unless it would take more than a quarter of the cache. */
  set(key: string, state: string, body: string): void {
    if (this.entries.set(key, { state, body }, 2 * (key.length + body.length) + 64)) this.stored++;
  }

  stats(): ResponseCacheStats {
    return { hits: this.hits, outdated: this.outdated, stored: this.stored, entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.maxBytes };
  }
}

type WithStringify = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/**
 * The yoga plugin and the hook the context factory calls: `logFor(request)` gives the ReadLog to put on the
 * request's view of the Db (undefined when the request cannot be kept). `authorized` says whether a request carries
 * the API token (its answers are kept apart from anonymous ones); `today` gives the UTC date resolvers use for a
 * missing `asOf` (tests move it).
 */
export function responseCaching(
  cache: ResponseCache,
  db: Db,
  authorized: (request: Request) => boolean,
  today: () => string = () => new Date().toISOString().slice(0, 10),
): { plugin: Plugin; logFor(request: Request): ReadLog | undefined } {
  const keys = new WeakMap<Request, string>();
  const logs = new WeakMap<Request, ReadLog>();
  const plugin: Plugin = {
    onParams({ params, request, setResult }) {
      if (typeof params.query !== 'string' || params.extensions !== undefined) return;
      const key = JSON.stringify([today(), authorized(request), params.operationName ?? null, params.query, params.variables ?? null]);
      keys.set(request, key);
      if (!cache.has(key)) return;
      return db.currentBookmark().then(
        (state) => {
          const body = cache.take(key, state);
          // Served as a result whose serialisation is the kept body (yoga's JSON result processor calls `stringify`).
          if (body !== undefined) setResult({ stringify: () => body } as WithStringify);
        },
        () => undefined, // the database does not answer: the request runs, and fails as it would have
      );
    },
    onResultProcess({ request, result }) {
      const key = keys.get(request);
      const log = logs.get(request);
      if (key === undefined || log === undefined || log.uncached || log.states.size !== 1) return;
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const single = result as WithStringify;
      if (single.errors?.length || single.data === undefined || single.data === null) return;
      const [state] = log.states as Set<string>;
      const serialise = single.stringify ?? JSON.stringify;
      single.stringify = (r) => {
        const body = serialise(r);
        cache.set(key, state!, body);
        return body;
      };
    },
  };
  return {
    plugin,
    logFor(request) {
      if (!keys.has(request)) return undefined;
      const log = new ReadLog();
      logs.set(request, log);
      return log;
    },
  };
}
