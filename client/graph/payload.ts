// Turns an API answer (an entity and its relationships) into graphology nodes and edges; merging twice changes nothing.
import type Graph from 'graphology';
import { kindStyle } from '../core/kinds.ts';

export interface EntitySummary {
  id: string;
  kind: string;
  name: string;
}

export interface RelationshipSummary {
  id: string;
  type: string;
  from: EntitySummary;
  to: EntitySummary;
  confidence: string | null;
  sources: { id: string }[];
}

export interface NodeAttributes {
  label: string;
  kind: string;
  x: number;
  y: number;
  size: number;
  color: string;
}

export interface EdgeAttributes {
  type: string;
  relType: string;
  confidence: string | null;
  sources: string[];
  size: number;
  color: string;
}

/** Adds a node if new; new nodes start near `near` so the layout has little to undo. */
export function mergeEntity(graph: Graph<NodeAttributes, EdgeAttributes>, e: EntitySummary, near?: { x: number; y: number }): void {
  if (graph.hasNode(e.id)) return;
  const angle = Math.random() * Math.PI * 2;
  const r = near ? 1 + Math.random() : 10 * Math.random();
  graph.addNode(e.id, {
    label: e.name,
    kind: e.kind,
    x: (near?.x ?? 0) + r * Math.cos(angle),
    y: (near?.y ?? 0) + r * Math.sin(angle),
    size: 6,
    color: kindStyle(e.kind).color,
  });
}

export function mergeNeighbourhood(graph: Graph<NodeAttributes, EdgeAttributes>, centre: EntitySummary, rels: RelationshipSummary[]): void {
  mergeEntity(graph, centre);
  const origin = graph.getNodeAttributes(centre.id);
  for (const r of rels) {
    mergeEntity(graph, r.from, origin);
    mergeEntity(graph, r.to, origin);
    if (graph.hasEdge(r.id)) continue;
    graph.addDirectedEdgeWithKey(r.id, r.from.id, r.to.id, {
      type: 'arrow',
      relType: r.type,
      confidence: r.confidence,
      sources: r.sources.map((s) => s.id),
      size: 1.5,
      color: '#b8bfcc',
    });
  }
  // Size by degree so hubs stand out.
  graph.forEachNode((node) => graph.setNodeAttribute(node, 'size', 5 + Math.min(15, Math.sqrt(graph.degree(node)) * 2)));
  graph.setNodeAttribute(centre.id, 'size', 18);
}
