// Sigma over the data graph: selection and hover go through reducers (never graph writes). Returns a teardown.
import type Graph from 'graphology';
import Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes } from '../graph/payload.ts';

export interface Renderer {
  sigma: Sigma<NodeAttributes, EdgeAttributes>;
  select(id: string | null): void;
  kill(): void;
}

export function createRenderer(
  container: HTMLElement,
  graph: Graph<NodeAttributes, EdgeAttributes>,
  onClickNode: (id: string) => void,
): Renderer {
  let selected: string | null = null;
  let hovered: string | null = null;
  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    renderEdgeLabels: false,
    defaultEdgeType: 'arrow',
    labelRenderedSizeThreshold: 8,
    nodeReducer(node, data) {
      const focus = hovered ?? selected;
      if (!focus) return data;
      if (node === focus) return { ...data, highlighted: true, zIndex: 1 };
      if (graph.areNeighbors(node, focus)) return data;
      return { ...data, color: '#e2e5ea', label: '' };
    },
    edgeReducer(edge, data) {
      const focus = hovered ?? selected;
      if (!focus) return data;
      return graph.hasExtremity(edge, focus) ? { ...data, color: '#5b6478', size: 2 } : { ...data, hidden: true };
    },
  });
  sigma.on('clickNode', ({ node }) => onClickNode(node));
  sigma.on('enterNode', ({ node }) => {
    hovered = node;
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on('leaveNode', () => {
    hovered = null;
    sigma.refresh({ skipIndexation: true });
  });
  let killed = false;
  return {
    sigma,
    select(id) {
      selected = id;
      sigma.refresh({ skipIndexation: true });
    },
    kill() {
      if (killed) return;
      killed = true;
      sigma.kill();
    },
  };
}
