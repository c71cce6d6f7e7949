// A bare sigma page: sigma's default settings and programs (no reducers, no custom label drawer, no edge events,
// line edges), on the same synthetic graph with the same node sizes and colours the explorer computes, set as
// plain attributes, so the comparison is about the renderer setup and not about how big the discs are.
import Sigma from 'sigma';
import { getEmptyAppearanceState, nodeColor, nodeSize } from '../../client/core/appearance/utils.ts';
import { syntheticGraph } from './graph.ts';
import { measure } from './measure.ts';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 1000);
const graph = syntheticGraph(n);
const appearance = getEmptyAppearanceState();
graph.forEachNode((node, a) => graph.mergeNodeAttributes(node, { size: nodeSize(a, graph.degree(node), appearance.sizeBy), color: nodeColor(a, appearance.colorBy) } as never));
const container = document.getElementById('graph')!;
void measure(() => new Sigma(graph, container), graph.order, graph.size, Number(params.get('ms') ?? 3000));
