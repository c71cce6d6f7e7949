// Checks that the proposed Cypher (bench/proposals/) answers the API exactly as the current cypher/ does: the same
// GraphQL requests through two apps (current catalog, catalog with the proposals), responses compared after
// normalising what the proposals may legitimately change (which of several equally short explaining paths is
// shown; the order of namedBy). Runs on the seed (every vendor and incident as a blast-radius origin, all hop
// counts and exposure choices, with and without asOf) and on a generated store if one is given.
// Usage: node --import tsx bench/check-proposals.ts [--scale N] [--max-origins 20] [--with-top] [--only blast-radius,vendor-ranking,neighborhood]
import { createApp } from '../server/app.ts';
import { readSchemaStatements } from '../server/db/cypher.ts';
import { Db } from '../server/db/db.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../server/neo4j-local/launcher.ts';
import { loadSeed } from '../server/seed/load.ts';
import { argValue, numberArg } from './lib/common.ts';
import { catalogWithProposals, proposalNames } from './lib/proposals.ts';
import { readManifest, startStore } from './lib/store.ts';

const log = (line: string) => console.error(line);

const BLAST = `query($from: ID!, $maxHops: Int!, $asOf: Date, $follow: [ExposureEdge!], $limit: Int!) {
  blastRadius(from: $from, maxHops: $maxHops, asOf: $asOf, follow: $follow, limit: $limit) {
    origin { id } incidents { id } truncated omitted
    reached { hops confirmed namedBy entity { id kind } path { length nodes { id } } }
    summary { organizations confirmed potential byState { key count } byKind { key count } incidents individualsAffected
      figures { count unit reportedBy used incidentId } }
    subgraph { truncated omitted }
  } }`;
const VENDORS = `query($field: VendorOrderField!, $direction: OrderDirection!, $after: String) {
  vendors(first: 7, after: $after, orderBy: { field: $field, direction: $direction }) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { vendor { id } incidents confirmedOrganizations potentialOrganizations individualsAffected } } } }`;
const NEIGHBORHOOD = `query($id: ID!, $depth: Int!, $limit: Int!, $asOf: Date, $kinds: [EntityKind!]) {
  neighborhood(id: $id, depth: $depth, limit: $limit, asOf: $asOf, kinds: $kinds) { truncated omitted nodes { id hops } edges { id source target } } }`;
const INCIDENTS = `query($first: Int!, $after: String, $field: IncidentOrderField!, $direction: OrderDirection!, $filter: IncidentFilter) {
  incidents(first: $first, after: $after, orderBy: { field: $field, direction: $direction }, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id } } } }`;

type Json = unknown;

/** Sorts what may differ only in order; drops the explaining path's nodes (equally short paths are equally right). */
function normalise(value: Json, key = ''): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v));
    if (key === 'namedBy' || key === 'incidents' || key === 'nodes' || key === 'edges') return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(value as object).sort()) out[k] = normalise((value as Record<string, Json>)[k], k);
    return out;
  }
  return value;
}

interface Counter {
  requests: number;
  same: number;
  different: { query: string; variables: unknown; a: string; b: string }[];
}

async function compare(current: ReturnType<typeof createApp>, proposed: ReturnType<typeof createApp>, query: string, variables: Record<string, unknown>, c: Counter): Promise<Json> {
  const body = JSON.stringify({ query, variables });
  const fetchJson = async (app: ReturnType<typeof createApp>) => {
    const res = await app.fetch('http://check.local/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return (await res.json()) as { data?: Json; errors?: unknown };
  };
  const [a, b] = await Promise.all([fetchJson(current), fetchJson(proposed)]);
  c.requests++;
  const na = JSON.stringify(normalise(a));
  const nb = JSON.stringify(normalise(b));
  if (na === nb) c.same++;
  else c.different.push({ query: query.slice(0, 40), variables, a: na.slice(0, 600), b: nb.slice(0, 600) });
  return a.data;
}

async function checkDatabase(label: string, uri: string, origins: string[], hospitals: string[], full: boolean): Promise<Counter> {
  const names = argValue('only')?.split(',') ?? proposalNames();
  const dbA = new Db({ uri, database: 'neo4j', queryTimeoutMs: 600_000, connectTimeoutMs: 30_000 });
  const dbB = new Db({ uri, database: 'neo4j', queryTimeoutMs: 600_000, connectTimeoutMs: 30_000 }, catalogWithProposals());
  const config = { env: 'production' as const, graphiql: false, rateLimitPerMinute: 0, limits: { maxBodyBytes: 100_000, maxDepth: 12, maxAliases: 15, maxTokens: 5_000, maxDirectives: 10, maxCost: 10_000_000, maxItemsPerRequest: 100_000 } };
  const current = createApp({ db: dbA, config });
  const proposed = createApp({ db: dbB, config });
  const c: Counter = { requests: 0, same: 0, different: [] };
  try {
    if (names.includes('blast-radius')) {
      for (const from of origins) {
        for (const maxHops of full ? [1, 2, 3, 4] : [3]) {
          for (const follow of full ? [null, ['SUPPLIER'], ['OWNERSHIP'], ['MEMBERSHIP'], ['SUPPLIER', 'MEMBERSHIP']] : [null]) {
            for (const asOf of full ? [null, '2020-06-30'] : [null]) {
              for (const limit of full ? [5000, 3] : [500]) await compare(current, proposed, BLAST, { from, maxHops, asOf, follow, limit }, c);
            }
          }
        }
      }
      log(`check: ${label}: blast radius ${c.same}/${c.requests} the same`);
    }
    if (names.includes('vendor-ranking')) {
      for (const field of ['INCIDENTS', 'CONFIRMED_ORGANIZATIONS', 'POTENTIAL_ORGANIZATIONS', 'INDIVIDUALS_AFFECTED', 'NAME']) {
        for (const direction of ['ASC', 'DESC']) {
          let after: string | null = null;
          for (let page = 0; page < (full ? 6 : 2); page++) {
            const data = (await compare(current, proposed, VENDORS, { field, direction, after }, c)) as { vendors?: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | undefined;
            if (!data?.vendors?.pageInfo.hasNextPage) break;
            after = data.vendors.pageInfo.endCursor;
          }
        }
      }
      log(`check: ${label}: + vendor ranking ${c.same}/${c.requests} the same`);
    }
    if (names.includes('neighborhood')) {
      for (const id of [...hospitals, ...origins.slice(0, full ? origins.length : 4)]) {
        for (const depth of full ? [1, 2, 3] : [1, 2]) {
          for (const limit of [200, 7]) {
            for (const asOf of full ? [null, '2020-06-30'] : [null]) {
              for (const kinds of full ? [null, ['ORGANIZATION', 'VENDOR']] : [null]) await compare(current, proposed, NEIGHBORHOOD, { id, depth, limit, asOf, kinds }, c);
            }
          }
        }
      }
      log(`check: ${label}: + neighbourhood ${c.same}/${c.requests} the same`);
    }
    if (names.includes('incidents-page')) {
      const filters = [null, { from: '2020-01-01' }, { country: 'US' }, { vendor: origins[0] }, { minIndividualsAffected: 100000 }, { incidentType: 'ransom' }];
      for (const filter of filters) {
        for (const field of ['DATE', 'INDIVIDUALS_AFFECTED']) {
          for (const direction of ['ASC', 'DESC']) {
            let after: string | null = null;
            for (let page = 0; page < 4; page++) {
              const data = (await compare(current, proposed, INCIDENTS, { first: 9, after, field, direction, filter }, c)) as { incidents?: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | undefined;
              if (!data?.incidents?.pageInfo.hasNextPage) break;
              after = data.incidents.pageInfo.endCursor;
            }
          }
        }
      }
      log(`check: ${label}: + incidents ${c.same}/${c.requests} the same`);
    }
  } finally {
    await dbA.close();
    await dbB.close();
  }
  return c;
}

async function idsOf(uri: string, cypher: string): Promise<string[]> {
  const db = new Db({ uri, database: 'neo4j', queryTimeoutMs: 60_000 });
  try {
    const session = db.driver.session();
    try {
      return (await session.run(cypher)).records.map((r) => String(r.get('id')));
    } finally {
      await session.close();
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const results: { label: string; c: Counter }[] = [];
  // 1. The seed: every vendor and incident.
  let neo: LocalNeo4j = await startLocalNeo4j({ port: 0, log: () => undefined });
  try {
    const db = new Db({ uri: neo.uri, database: 'neo4j', queryTimeoutMs: 60_000 });
    await db.runStatements(readSchemaStatements());
    await loadSeed(db);
    await db.close();
    const origins = await idsOf(neo.uri, 'MATCH (n) WHERE n:Vendor OR n:Incident RETURN n.id AS id ORDER BY id');
    const orgs = await idsOf(neo.uri, 'MATCH (n:Organization) WHERE NOT n:Vendor RETURN n.id AS id ORDER BY id LIMIT 10');
    log(`check: seed: ${origins.length} origins`);
    results.push({ label: 'seed', c: await checkDatabase('seed', neo.uri, origins, orgs, true) });
  } finally {
    await neo.stop();
  }
  // 2. A generated store: the picked vendors plus a sample.
  const scaleArg = argValue('scale');
  if (scaleArg) {
    const scale = Number(scaleArg);
    const manifest = readManifest(scale);
    if (!manifest) throw new Error(`check: no generated store for scale ${scale}; run bench/generate.ts --scale ${scale}`);
    neo = await startStore(scale);
    try {
      const max = numberArg('max-origins', 20);
      const sample = await idsOf(neo.uri, `MATCH (n) WHERE n:Vendor OR n:Incident WITH n ORDER BY n.id RETURN n.id AS id`);
      const step = Math.max(1, Math.floor(sample.length / max));
      const origins = [manifest.picks.smallVendor.id, manifest.picks.incident.id, ...sample.filter((_, i) => i % step === 0).slice(0, max)];
      if (hasTop()) origins.unshift(manifest.picks.topVendor.id);
      results.push({ label: `scale ${scale}`, c: await checkDatabase(`scale ${scale}`, neo.uri, origins, [manifest.picks.hospital.id], false) });
    } finally {
      await neo.stop();
    }
  }
  let failed = false;
  for (const { label, c } of results) {
    console.log(`${label}: ${c.same} of ${c.requests} responses the same`);
    for (const d of c.different.slice(0, 5)) console.log(`  DIFFERENT ${d.query} ${JSON.stringify(d.variables)}\n    current:  ${d.a}\n    proposed: ${d.b}`);
    if (c.different.length > 0) failed = true;
  }
  if (failed) process.exitCode = 1;
}

function hasTop(): boolean {
  return process.argv.includes('--with-top');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
