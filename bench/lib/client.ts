// Client rendering: bench/client/{ours,bare}.html built with Vite into bench/tmp/client-dist, served locally and
// opened in headless Chromium (Debian's /usr/bin/chromium, SwiftShader WebGL; /work/shared/notes/headless-chromium.md).
// For 1k/5k/20k-node synthetic graphs: time to the first frame on screen and frames per second during a camera
// animation, the explorer's renderer setup (client/renderer/sigma.ts) against a bare sigma page.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { BENCH_DIR, TMP_DIR } from './common.ts';
import type { ClientFigure } from './report.ts';

const DIST = join(TMP_DIR, 'client-dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

async function buildPages(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(BENCH_DIR, 'client'),
    logLevel: 'warn',
    build: { outDir: DIST, emptyOutDir: true, rollupOptions: { input: { ours: join(BENCH_DIR, 'client', 'ours.html'), bare: join(BENCH_DIR, 'client', 'bare.html') } } },
  });
}

function serve(): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

export async function clientBenchmarks(opts: { quick: boolean; log: (line: string) => void }): Promise<ClientFigure[]> {
  if (!existsSync(CHROMIUM)) {
    opts.log(`client: ${CHROMIUM} not found; skipped`);
    return [];
  }
  await buildPages();
  const { chromium } = await import('playwright-core');
  const { server, url } = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'] });
  const figures: ClientFigure[] = [];
  try {
    const sizes = opts.quick ? [1000] : [1000, 5000, 20000];
    for (const n of sizes) {
      for (const setup of ['ours', 'bare'] as const) {
        const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
        try {
          const animateMs = n >= 20000 ? 8000 : 4000;
          await page.goto(`${url}/${setup}.html?n=${n}&ms=${animateMs}`);
          await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 300_000, polling: 500 });
          const r = (await page.evaluate(() => window.benchResult))!;
          if ('error' in r) {
            figures.push({ nodes: n, edges: 0, setup, firstRenderMs: null, fps: null, note: r.error });
            opts.log(`client: ${setup} ${n} nodes: ${r.error}`);
          } else {
            figures.push({ nodes: r.nodes, edges: r.edges, setup: setup === 'ours' ? 'explorer renderer (client/renderer/sigma.ts)' : 'bare sigma', firstRenderMs: Math.round(r.firstRenderMs), fps: Math.round(r.fps * 10) / 10, note: r.webgl });
            opts.log(`client: ${setup} ${r.nodes} nodes / ${r.edges} edges: first frame ${Math.round(r.firstRenderMs)} ms, ${r.fps.toFixed(1)} fps (${r.frames} frames; ${r.webgl})`);
          }
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return figures;
}
