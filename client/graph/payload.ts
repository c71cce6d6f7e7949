// Turns the answers of a view into the data graph: merges nodes and edges (merging the same answers twice changes
// nothing), drops what no answer holds any more, and places new nodes near the node they grew from.
import type Graph from 'graphology';
import type { ApiEdge, ApiNode, PartResult } from './queries.ts';

export type Exposure = 'origin' | 'confirmed' | 'potential';

export interface NodeAttributes {
  label: string;
  kind: string;
  x: number;
  y: number;
  /** Hops from the start of the view's main answer; null for entities only expansions brought. */
  hops: number | null;
  /** Blast radius only: origin, confirmed (named as affected) or potential. */
  exposure: Exposure | null;
  /** Individuals affected (incidents and breach reports): the figure used for sizing, or null. */
  individuals: number | null;
  /** Ids of the sources behind the entity record. */
  sources: string[];
  /** Every stored property, as the server sent it. */
  attributes: Record<string, unknown>;
  /** Kept in place by the layout (dragged by the user). */
  pinned: boolean;
}

export interface EdgeAttributes {
  relType: string;
  confidence: string | null;
  sources: string[];
  validFrom: string | null;
  validTo: string | null;
  attributes: Record<string, unknown>;
}

export type DataGraph = Graph<NodeAttributes, EdgeAttributes>;

/** A stable pseudo-random number in [0, 1) from a string (FNV-1a): the same ids give the same first layout. */
export function hashUnit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The figure an entity is sized by: its stored total, else the largest non-placeholder reported figure. */
export function individualsOf(attributes: Record<string, unknown>): number | null {
  const direct = attributes.individualsAffected;
  if (typeof direct === 'number' && direct > 0) return direct;
  if (typeof attributes.figuresJson === 'string') {
    try {
      const figures = JSON.parse(attributes.figuresJson) as { count?: number | null; unit?: string }[];
      const counts = figures.filter((f) => typeof f.count === 'number' && !/placeholder/i.test(f.unit ?? '')).map((f) => f.count as number);
      if (counts.length > 0) return Math.max(...counts);
    } catch {
      return null;
    }
  }
  return null;
}

interface Target {
  node: ApiNode;
  hops: number | null;
  exposure: Exposure | null;
  /** Where to place it if new: the node it grew from. */
  anchor: string;
}

/** Gathers what the answers hold, first answer first: hops come from the view's main answer. */
function collect(results: PartResult[]): { nodes: Map<string, Target>; edges: Map<string, ApiEdge> } {
  const nodes = new Map<string, Target>();
  const edges = new Map<string, ApiEdge>();
  results.forEach((result, index) => {
    const main = index === 0 && result.part.kind !== 'relationships' && !result.part.key.startsWith('nb:');
    const confirmed = new Map((result.blast?.reached ?? []).map((r) => [r.entity.id, r.confirmed]));
    // Parent by hops, from the answer's own edges: a depth-2 node is placed near the node that reached it.
    const byId = new Map(result.subgraph.nodes.map((n) => [n.id, n]));
    const parent = new Map<string, string>();
    for (const e of result.subgraph.edges) {
      for (const [child, other] of [
        [e.source, e.target],
        [e.target, e.source],
      ] as const) {
        const c = byId.get(child);
        const o = byId.get(other);
        if (c && o && c.hops !== null && o.hops !== null && o.hops === c.hops - 1 && !parent.has(child)) parent.set(child, other);
      }
    }
    for (const n of result.subgraph.nodes) {
      const existing = nodes.get(n.id);
      let exposure: Exposure | null = existing?.exposure ?? null;
      if (result.blast) {
        if (n.id === result.blast.origin.id) exposure = 'origin';
        else if (confirmed.has(n.id)) exposure = confirmed.get(n.id) ? 'confirmed' : 'potential';
      }
      if (existing) {
        nodes.set(n.id, { ...existing, exposure });
        continue;
      }
      nodes.set(n.id, { node: n, hops: main ? n.hops : null, exposure, anchor: parent.get(n.id) ?? result.part.origin });
    }
    for (const e of result.subgraph.edges) if (!edges.has(e.id)) edges.set(e.id, e);
  });
  return { nodes, edges };
}

function extent(graph: DataGraph): number {
  if (graph.order < 2) return 10;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  return Math.max(maxX - minX, maxY - minY, 10);
}

export interface MergeSummary {
  added: string[];
  removed: number;
}

/**
 * Makes the data graph hold exactly what the answers hold. Existing nodes keep their positions; new nodes start
 * on a small circle around the node they grew from, at an angle derived from their id (deterministic).
 */
export function syncGraph(graph: DataGraph, results: PartResult[], pins: Map<string, { x: number; y: number }>): MergeSummary {
  const { nodes, edges } = collect(results);
  let removed = 0;
  graph.forEachEdge((edge) => {
    if (!edges.has(edge)) graph.dropEdge(edge);
  });
  for (const node of graph.nodes()) {
    if (!nodes.has(node)) {
      graph.dropNode(node);
      removed++;
    }
  }
  const radius = Math.max(5, extent(graph) * 0.06);
  const added: string[] = [];
  for (const [id, t] of nodes) {
    const attrs = t.node.attributes ?? {};
    const data = {
      label: t.node.label,
      kind: t.node.kind,
      hops: t.hops,
      exposure: t.exposure,
      individuals: individualsOf(attrs),
      sources: stringList(attrs.sources),
      attributes: attrs,
      pinned: pins.has(id),
    };
    const pinAt = pins.get(id);
    if (graph.hasNode(id)) {
      graph.mergeNodeAttributes(id, pinAt ? { ...data, ...pinAt } : data);
      continue;
    }
    let x = 0;
    let y = 0;
    if (pinAt) {
      ({ x, y } = pinAt);
    } else if (graph.order > 0) {
      const anchor = graph.hasNode(t.anchor) ? graph.getNodeAttributes(t.anchor) : null;
      const angle = hashUnit(id) * Math.PI * 2;
      const r = radius * (0.8 + 0.4 * hashUnit(`${id}#r`));
      x = (anchor?.x ?? 0) + r * Math.cos(angle);
      y = (anchor?.y ?? 0) + r * Math.sin(angle);
    }
    graph.addNode(id, { ...data, x, y });
    added.push(id);
  }
  for (const [id, e] of edges) {
    if (graph.hasEdge(id) || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    graph.addDirectedEdgeWithKey(id, e.source, e.target, {
      relType: e.type,
      confidence: e.confidence,
      sources: e.sources,
      validFrom: e.validFrom,
      validTo: e.validTo,
      attributes: e.attributes ?? {},
    });
  }
  return { added, removed };
}
