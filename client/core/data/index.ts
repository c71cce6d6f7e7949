// Loading a view: plan its queries, fetch them (cached, aborted when the view moves on), make the data graph
// hold exactly their answers, then place nodes: rings for a blast radius, lanes for paths, ForceAtlas2 otherwise.
import Graph from 'graphology';
import { ApiError, graphql } from '../../api.ts';
import { runForceAtlas2, type LayoutRun } from '../../graph/layout.ts';
import { pathPositions } from '../../graph/path-layout.ts';
import { syncGraph, type DataGraph, type EdgeAttributes, type NodeAttributes } from '../../graph/payload.ts';
import { normalise, partDocument, planParts, type PartResult } from '../../graph/queries.ts';
import { radialPositions } from '../../graph/radial-layout.ts';
import { layoutStore } from '../layout/index.ts';
import { createStore } from '../store.ts';
import type { ViewState } from '../view/types.ts';
import { dataKey } from '../view/utils.ts';
import type { DataState } from './types.ts';
import { getEmptyDataState, truncationsOf } from './utils.ts';

export const graph: DataGraph = new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed', allowSelfLoops: true });
export const dataStore = createStore<DataState>(getEmptyDataState());

const cache = new Map<string, PartResult>();
const CACHE_SIZE = 60;
let controller: AbortController | null = null;
let layoutRun: LayoutRun | null = null;
let loadedView: { mode: string; focus: string | null; target: string | null } | null = null;

async function fetchPart(part: PartResult['part'], signal: AbortSignal): Promise<PartResult> {
  const hit = cache.get(part.key);
  if (hit) return hit;
  const data = await graphql<unknown>(partDocument(part), {}, signal);
  const result = normalise(part, data);
  cache.set(part.key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/** Stops a running layout (e.g. when the user starts dragging). */
export function stopLayout(): void {
  layoutRun?.stop();
  layoutRun = null;
}

/** Runs ForceAtlas2 again on the current graph, keeping mode-placed nodes where they are. */
export function relayout(view: ViewState): Promise<void> {
  stopLayout();
  const fixed = fixedNodes(view);
  const run = runForceAtlas2(graph, (n) => fixed.has(n), (s) => layoutStore.set(s));
  layoutRun = run;
  return run.done.then(() => undefined);
}

/** Whether ForceAtlas2 has anything to move: some node neither pinned nor placed by the mode (rings, lanes). */
export function canRelayout(view: ViewState): boolean {
  if (graph.order === 0) return false;
  const fixed = fixedNodes(view);
  return graph.someNode((n, a) => !a.pinned && !fixed.has(n));
}

function fixedNodes(view: ViewState): Set<string> {
  const fixed = new Set<string>();
  if (view.mode === 'explore') return fixed;
  const data = dataStore.get();
  if (view.mode === 'blast') graph.forEachNode((n, a) => void (a.hops !== null && fixed.add(n)));
  if (view.mode === 'paths') for (const p of data.paths ?? []) for (const n of p.nodes) fixed.add(n.id);
  return fixed;
}

export interface LoadOutcome {
  /** True when the graph was cleared first (a new entity, mode or question). */
  fresh: boolean;
  ok: boolean;
}

export async function loadView(view: ViewState): Promise<LoadOutcome> {
  controller?.abort();
  stopLayout();
  const ctrl = new AbortController();
  controller = ctrl;
  const started = performance.now();
  const parts = planParts(view);
  const key = dataKey(view);
  let done = 0;
  dataStore.set((d) => ({ ...d, status: { status: 'loading', done: 0, total: parts.length, step: parts[0]?.label ?? '' } }));
  let results: PartResult[];
  try {
    results = await Promise.all(
      parts.map((p) =>
        fetchPart(p, ctrl.signal).then((r) => {
          done++;
          if (controller === ctrl) dataStore.set((d) => ({ ...d, status: { status: 'loading', done, total: parts.length, step: p.label } }));
          return r;
        }),
      ),
    );
  } catch (err) {
    if (ctrl.signal.aborted) return { fresh: false, ok: false };
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof ApiError ? err.code : 'NETWORK';
    dataStore.set((d) => ({ ...d, status: { status: 'error', message, code } }));
    return { fresh: false, ok: false };
  }
  if (ctrl.signal.aborted) return { fresh: false, ok: false };

  const fresh = !loadedView || loadedView.mode !== view.mode || loadedView.focus !== view.focus || loadedView.target !== view.target;
  if (fresh) graph.clear();
  loadedView = { mode: view.mode, focus: view.focus, target: view.target };
  const pins = new Map(view.pins.map((p) => [p.id, { x: p.x, y: p.y }]));
  syncGraph(graph, results, pins);

  const blast = results.find((r) => r.blast)?.blast ?? null;
  const paths = results.find((r) => r.paths)?.paths ?? null;
  const names: Record<string, string> = {};
  for (const r of results) for (const n of r.subgraph.nodes) if (n.id === view.focus || n.id === view.target) names[n.id] = n.label;
  if (view.mode === 'paths' && (!names[view.focus ?? ''] || !names[view.target ?? ''])) Object.assign(names, await endpointNames(view, ctrl.signal));

  // Mode placement: rings and lanes are computed, not simulated.
  let placed: Map<string, { x: number; y: number }> | null = null;
  if (view.mode === 'blast' && view.focus) placed = radialPositions(graph, view.focus);
  if (view.mode === 'paths' && paths) placed = pathPositions(paths.map((p) => p.nodes.map((n) => n.id)));
  if (placed) {
    for (const [id, p] of placed) if (graph.hasNode(id) && !pins.has(id)) graph.mergeNodeAttributes(id, p);
  }

  dataStore.set({
    status: { status: 'ready', ms: Math.round(performance.now() - started) },
    key,
    parts,
    blast,
    paths,
    truncations: truncationsOf(results),
    names,
  });
  // Marks for the performance timeline (DevTools, bench/lib/client.ts): the answer is in the graph and drawn.
  performance.mark('hcg:view-applied');

  // ForceAtlas2 for everything not placed by the mode (all of it when exploring).
  const needsLayout = placed === null || graph.someNode((n) => !placed.has(n));
  if (needsLayout) {
    const fixed = fixedNodes(view);
    const run = runForceAtlas2(graph, (n) => fixed.has(n), (s) => {
      if (controller === ctrl) layoutStore.set(s);
    });
    layoutRun = run;
    await run.done;
  } else {
    layoutStore.set({ status: 'done', iterations: 0, reason: 'not-needed' });
  }
  if (controller === ctrl) performance.mark('hcg:layout-done');
  return { fresh, ok: true };
}

async function endpointNames(view: ViewState, signal: AbortSignal): Promise<Record<string, string>> {
  const ids = [view.focus, view.target].filter((x): x is string => Boolean(x));
  try {
    const data = await graphql<Record<string, { id: string; name: string } | null>>(
      `query Names { ${ids.map((id, i) => `n${i}: node(id: ${JSON.stringify(id)}) { id name }`).join(' ')} }`,
      {},
      signal,
    );
    return Object.fromEntries(Object.values(data).flatMap((n) => (n ? [[n.id, n.name]] : [])));
  } catch {
    return {};
  }
}
