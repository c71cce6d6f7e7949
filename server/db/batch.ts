// A minimal per-request batching loader: loads issued in the same tick go to the database as one query.
export class BatchLoader<K, V> {
  private queue: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  private readonly cache = new Map<K, Promise<V | undefined>>();

  constructor(private readonly batch: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V | undefined> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V | undefined>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      // Wait until the current round of resolvers has queued its keys, then send one query.
      if (this.queue.length === 1) Promise.resolve().then(() => process.nextTick(() => void this.dispatch()));
    });
    this.cache.set(key, promise);
    return promise;
  }

  /** Seeds the cache with a value another query already brought (no query is sent for that key). */
  prime(key: K, value: V | undefined): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    try {
      const found = await this.batch([...new Set(queue.map((q) => q.key))]);
      for (const q of queue) q.resolve(found.get(q.key));
    } catch (err) {
      for (const q of queue) {
        this.cache.delete(q.key);
        q.reject(err);
      }
    }
  }
}
