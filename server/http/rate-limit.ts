// Per-client rate limiting (a token bucket per address): over the limit, 429 with Retry-After.
import type { Plugin } from 'graphql-yoga';

export interface RateLimitOptions {
  perMinute: number;
  /** Read the client from X-Forwarded-For's first hop (only behind a proxy you run). */
  trustProxy: boolean;
  now?: () => number;
  /** Buckets kept at most (oldest dropped first), so many clients cannot grow memory without bound. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export function clientKey(request: Request, serverContext: unknown, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket;
  return socket?.remoteAddress ?? 'local';
}

export function rateLimit(options: RateLimitOptions): Plugin {
  const capacity = options.perMinute;
  const refillPerMs = capacity / 60_000;
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 100_000;
  const buckets = new Map<string, Bucket>();
  return {
    onRequest({ request, serverContext, url, endResponse }) {
      if (capacity === 0 || !url.pathname.startsWith('/graphql')) return;
      const key = clientKey(request, serverContext, options.trustProxy);
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, updated: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.updated) * refillPerMs);
      bucket.updated = t;
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
      endResponse(
        new Response(JSON.stringify({ errors: [{ message: `Too many requests; try again in ${retryAfter} s.`, extensions: { code: 'RATE_LIMITED', retryAfter } }] }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
        }),
      );
    },
  };
}
