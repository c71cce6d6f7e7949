// Answers of the slow statements kept per database state: a result is stored under the statement, its exact
// parameters and the bookmark of the transaction that read it, and served again while Neo4j reports the same
// bookmark. A bookmark names the last transaction committed to the database (by anyone: this server, an
// import, another client), so any write makes every stored answer unreachable: nothing is ever served stale.
import type { Row } from './db.ts';
import { SizedLru } from './sized-lru.ts';

export interface ResultCacheStats {
  hits: number;
  misses: number;
  /** Concurrent identical requests that waited for one read instead of running their own. */
  joined: number;
  entries: number;
  bytes: number;
  maxBytes: number;
}

/**
 * A least-recently-used map bounded by an estimate of the memory its rows hold. Stored rows are frozen, deeply:
 * every request that hits shares them, so a resolver that changed one would change the next answer (in strict
 * mode, which ES modules are, it throws instead, and the tests see it).
 */
export class ResultCache {
  private readonly entries: SizedLru<Row[]>;
  private readonly inFlight = new Map<string, Promise<Row[]>>();
  private hits = 0;
  private misses = 0;
  private joined = 0;

  constructor(readonly maxBytes: number) {
    this.entries = new SizedLru(maxBytes);
  }

  static key(name: string, params: unknown, bookmark: string): string {
    return `${name}\u0000${bookmark}\u0000${JSON.stringify(params)}`;
  }

  get(key: string): Row[] | undefined {
    const rows = this.entries.get(key);
    if (rows) this.hits++;
    return rows;
  }

  /** Whether an answer is kept under `key` (no hit counted, its place in the order unchanged). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores rows (freezing them) unless one answer would take more than a quarter of the cache. */
  set(key: string, rows: Row[]): Row[] {
    this.entries.set(key, rows, deepFreeze(rows));
    return rows;
  }

  /**
   * Runs `read` once for concurrent callers with the same key: fifty clients asking for the same blast radius at
   * once cost one read.
   */
  async once(key: string, read: () => Promise<Row[]>): Promise<Row[]> {
    const pending = this.inFlight.get(key);
    if (pending) {
      this.joined++;
      return pending;
    }
    this.misses++;
    const promise = read().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Keys of best-effort reads that ran out of their budget (bounded; the oldest go first). */
  private readonly gaveUpKeys = new Set<string>();

  giveUp(key: string): void {
    this.gaveUpKeys.add(key);
    if (this.gaveUpKeys.size > 1000) this.gaveUpKeys.delete(this.gaveUpKeys.values().next().value as string);
  }

  gaveUp(key: string): boolean {
    return this.gaveUpKeys.has(key);
  }

  clear(): void {
    this.entries.clear();
    this.gaveUpKeys.clear();
  }

  stats(): ResultCacheStats {
    return { hits: this.hits, misses: this.misses, joined: this.joined, entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.maxBytes };
  }
}

/**
 * Freezes a plain value and everything inside it, and returns an estimate of the bytes it holds (V8 object and
 * array headers, 8 bytes a slot, strings at two bytes a character): close enough to bound the cache's memory.
 */
export function deepFreeze(value: unknown): number {
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (value === null || typeof value !== 'object') return 8;
  if (Object.isFrozen(value)) return 0;
  let bytes = 32;
  if (Array.isArray(value)) {
    for (const item of value) bytes += 8 + deepFreeze(item);
  } else {
    for (const key of Object.keys(value)) bytes += 16 + 2 * key.length + deepFreeze((value as Record<string, unknown>)[key]);
  }
  Object.freeze(value);
  return bytes;
}
