// Plans the heavy statements once right after start-up, so the first user's blast radius or neighbourhood does not
// pay Neo4j's query planning (1-3 s each for the large statements, more on a busy machine: enough for a first
// request to hit the timeout). Runs through an app like any request, with ids that match nothing: Neo4j caches
// a plan by statement text and parameter types, not by values, so the plans are the ones real requests use.
// Measured on the seed with the machine loaded (load average ~11 on 2 cores): without it the first three blast
// radius requests answered QUERY_TIMEOUT after 10 s, 9 s, then 0.4 s; with it, 1.4 s, 0.8 s, 0.3 s.
import type { App } from './app.ts';
import { variant } from './db/cypher.ts';
import type { Db } from './db/db.ts';

/** Statement timeout while warming up: planning the largest statement takes seconds, more under load. */
export const WARM_UP_TIMEOUT_MS = 60_000;

const NO_SUCH_ID = '"warm-up:no-such-entity"';

/**
 * The statement variants used most (the API's and the explorer's defaults: 3 hops, depth 1 and 2), each reached
 * through its GraphQL field. Other variants are planned by their first request.
 */
const WARM_UP_QUERIES = [
  `{ blastRadius(from: ${NO_SUCH_ID}, maxHops: 3) { truncated } }`,
  ...[1, 2].map((depth) => `{ neighborhood(id: ${NO_SUCH_ID}, depth: ${depth}) { truncated } }`),
  `{ paths(from: ${NO_SUCH_ID}, to: "warm-up:other") { length } }`,
  '{ incidents(first: 1) { totalCount } }',
  '{ incidents(first: 1, filter: { from: "2000-01-01" }) { totalCount } }',
  '{ vendors(first: 1) { totalCount } }',
  '{ search(query: "warm up", first: 1) { score } }',
  `{ node(id: ${NO_SUCH_ID}) { id sources { id } relationships { totalCount } } }`,
  `{ node(id: ${NO_SUCH_ID}) { id sources { id } } }`,
];

/** Path lengths `paths` may enumerate (1 to its maximum of 6 hops, plus the one-hop-longer look). */
const PATH_LENGTHS = [1, 2, 3, 4, 5, 6];

/**
 * Runs the warm-up queries through `app`, and plans the `paths` statements through `db` directly (ids that
 * match nothing stop `paths` before it enumerates anything). Resolves to how many ran cleanly (NOT_FOUND counts
 * as clean), having logged it. The longer-paths look has a 0.5 s budget: unplanned, planning alone used it up and
 * the first answer had fewer paths than later ones.
 */
export async function warmUp(app: App, db: Db, log: (line: string) => void): Promise<number> {
  const started = Date.now();
  let planned = 0;
  const today = new Date().toISOString().slice(0, 10);
  for (const hops of PATH_LENGTHS) {
    try {
      await db.read(variant('paths', hops), { from: 'warm-up:no-such-entity', to: 'warm-up:other', asOf: today, first: 3 });
      planned++;
    } catch {
      // as below: only an optimisation
    }
  }
  for (const query of WARM_UP_QUERIES) {
    try {
      const body = (await post(app, query)) as { errors?: { extensions?: { code?: string } }[] };
      // The ids match nothing, so NOT_FOUND is a success: the statement ran, so it was planned.
      if ((body.errors ?? []).every((e) => e.extensions?.code === 'NOT_FOUND')) planned++;
    } catch {
      // The database may be going away (shutdown) or busy: warming up is only an optimisation.
    }
  }
  log(`warm-up: ${planned} of ${WARM_UP_QUERY_COUNT} query shapes planned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return planned;
}

export const WARM_UP_QUERY_COUNT = WARM_UP_QUERIES.length + PATH_LENGTHS.length;

/** How many vendors of each ranking (primeCache) get their blast radius computed ahead of the first request. */
export const PRIMED_VENDORS = 10;

async function post(app: App, query: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const res = await app.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-warm-up': '1' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

/** The vendors at the top of one ranking, with the figure it ranks by. */
async function topVendors(app: App, field: string, count: number): Promise<{ id: string; figure: number }[]> {
  const key = field === 'POTENTIAL_ORGANIZATIONS' ? 'potentialOrganizations' : 'individualsAffected';
  const ranking = await post(app, `{ vendors(first: ${count}, orderBy: { field: ${field}, direction: DESC }) { edges { node { vendor { id } ${key} } } } }`);
  const edges = (ranking.data as { vendors?: { edges: { node: { vendor: { id: string } } & Record<string, number | null> }[] } } | undefined)?.vendors?.edges ?? [];
  return edges.map((e) => ({ id: e.node.vendor.id, figure: Number(e.node[key] ?? 0) }));
}

/**
 * Fills the result cache with the slowest answers users ask for first: the blast radius, with the API's defaults,
 * of the vendors at the top of the explorer's vendor list (most individuals affected) and of those with the most
 * customers not yet named as affected (a national EHR vendor's reaches most of the graph: ~0.4 s at scale 100), up
 * to `count` of each, so even the first researcher to ask gets it from memory. Kept until the next write, like every
 * cached answer. Resolves to the vendors primed; does nothing when the cache is off.
 */
export async function primeCache(app: App, db: Db, log: (line: string) => void, count: number = PRIMED_VENDORS): Promise<number> {
  if (db.cacheStats() === null || count <= 0) return 0;
  const started = Date.now();
  let primed = 0;
  try {
    const byIndividuals = await topVendors(app, 'INDIVIDUALS_AFFECTED', count);
    // A ranking whose figure is 0 says nothing (ties go by id): only vendors that do have potential customers.
    const byCustomers = (await topVendors(app, 'POTENTIAL_ORGANIZATIONS', count)).filter((v) => v.figure > 0);
    for (const id of new Set([...byIndividuals, ...byCustomers].map((v) => v.id))) {
      // Sentences and figures too, so the sources they cite (cypher/cited-sources.cypher) are cached as well.
      const answer = await post(app, `{ blastRadius(from: ${JSON.stringify(id)}) { truncated reached { path { sentences } } summary { figures { count } } } }`);
      if (!answer.errors) primed++;
    }
  } catch {
    // only an optimisation, as above
  }
  log(`warm-up: blast radius of ${primed} vendors (the top of the vendor list, and those with the most customers) cached in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return primed;
}

/**
 * Keeps the primed answers current: every `intervalMs` it reads the database's bookmark, and once a write has
 * happened and the database has then stayed unwritten for a whole interval (an import is done, not half-way), it
 * primes the cache again. So the top vendors' blast radius is computed ahead of the first request after an import
 * too, at the cost of one empty read transaction per interval. Does nothing when the cache is off.
 */
export function keepPrimed(app: App, db: Db, log: (line: string) => void, options: { intervalMs?: number; count?: number } = {}): { stop(): void } {
  const intervalMs = options.intervalMs ?? 10_000;
  if (db.cacheStats() === null) return { stop() {} };
  let primedAt: string | null = null;
  let previous: string | null = null;
  let busy = false;
  let stopped = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const now = await db.currentBookmark();
      primedAt ??= now; // the state the start-up priming saw (or close to it)
      if (now !== primedAt && now === previous) {
        log("warm-up: the graph changed; caching the top vendors' blast radius again");
        await primeCache(app, db, log, options.count);
        primedAt = await db.currentBookmark();
      }
      previous = now;
    } catch {
      // The database is away: the next tick tries again.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
