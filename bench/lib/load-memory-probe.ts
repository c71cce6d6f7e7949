// Loaded into the server process by bench/lib/load-server.ts (`node --import tsx --import <this> server/main.ts`) for the
// load test only: sends the process's own memory figures (RSS, V8 heap) to the parent over the IPC channel every
// HCG_MEMORY_PROBE_MS milliseconds. Silent without an IPC channel; it never keeps the server alive.
const every = Number(process.env.HCG_MEMORY_PROBE_MS ?? 500);

if (typeof process.send === 'function' && every > 0) {
  process.channel?.unref();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    try {
      process.send!({ memoryProbe: { at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external } });
    } catch {
      clearInterval(timer); // the parent has gone
    }
  }, every);
  timer.unref();
}
