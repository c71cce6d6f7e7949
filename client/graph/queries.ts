// The GraphQL behind a view: one query per part (the opened answer, each expansion), written out with literal
// arguments so the text the client runs is exactly the text "Export → GraphQL" shows.
import type { Expansion, ViewState } from '../core/view/types.ts';
import { MAX_TYPED_LIMIT } from '../core/view/utils.ts';

export const SUBGRAPH_FRAGMENT = /* GraphQL */ `fragment SubgraphFields on Subgraph {
  truncated omitted
  nodes { id kind label hops attributes }
  edges { id source target type sources confidence validFrom validTo attributes }
}`;

const EDGE_FIELDS = 'id source target type sources confidence validFrom validTo attributes';

export interface ApiNode {
  id: string;
  kind: string;
  label: string;
  hops: number | null;
  attributes: Record<string, unknown>;
}

export interface ApiEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  sources: string[];
  confidence: string | null;
  validFrom: string | null;
  validTo: string | null;
  attributes: Record<string, unknown>;
}

export interface ApiSubgraph {
  nodes: ApiNode[];
  edges: ApiEdge[];
  truncated: boolean;
  omitted: number;
}

export interface ApiSource {
  id: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
}

export interface ApiFigure {
  count: number | null;
  unit: string | null;
  reportedBy: string | null;
  asOf: string | null;
  note: string | null;
  placeholder: boolean;
  used: boolean | null;
  incidentId: string | null;
  sources: ApiSource[];
}

export interface CountBy {
  key: string;
  count: number;
}

export interface ApiBlastRadius {
  origin: { id: string; kind: string; name: string };
  incidents: { id: string; name: string }[];
  truncated: boolean;
  omitted: number;
  reached: { hops: number; confirmed: boolean; namedBy: string[]; entity: { id: string; kind: string; name: string }; path: { sentences: string[] } }[];
  summary: {
    organizations: number;
    confirmed: number;
    potential: number;
    byState: CountBy[];
    byKind: CountBy[];
    incidents: number;
    individualsAffected: number | null;
    figures: ApiFigure[];
  };
  subgraph: ApiSubgraph;
}

export interface ApiPathStep {
  sentence: string;
  relationship: { id: string };
  citations: ApiSource[];
}

export interface ApiPath {
  length: number;
  nodes: ApiNode[];
  edges: ApiEdge[];
  sentences: string[];
  steps: ApiPathStep[];
}

interface ApiRelationshipItem {
  id: string;
  type: string;
  confidence: string | null;
  validFrom: string | null;
  validTo: string | null;
  sources: { id: string }[];
  properties: Record<string, unknown>;
  from: { id: string; kind: string; name: string; properties: Record<string, unknown> };
  to: { id: string; kind: string; name: string; properties: Record<string, unknown> };
}

interface ApiRelationshipsOf {
  id: string;
  kind: string;
  name: string;
  properties: Record<string, unknown>;
  relationships: { totalCount: number; truncated: boolean; items: ApiRelationshipItem[] };
}

export type PartKind = 'self' | 'neighbourhood' | 'relationships' | 'blast' | 'paths';

/** One query of a view: the field it asks (with literal arguments) and who it belongs to. */
export interface Part {
  key: string;
  kind: PartKind;
  /** The node the answer grows from (new nodes are placed near it; "N more" is shown on it). */
  origin: string;
  /** Why this part is in the view, for people. */
  label: string;
  /** `alias: field(args) { selection }`, without the alias. */
  field: string;
  fragments: string[];
  /** For relationship expansions: the date rule the server does not apply there. */
  asOf: string | null;
}

/** The answer of one part, normalised to a subgraph. */
export interface PartResult {
  part: Part;
  subgraph: ApiSubgraph;
  /** What `subgraph.omitted` counts. */
  omittedUnit: 'entities' | 'relationships';
  blast?: ApiBlastRadius;
  paths?: ApiPath[];
}

const str = (s: string) => JSON.stringify(s);
const args = (pairs: [string, string | null][]) =>
  pairs
    .filter((p): p is [string, string] => p[1] !== null)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

function neighbourhoodField(id: string, depth: number, limit: number, asOf: string | null): string {
  return `neighborhood(${args([
    ['id', str(id)],
    ['depth', String(depth)],
    ['asOf', asOf ? str(asOf) : null],
    ['limit', String(limit)],
  ])}) { ...SubgraphFields }`;
}

function relationshipsField(e: Expansion): string {
  const types = `[${(e.types ?? []).map(str).join(', ')}]`;
  return `node(id: ${str(e.id)}) { id kind name properties relationships(types: ${types}, first: ${Math.min(MAX_TYPED_LIMIT, e.limit)}) { totalCount truncated items { id type confidence validFrom validTo sources { id } properties from { id kind name properties } to { id kind name properties } } } }`;
}

/** What the explorer asks of a blast radius (bench/lib/cases.ts measures exactly this). */
export const BLAST_SELECTION = `{
    origin { id kind name } incidents { id name } truncated omitted
    reached { hops confirmed namedBy entity { id kind name } path { sentences } }
    summary {
      organizations confirmed potential byState { key count } byKind { key count } incidents individualsAffected
      figures { count unit reportedBy asOf note placeholder used incidentId sources { id title publisher date url } }
    }
    subgraph { ...SubgraphFields }
  }`;

/** What the explorer asks of paths (bench/lib/cases.ts measures exactly this). */
export const PATHS_SELECTION = `{
    length sentences
    nodes { id kind label hops attributes }
    edges { ${EDGE_FIELDS} }
    steps { sentence relationship { id } citations { id title publisher date url } }
  }`;

/** The queries a view needs, in the order their answers are merged. */
export function planParts(view: ViewState): Part[] {
  const parts: Part[] = [];
  if (!view.focus) return parts;
  const asOf = view.asOf;
  if (view.mode === 'explore') {
    if (!view.collapsed.includes(view.focus)) {
      parts.push({
        key: `root:${view.focus}:${view.depth}:${view.limit}:${asOf ?? ''}`,
        kind: 'neighbourhood',
        origin: view.focus,
        label: `Neighbourhood of ${view.focus} (depth ${view.depth}, cap ${view.limit})`,
        field: neighbourhoodField(view.focus, view.depth, view.limit, asOf),
        fragments: [SUBGRAPH_FRAGMENT],
        asOf,
      });
    } else {
      // A collapsed root still shows itself.
      parts.push({
        key: `self:${view.focus}`,
        kind: 'self',
        origin: view.focus,
        label: `${view.focus} alone (collapsed)`,
        field: `node(id: ${str(view.focus)}) { id kind name properties }`,
        fragments: [],
        asOf,
      });
    }
  } else if (view.mode === 'blast') {
    parts.push({
      key: `blast:${view.focus}:${view.hops}:${view.follow.join(',')}:${view.blastLimit}:${asOf ?? ''}`,
      kind: 'blast',
      origin: view.focus,
      label: `Blast radius of ${view.focus} (${view.hops} hops, cap ${view.blastLimit})`,
      field: `blastRadius(${args([
        ['from', str(view.focus)],
        ['maxHops', String(view.hops)],
        ['asOf', asOf ? str(asOf) : null],
        ['follow', `[${view.follow.join(', ')}]`],
        ['limit', String(view.blastLimit)],
      ])}) ${BLAST_SELECTION}`,
      fragments: [SUBGRAPH_FRAGMENT],
      asOf,
    });
  } else if (view.mode === 'paths' && view.target) {
    parts.push({
      key: `paths:${view.focus}:${view.target}:${asOf ?? ''}`,
      kind: 'paths',
      origin: view.focus,
      label: `Shortest paths from ${view.focus} to ${view.target}`,
      field: `paths(${args([
        ['from', str(view.focus)],
        ['to', str(view.target)],
        ['maxHops', '6'],
        ['first', '3'],
        ['asOf', asOf ? str(asOf) : null],
      ])}) ${PATHS_SELECTION}`,
      fragments: [],
      asOf,
    });
  }
  for (const e of view.expansions) {
    if (e.types) {
      parts.push({
        key: `rel:${e.id}:${e.types.join(',')}:${e.limit}:${asOf ?? ''}`,
        kind: 'relationships',
        origin: e.id,
        label: `Expansion of ${e.id}: ${e.types.join(', ')} (cap ${e.limit})`,
        field: relationshipsField(e),
        fragments: [],
        asOf,
      });
    } else {
      parts.push({
        key: `nb:${e.id}:${e.limit}:${asOf ?? ''}`,
        kind: 'neighbourhood',
        origin: e.id,
        label: `Expansion of ${e.id} (cap ${e.limit})`,
        field: neighbourhoodField(e.id, 1, e.limit, asOf),
        fragments: [SUBGRAPH_FRAGMENT],
        asOf,
      });
    }
  }
  return parts;
}

/** The document one part runs. */
export function partDocument(part: Part): string {
  return `query ExplorerPart {\n  result: ${part.field}\n}\n${part.fragments.join('\n')}`;
}

/** One document with every part of the view under an alias: "the GraphQL query behind the view". */
export function viewDocument(parts: Part[]): string {
  if (parts.length === 0) return '# Nothing open yet.';
  const comments = parts.map((p, i) => `#   p${i}: ${p.label}`).join('\n');
  const fields = parts.map((p, i) => `  p${i}: ${p.field}`).join('\n');
  const fragments = [...new Set(parts.flatMap((p) => p.fragments))].join('\n');
  return `# The queries behind this view; POST it to /graphql as {"query": …}.\n${comments}\nquery ExplorerView {\n${fields}\n}\n${fragments}`;
}

function isIncidentAfter(props: Record<string, unknown>, kind: string, asOf: string): boolean {
  return kind === 'INCIDENT' && typeof props.date === 'string' && props.date > asOf;
}

function validOn(item: { validFrom: string | null; validTo: string | null }, asOf: string): boolean {
  return (item.validFrom === null || item.validFrom <= asOf) && (item.validTo === null || item.validTo > asOf);
}

/** Turns a raw answer into the part's subgraph (relationship lists become a star around the origin). */
export function normalise(part: Part, data: unknown): PartResult {
  const result = (data as { result: unknown }).result;
  switch (part.kind) {
    case 'self': {
      const node = result as { id: string; kind: string; name: string; properties: Record<string, unknown> } | null;
      const nodes = node ? [{ id: node.id, kind: node.kind, label: node.name, hops: 0, attributes: node.properties }] : [];
      return { part, omittedUnit: 'entities', subgraph: { nodes, edges: [], truncated: false, omitted: 0 } };
    }
    case 'neighbourhood':
      return { part, omittedUnit: 'entities', subgraph: result as ApiSubgraph };
    case 'blast': {
      const blast = result as ApiBlastRadius;
      return { part, omittedUnit: 'entities', subgraph: blast.subgraph, blast };
    }
    case 'paths': {
      const paths = result as ApiPath[];
      const nodes = new Map<string, ApiNode>();
      const edges = new Map<string, ApiEdge>();
      for (const p of paths) {
        p.nodes.forEach((n, i) => nodes.set(n.id, { ...n, hops: Math.min(i, nodes.get(n.id)?.hops ?? i) }));
        for (const e of p.edges) edges.set(e.id, e);
      }
      return { part, omittedUnit: 'entities', paths, subgraph: { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false, omitted: 0 } };
    }
    case 'relationships': {
      const node = result as ApiRelationshipsOf | null;
      if (!node) return { part, omittedUnit: 'relationships', subgraph: { nodes: [], edges: [], truncated: false, omitted: 0 } };
      const asOf = part.asOf;
      // relationships() has no asOf argument: apply the same rule the server's neighbourhood applies.
      const items = asOf
        ? node.relationships.items.filter((r) => validOn(r, asOf) && !isIncidentAfter(r.from.properties, r.from.kind, asOf) && !isIncidentAfter(r.to.properties, r.to.kind, asOf))
        : node.relationships.items;
      const nodes = new Map<string, ApiNode>([[node.id, { id: node.id, kind: node.kind, label: node.name, hops: 0, attributes: node.properties }]]);
      const edges: ApiEdge[] = [];
      for (const r of items) {
        for (const end of [r.from, r.to]) {
          if (!nodes.has(end.id)) nodes.set(end.id, { id: end.id, kind: end.kind, label: end.name, hops: 1, attributes: end.properties });
        }
        edges.push({
          id: r.id,
          source: r.from.id,
          target: r.to.id,
          type: r.type,
          sources: r.sources.map((s) => s.id),
          confidence: r.confidence,
          validFrom: r.validFrom,
          validTo: r.validTo,
          attributes: r.properties,
        });
      }
      const omitted = Math.max(0, node.relationships.totalCount - node.relationships.items.length);
      return { part, omittedUnit: 'relationships', subgraph: { nodes: [...nodes.values()], edges, truncated: node.relationships.truncated, omitted } };
    }
  }
}
