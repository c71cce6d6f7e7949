// The explorer's renderer setup (client/renderer/sigma.ts: reducers, ring program, guides, label drawer) on a synthetic graph.
import { createRenderer } from '../../client/renderer/sigma.ts';
import { getEmptyFiltersState } from '../../client/core/filters/utils.ts';
import { getEmptyAppearanceState } from '../../client/core/appearance/utils.ts';
import { syntheticGraph } from './graph.ts';
import { measure } from './measure.ts';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 1000);
const graph = syntheticGraph(n);
const container = document.getElementById('graph')!;
void measure(
  () =>
    createRenderer(
      container,
      graph,
      { mode: 'explore', focus: 'n0', filters: getEmptyFiltersState(), appearance: getEmptyAppearanceState(), selection: null, highlightEdges: new Set(), highlightNodes: new Set(), omitted: new Map(), rings: [] },
      { onSelect: () => undefined, onExpand: () => undefined, onDragStart: () => undefined, onPin: () => undefined, fitCamera: () => ({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }) },
    ).sigma,
  graph.order,
  graph.size,
  Number(params.get('ms') ?? 3000),
);
