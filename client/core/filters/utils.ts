// Pure filter predicates shared by the renderer, the list view and the exports, so all three show the same graph.
import type Graph from 'graphology';
import type { EdgeAttributes, NodeAttributes } from '../../graph/payload.ts';
import { DEFAULT_HIDDEN_KINDS, type FiltersState } from './types.ts';

export function getEmptyFiltersState(): FiltersState {
  return { hiddenKinds: [...DEFAULT_HIDDEN_KINDS], hiddenConfidence: [] };
}

export function confidenceKey(confidence: string | null | undefined): string {
  return confidence && confidence.length > 0 ? confidence : 'unknown';
}

export function isNodeVisible(attrs: NodeAttributes, filters: FiltersState): boolean {
  return !filters.hiddenKinds.includes(attrs.kind);
}

export function isEdgeVisible(graph: Graph<NodeAttributes, EdgeAttributes>, edge: string, filters: FiltersState): boolean {
  const attrs = graph.getEdgeAttributes(edge);
  if (filters.hiddenConfidence.includes(confidenceKey(attrs.confidence))) return false;
  return isNodeVisible(graph.getSourceAttributes(edge), filters) && isNodeVisible(graph.getTargetAttributes(edge), filters);
}

export interface VisibleGraph {
  nodes: string[];
  edges: string[];
}

/** The nodes and edges drawn under these filters, in graph order. */
export function visibleGraph(graph: Graph<NodeAttributes, EdgeAttributes>, filters: FiltersState): VisibleGraph {
  const nodes: string[] = [];
  graph.forEachNode((node, attrs) => {
    if (isNodeVisible(attrs, filters)) nodes.push(node);
  });
  const edges: string[] = [];
  graph.forEachEdge((edge) => {
    if (isEdgeVisible(graph, edge, filters)) edges.push(edge);
  });
  return { nodes, edges };
}

/** Values present in the graph, with counts: the filter panel lists only what there is. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
