// Root resolvers of the exploration API: validate arguments, run one named query, map rows.
import type { GraphQLResolveInfo } from 'graphql';
import { variant } from '../db/cypher.ts';
import { codedError } from '../db/errors.ts';
import { incidentFigure, isPlaceholder, parseFigures, type Figure } from '../model/figures.ts';
import { luceneQuery } from '../model/lucene.ts';
import { asOfDay, checkId, dayOf, decodeCursor, encodeCursor, intInRange } from './args.ts';
import type { Row } from '../db/db.ts';
import type { Context, EntityRow, RelationshipRow } from './context.ts';
import { graphEdge, graphNode, type EdgeRow, type PathRow } from './graph.ts';
import { selectsAny } from './lookahead.ts';

type Kind = string;
type Direction = 'ASC' | 'DESC';

interface IncidentFilter {
  from?: string | null;
  to?: string | null;
  country?: string | null;
  vendor?: string | null;
  actor?: string | null;
  incidentType?: string | null;
  minIndividualsAffected?: number | null;
}

function filterParams(filter: IncidentFilter | null | undefined) {
  const f = filter ?? {};
  if (f.vendor) checkId(f.vendor, 'filter.vendor');
  if (f.actor) checkId(f.actor, 'filter.actor');
  if (f.country && !/^[A-Za-z]{2}$/.test(f.country)) throw codedError('BAD_USER_INPUT', 'filter.country must be a two-letter ISO 3166 code', { argument: 'filter.country' });
  if (f.incidentType && f.incidentType.length > 200) throw codedError('BAD_USER_INPUT', 'filter.incidentType is limited to 200 characters', { argument: 'filter.incidentType' });
  if (f.minIndividualsAffected != null && f.minIndividualsAffected < 0) throw codedError('BAD_USER_INPUT', 'filter.minIndividualsAffected must be 0 or more', { argument: 'filter.minIndividualsAffected' });
  return {
    from: dayOf(f.from),
    to: dayOf(f.to, true),
    country: f.country ? f.country.toUpperCase() : null,
    vendor: f.vendor ?? null,
    actor: f.actor ?? null,
    incidentType: f.incidentType || null,
    minIndividuals: f.minIndividualsAffected ?? null,
  };
}

/** List arguments name a few things from a small set; a long list is a mistake or an attack. */
const MAX_LIST = 50;

function kindsParam(kinds: Kind[] | null | undefined): Kind[] | null {
  if (kinds && kinds.length > MAX_LIST) throw codedError('BAD_USER_INPUT', `kinds takes at most ${MAX_LIST} values`, { argument: 'kinds', max: MAX_LIST });
  return kinds && kinds.length > 0 ? [...new Set(kinds)] : null;
}

interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Rows fetched with LIMIT first + 1 → a page whose hasNextPage is exact. */
function page<R extends { key: number }, T>(rows: R[], first: number, order: string, idOf: (r: R) => string, node: (r: R) => T): Page<T> {
  const kept = rows.slice(0, first);
  const edges = kept.map((r) => ({ cursor: encodeCursor({ order, key: r.key, id: idOf(r) }), node: node(r) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

interface BlastRow extends Row {
  origin: EntityRow;
  incidents: EntityRow[];
  total: number;
  confirmedTotal: number;
  byState: { key: string; count: number }[];
  byKind: { key: string; count: number }[];
  page: {
    rank: number;
    node: EntityRow;
    hops: number;
    confirmed: boolean;
    namedBy: string[];
    pathNodes: EntityRow[];
    pathEdges: EdgeRow[];
  }[];
}

/** Fields under a blast radius whose answer cites sources: of path edges, and of the incidents' figures. */
const CITING_FIELDS = new Set(['sentences', 'steps', 'citations', 'figures']);

/** How long `paths` may look for paths one hop longer than the shortest when too few have the shortest length. */
const LONGER_PATHS_BUDGET_MS = 500;

function summaryFigures(incidents: EntityRow[]) {
  const figures: (Figure & { incidentId: string; used: boolean; placeholder: boolean })[] = [];
  let total: number | null = null;
  for (const incident of incidents) {
    const all = parseFigures(incident.figuresJson);
    const chosen = incidentFigure(all);
    if (chosen?.count != null) total = (total ?? 0) + chosen.count;
    for (const f of all) figures.push({ ...f, incidentId: incident.id, used: f === chosen, placeholder: isPlaceholder(f) });
  }
  return { total, figures };
}

export const apiQueryResolvers = {
  search: async (_: unknown, args: { query: string; kinds?: Kind[] | null; first?: number }, ctx: Context) => {
    const first = intInRange('first', args.first, 10, 1, 100);
    if (args.query.length > 1000) throw codedError('BAD_USER_INPUT', 'query is limited to 1000 characters', { argument: 'query' });
    const query = luceneQuery(args.query);
    if (query === null) return [];
    const rows = await ctx.db.read<{ node: EntityRow; score: number }>('search', {
      query,
      exact: args.query.trim().toLowerCase(),
      kinds: kindsParam(args.kinds),
      first,
    });
    return rows.map((r) => ({ entity: r.node, score: r.score }));
  },

  neighborhood: async (
    _: unknown,
    args: { id: string; depth?: number; kinds?: Kind[] | null; asOf?: string | null; limit?: number },
    ctx: Context,
  ) => {
    const depth = intInRange('depth', args.depth, 1, 1, 3);
    const limit = intInRange('limit', args.limit, 200, 1, 2000);
    const [row] = await ctx.db.read<{ nodes: (EntityRow & { hops: number })[]; edges: EdgeRow[]; reachable: number }>(variant('neighborhood', depth), {
      id: checkId(args.id),
      kinds: kindsParam(args.kinds),
      asOf: asOfDay(args.asOf),
      limit,
      maxEdges: limit * 5,
    });
    if (!row) throw codedError('NOT_FOUND', `no entity has id ${args.id}`, { argument: 'id' });
    const omitted = Math.max(0, row.reachable - (row.nodes.length - 1));
    return { nodes: row.nodes.map(graphNode), edges: row.edges.map(graphEdge), truncated: omitted > 0, omitted };
  },

  blastRadius: async (
    _: unknown,
    args: { from: string; maxHops?: number; asOf?: string | null; follow?: string[] | null; limit?: number },
    ctx: Context,
    info: GraphQLResolveInfo,
  ) => {
    const maxHops = intInRange('maxHops', args.maxHops, 3, 1, 4);
    const limit = intInRange('limit', args.limit, 500, 1, 5000);
    if (args.follow && args.follow.length > MAX_LIST) throw codedError('BAD_USER_INPUT', `follow takes at most ${MAX_LIST} values`, { argument: 'follow', max: MAX_LIST });
    const follow = new Set(args.follow && args.follow.length > 0 ? args.follow : ['SUPPLIER', 'OWNERSHIP', 'MEMBERSHIP']);
    const [first] = await ctx.db.read<BlastRow>(variant('blast-radius', maxHops), {
      from: checkId(args.from, 'from'),
      asOf: asOfDay(args.asOf),
      supplier: follow.has('SUPPLIER'),
      ownership: follow.has('OWNERSHIP'),
      membership: follow.has('MEMBERSHIP'),
      limit,
    });
    if (!first) throw codedError('NOT_FOUND', `no entity has id ${args.from}`, { argument: 'from' });
    if (!first.origin.labels.includes('Incident') && !first.origin.labels.includes('Vendor')) {
      throw codedError('BAD_USER_INPUT', `from must be an incident or a vendor; ${args.from} is neither`, { argument: 'from' });
    }
    // The query returns the page in order and numbers it; sorting by that number costs nothing and guards the order.
    const hits = [...first.page].sort((a, b) => a.rank - b.rank);
    // Path sentences and summary figures cite sources: read them now, while the rest of the answer is built, in one
    // cached read (a repeated blast radius then reads nothing from Neo4j), and prime them into the loader the field
    // resolvers read. If that read fails, the loader reads them when asked.
    const { total, figures } = summaryFigures(first.incidents);
    let cited: Promise<void> | undefined;
    if (selectsAny(info, CITING_FIELDS)) {
      const ids = new Set<string>();
      const add = (list: unknown) => {
        for (const id of Array.isArray(list) ? list : []) if (typeof id === 'string') ids.add(id);
      };
      for (const h of hits) for (const e of h.pathEdges) add(e.sources);
      for (const f of figures) add(f.sources);
      if (ids.size > 0) {
        cited = ctx.db.read<{ node: EntityRow }>('cited-sources', { ids: [...ids].sort() }).then(
          (rows) => {
            const found = new Map(rows.map((r) => [r.node.id, r.node]));
            for (const id of ids) ctx.entities.prime(id, found.get(id));
          },
          () => undefined,
        );
      }
    }
    const reached = hits.map((h) => ({
      entity: h.node,
      hops: h.hops,
      confirmed: h.confirmed,
      namedBy: h.namedBy,
      path: { nodes: h.pathNodes, edges: h.pathEdges } satisfies PathRow,
    }));
    // The subgraph: origin, everything reached, and the edges of the explaining paths (deduplicated).
    const nodes = new Map<string, EntityRow & { hops?: number }>([[first.origin.id, { ...first.origin, hops: 0 }]]);
    const edges = new Map<string, EdgeRow>();
    for (const h of hits) {
      for (const n of h.pathNodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
      nodes.set(h.node.id, { ...h.node, hops: h.hops, confirmed: h.confirmed });
      for (const e of h.pathEdges) edges.set(e.id, e);
    }
    const omitted = Math.max(0, first.total - hits.length);
    await cited;
    return {
      origin: first.origin,
      incidents: first.incidents,
      reached,
      summary: {
        organizations: first.total,
        confirmed: first.confirmedTotal,
        potential: first.total - first.confirmedTotal,
        byState: first.byState,
        byKind: first.byKind,
        incidents: first.incidents.length,
        individualsAffected: total,
        figures,
      },
      subgraph: { nodes: [...nodes.values()].map(graphNode), edges: [...edges.values()].map(graphEdge), truncated: omitted > 0, omitted },
      truncated: omitted > 0,
      omitted,
    };
  },

  paths: async (_: unknown, args: { from: string; to: string; maxHops?: number; first?: number; asOf?: string | null }, ctx: Context) => {
    const maxHops = intInRange('maxHops', args.maxHops, 6, 1, 6);
    const first = intInRange('first', args.first, 3, 1, 5);
    checkId(args.from, 'from');
    checkId(args.to, 'to');
    const asOf = asOfDay(args.asOf);
    // First the shortest length, then the paths of exactly that length (cypher/path-length.cypher says why).
    const [found] = await ctx.db.read<{ fromFound: boolean; toFound: boolean; hops: number | null }>(variant('path-length', maxHops), {
      from: args.from,
      to: args.to,
      asOf,
    });
    if (!found?.fromFound) throw codedError('NOT_FOUND', `no entity has id ${args.from}`, { argument: 'from' });
    if (!found.toFound) throw codedError('NOT_FOUND', `no entity has id ${args.to}`, { argument: 'to' });
    if (args.from === args.to || found.hops === null) return [];
    const params = { from: args.from, to: args.to, asOf, first };
    const [row] = await ctx.db.read<{ paths: PathRow[] }>(variant('paths', found.hops), params);
    const paths = row?.paths ?? [];
    if (paths.length >= first || found.hops >= maxHops) return paths;
    // Fewer than asked at the shortest length: one hop longer too, within a short budget — through a vendor
    // with tens of thousands of customers that search does not end in time, and the shortest paths stand alone.
    try {
      const [longer] = await ctx.db.read<{ paths: PathRow[] }>(variant('paths', found.hops + 1), params, { timeoutMs: LONGER_PATHS_BUDGET_MS });
      return longer?.paths ?? paths;
    } catch (err) {
      if ((err as { extensions?: { code?: string } }).extensions?.code === 'QUERY_TIMEOUT') return paths;
      throw err;
    }
  },

  incidents: async (
    _: unknown,
    args: { filter?: IncidentFilter | null; orderBy?: { field: string; direction?: Direction } | null; first?: number; after?: string | null },
    ctx: Context,
  ) => {
    const first = intInRange('first', args.first, 20, 1, 100);
    const field = args.orderBy?.field ?? 'DATE';
    const direction = args.orderBy?.direction ?? 'DESC';
    const order = `incidents:${field}:${direction}`;
    const cursor = decodeCursor(args.after, order);
    const filter = filterParams(args.filter);
    const orderParams = {
      byIndividuals: field === 'INDIVIDUALS_AFFECTED',
      descending: direction === 'DESC',
      afterKey: cursor?.key ?? null,
      afterId: cursor?.id ?? null,
      first,
    };
    type PageRow = { totalCount: number; rows: { node: EntityRow; key: number }[] };
    // Without a filter, the page is read in index order (incidents-page-all): same rows, same cursors.
    const [row] = Object.values(filter).every((value) => value === null)
      ? await ctx.db.read<PageRow>('incidents-page-all', orderParams)
      : await ctx.db.read<PageRow>('incidents-page', { ...filter, ...orderParams });
    return { ...page(row?.rows ?? [], first, order, (r) => r.node.id, (r) => r.node), totalCount: row?.totalCount ?? 0 };
  },

  vendors: async (
    _: unknown,
    args: { orderBy?: { field: string; direction?: Direction } | null; first?: number; after?: string | null },
    ctx: Context,
  ) => {
    const first = intInRange('first', args.first, 20, 1, 100);
    const field = args.orderBy?.field ?? 'INDIVIDUALS_AFFECTED';
    const direction = args.orderBy?.direction ?? 'DESC';
    const order = `vendors:${field}:${direction}`;
    const cursor = decodeCursor(args.after, order);
    interface VendorRow {
      node: EntityRow;
      incidents: number;
      individualsAffected: number;
      confirmedOrganizations: number;
      potentialOrganizations: number;
      key: number;
      tie: string;
    }
    const [row] = await ctx.db.read<{ totalCount: number; rows: VendorRow[] }>('vendor-ranking', {
      field,
      descending: direction === 'DESC',
      nameDescending: field === 'NAME' && direction === 'DESC',
      afterKey: cursor?.key ?? null,
      afterId: cursor?.id ?? null,
      first,
    });
    return {
      ...page(row?.rows ?? [], first, order, (r) => r.tie, (r) => ({ ...r, vendor: r.node })),
      totalCount: row?.totalCount ?? 0,
    };
  },

  timeline: async (_: unknown, args: { filter?: IncidentFilter | null; bucket: 'YEAR' | 'QUARTER' | 'MONTH' }, ctx: Context) => {
    const bucketLength = args.bucket === 'YEAR' ? 4 : args.bucket === 'MONTH' ? 7 : 0;
    const rows = await ctx.db.read<{ bucket: string; incidents: number; individualsAffected: number; ids: string[] }>('timeline', {
      bucketLength,
      ...filterParams(args.filter),
    });
    return rows.map((r) => ({ bucket: r.bucket, incidents: r.incidents, individualsAffected: r.individualsAffected, incidentIds: r.ids }));
  },

  possibleDuplicates: async (_: unknown, args: { first?: number; after?: string | null }, ctx: Context) => {
    const first = intInRange('first', args.first, 20, 1, 100);
    const order = 'possible-duplicates';
    const cursor = decodeCursor(args.after, order);
    const [row] = await ctx.db.read<{ totalCount: number; rows: (RelationshipRow & { key: number })[] }>('possible-same-as', {
      afterKey: cursor?.key ?? null,
      afterId: cursor?.id ?? null,
      first,
    });
    return {
      ...page(row?.rows ?? [], first, order, (r) => r.rel.id, (r) => ({
        relationship: { rel: r.rel, from: r.from, to: r.to },
        score: typeof r.rel.score === 'number' ? r.rel.score : null,
        reason: typeof r.rel.reason === 'string' ? r.rel.reason : null,
      })),
      totalCount: row?.totalCount ?? 0,
    };
  },
};

