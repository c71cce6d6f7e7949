// One driver per process and the named-query runner: reads in executeRead, writes in executeWrite, values made plain.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { loadCypherCatalog, type CypherCatalog } from './cypher.ts';
import { toPlain } from './convert.ts';
import { isUnavailable, queryTimeoutError, translateDbError, unavailableError } from './errors.ts';
import { sendWithoutDelay } from './nodelay.ts';
import { ResultCache, type ResultCacheStats } from './result-cache.ts';

export interface DbOptions {
  uri: string;
  username?: string;
  password?: string;
  database: string;
  /** Server-side transaction timeout applied to every read, in ms. */
  queryTimeoutMs: number;
  /** How long to wait for a connection before reporting the database unavailable, in ms. */
  connectTimeoutMs?: number;
  /**
   * Memory for answers of the statements marked `// @cache` (server/db/result-cache.ts), in bytes; 0 or unset
   * turns the cache off.
   */
  resultCacheBytes?: number;
}

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** Runs a named statement inside a transaction the caller already holds (all-or-nothing loaders). */
export type TxRunner = (name: string, params?: Params) => Promise<Row[]>;

/**
 * What one request's statements were, for the response cache (server/http/response-cache.ts): whether each came
 * from (or went into) the result cache, and at which database states (bookmarks).
 */
export class ReadLog {
  /** A statement ran that the result cache does not keep (or could not keep), or a write. */
  uncached = false;
  readonly states = new Set<string>();
}

export class Db {
  readonly driver: Driver;
  readonly database: string;
  readonly uri: string;
  private readonly catalog: CypherCatalog;
  private readonly queryTimeoutMs: number;
  private readonly resultCache: ResultCache | null;
  private readonly cacheable = new Map<string, boolean>();
  /** Set on a request's view of the Db (logging()): where its reads are noted. */
  readonly readLog: ReadLog | undefined = undefined;

  constructor(options: DbOptions, catalog: CypherCatalog = loadCypherCatalog()) {
    const connectTimeout = options.connectTimeoutMs ?? 3000;
    const auth = options.username ? neo4j.auth.basic(options.username, options.password ?? '') : undefined;
    sendWithoutDelay();
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: true,
      // Short timeouts so a dead database is reported within seconds, not after the 30-60 s defaults.
      connectionTimeout: connectTimeout,
      connectionAcquisitionTimeout: connectTimeout + 1000,
      maxTransactionRetryTime: 2000,
      userAgent: 'healthcare-cyber-graph/0.1',
      logging: { level: 'error', logger: () => undefined },
    });
    this.database = options.database;
    this.uri = options.uri;
    this.catalog = catalog;
    this.queryTimeoutMs = options.queryTimeoutMs;
    this.resultCache = options.resultCacheBytes ? new ResultCache(options.resultCacheBytes) : null;
  }

  /** Hits, misses and memory of the result cache; null when it is off. */
  cacheStats(): ResultCacheStats | null {
    return this.resultCache?.stats() ?? null;
  }

  /** Whether a statement's file asks for its answers to be cached (a `// @cache` line). */
  isCacheable(name: string): boolean {
    let yes = this.cacheable.get(name);
    if (yes === undefined) {
      yes = /^\/\/ @cache\b/m.test(this.cypher(name));
      this.cacheable.set(name, yes);
    }
    return yes;
  }

  cypher(name: string): string {
    const text = this.catalog.get(name);
    if (text === undefined) throw new Error(`db: no Cypher file named "${name}" in cypher/ (expected cypher/${name}.cypher)`);
    return text;
  }

  /**
   * A circuit breaker: once the database stops answering, requests fail at once with
   * DATABASE_UNAVAILABLE (instead of each waiting for connection timeouts and retries) while a probe
   * checks every second; the first successful probe closes the circuit again.
   */
  private unavailableSince: number | null = null;
  private probing = false;
  private readonly recoveredListeners: (() => void)[] = [];

  /** Calls `listener` each time the database answers again after the circuit breaker saw it go away. */
  onRecovered(listener: () => void): void {
    this.recoveredListeners.push(listener);
  }

  private closeCircuit(): void {
    if (this.unavailableSince === null) return;
    this.unavailableSince = null;
    for (const listener of this.recoveredListeners) listener();
  }

  get available(): boolean {
    return this.unavailableSince === null;
  }

  private noteFailure(err: unknown): void {
    if (!isUnavailable(err) || this.unavailableSince !== null) return;
    this.unavailableSince = Date.now();
    void this.probe();
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      while (this.unavailableSince !== null && !this.closed) {
        await new Promise((r) => setTimeout(r, 1000).unref());
        try {
          await this.driver.getServerInfo({ database: this.database });
          this.closeCircuit();
        } catch {
          // still down
        }
      }
    } finally {
      this.probing = false;
    }
  }

  private failFast(): void {
    if (this.unavailableSince !== null) throw unavailableError();
  }

  private closed = false;

  /**
   * This database over the same driver with another statement timeout: the start-up warm-up plans statements that
   * can take longer than a request may on a busy machine. Closing it closes the shared driver; don't.
   */
  withQueryTimeout(ms: number): Db {
    const other = Object.create(this) as Db;
    Object.defineProperty(other, 'queryTimeoutMs', { value: ms });
    return other;
  }

  /** A view of this Db (same driver, same caches) that notes what each read was in `log`. */
  logging(log: ReadLog): Db {
    const view = Object.create(this) as Db;
    Object.defineProperty(view, 'readLog', { value: log });
    return view;
  }

  /**
   * Runs a named read in a read-access transaction with the server-side timeout (or a shorter `timeoutMs`,
   * for best-effort extras a request can do without).
   */
  async read<T extends Row = Row>(name: string, params: Params = {}, opts: { timeoutMs?: number } = {}): Promise<T[]> {
    const text = this.cypher(name);
    this.failFast();
    const cache = this.resultCache;
    const log = this.readLog;
    if (!cache || !this.isCacheable(name)) {
      if (log) log.uncached = true;
      return (await this.readOnce(text, params, opts)).rows as T[];
    }
    // The database's state now: the bookmark of an empty read transaction. Same bookmark, same answer.
    const now = await this.currentBookmark();
    log?.states.add(now);
    // A read with a budget of its own (a best-effort extra) is another question: its key says so.
    const question = opts.timeoutMs === undefined ? name : `${name} within ${opts.timeoutMs} ms`;
    const key = ResultCache.key(question, params, now);
    const stored = cache.get(key);
    if (stored) return stored as T[];
    // A best-effort read that ran out of its budget at this state gives up at once when asked again at the same
    // state: the request gets the same answer as the first time (without the extra), not a wait for the budget.
    if (cache.gaveUp(key)) throw queryTimeoutError();
    const rows = await cache.once(key, async () => {
      try {
        const result = await this.readOnce(text, params, opts);
        // Stored under the bookmark of the transaction that read it: when a write landed in between, the answer
        // belongs to the newer state, and the next request (which sees that bookmark) finds it.
        if (result.bookmark !== null) cache.set(ResultCache.key(question, params, result.bookmark), result.rows);
        return result.rows;
      } catch (err) {
        if (opts.timeoutMs !== undefined && (err as { extensions?: { code?: string } }).extensions?.code === 'QUERY_TIMEOUT') cache.giveUp(key);
        throw err;
      }
    });
    // Not kept under this state (a write landed before the read, or the answer was too large to keep): the request's
    // answer is not a function of one state's cached answers.
    if (log && !cache.has(key)) log.uncached = true;
    return rows as T[];
  }

  private async readOnce(text: string, params: Params, opts: { timeoutMs?: number }): Promise<{ rows: Row[]; bookmark: string | null }> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    const timeout = Math.min(opts.timeoutMs ?? this.queryTimeoutMs, this.queryTimeoutMs);
    try {
      const result = await session.executeRead((tx) => tx.run(text, params), { timeout });
      const rows = result.records.map((r) => toPlain(r.toObject()) as Row);
      return { rows, bookmark: bookmarkOf(session.lastBookmarks()) };
    } catch (err) {
      this.noteFailure(err);
      throw translateDbError(err);
    } finally {
      await session.close();
    }
  }

  /** The bookmark of a read transaction that reads nothing: which committed transaction the database is at. */
  async currentBookmark(): Promise<string> {
    const { bookmark } = await this.readOnce(this.cypher('bookmark'), {}, {});
    // No bookmark (a server that gives none): a key nothing else has, so nothing is served from the cache.
    return bookmark ?? `unknown:${Date.now()}:${Math.random()}`;
  }

  async write<T extends Row = Row>(name: string, params: Params = {}): Promise<T[]> {
    return this.writeTx((run) => run(name, params) as Promise<T[]>);
  }

  /** One write transaction for a whole unit of work: everything in `work` commits together or not at all. */
  async writeTx<T>(work: (run: TxRunner, tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.failFast();
    if (this.readLog) this.readLog.uncached = true;
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(async (tx) => {
        const run: TxRunner = async (name, params = {}) => {
          const result = await tx.run(this.cypher(name), params);
          return result.records.map((r) => toPlain(r.toObject()) as Row);
        };
        return work(run, tx);
      });
    } catch (err) {
      this.noteFailure(err);
      throw translateDbError(err);
    } finally {
      await session.close();
    }
  }

  /** Runs literal statements (schema.cypher) one by one, each in its own auto-commit transaction. */
  async runStatements(statements: string[]): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      for (const statement of statements) await session.run(statement);
    } catch (err) {
      throw translateDbError(err);
    } finally {
      await session.close();
    }
  }

  /** Server version and reachability, for /healthz; throws when the database does not answer. */
  async ping(): Promise<{ version: string; uri: string }> {
    try {
      const info = await this.driver.getServerInfo({ database: this.database });
      this.closeCircuit();
      return { version: info.agent ?? 'unknown', uri: this.uri };
    } catch (err) {
      this.noteFailure(err);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.driver.close();
  }
}

function bookmarkOf(bookmarks: string[]): string | null {
  return bookmarks.length === 0 ? null : [...bookmarks].sort().join(',');
}
