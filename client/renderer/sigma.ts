// Sigma over the data graph. What is drawn is derived through reducers from filters, appearance, selection, hover
// and path highlights; the data graph is never written for display. Returns a handle whose kill() is safe twice.
import Sigma from 'sigma';
import type { CameraState } from 'sigma/types';
import { isEdgeVisible, isNodeVisible } from '../core/filters/utils.ts';
import type { FiltersState } from '../core/filters/types.ts';
import type { AppearanceState } from '../core/appearance/types.ts';
import { colorDomainOf, nodeColor, nodeMetrics, nodeSize } from '../core/appearance/utils.ts';
import type { Mode, Selection } from '../core/view/types.ts';
import type { DataGraph, EdgeAttributes, NodeAttributes } from '../graph/payload.ts';
import { clearLabelBox, type Box } from '../graph/radial-layout.ts';
import { NodeRingProgram } from './node-ring-program.ts';

export interface RenderContext {
  mode: Mode;
  focus: string | null;
  filters: FiltersState;
  appearance: AppearanceState;
  selection: Selection;
  /** Edges and nodes of the highlighted paths (paths mode), or empty. */
  highlightEdges: ReadonlySet<string>;
  highlightNodes: ReadonlySet<string>;
  /** "N more" per node whose answer the server cut. */
  omitted: ReadonlyMap<string, number>;
  /** Hop rings to draw behind a blast radius (graph units), with the angle where their label fits, or empty. */
  rings: { radius: number; labelAngle: number }[];
}

export interface RendererEvents {
  onSelect(selection: Selection): void;
  onExpand(node: string): void;
  onDragStart(node: string): void;
  onPin(node: string, x: number, y: number): void;
  /** The camera that shows the whole graph (with room for labels). */
  fitCamera(): CameraState;
}

export interface Renderer {
  sigma: Sigma<NodeAttributes, EdgeAttributes>;
  setContext(ctx: RenderContext): void;
  /** Forgets the bounding box frozen while dragging, so the next layout frames the whole graph. */
  unfreeze(): void;
  getCamera(): CameraState;
  setCamera(state: CameraState, animate?: boolean): void;
  /** The ring guides layer, for the PNG export. */
  guides: HTMLCanvasElement;
  kill(): void;
}

export const ACCENT = '#1f6feb';
export const FADED_NODE = '#e3e6eb';
export const FADED_EDGE = '#eef0f3';
export const EDGE_COLOR = '#a4acba';
const NEAR_EDGE = '#4a5468';
const MAX_LABEL = 28;

export function shortLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1).trimEnd()}…` : label;
}

export function createRenderer(container: HTMLElement, graph: DataGraph, initial: RenderContext, events: RendererEvents): Renderer {
  let ctx = initial;
  // The range of a sequential colour scale over what is drawn; derived again with each context.
  let domain = colorDomainOf(graph, ctx.filters, ctx.appearance);
  let hovered: string | null = null;
  let hoveredEdge: string | null = null;

  /** The node whose neighbourhood stands out: hovered, else selected, except the view's own focus (the subject of the whole view). */
  const activeNodeOf = (): string | null => {
    if (hovered) return hovered;
    const s = ctx.selection;
    if (s?.type !== 'node' || s.id === ctx.focus) return null;
    return s.id;
  };

  // Where the blast radius' origin is on screen (updated before each render, read by the label drawer).
  let centreX = 0;

  // Hop rings sit on a canvas of our own under sigma's layers.
  const guides = document.createElement('canvas');
  guides.className = 'ring-guides';
  guides.setAttribute('aria-hidden', 'true');
  container.prepend(guides);

  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    renderEdgeLabels: false,
    enableEdgeEvents: true,
    defaultEdgeType: 'arrow',
    defaultNodeType: 'circle',
    nodeProgramClasses: { ring: NodeRingProgram },
    zIndex: true,
    labelSize: 12,
    labelFont: 'system-ui, sans-serif',
    labelDensity: 0.6,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 5,
    minEdgeThickness: 1,
    stagePadding: 50,
    // Labels point away from the centre in a blast radius, so neighbours on a ring do not write over each other.
    defaultDrawNodeLabel(context, data, settings) {
      if (!data.label) return;
      const size = settings.labelSize;
      context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
      context.fillStyle = '#1d2433';
      const left = ctx.mode === 'blast' && data.x < centreX - 1;
      context.textAlign = left ? 'right' : 'left';
      context.fillText(data.label, left ? data.x - data.size - 3 : data.x + data.size + 3, data.y + size / 3);
      context.textAlign = 'left';
    },
    nodeReducer(node, a) {
      const { filters, appearance, selection } = ctx;
      if (!isNodeVisible(a, filters)) return { x: a.x, y: a.y, hidden: true };
      const more = ctx.omitted.get(node) ?? 0;
      const metrics = nodeMetrics(graph, node, appearance);
      let size = nodeSize(a, metrics.degree, appearance.sizeBy, metrics.incidents);
      if (node === ctx.focus) size += 3;
      const display = {
        x: a.x,
        y: a.y,
        size,
        color: nodeColor(a, appearance.colorBy, metrics, domain),
        label: `${shortLabel(a.label)}${more > 0 ? ` (+${more})` : ''}`,
        type: a.exposure === 'potential' ? 'ring' : 'circle',
        zIndex: 1,
        forceLabel: node === ctx.focus || ctx.highlightNodes.has(node),
        highlighted: false,
      };
      const activeNode = activeNodeOf();
      const activeEdge = hoveredEdge ?? (selection?.type === 'edge' && graph.hasEdge(selection.id) ? selection.id : null);
      if (!hovered && selection?.type === 'node' && selection.id === ctx.focus && node === ctx.focus) return { ...display, highlighted: true, forceLabel: true, zIndex: 3 };
      if (activeNode && graph.hasNode(activeNode)) {
        if (node === activeNode) return { ...display, highlighted: true, forceLabel: true, zIndex: 3 };
        if (graph.areNeighbors(node, activeNode)) return { ...display, zIndex: 2 };
        return { ...display, color: FADED_NODE, label: '', forceLabel: false, zIndex: 0 };
      }
      if (activeEdge) {
        if (graph.hasExtremity(activeEdge, node)) return { ...display, highlighted: true, forceLabel: true, zIndex: 3 };
        return { ...display, color: FADED_NODE, label: '', forceLabel: false, zIndex: 0 };
      }
      return display;
    },
    edgeReducer(edge) {
      if (!isEdgeVisible(graph, edge, ctx.filters)) return { hidden: true };
      const { selection } = ctx;
      const onPath = ctx.highlightEdges.has(edge);
      const display = { color: onPath ? ACCENT : EDGE_COLOR, size: onPath ? 3.5 : 1.3, zIndex: onPath ? 2 : 1, hidden: false };
      const activeNode = activeNodeOf();
      const activeEdge = hoveredEdge ?? (selection?.type === 'edge' ? selection.id : null);
      if (activeEdge && graph.hasEdge(activeEdge)) {
        if (edge === activeEdge) return { ...display, color: ACCENT, size: 4, zIndex: 3 };
        return onPath ? display : { ...display, color: FADED_EDGE };
      }
      if (activeNode && graph.hasNode(activeNode)) {
        if (graph.hasExtremity(edge, activeNode)) return { ...display, color: onPath ? ACCENT : NEAR_EDGE, size: onPath ? 3.5 : 2, zIndex: 2 };
        return onPath ? display : { ...display, color: FADED_EDGE };
      }
      return display;
    },
  });

  function drawGuides(): void {
    const { width, height } = sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (guides.width !== Math.round(width * ratio) || guides.height !== Math.round(height * ratio)) {
      guides.width = Math.round(width * ratio);
      guides.height = Math.round(height * ratio);
      guides.style.width = `${width}px`;
      guides.style.height = `${height}px`;
    }
    const c = guides.getContext('2d');
    if (!c) return;
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    c.clearRect(0, 0, width, height);
    if (ctx.rings.length === 0 || ctx.mode !== 'blast') return;
    const centre = sigma.graphToViewport({ x: 0, y: 0 });
    c.font = '11px system-ui, sans-serif';
    c.textAlign = 'center';
    // Overlays drawn over the graph (the legend): a ring's label moves along its ring to stay clear of them.
    const origin = container.getBoundingClientRect();
    const overlays: Box[] = [...(container.parentElement?.children ?? [])]
      .filter((el) => el !== container && el instanceof HTMLElement && el.offsetParent !== null)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top };
      });
    ctx.rings.forEach(({ radius: r, labelAngle }, i) => {
      const edge = sigma.graphToViewport({ x: r, y: 0 });
      const radius = Math.hypot(edge.x - centre.x, edge.y - centre.y);
      const text = `${i + 1} hop${i === 0 ? '' : 's'}`;
      const w = c.measureText(text).width + 6;
      // The widest gap between the ring's nodes first, then twelve places around it.
      const angles = [labelAngle, ...Array.from({ length: 12 }, (_, k) => labelAngle + ((k + 1) * Math.PI) / 6)];
      const points = angles.map((a) => sigma.graphToViewport({ x: r * Math.cos(a), y: r * Math.sin(a) }));
      const boxes = points.map((p) => ({ left: p.x - w / 2, top: p.y - 8, right: p.x + w / 2, bottom: p.y + 6 }));
      const at = points[clearLabelBox(boxes, { width, height }, overlays)]!;
      c.beginPath();
      c.setLineDash([4, 4]);
      c.strokeStyle = '#d5dae3';
      c.lineWidth = 1;
      c.arc(centre.x, centre.y, radius, 0, Math.PI * 2);
      c.stroke();
      c.setLineDash([]);
      c.fillStyle = 'rgba(255,255,255,0.85)';
      c.fillRect(at.x - w / 2, at.y - 8, w, 14);
      c.fillStyle = '#8a93a3';
      c.fillText(text, at.x, at.y + 3);
    });
  }
  sigma.on('beforeRender', () => {
    centreX = sigma.graphToViewport({ x: 0, y: 0 }).x;
  });
  sigma.on('afterRender', drawGuides);

  // Clicks, double-clicks (expand) and hover.
  let dragged: string | null = null;
  let moved = false;
  let justDragged = false;
  sigma.on('clickNode', ({ node }) => {
    if (justDragged) return;
    events.onSelect({ type: 'node', id: node });
  });
  sigma.on('clickEdge', ({ edge }) => events.onSelect({ type: 'edge', id: edge }));
  sigma.on('clickStage', () => {
    if (!justDragged) events.onSelect(null);
  });
  sigma.on('doubleClickNode', (e) => {
    e.preventSigmaDefault();
    events.onExpand(e.node);
  });
  const setCursor = (cursor: string) => (container.style.cursor = cursor);
  sigma.on('enterNode', ({ node }) => {
    hovered = node;
    setCursor('pointer');
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on('leaveNode', () => {
    hovered = null;
    setCursor('');
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on('enterEdge', ({ edge }) => {
    hoveredEdge = edge;
    setCursor('pointer');
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on('leaveEdge', () => {
    hoveredEdge = null;
    setCursor('');
    sigma.refresh({ skipIndexation: true });
  });

  // Dragging a node moves it and pins it there (the layout then leaves it alone).
  sigma.on('downNode', ({ node }) => {
    dragged = node;
    moved = false;
    if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
  });
  sigma.on('moveBody', ({ event }) => {
    if (!dragged) return;
    if (!moved) events.onDragStart(dragged);
    moved = true;
    const p = sigma.viewportToGraph(event);
    graph.mergeNodeAttributes(dragged, { x: p.x, y: p.y });
    event.preventSigmaDefault();
    event.original.preventDefault();
    event.original.stopPropagation();
  });
  const release = () => {
    if (dragged && moved) {
      const a = graph.getNodeAttributes(dragged);
      events.onPin(dragged, a.x, a.y);
      justDragged = true;
      setTimeout(() => (justDragged = false), 50);
    }
    dragged = null;
    moved = false;
  };
  sigma.on('upNode', release);
  sigma.on('upStage', release);

  // Keyboard camera on the focused canvas: arrows pan, + and - zoom, 0 fits the whole graph.
  const onKey = (e: KeyboardEvent) => {
    if (e.target !== container || e.altKey || e.ctrlKey || e.metaKey) return;
    const camera = sigma.getCamera();
    const state = camera.getState();
    const step = 0.1 * state.ratio;
    const moves: Record<string, Partial<CameraState>> = {
      ArrowLeft: { x: state.x - step },
      ArrowRight: { x: state.x + step },
      ArrowUp: { y: state.y + step },
      ArrowDown: { y: state.y - step },
      '+': { ratio: state.ratio / 1.5 },
      '=': { ratio: state.ratio / 1.5 },
      '-': { ratio: state.ratio * 1.5 },
      '0': events.fitCamera(),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    void camera.animate(move, { duration: 200 });
  };
  container.addEventListener('keydown', onKey);

  let killed = false;
  return {
    sigma,
    guides,
    setContext(next) {
      ctx = next;
      domain = colorDomainOf(graph, ctx.filters, ctx.appearance);
      sigma.refresh();
    },
    unfreeze() {
      if (sigma.getCustomBBox()) sigma.setCustomBBox(null);
    },
    getCamera: () => sigma.getCamera().getState(),
    setCamera(state, animate = false) {
      if (animate) void sigma.getCamera().animate(state, { duration: 300 });
      else sigma.getCamera().setState(state);
    },
    kill() {
      if (killed) return;
      killed = true;
      container.removeEventListener('keydown', onKey);
      sigma.kill();
      guides.remove();
    },
  };
}
