// ForceAtlas2 in a web worker: pinned (or mode-fixed) nodes stay put, the rest settle, and the run stops by
// itself (converged or capped). Returns a handle whose stop() is safe to call twice.
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2_DEFAULTS from 'graphology-layout-forceatlas2/defaults.js';
import type { DataGraph } from './payload.ts';
import type { ProgressMessage, RunMessage } from './fa2.worker.ts';

export type LayoutStatus =
  | { status: 'idle' }
  | { status: 'running'; iterations: number; nodes: number }
  | { status: 'done'; iterations: number; reason: 'converged' | 'max-iterations' | 'stopped' | 'not-needed' }
  | { status: 'error'; message: string };

export interface LayoutRun {
  stop(): void;
  done: Promise<LayoutStatus>;
}

const PPN = 10;
const PPE = 3;
let worker: Worker | null = null;
let nextRun = 1;

function getWorker(): Worker {
  worker ??= new Worker(new URL('./fa2.worker.ts', import.meta.url), { type: 'module', name: 'forceatlas2' });
  return worker;
}

/** Ends the worker (page teardown). */
export function killLayoutWorker(): void {
  worker?.terminate();
  worker = null;
}

/** Iteration cap: generous for small graphs, smaller for big ones so a run stays within seconds. */
export function maxIterationsFor(order: number, size: number): number {
  return Math.round(Math.max(150, Math.min(1500, 300_000 / Math.max(1, order + size))));
}

export function runForceAtlas2(graph: DataGraph, isFixed: (node: string) => boolean, onProgress: (s: LayoutStatus) => void): LayoutRun {
  const order = graph.order;
  const index = new Map<string, number>();
  const nodes = new Float32Array(order * PPN);
  let movable = 0;
  let i = 0;
  graph.forEachNode((node, a) => {
    index.set(node, i);
    const fixed = a.pinned || isFixed(node);
    if (!fixed) movable++;
    nodes.set([a.x, a.y, 0, 0, 0, 0, 1, 1, 1, fixed ? 1 : 0], i * PPN);
    i++;
  });
  const edgeList: number[] = [];
  graph.forEachEdge((_e, _a, source, target) => {
    if (source === target) return;
    const s = index.get(source)! * PPN;
    const t = index.get(target)! * PPN;
    edgeList.push(s, t, 1);
    // Mass is 1 + weighted degree, as graphology's own FA2 computes it.
    nodes[s + 6]! += 1;
    nodes[t + 6]! += 1;
  });
  const edges = new Float32Array(edgeList.length === 0 ? PPE : edgeList.length);
  edges.set(edgeList);
  const edgeMatrix = edgeList.length === 0 ? new Float32Array(0) : edges;

  if (order === 0 || movable === 0) {
    const status: LayoutStatus = { status: 'done', iterations: 0, reason: 'not-needed' };
    onProgress(status);
    return { stop: () => undefined, done: Promise.resolve(status) };
  }

  const settings = { ...FA2_DEFAULTS, ...forceAtlas2.inferSettings(order), barnesHutOptimize: order > 1000 };
  const runId = nextRun++;
  const order2 = [...index.keys()];
  const w = getWorker();
  let finished = false;
  let resolveDone: (s: LayoutStatus) => void = () => undefined;
  const done = new Promise<LayoutStatus>((resolve) => (resolveDone = resolve));

  const apply = (buffer: ArrayBuffer) => {
    const p = new Float32Array(buffer);
    graph.updateEachNodeAttributes(
      (node, a) => {
        const k = index.get(node);
        if (k === undefined || a.pinned || isFixed(node)) return a;
        a.x = p[2 * k]!;
        a.y = p[2 * k + 1]!;
        return a;
      },
      { attributes: ['x', 'y'] },
    );
  };

  const finish = (status: LayoutStatus) => {
    if (finished) return;
    finished = true;
    w.removeEventListener('message', onMessage);
    w.removeEventListener('error', onError);
    onProgress(status);
    resolveDone(status);
  };

  function onMessage(e: MessageEvent<ProgressMessage>): void {
    if (e.data.runId !== runId || finished) return;
    // The graph may have changed under a running layout; positions only apply to the same node set.
    if (graph.order !== order2.length || !order2.every((n) => graph.hasNode(n))) return finish({ status: 'done', iterations: e.data.iterations, reason: 'stopped' });
    apply(e.data.positions);
    if (e.data.type === 'done') finish({ status: 'done', iterations: e.data.iterations, reason: e.data.reason ?? 'converged' });
    else onProgress({ status: 'running', iterations: e.data.iterations, nodes: order });
  }
  function onError(e: ErrorEvent): void {
    finish({ status: 'error', message: `Layout worker failed: ${e.message}` });
  }
  w.addEventListener('message', onMessage);
  w.addEventListener('error', onError);
  const message: RunMessage = {
    type: 'run',
    runId,
    nodes: nodes.buffer,
    edges: edgeMatrix.buffer as ArrayBuffer,
    settings,
    maxIterations: maxIterationsFor(order, graph.size),
    minIterations: Math.min(200, maxIterationsFor(order, graph.size)),
    tolerance: 0.0002,
  };
  w.postMessage(message, [nodes.buffer, edgeMatrix.buffer]);
  onProgress({ status: 'running', iterations: 0, nodes: order });
  return {
    stop() {
      if (finished) return;
      w.postMessage({ type: 'stop' });
      finish({ status: 'done', iterations: 0, reason: 'stopped' });
    },
    done,
  };
}
