// The benchmark: against the generated store of a scale (bench/generate.ts), measures each question of
// bench/lib/cases.ts as a GraphQL request through the server's app (createApp, in-process, rate limit off) versus
// the same Cypher with the same parameters straight through neo4j-driver, and versus @neo4j/graphql's generated
// API where it can express the question; then throughput with autocannon against a real HTTP listener, imports
// (server/import and the seed loader against one-statement baselines), and cold start with idle memory.
//
// Usage: node --import tsx bench/run.ts --scale N [--out FILE] [--quick] [--only queries,throughput,neo4j-graphql,imports,coldstart,client]
//        [--no-client] [--client-part render|apply] [--client-before-dist DIR] [--seed S] [--duration S] [--real-data]
// --real-data: the imports section also measures the real HHS OCR archive and the largest Lantern list under
// ../shared/data (or SHARED_DATA_DIR / HCGRAPH_SHARED_DATA); without that folder it says so in one line and goes on.
// Writes FILE (default bench/results/scale-N.json, or scale-N-quick.json; -real-data appended with --real-data) and
// FILE.md; prints the table to stdout.
// Nothing here asserts a time: it measures and reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';
import { createApp } from '../server/app.ts';
import { readSchemaStatements } from '../server/db/cypher.ts';
import { Db } from '../server/db/db.ts';
import { ResponseCache } from '../server/http/response-cache.ts';
import { startLocalNeo4j } from '../server/neo4j-local/launcher.ts';
import { benchCases, type BenchCase } from './lib/cases.ts';
import { coldStart, type ColdStart } from './lib/coldstart.ts';
import { argValue, BENCH_DIR, hasFlag, machineInfo, numberArg, percentiles, RESULTS_DIR, ROOT } from './lib/common.ts';
import { DEFAULT_SEED } from './lib/graph-model.ts';
import { importBenchmarks, sharedDataDir } from './lib/imports.ts';
import { bodyOf, gqlFetch, measureSides, RecordingDb, replayPlan, runReplay, type RecordedCall, type Side } from './lib/measure.ts';
import { createNeo4jGraphqlApp } from './lib/neo4j-graphql.ts';
import { markdown, stdoutTable, writeSummary, type ClientFigure, type QueryFigure, type Report, type Throughput } from './lib/report.ts';
import { benchDriver, startStore } from './lib/store.ts';
import { catalogWithProposals, proposalNames } from './lib/proposals.ts';
import { ensureStore } from './generate.ts';

const log = (line: string) => console.error(line);
const quick = hasFlag('quick');
const scale = numberArg('scale', 1);
const seed = argValue('seed', DEFAULT_SEED)!;
const SECTIONS = ['queries', 'throughput', 'neo4j-graphql', 'imports', 'coldstart', 'client'] as const;
type Section = (typeof SECTIONS)[number];
const only = argValue('only');
// Every section by default; --no-client leaves out the browser benchmarks (e.g. on a machine without Chromium).
const sections = new Set<Section>(only ? (only.split(',') as Section[]) : SECTIONS.filter((s) => s !== 'client' || !hasFlag('no-client')));
for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (one of ${SECTIONS.join(', ')})`);
if (sections.has('throughput') || sections.has('neo4j-graphql')) sections.add('queries');
const proposals = hasFlag('proposals') ? (argValue('proposals')?.split(',') ?? proposalNames()) : [];
const realData = hasFlag('real-data') && sections.has('imports');
const out = argValue('out') ?? join(RESULTS_DIR, `scale-${scale}${quick ? '-quick' : ''}${proposals.length > 0 ? '-proposals' : ''}${only ? `-${[...sections].join('+')}` : ''}${realData ? '-real-data' : ''}.json`);

const settings = quick
  ? { warmup: 2, runs: 2, budgetMs: 2_000, minK: 2, maxK: 25, durationS: 2, connections: [10, 50], importRows: 500, seedRuns: 1, coldSecond: false, idleS: 2, queryTimeoutMs: 120_000, heavyMs: 1000, slowMs: 5000, verySlowMs: 60_000, tooSlowMs: 3000 }
  : { warmup: 10, runs: 3, budgetMs: 15_000, minK: 5, maxK: 200, durationS: numberArg('duration', 10), connections: [10, 50], importRows: 5_000, seedRuns: 3, coldSecond: true, idleS: 5, queryTimeoutMs: numberArg('query-timeout-s', 120) * 1000, heavyMs: 1000, slowMs: 5000, verySlowMs: 60_000, tooSlowMs: 20_000 };

async function measureQueries(
  cases: BenchCase[],
  app: ReturnType<typeof createApp>,
  db: RecordingDb,
  driver: Driver,
  ngql: Awaited<ReturnType<typeof createNeo4jGraphqlApp>> | null,
  cachedSide: { app: ReturnType<typeof createApp>; db: Db; kept: ReturnType<typeof createApp>; responses: ResponseCache } | null,
): Promise<QueryFigure[]> {
  const figures: QueryFigure[] = [];
  for (const c of cases) {
    const body = bodyOf(c.api);
    const fig: QueryFigure = { name: c.name, what: c.what, api: null, driver: null, ratio: null, neo4jGraphql: null, throughput: [], cypher: [], responseBytes: null, note: c.note };
    figures.push(fig);
    // Probe once, recording the Cypher the request runs (names and exact parameters) for the driver side.
    let probeMs = 0;
    let recorded: RecordedCall[] = [];
    try {
      const t = performance.now();
      db.recording = [];
      fig.responseBytes = await gqlFetch(app, body);
      recorded = db.recording;
      db.recording = null;
      const firstMs = performance.now() - t;
      // The first run pays for planning; the second estimates what a sample costs.
      const t2 = performance.now();
      await gqlFetch(app, body);
      probeMs = performance.now() - t2;
      log(`queries: ${c.name}: first request ${Math.round(firstMs)} ms, second ${Math.round(probeMs)} ms, ${fig.responseBytes} bytes`);
    } catch (err) {
      fig.error = (err as Error).message;
      log(`queries: ${c.name}: FAILED ${fig.error}`);
      db.recording = null;
      continue;
    }
    const plan = replayPlan(db, recorded);
    fig.cypher = plan.map((w) => w.map((s) => s.name));
    const sides: Side[] = [
      { key: 'api', run: () => gqlFetch(app, body) },
      { key: 'driver', run: () => runReplay(driver, plan, settings.queryTimeoutMs) },
    ];
    if (ngql && c.neo4jGraphql) {
      const ngBody = bodyOf(c.neo4jGraphql);
      try {
        await gqlFetch(ngql.yoga, ngBody);
        sides.push({ key: 'ngql', run: () => gqlFetch(ngql.yoga, ngBody) });
      } catch (err) {
        fig.note += ` (@neo4j/graphql request failed: ${(err as Error).message.slice(0, 200)})`;
      }
    }
    // A request that takes seconds (the top vendor's blast radius at scale 100) gets one warm-up and three samples per side.
    const slow = probeMs > settings.slowMs;
    if (slow) fig.note += ` Slow query (second request ${Math.round(probeMs / 1000)} s): 1 warm-up and 3 samples per side.`;
    const verySlow = probeMs > settings.verySlowMs;
    if (verySlow) fig.note += ' Very slow: the probe requests serve as warm-up, one sample per side.';
    const res = await measureSides(sides, verySlow ? { warmup: 0, runs: 1, budgetMs: 0, minK: 1, maxK: 1 } : slow ? { warmup: 1, runs: 3, budgetMs: 0, minK: 1, maxK: 1 } : { warmup: settings.warmup, runs: settings.runs, budgetMs: settings.budgetMs, minK: settings.minK, maxK: settings.maxK });
    const lat = (k: string) => (res[k] ? { p50: res[k]!.stats.p50, p95: res[k]!.stats.p95, p99: res[k]!.stats.p99, n: res[k]!.stats.n } : null);
    const api = lat('api')!;
    const drv = lat('driver')!;
    fig.api = { ...api, rps: null };
    if (api.p50 > 10_000) fig.note += ' p50 above the production QUERY_TIMEOUT_MS default (10 s): this request times out with the default settings.';
    fig.driver = drv;
    fig.ratio = Math.round((api.p50 / drv.p50) * 100) / 100;
    const ng = lat('ngql');
    if (ng) fig.neo4jGraphql = { ...ng, ratio: Math.round((ng.p50 / drv.p50) * 100) / 100, vsApi: Math.round((ng.p50 / api.p50) * 100) / 100 };
    fig.cached = cachedSide && fig.cypher.flat().some((name) => db.isCacheable(name)) ? await measureCached(cachedSide, body, drv.p50) : null;
    fig.kept = cachedSide && fig.cached ? await measureKept(cachedSide, body, drv.p50) : null;
    log(
      `queries: ${c.name}: ours p50 ${api.p50} p99 ${api.p99} | driver p50 ${drv.p50} p99 ${drv.p99} | ratio ${fig.ratio}` +
        (fig.cached ? ` | cached p50 ${fig.cached.p50} p95 ${fig.cached.p95}` : '') +
        (fig.kept ? ` | response kept p50 ${fig.kept.p50} p95 ${fig.kept.p95}` : '') +
        (ng ? ` | @neo4j/graphql p50 ${ng.p50} (ratio ${fig.neo4jGraphql!.ratio})` : '') +
        ` | n ${api.n} | cypher ${fig.cypher.map((w) => w.join('+')).join(' → ')}`,
    );
  }
  return figures;
}

/**
 * The request repeated through an app with the result cache on: one request fills it, then samples for a couple of
 * seconds (at least 20), counting the cache's hits and misses (the graph is not written meanwhile, so a miss is a read
 * that failed and was not kept).
 */
async function measureCached(side: { app: ReturnType<typeof createApp>; db: Db }, body: string, driverP50: number): Promise<QueryFigure['cached']> {
  await gqlFetch(side.app, body);
  const before = side.db.cacheStats()!;
  const p = await sampleRepeated(side.app, body);
  const after = side.db.cacheStats()!;
  // A read that fails is not kept (paths' one-hop-longer look gives up after its budget): it runs again each time.
  return { ...p, ratio: Math.round((p.p50 / driverP50) * 100) / 100, hits: after.hits - before.hits, misses: after.misses - before.misses };
}

/** The same request again and again for a couple of seconds (at least 20 samples): its latency percentiles. */
async function sampleRepeated(app: ReturnType<typeof createApp>, body: string): Promise<{ p50: number; p95: number; p99: number; n: number }> {
  const samples: number[] = [];
  const until = performance.now() + (quick ? 300 : 2_000);
  while (samples.length < 20 || (performance.now() < until && samples.length < 2_000)) {
    const t = performance.now();
    await gqlFetch(app, body);
    samples.push(performance.now() - t);
  }
  const p = percentiles(samples);
  return { p50: p.p50, p95: p.p95, p99: p.p99, n: p.n };
}

/**
 * The request repeated through an app with both caches (as `npm start` runs by default): one request runs and its
 * response is kept (when every statement came from the result cache), then samples as above, counting the responses
 * sent again without running.
 */
async function measureKept(side: { kept: ReturnType<typeof createApp>; responses: ResponseCache }, body: string, driverP50: number): Promise<QueryFigure['kept']> {
  await gqlFetch(side.kept, body);
  const before = side.responses.stats().hits;
  const p = await sampleRepeated(side.kept, body);
  return { ...p, ratio: Math.round((p.p50 / driverP50) * 100) / 100, hits: side.responses.stats().hits - before };
}

function startServeChild(uri: string): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--import', 'tsx', join(BENCH_DIR, 'serve.ts'), '--uri', uri, '--timeout-ms', String(settings.queryTimeoutMs)];
  if (proposals.length > 0) args.push('--proposals', proposals.join(','));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve: no LISTENING line within 60 s')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^LISTENING (\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve: exited with ${code}`));
    });
  });
}

/** Waits until the listener has no read in flight (requests autocannon abandoned at the end still run). */
async function drain(url: string): Promise<void> {
  const deadline = Date.now() + settings.queryTimeoutMs + 30_000;
  while (Date.now() < deadline) {
    const n = Number(await (await fetch(`${url}/__bench/in-flight`)).text());
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  log('throughput: the listener still has reads in flight; going on');
}

async function measureThroughput(cases: BenchCase[], figures: QueryFigure[], uri: string): Promise<void> {
  const { child, url } = await startServeChild(uri);
  try {
    for (const c of cases) {
      const fig = figures.find((f) => f.name === c.name)!;
      if (fig.error || !fig.api) continue;
      const body = bodyOf(c.api);
      if (fig.api.p50 > settings.tooSlowMs) {
        fig.note += ` Throughput not measured: p50 ${Math.round(fig.api.p50 / 1000)} s.`;
        continue;
      }
      for (let i = 0; i < 3; i++) await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text());
      for (const connections of settings.connections) {
        // With c requests in flight on 2 cores a request takes about p50 × c / 2. When a timed run would see few of
        // them finish, send a fixed number instead (two per connection) and time that.
        const expectedMs = (fig.api.p50 * connections) / 2;
        const heavy = expectedMs * 3 > settings.durationS * 1000;
        if (heavy && fig.api.p50 > settings.heavyMs && connections > settings.connections[0]!) {
          fig.note += ` Throughput at ${connections} connections skipped: p50 ${Math.round(fig.api.p50)} ms means minutes of queueing.`;
          continue;
        }
        // GraphQL errors come back as HTTP 200: count responses whose body carries "errors".
        let graphqlErrors = 0;
        const result = await autocannon({
          url: `${url}/graphql`,
          connections,
          ...(heavy ? { amount: connections * 2 } : { duration: settings.durationS }),
          timeout: Math.ceil(settings.queryTimeoutMs / 1000),
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body,
              onResponse: (_status: number, resBody: string) => {
                if (resBody.includes('"errors":[')) graphqlErrors++;
              },
            },
          ],
        });
        const seconds = heavy ? Math.max(0.001, (Date.parse(String(result.finish)) - Date.parse(String(result.start))) / 1000) : result.duration;
        const t: Throughput = {
          connections,
          durationS: Math.round(seconds * 10) / 10,
          rps: heavy ? Math.round((result.requests.total / seconds) * 100) / 100 : Math.round(result.requests.average * 10) / 10,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          errors: result.errors,
          non2xx: result.non2xx,
          timeouts: result.timeouts,
          graphqlErrors,
        };
        fig.throughput.push(t);
        await drain(url);
        if (connections === settings.connections[0]) fig.api.rps = t.rps;
        log(`throughput: ${c.name} @${connections}: ${t.rps} req/s, p50 ${t.p50} ms, p99 ${t.p99} ms, ${t.requests} requests, errors ${t.errors}, non-2xx ${t.non2xx}, timeouts ${t.timeouts}, GraphQL errors ${t.graphqlErrors}`);
      }
    }
  } finally {
    child.stdin?.end();
    child.kill('SIGTERM');
  }
}

async function runImports(): Promise<{ imports: Report['imports']; seedLoadMs: number[]; notes: string[] }> {
  const neo = await startLocalNeo4j({ port: 0, heap: '1g', pageCache: '512m', txTimeout: '600s', log });
  const db = new Db({ uri: neo.uri, database: 'neo4j', queryTimeoutMs: settings.queryTimeoutMs, connectTimeoutMs: 30_000 });
  const driver = benchDriver(neo.uri);
  try {
    return await importBenchmarks(db, driver, { rows: settings.importRows, seedRuns: settings.seedRuns, seed, importDir: neo.storeDir, log, ...(realData ? { realDataDir: sharedDataDir() } : {}) });
  } finally {
    await driver.close();
    await db.close();
    await neo.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const startedAt = new Date().toISOString();
  const manifest = await ensureStore(scale, seed);
  const report: Report = {
    machine: machineInfo(manifest.neo4j),
    scale,
    quick,
    seed,
    startedAt,
    durationS: 0,
    graph: manifest.graph,
    generation: { timings: manifest.timings, storeMb: Math.round(manifest.storeBytes / 1e6), createdAt: manifest.createdAt },
    picks: manifest.picks,
    settings: { ...settings, sections: [...sections], proposals, realData },
    queries: [],
    imports: [],
    seedLoadMs: [],
    client: [] as ClientFigure[],
    coldStartMs: null,
    coldStart: null as ColdStart | null,
    notes: [],
  };
  const cases = benchCases(manifest.picks);
  if (proposals.length > 0) report.notes.push(`Run WITH the proposed Cypher of bench/proposals/ replacing cypher/: ${proposals.map((p) => `${p}.cypher`).join(', ')}.`);

  if (sections.has('queries')) {
    const neo = await startStore(scale);
    const catalog = proposals.length > 0 ? catalogWithProposals(undefined, proposals) : undefined;
    const db = new RecordingDb({ uri: neo.uri, database: 'neo4j', queryTimeoutMs: settings.queryTimeoutMs, connectTimeoutMs: 30_000 }, catalog);
    const driver = benchDriver(neo.uri);
    try {
      // As the server does at start: a store generated before an index was added to schema.cypher gets it now.
      await db.runStatements(readSchemaStatements());
      await driver.executeQuery('CALL db.awaitIndexes(600)');
      const app = createApp({ db, config: { env: 'production', graphiql: false, rateLimitPerMinute: 0 }, logError: (err) => log(`app: unexpected error: ${String(err)}`) });
      const ngql = sections.has('neo4j-graphql') ? await createNeo4jGraphqlApp(driver) : null;
      const cachedDb = new Db({ uri: neo.uri, database: 'neo4j', queryTimeoutMs: settings.queryTimeoutMs, connectTimeoutMs: 30_000, resultCacheBytes: 64 * 1024 * 1024 }, catalog);
      const cachedApp = createApp({ db: cachedDb, config: { env: 'production', graphiql: false, rateLimitPerMinute: 0 }, logError: (err) => log(`app: unexpected error: ${String(err)}`) });
      // Both caches, as npm start runs by default (RESPONSE_CACHE_MB 32).
      const responses = new ResponseCache(32 * 1024 * 1024);
      const keptApp = createApp({ db: cachedDb, config: { env: 'production', graphiql: false, rateLimitPerMinute: 0 }, responseCache: responses, logError: (err) => log(`app: unexpected error: ${String(err)}`) });
      try {
        report.queries = await measureQueries(cases, app, db, driver, ngql, { app: cachedApp, db: cachedDb, kept: keptApp, responses });
      } finally {
        await cachedDb.close();
      }
      if (sections.has('throughput')) await measureThroughput(cases, report.queries, neo.uri);
    } finally {
      await driver.close();
      await db.close();
      await neo.stop();
    }
    report.notes.push(
      `Latency: ${settings.warmup} warm-up requests per side, then ${settings.runs} rounds in which each side runs k times in turn (k from the warm-up, ${settings.minK}–${settings.maxK}); p50/p95/p99 over all rounds. Server-side query timeout raised to ${settings.queryTimeoutMs / 1000} s for measuring (production default QUERY_TIMEOUT_MS is 10 s).`,
    );
  }
  if (sections.has('imports')) {
    const r = await runImports();
    report.imports = r.imports;
    report.seedLoadMs = r.seedLoadMs;
    report.notes.push(...r.notes);
  }
  if (sections.has('coldstart')) {
    report.coldStart = await coldStart({ second: settings.coldSecond, idleSeconds: settings.idleS, log });
    report.coldStartMs = report.coldStart.first.ms;
  }
  if (sections.has('client')) {
    const { clientBenchmarks } = await import('./lib/client.ts');
    const part = argValue('client-part');
    const r = await clientBenchmarks({ quick, log, only: part === 'render' || part === 'apply' ? part : undefined, beforeDist: argValue('client-before-dist') });
    report.client = r.client;
    report.clientApply = r.clientApply;
    if (r.clientApplyBefore.length > 0) report.clientApplyBefore = r.clientApplyBefore;
    report.notes.push('Client figures come from headless Chromium with SwiftShader: WebGL on the CPU, so fps is far below a GPU’s; compare within one run.');
  }
  report.durationS = Math.round((Date.now() - started) / 1000);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  const md = out.replace(/\.json$/, '') + '.md';
  writeFileSync(md, markdown(report));
  const summary = !quick && !only ? writeSummary() : undefined;
  console.log(stdoutTable(report));
  console.log(`\nreport: ${out} and ${md}${summary ? `; summary ${summary}` : ''} (${report.durationS} s)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
