// The client benchmarks, in headless Chromium (Debian's /usr/bin/chromium, SwiftShader WebGL: software rendering on
// the CPU; /work/shared/notes/headless-chromium.md):
// 1. Rendering: bench/client/{ours,bare}.html built with Vite, served locally. For 1k/5k/20k-node synthetic graphs
//    (the same graph on both sides): time to the first frame on screen and frames per second during a camera
//    animation, the explorer's renderer setup (client/renderer/sigma.ts) against a bare sigma page.
// 2. Applying an answer: the real explorer (client/, built with the project's vite.config.ts) with /graphql
//    answered by a synthetic blastRadius of 2,000 organisations (bench/client/answers.ts). The answer is held until
//    the page has started, then released; the page reports when the fetch resolved, when the answer was in the
//    graph (the client's own performance mark), the first frame after that, layout done and its frame, and the
//    long tasks meanwhile ("never a frozen tab").
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { blastAnswer, BLAST_ORIGIN, neighbourhoodAnswer, NEIGHBOURHOOD_FOCUS } from '../client/answers.ts';
import type { RenderResult } from '../client/measure.ts';
import { BENCH_DIR, ROOT, TMP_DIR } from './common.ts';
import type { ApplyFigure, ClientFigure } from './report.ts';

const PAGES_DIST = join(TMP_DIR, 'client-dist');
const EXPLORER_DIST = join(TMP_DIR, 'explorer-dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'];

async function buildPages(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(BENCH_DIR, 'client'),
    logLevel: 'warn',
    build: { outDir: PAGES_DIST, emptyOutDir: true, rollupOptions: { input: { ours: join(BENCH_DIR, 'client', 'ours.html'), bare: join(BENCH_DIR, 'client', 'bare.html') } } },
  });
}

/** The explorer exactly as `npm run build` makes it, into bench/tmp (client/dist is the e2e tests'). */
async function buildExplorer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'client'), logLevel: 'warn', build: { outDir: EXPLORER_DIST, emptyOutDir: true, sourcemap: false } });
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (path === '/' || path === '') path = '/index.html';
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

async function renderOnce(browser: Browser, url: string, setup: 'ours' | 'bare', n: number): Promise<RenderResult> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  try {
    const animateMs = n >= 20000 ? 8000 : 4000;
    await page.goto(`${url}/${setup}.html?n=${n}&ms=${animateMs}`);
    await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 300_000, polling: 500 });
    const r = (await page.evaluate(() => window.benchResult))!;
    if ('error' in r) throw new Error(`${setup} ${n} nodes: ${r.error}`);
    return r;
  } finally {
    await page.close();
  }
}

async function renderBenchmarks(browser: Browser, opts: { quick: boolean; log: (line: string) => void }): Promise<ClientFigure[]> {
  const { server, url } = await serve(PAGES_DIST);
  const figures: ClientFigure[] = [];
  try {
    const sizes = opts.quick ? [1000] : [1000, 5000, 20000];
    const rounds = opts.quick ? 1 : 3;
    // A first page pays for what a browser does once (shader compilation, caches): not counted.
    await renderOnce(browser, url, 'bare', 1000).catch(() => undefined);
    for (const n of sizes) {
      const runs: Record<'ours' | 'bare', RenderResult[]> = { ours: [], bare: [] };
      // Alternate which side goes first, so neither always gets the warmer machine.
      for (let round = 0; round < rounds; round++) {
        for (const setup of round % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
          try {
            const r = await renderOnce(browser, url, setup, n);
            runs[setup].push(r);
            opts.log(`client: ${setup} ${r.nodes} nodes / ${r.edges} edges: first frame ${Math.round(r.firstRenderMs)} ms, ${r.fps.toFixed(2)} fps (${r.frames} frames), longest task ${Math.round(r.longestTaskMs)} ms; ${r.webgl}`);
          } catch (err) {
            opts.log(`client: ${(err as Error).message}`);
          }
        }
      }
      const o = runs.ours;
      const b = runs.bare;
      const any = o[0] ?? b[0];
      const fig: ClientFigure = {
        nodes: n,
        edges: any?.edges ?? 0,
        firstRenderMs: o.length ? Math.round(median(o.map((r) => r.firstRenderMs))) : null,
        fps: o.length ? Math.round(median(o.map((r) => r.fps)) * 100) / 100 : null,
        bareFirstRenderMs: b.length ? Math.round(median(b.map((r) => r.firstRenderMs))) : null,
        bareFps: b.length ? Math.round(median(b.map((r) => r.fps)) * 100) / 100 : null,
        firstRenderRatio: null,
        fpsRatio: null,
        longestTaskMs: o.length ? Math.round(Math.max(...o.map((r) => r.longestTaskMs))) : null,
        bareLongestTaskMs: b.length ? Math.round(Math.max(...b.map((r) => r.longestTaskMs))) : null,
        samples: { ours: o.map((r) => ({ firstRenderMs: Math.round(r.firstRenderMs), fps: round2(r.fps), frames: r.frames })), bare: b.map((r) => ({ firstRenderMs: Math.round(r.firstRenderMs), fps: round2(r.fps), frames: r.frames })) },
        webgl: any?.webgl ?? 'none',
      };
      if (fig.firstRenderMs !== null && fig.bareFirstRenderMs) fig.firstRenderRatio = Math.round((fig.firstRenderMs / fig.bareFirstRenderMs) * 100) / 100;
      if (fig.fps !== null && fig.bareFps) fig.fpsRatio = Math.round((fig.fps / fig.bareFps) * 100) / 100;
      figures.push(fig);
    }
  } finally {
    server.close();
  }
  return figures;
}

interface BenchState {
  answered: number | null;
  applied: number | null;
  firstFrame: number | null;
  layoutDone: number | null;
  layoutFrame: number | null;
  longtasks: [number, number][];
}

/**
 * Runs in the page before its scripts: long-task observer, the time the answer's fetch resolved, and hooks on the
 * client's marks. A string, not a function: tsx compiles functions with helpers (__name) the page does not have.
 */
function instrument(marker: string): string {
  return `(() => {
  const marker = ${JSON.stringify(marker)};
  const b = { answered: null, applied: null, firstFrame: null, layoutDone: null, layoutFrame: null, longtasks: [] };
  window.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Two animation frames after a mark, what it drew has reached the screen (a blocked thread delays both).
  const twoFrames = (set) => requestAnimationFrame(() => requestAnimationFrame(() => set(performance.now())));
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    const now = performance.now();
    if (b.answered !== null && name === 'hcg:view-applied' && b.applied === null) {
      b.applied = now;
      twoFrames((t) => (b.firstFrame = t));
    }
    if (b.answered !== null && name === 'hcg:layout-done' && b.layoutDone === null) {
      b.layoutDone = now;
      twoFrames((t) => (b.layoutFrame = t));
    }
    return entry;
  };
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const res = await original(input, init);
    if (init && typeof init.body === 'string' && init.body.includes(marker)) b.answered = performance.now();
    return res;
  };
})();`;
}

interface ApplyScenario {
  name: string;
  what: string;
  path: string;
  marker: string;
  answer: () => unknown;
  organizations: number | null;
}

async function applyOnce(browser: Browser, url: string, s: ApplyScenario, log: (line: string) => void): Promise<ApplyFigure> {
  const body = JSON.stringify({ data: s.answer() });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let release: (route: Route) => void = () => undefined;
  const held = new Promise<Route>((resolve) => (release = resolve));
  await context.route('**/graphql', async (route) => {
    const query = String((route.request().postDataJSON() as { query?: string } | null)?.query ?? '');
    if (query.includes(s.marker)) return release(route);
    // Everything else the page asks (the details of the selection, sources) is not what is measured.
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'not served by the benchmark', extensions: { code: 'BENCH' } }] }) });
  });
  await page.addInitScript(instrument(s.marker));
  try {
    await page.goto(`${url}${s.path}`);
    const route = await Promise.race([held, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the page did not ask for ${s.marker} within 60 s`)), 60_000))]);
    // Let the page finish starting (module evaluation, the empty renderer) so the clock measures the answer alone.
    await page.waitForTimeout(1500);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const bytes = Buffer.byteLength(body);
    await route.fulfill({ status: 200, contentType: 'application/json', body });
    await page.waitForFunction(() => (window as unknown as { __bench: BenchState }).__bench.layoutFrame !== null, undefined, { timeout: 300_000, polling: 250 });
    // Long-task entries arrive asynchronously.
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => {
      const b = (window as unknown as { __bench: BenchState }).__bench;
      const e = (window as unknown as { __explorer: { graph: { order: number; size: number }; state(): { layout: { status: string; iterations?: number; reason?: string } } } }).__explorer;
      return { ...b, nodes: e.graph.order, edges: e.graph.size, layout: e.state().layout };
    });
    const t0 = r.answered!;
    const inWindow = r.longtasks.filter(([start, d]) => start + d > t0 && start < r.layoutFrame!);
    const fig: ApplyFigure = {
      samples: 1,
      name: s.name,
      what: s.what,
      organizations: s.organizations,
      nodes: r.nodes,
      edges: r.edges,
      answerBytes: bytes,
      appliedMs: Math.round(r.applied! - t0),
      firstFrameMs: Math.round(r.firstFrame! - t0),
      layoutDoneMs: Math.round(r.layoutDone! - t0),
      layoutFrameMs: Math.round(r.layoutFrame! - t0),
      layout: `${r.layout.status}${r.layout.reason ? ` (${r.layout.reason}${r.layout.iterations ? `, ${r.layout.iterations} iterations` : ''})` : ''}`,
      longestTaskMs: Math.round(Math.max(0, ...inWindow.map(([, d]) => d))),
      longTasks: inWindow.length,
      blockingMs: Math.round(inWindow.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0)),
      errors,
    };
    log(
      `client apply: ${s.name}: ${fig.nodes} nodes / ${fig.edges} edges (${Math.round(bytes / 1024)} KB): applied ${fig.appliedMs} ms, first frame ${fig.firstFrameMs} ms, layout done ${fig.layoutDoneMs} ms (${fig.layout}), drawn ${fig.layoutFrameMs} ms; longest task ${fig.longestTaskMs} ms, ${fig.longTasks} long tasks, blocking ${fig.blockingMs} ms${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`,
    );
    return fig;
  } finally {
    await context.close();
  }
}

/** A blast-radius answer reaching `organizations` organisations, served for the explorer's blast view. */
function blastScenario(organizations: number, note: string): ApplyScenario {
  const count = organizations.toLocaleString('en-US');
  return {
    name: `blast radius, ${count} organisations`,
    what: `blastRadius answer reaching ${count} organisations (${note})`,
    path: `/?mode=blast&focus=${BLAST_ORIGIN}`,
    marker: 'blastRadius(',
    answer: () => blastAnswer(organizations),
    organizations,
  };
}

async function applyBenchmarks(browser: Browser, opts: { quick: boolean; log: (line: string) => void; beforeDist?: string }): Promise<{ after: ApplyFigure[]; before: ApplyFigure[] }> {
  const { server, url } = await serve(EXPLORER_DIST);
  const scenarios: ApplyScenario[] = [
    blastScenario(2000, 'rings by hops, no force layout'),
  ];
  if (!opts.quick) {
    scenarios.push(
      {
        name: 'neighbourhood, 2,000 entities',
        what: 'neighborhood answer of 2,000 entities at the explorer’s highest limit (ForceAtlas2 in the worker)',
        path: `/?mode=explore&focus=${NEIGHBOURHOOD_FOCUS}&limit=2000`,
        marker: 'neighborhood(',
        answer: () => neighbourhoodAnswer(2000),
        organizations: null,
      },
      blastScenario(20000, 'a stress test: the client asks for 500 today'),
    );
  }
  // With a second build (an earlier version of client/), both run in turn, scenario by scenario, so the comparison
  // sees the same machine load.
  const before = opts.beforeDist ? await serve(opts.beforeDist) : null;
  const rounds = opts.quick ? 1 : 3;
  const after: ApplyFigure[] = [];
  const earlier: ApplyFigure[] = [];
  try {
    for (const s of scenarios) {
      const samples: Record<'after' | 'before', ApplyFigure[]> = { after: [], before: [] };
      for (let round = 0; round < rounds; round++) {
        const sides = before ? (round % 2 === 0 ? (['after', 'before'] as const) : (['before', 'after'] as const)) : (['after'] as const);
        for (const side of sides) {
          try {
            samples[side].push(await applyOnce(browser, side === 'after' ? url : before!.url, s, (line) => opts.log(side === 'before' ? line.replace('client apply:', 'client apply (before):') : line)));
          } catch (err) {
            opts.log(`client apply${side === 'before' ? ' (before)' : ''}: ${s.name}: FAILED ${(err as Error).message}`);
          }
        }
      }
      if (samples.after.length > 0) after.push(medianFigure(samples.after));
      if (samples.before.length > 0) earlier.push(medianFigure(samples.before));
    }
  } finally {
    server.close();
    before?.server.close();
  }
  return { after, before: earlier };
}

/** The median of each timing over the samples of one scenario. */
function medianFigure(samples: ApplyFigure[]): ApplyFigure {
  const m = (pick: (f: ApplyFigure) => number) => Math.round(median(samples.map(pick)));
  return {
    ...samples[0]!,
    appliedMs: m((f) => f.appliedMs),
    firstFrameMs: m((f) => f.firstFrameMs),
    layoutDoneMs: m((f) => f.layoutDoneMs),
    layoutFrameMs: m((f) => f.layoutFrameMs),
    longestTaskMs: m((f) => f.longestTaskMs),
    longTasks: m((f) => f.longTasks),
    blockingMs: m((f) => f.blockingMs),
    samples: samples.length,
    errors: [...new Set(samples.flatMap((f) => f.errors))],
  };
}

/**
 * beforeDist: a build of an earlier client/ (e.g. `vite build` in a worktree of an older commit, with the two
 * hcg: performance marks), measured in turn with this one for a before/after comparison.
 */
export async function clientBenchmarks(opts: {
  quick: boolean;
  log: (line: string) => void;
  only?: 'render' | 'apply';
  beforeDist?: string;
}): Promise<{ client: ClientFigure[]; clientApply: ApplyFigure[]; clientApplyBefore: ApplyFigure[] }> {
  if (!existsSync(CHROMIUM)) {
    opts.log(`client: ${CHROMIUM} not found; skipped`);
    return { client: [], clientApply: [], clientApplyBefore: [] };
  }
  if (opts.only !== 'apply') await buildPages();
  if (opts.only !== 'render') await buildExplorer();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const client = opts.only === 'apply' ? [] : await renderBenchmarks(browser, opts);
    const apply = opts.only === 'render' ? { after: [], before: [] } : await applyBenchmarks(browser, opts);
    return { client, clientApply: apply.after, clientApplyBefore: apply.before };
  } finally {
    await browser.close();
  }
}
