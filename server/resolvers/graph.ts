// Subgraph and path shapes: nodes and edges as graphology/networkx take them, paths read as cited sentences.
import type { Row } from '../db/db.ts';
import type { Context, EntityRow } from './context.ts';
import { kindOfLabels } from './kinds.ts';
import { relationshipSentence } from './sentences.ts';

export interface EdgeRow extends Row {
  id: string;
  type: string;
  source: string;
  target: string;
  sources?: string[];
  citations?: CitationRow[];
}

export interface CitationRow extends Row {
  id: string;
  title?: string | null;
  publisher?: string | null;
  date?: string | null;
  url?: string | null;
  reliability?: string | null;
  dataset?: string | null;
}

export interface GraphNodeOut {
  id: string;
  kind: string | undefined;
  label: string;
  hops: number | null;
  attributes: Row;
}

export interface GraphEdgeOut {
  id: string;
  source: string;
  target: string;
  type: string;
  sources: string[];
  confidence: string | null;
  validFrom: string | null;
  validTo: string | null;
  attributes: Row;
}

export function graphNode(row: EntityRow & { hops?: number }): GraphNodeOut {
  const { labels, aliasText: _a, hops, ...attributes } = row;
  return {
    id: row.id,
    kind: kindOfLabels(labels),
    label: typeof row.name === 'string' ? row.name : typeof row.title === 'string' ? row.title : row.id,
    hops: typeof hops === 'number' ? hops : null,
    attributes: { ...attributes, labels },
  };
}

export function graphEdge(row: EdgeRow): GraphEdgeOut {
  const { citations: _c, ...attributes } = row;
  return {
    id: row.id,
    source: row.source,
    target: row.target,
    type: row.type,
    sources: Array.isArray(row.sources) ? row.sources.filter((s): s is string => typeof s === 'string') : [],
    confidence: typeof row.confidence === 'string' ? row.confidence : typeof row.attribution === 'string' ? row.attribution : null,
    validFrom: typeof row.validFrom === 'string' ? row.validFrom : null,
    validTo: typeof row.validTo === 'string' ? row.validTo : null,
    attributes,
  };
}

/** Most citable first: official and primary filings, then press releases, news, trade press, the rest. */
const RELIABILITY_RANK = [
  'official',
  'official_report',
  'primary_filing',
  'press_release',
  'news',
  'trade_press',
  'threat_intel_vendor',
  'professional_body',
  'law_firm_commentary',
  'vendor_documentation',
  'vendor_blog',
  'official_reprint',
  'press_release_reprint',
  'secondary_news',
  'financial_data_summary',
  'encyclopedia',
  'encyclopedia_mirror',
  'community_wiki',
  'advocacy_site',
  'aggregator',
  'blog',
];

function rank(c: CitationRow): number {
  const i = RELIABILITY_RANK.indexOf(c.reliability ?? '');
  return i === -1 ? RELIABILITY_RANK.length : i;
}

export function bestCitations(citations: CitationRow[]): CitationRow[] {
  return [...citations].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

/** "Becker's Hospital Review" or, for a dataset, its file name. */
export function citationText(c: CitationRow): string {
  return c.publisher ?? c.title ?? c.dataset ?? c.id;
}

export interface PathRow extends Row {
  nodes: (EntityRow & { hops?: number })[];
  edges: EdgeRow[];
}

/** Loads citations not already present, through the per-request batch loader. */
async function citationsOf(edge: EdgeRow, ctx: Context): Promise<CitationRow[]> {
  if (edge.citations) return edge.citations.filter((c): c is CitationRow => c !== null);
  const ids = Array.isArray(edge.sources) ? edge.sources.filter((s): s is string => typeof s === 'string') : [];
  const loaded = await Promise.all(ids.map((id) => ctx.entities.load(id)));
  return loaded.filter((s): s is EntityRow => s !== undefined) as unknown as CitationRow[];
}

function nameOf(path: PathRow, id: string): string {
  const node = path.nodes.find((n) => n.id === id);
  return String(node?.name ?? node?.title ?? id);
}

export async function pathSteps(path: PathRow, ctx: Context): Promise<{ sentence: string; relationship: GraphEdgeOut; citations: CitationRow[] }[]> {
  return Promise.all(
    path.edges.map(async (edge) => {
      const citations = bestCitations(await citationsOf(edge, ctx));
      const base = relationshipSentence(edge.type, nameOf(path, edge.source), nameOf(path, edge.target), edge);
      const first = citations[0];
      return { sentence: first ? `${base} — ${citationText(first)}` : base, relationship: graphEdge(edge), citations };
    }),
  );
}

export const pathResolvers = {
  Path: {
    length: (p: PathRow) => p.edges.length,
    nodes: (p: PathRow) => p.nodes.map(graphNode),
    edges: (p: PathRow) => p.edges.map(graphEdge),
    sentences: async (p: PathRow, _: unknown, ctx: Context) => (await pathSteps(p, ctx)).map((s) => s.sentence),
    steps: (p: PathRow, _: unknown, ctx: Context) => pathSteps(p, ctx),
  },
  PathStep: {
    citations: (s: { citations: CitationRow[] }) => s.citations.map((c) => ({ ...c, labels: c.labels ?? ['Entity', 'Source'] })),
  },
};
