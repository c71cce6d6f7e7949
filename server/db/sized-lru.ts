// A least-recently-used map bounded by the bytes its values are estimated to hold: the result cache's rows
// (server/db/result-cache.ts) and the response cache's bodies (server/http/response-cache.ts).
export class SizedLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.total;
  }

  /** The value under `key`, which becomes the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: delete and set again moves it to the end of the map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value under `key`, its place in the order unchanged. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /**
   * Keeps `value` (estimated at `bytes`) unless it would take more than a quarter of the whole, then drops the least
   * recently used entries until the rest fits. Says whether it was kept.
   */
  set(key: string, value: V, bytes: number): boolean {
    if (bytes > this.maxBytes / 4) return false;
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= entry.bytes;
    }
    return true;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.bytes;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
