// ForceAtlas2 in a web worker: runs for a bounded time, then stops by itself. Returns a teardown.
import type Graph from 'graphology';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';

export function runLayout(graph: Graph, durationMs = 2500, onStop?: () => void): () => void {
  const settings = forceAtlas2.inferSettings(graph);
  const layout = new FA2Layout(graph, { settings: { ...settings, barnesHutOptimize: graph.order > 1000 } });
  layout.start();
  let killed = false;
  const timer = setTimeout(() => {
    stop();
    onStop?.();
  }, durationMs);
  function stop(): void {
    if (killed) return;
    killed = true;
    clearTimeout(timer);
    layout.kill();
  }
  return stop;
}
