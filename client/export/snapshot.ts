// The graph as shown (filters applied), with what each export needs: drawn colour and size, degree in view, sources.
import type { AppearanceState } from '../core/appearance/types.ts';
import { colorDomainOf, nodeColor, nodeMetrics, nodeSize } from '../core/appearance/utils.ts';
import type { FiltersState } from '../core/filters/types.ts';
import { visibleGraph } from '../core/filters/utils.ts';
import type { DataGraph } from '../graph/payload.ts';

export interface SnapshotNode {
  id: string;
  label: string;
  kind: string;
  hops: number | null;
  exposure: string | null;
  individuals: number | null;
  degree: number;
  x: number;
  y: number;
  size: number;
  color: string;
  sources: string[];
}

export interface SnapshotEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  confidence: string | null;
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
}

export interface Snapshot {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

export function snapshot(graph: DataGraph, filters: FiltersState, appearance: AppearanceState): Snapshot {
  const visible = visibleGraph(graph, filters);
  const shown = new Set(visible.edges);
  const domain = colorDomainOf(graph, filters, appearance);
  const nodes = visible.nodes.map((id) => {
    const a = graph.getNodeAttributes(id);
    const metrics = nodeMetrics(graph, id, appearance);
    const degree = graph.edges(id).filter((e) => shown.has(e)).length;
    return {
      id,
      label: a.label,
      kind: a.kind,
      hops: a.hops,
      exposure: a.exposure,
      individuals: a.individuals,
      degree,
      x: a.x,
      y: a.y,
      size: nodeSize(a, metrics.degree, appearance.sizeBy, metrics.incidents),
      color: nodeColor(a, appearance.colorBy, metrics, domain),
      sources: a.sources,
    };
  });
  const edges = visible.edges.map((id) => {
    const a = graph.getEdgeAttributes(id);
    return { id, source: graph.source(id), target: graph.target(id), type: a.relType, confidence: a.confidence, validFrom: a.validFrom, validTo: a.validTo, sources: a.sources };
  });
  return { nodes, edges };
}

export function sourceIdsOf(s: Snapshot): string[] {
  return [...new Set([...s.edges.flatMap((e) => e.sources), ...s.nodes.flatMap((n) => n.sources)])];
}
