// ForceAtlas2 iterations off the main thread (graphology-layout-forceatlas2's own iterate), stopping by itself
// when nodes barely move or after a cap; the stop rule depends only on the input, so a view lays out the same way twice.
import iterate from 'graphology-layout-forceatlas2/iterate.js';

export interface RunMessage {
  type: 'run';
  runId: number;
  nodes: ArrayBuffer;
  edges: ArrayBuffer;
  settings: Record<string, unknown>;
  maxIterations: number;
  /** Never stop before this many (the first iterations move little while FA2 picks up speed). */
  minIterations: number;
  /** Converged when the mean move per iteration is below this share of the layout's extent. */
  tolerance: number;
}

export interface StopMessage {
  type: 'stop';
}

export interface ProgressMessage {
  type: 'progress' | 'done';
  runId: number;
  iterations: number;
  /** x, y per node, in graph order. */
  positions: ArrayBuffer;
  reason?: 'converged' | 'max-iterations';
}

const PPN = 10;
const BATCH = 10;
const POST_EVERY_MS = 120;
let current = -1;

const scope = self as unknown as { onmessage: ((e: MessageEvent<RunMessage | StopMessage>) => void) | null; postMessage(m: ProgressMessage, t: Transferable[]): void };

function positionsOf(nodes: Float32Array): Float32Array {
  const n = nodes.length / PPN;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = nodes[i * PPN]!;
    out[2 * i + 1] = nodes[i * PPN + 1]!;
  }
  return out;
}

function run(msg: RunMessage): void {
  const runId = msg.runId;
  current = runId;
  const nodes = new Float32Array(msg.nodes);
  const edges = new Float32Array(msg.edges);
  const n = nodes.length / PPN;
  let iterations = 0;
  let lastPost = 0;
  const step = () => {
    if (current !== runId) return;
    const before = positionsOf(nodes);
    for (let k = 0; k < BATCH; k++) iterate(msg.settings, nodes, edges);
    iterations += BATCH;
    let moved = 0;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = nodes[i * PPN]!;
      const y = nodes[i * PPN + 1]!;
      moved += Math.hypot(x - before[2 * i]!, y - before[2 * i + 1]!);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    const size = Math.max(maxX - minX, maxY - minY, 1e-6);
    const converged = n === 0 || (iterations >= msg.minIterations && moved / n / BATCH / size < msg.tolerance);
    const done = converged || iterations >= msg.maxIterations;
    const now = performance.now();
    if (done || now - lastPost > POST_EVERY_MS) {
      lastPost = now;
      const positions = positionsOf(nodes);
      scope.postMessage(
        { type: done ? 'done' : 'progress', runId, iterations, positions: positions.buffer as ArrayBuffer, reason: done ? (converged ? 'converged' : 'max-iterations') : undefined },
        [positions.buffer as ArrayBuffer],
      );
    }
    if (!done) setTimeout(step, 0);
  };
  step();
}

scope.onmessage = (e) => {
  if (e.data.type === 'stop') current = -1;
  else run(e.data);
};
