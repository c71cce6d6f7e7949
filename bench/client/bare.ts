// A bare sigma page: default settings, the same synthetic graph, node colour and size set as attributes.
import Sigma from 'sigma';
import { syntheticGraph } from './graph.ts';
import { measure } from './measure.ts';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 1000);
const graph = syntheticGraph(n);
graph.forEachNode((node, a) => graph.mergeNodeAttributes(node, { size: 4, color: a.kind === 'VENDOR' ? '#1f6feb' : '#6b7280' } as never));
const container = document.getElementById('graph')!;
void measure(() => new Sigma(graph, container), graph.order, graph.size, Number(params.get('ms') ?? 3000));
