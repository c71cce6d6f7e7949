// The benchmark report: JSON (bench/results/*.json), a markdown table beside it, a plain table on stdout, and the
// cross-scale summary (bench/results/summary.md) from every full report present.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColdStart } from './coldstart.ts';
import { fmtMs, RESULTS_DIR, type Machine } from './common.ts';
import type { ImportFigure } from './imports.ts';

export interface Lat {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

export interface Throughput {
  connections: number;
  durationS: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Responses (HTTP 200) whose body carried GraphQL errors, e.g. Neo4j's transaction memory limit. */
  graphqlErrors: number;
}

export interface QueryFigure {
  name: string;
  what: string;
  api: (Lat & { rps: number | null }) | null;
  driver: Lat | null;
  /** ours ÷ driver at p50. */
  ratio: number | null;
  neo4jGraphql: (Lat & { ratio: number; vsApi: number | null }) | null;
  /**
   * The same request repeated with the result cache on (as `npm start` runs) and the graph unchanged: what a
   * researcher asking a question someone asked before gets. Null for requests whose statements are not cached.
   * `ratio` = this p50 ÷ the driver's (uncached) p50.
   */
  cached?: (Lat & { ratio: number; hits: number; misses: number }) | null;
  /**
   * The same, through an app that also keeps whole responses (server/http/response-cache.ts, on by default): the
   * repeated request is sent again without running. `hits` = responses sent again.
   */
  kept?: (Lat & { ratio: number; hits: number }) | null;
  throughput: Throughput[];
  /** The Cypher the request ran, as waves of named statements (the driver side replays exactly these). */
  cypher: string[][];
  responseBytes: number | null;
  note: string;
  error?: string;
}

/** One graph size: the explorer's renderer setup (client/renderer/sigma.ts) and a bare sigma page, same graph. */
export interface ClientFigure {
  nodes: number;
  edges: number;
  /** Explorer setup: ms from creating the renderer to its first frame on screen (median of the samples). */
  firstRenderMs: number | null;
  /** Explorer setup: frames per second during a camera animation (median of the samples). */
  fps: number | null;
  bareFirstRenderMs: number | null;
  bareFps: number | null;
  /** firstRenderMs ÷ bareFirstRenderMs (above 1: the explorer takes longer). */
  firstRenderRatio: number | null;
  /** fps ÷ bareFps (below 1: the explorer draws fewer frames). */
  fpsRatio: number | null;
  /** Longest main-thread task seen while rendering and animating (ms), explorer and bare. */
  longestTaskMs: number | null;
  bareLongestTaskMs: number | null;
  samples: { ours: { firstRenderMs: number; fps: number; frames: number }[]; bare: { firstRenderMs: number; fps: number; frames: number }[] };
  /** The WebGL renderer (SwiftShader: software rendering on the CPU). */
  webgl: string;
}

/** Applying a GraphQL answer in the real explorer: ms after the answer's fetch resolved. */
export interface ApplyFigure {
  name: string;
  what: string;
  organizations: number | null;
  nodes: number;
  edges: number;
  answerBytes: number;
  /** JSON parsed, graph synced, placed, panels and renderer updated (the client's 'hcg:view-applied' mark). */
  appliedMs: number;
  /** The first frame after that on screen. */
  firstFrameMs: number;
  /** Layout finished (rings: at once; ForceAtlas2: the worker's last positions applied). */
  layoutDoneMs: number;
  /** The frame after layout done on screen. */
  layoutFrameMs: number;
  layout: string;
  /** Longest main-thread task between the answer and the last frame (PerformanceObserver 'longtask'). */
  longestTaskMs: number;
  longTasks: number;
  /** Sum over long tasks of their time beyond 50 ms (total blocking time). */
  blockingMs: number;
  /** How many runs the figures are the median of. */
  samples: number;
  errors: string[];
}

export interface Report {
  machine: Machine;
  scale: number;
  quick: boolean;
  seed: string;
  startedAt: string;
  durationS: number;
  graph: { nodes: number; relationships: number; byLabel: Record<string, number>; byType: Record<string, number> };
  generation: { timings: Record<string, number>; storeMb: number; createdAt: string };
  picks: unknown;
  settings: Record<string, unknown>;
  queries: QueryFigure[];
  imports: ImportFigure[];
  seedLoadMs: number[];
  client: ClientFigure[];
  clientApply?: ApplyFigure[];
  /** The same scenarios on a build of an earlier client/, measured in turn in the same run (bench/run.ts --client-before-dist DIR). */
  clientApplyBefore?: ApplyFigure[];
  coldStartMs: number | null;
  coldStart: ColdStart | null;
  notes: string[];
}

const r2 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2));
const int = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : String(Math.round(x)));

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function markdown(report: Report): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(`# Benchmark, scale ${report.scale}${report.quick ? ' (quick)' : ''}`);
  out.push('');
  out.push(
    `${report.startedAt}, ${report.durationS} s. Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memGb} GB, Node ${m.node}, Java ${m.java}, Neo4j ${m.neo4j}; load average at start ${m.loadAvgAtStart.join(' / ')} (shared machine: absolute times are noisy, ratios within one run are what count).`,
  );
  out.push('');
  out.push(`Graph: ${report.graph.nodes.toLocaleString('en-US')} nodes, ${report.graph.relationships.toLocaleString('en-US')} relationships (${Object.entries(report.graph.byType).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}).`);
  out.push('');
  out.push('## Queries: latency in ms (ours = GraphQL through app.fetch; driver = the same Cypher, same parameters, neo4j-driver)');
  out.push('');
  out.push(row(['query', 'ours p50', 'p95', 'p99', 'driver p50', 'p95', 'p99', 'ratio', '@neo4j/graphql p50', 'p95', 'its ratio', 'n']));
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const q of report.queries) {
    const g = q.neo4jGraphql;
    out.push(
      row([
        q.name,
        fmtMs(q.api?.p50),
        fmtMs(q.api?.p95),
        fmtMs(q.api?.p99),
        fmtMs(q.driver?.p50),
        fmtMs(q.driver?.p95),
        fmtMs(q.driver?.p99),
        `**${r2(q.ratio)}**`,
        g ? fmtMs(g.p50) : 'n/a',
        g ? fmtMs(g.p95) : 'n/a',
        g ? r2(g.ratio) : 'n/a',
        q.api ? String(q.api.n) : '–',
      ]),
    );
  }
  out.push('');
  out.push('ratio = ours p50 ÷ driver p50; its ratio = @neo4j/graphql p50 ÷ driver p50 (its queries differ in shape, see notes). Ours runs with the result cache off here, so both sides do the same database work.');
  const cached = report.queries.filter((q) => q.cached);
  if (cached.length > 0) {
    out.push('');
    out.push('### Repeated questions: the result cache (on by default, `RESULT_CACHE_MB`)');
    out.push('');
    out.push(row(['query', 'cached p50', 'p95', 'p99', 'uncached ours p50', 'p95', 'cached ÷ driver p50', 'n', 'reads from cache / from Neo4j', 'response kept p50', 'p95', 'p99', 'responses sent again']));
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const q of cached) {
      const k = q.kept;
      out.push(
        row([
          q.name,
          fmtMs(q.cached!.p50),
          fmtMs(q.cached!.p95),
          fmtMs(q.cached!.p99),
          fmtMs(q.api?.p50),
          fmtMs(q.api?.p95),
          r2(q.cached!.ratio),
          String(q.cached!.n),
          `${q.cached!.hits} / ${q.cached!.misses}`,
          k ? fmtMs(k.p50) : '–',
          k ? fmtMs(k.p95) : '–',
          k ? fmtMs(k.p99) : '–',
          k ? `${k.hits} of ${k.n}` : '–',
        ]),
      );
    }
    out.push('');
    out.push(
      'The same GraphQL request again, the graph unchanged, through an app whose Db has the result cache: one bookmark read (an empty read transaction) tells the cache which committed state the database is at, and the answer read at that state is served from memory. Any write, by anyone, changes the bookmark; the first request after it pays the uncached figure. The statements cached are those marked `// @cache` in cypher/ (blast radius, neighbourhood, paths, vendor ranking). Reads from Neo4j while repeating are reads that failed and so were not kept: `paths` gives its one-hop-longer look a 0.5 s budget, and when that runs out the request answers without it, every time. "Response kept": the same, through an app that also keeps whole responses (`RESPONSE_CACHE_MB`, on by default): a request whose statements all came from the result cache at one database state is sent again as the same bytes, after one bookmark read, without execution or serialisation.',
    );
  }
  out.push('');
  out.push('## Throughput (autocannon against a real HTTP listener, one query at a time)');
  out.push('');
  const conns = [...new Set(report.queries.flatMap((q) => q.throughput.map((t) => t.connections)))].sort((a, b) => a - b);
  out.push(row(['query', ...conns.flatMap((c) => [`req/s @${c}`, `p99 ms @${c}`, `errors @${c}`])]));
  out.push(row(['---', ...conns.flatMap(() => ['---:', '---:', '---:'])]));
  for (const q of report.queries) {
    out.push(
      row([
        q.name,
        ...conns.flatMap((c) => {
          const t = q.throughput.find((x) => x.connections === c);
          return t ? [t.rps.toFixed(1), int(t.p99), String(t.errors + t.non2xx + t.timeouts + (t.graphqlErrors ?? 0))] : ['–', '–', '–'];
        }),
      ]),
    );
  }
  out.push('');
  out.push('## What each query is, and what @neo4j/graphql can do');
  out.push('');
  for (const q of report.queries) {
    out.push(`- **${q.name}**: ${q.what}. Cypher: ${q.cypher.map((w) => w.join(' ∥ ')).join(' → ') || '–'}. ${q.note}${q.error ? ` **Error: ${q.error}**` : ''}`);
  }
  out.push('');
  if (report.imports.length > 0) {
    out.push('## Imports');
    out.push('');
    out.push(row(['import', 'rows', 'ms', 'rows/s', 'baseline', 'baseline rows/s', 'ratio']));
    out.push(row(['---', '---:', '---:', '---:', '---', '---:', '---:']));
    for (const i of report.imports) out.push(row([i.name, i.rows, i.ms, i.rowsPerSec, i.baseline, int(i.baselineRowsPerSec), r2(i.ratio)]));
    out.push('');
    out.push('ratio = baseline rows/s ÷ ours (how many times longer ours takes). ' + report.imports.map((i) => `${i.name}: ${i.note}.`).join(' '));
    out.push('');
  }
  if (report.coldStart) {
    const c = report.coldStart;
    out.push('## Cold start and idle memory');
    out.push('');
    out.push(row(['start', '→ /healthz 200 (ms)', 'server RSS (MB)', 'Neo4j RSS (MB)']));
    out.push(row(['---', '---:', '---:', '---:']));
    out.push(row(['first (empty store, seed load)', c.first.ms, int(c.first.serverRssMb), int(c.first.neo4jRssMb)]));
    if (c.second) out.push(row(['second (store kept)', c.second.ms, int(c.second.serverRssMb), int(c.second.neo4jRssMb)]));
    out.push('');
    out.push(`${c.note}; RSS after ${c.idleSeconds} s idle.`);
    out.push('');
  }
  if (report.client.length > 0 || (report.clientApply ?? []).length > 0) out.push(...clientMarkdown(report));
  if (report.notes.length > 0) {
    out.push('## Notes');
    out.push('');
    for (const n of report.notes) out.push(`- ${n}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function clientMarkdown(report: Report): string[] {
  const out: string[] = [];
  const webgl = report.client[0]?.webgl;
  out.push('## Client (headless Chromium, software WebGL)');
  out.push('');
  out.push(
    `Chromium with SwiftShader${webgl ? ` (${webgl})` : ''}: WebGL runs on the CPU, so frames per second are far below a GPU's and absolute figures only compare within one run on one machine.`,
  );
  out.push('');
  if (report.client.length > 0) {
    out.push('### First render and frames per second: explorer renderer setup vs bare sigma, same synthetic graph');
    out.push('');
    out.push(row(['graph', 'first render ms', 'bare first render ms', 'ratio', 'fps', 'bare fps', 'fps ratio', 'longest task ms', 'bare longest task ms']));
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const c of report.client) {
      out.push(
        row([
          `${c.nodes.toLocaleString('en-US')} nodes / ${c.edges.toLocaleString('en-US')} edges`,
          int(c.firstRenderMs),
          int(c.bareFirstRenderMs),
          `**${r2(c.firstRenderRatio)}**`,
          r2(c.fps),
          r2(c.bareFps),
          `**${r2(c.fpsRatio)}**`,
          int(c.longestTaskMs),
          int(c.bareLongestTaskMs),
        ]),
      );
    }
    out.push('');
    out.push(
      'First render: ms from creating the renderer to two animation frames later (the frame is on screen). fps: frames sigma drew during a zoom-and-rotate camera animation (4 s; 8 s at 20k). ratio = explorer ÷ bare; fps ratio below 1 means the explorer draws fewer frames. Explorer = client/renderer/sigma.ts (reducers, arrow edges, ring program, label drawer, edge events); bare = `new Sigma(graph, container)` with defaults, the same node sizes and colours as attributes. Median of the samples (3 per side in a full run, 1 with --quick; which side goes first alternates; a discarded warm-up page first).',
    );
    out.push('');
  }
  const apply = report.clientApply ?? [];
  if (apply.length > 0) {
    out.push('### Applying an answer in the explorer (ms after the answer’s fetch resolved)');
    out.push('');
    const table = (figs: ApplyFigure[], label: string) => {
      out.push(row(['answer', 'nodes / edges', 'applied', 'first frame', 'layout done', 'drawn', 'layout', 'longest task', 'long tasks', 'blocking']));
      out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---:']));
      for (const a of figs) {
        out.push(row([`${a.name}${label}`, `${a.nodes.toLocaleString('en-US')} / ${a.edges.toLocaleString('en-US')}`, a.appliedMs, a.firstFrameMs, a.layoutDoneMs, a.layoutFrameMs, a.layout, `**${a.longestTaskMs}**`, a.longTasks, a.blockingMs]));
      }
      out.push('');
    };
    table(apply, '');
    if (report.clientApplyBefore && report.clientApplyBefore.length > 0) {
      out.push('The same scenarios on the earlier build of client/ given with --client-before-dist, measured in turn with the one above in this run:');
      out.push('');
      table(report.clientApplyBefore, ' (before)');
    }
    out.push(
      'The real explorer (client/, production build) with /graphql answered by a synthetic answer of the server’s shape (bench/client/answers.ts), released once the page has started. applied = JSON parsed, graph synced, nodes placed, panels and renderer updated (the client’s `hcg:view-applied` mark); first frame = two animation frames later; layout done = rings placed or ForceAtlas2 finished (`hcg:layout-done`), drawn = its frame on screen. Longest task, long tasks (≥ 50 ms) and blocking (time beyond 50 ms, summed) from PerformanceObserver `longtask`, between the answer and the last frame: how long the tab could not answer input. Median of ' + String(apply[0]!.samples) + ' run(s) per scenario.',
    );
    for (const a of apply) if (a.errors.length > 0) out.push(`- ${a.name}: page errors: ${a.errors.join('; ')}`);
    out.push('');
  }
  return out;
}

export function stdoutTable(report: Report): string {
  const lines: string[] = [];
  const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
  const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
  lines.push(`scale ${report.scale}${report.quick ? ' (quick)' : ''}: ${report.graph.nodes} nodes, ${report.graph.relationships} relationships`);
  lines.push(
    [pad('query', 20), lpad('ours p50', 9), lpad('p99', 8), lpad('driver p50', 11), lpad('p99', 8), lpad('ratio', 7), lpad('n4jgql p50', 11), lpad('ratio', 7), lpad('rps@10', 8), lpad('rps@50', 8)].join(' '),
  );
  for (const q of report.queries) {
    const t = (c: number) => q.throughput.find((x) => x.connections === c);
    lines.push(
      [
        pad(q.name, 20),
        lpad(fmtMs(q.api?.p50), 9),
        lpad(fmtMs(q.api?.p99), 8),
        lpad(fmtMs(q.driver?.p50), 11),
        lpad(fmtMs(q.driver?.p99), 8),
        lpad(r2(q.ratio), 7),
        lpad(q.neo4jGraphql ? fmtMs(q.neo4jGraphql.p50) : 'n/a', 11),
        lpad(q.neo4jGraphql ? r2(q.neo4jGraphql.ratio) : 'n/a', 7),
        lpad(t(10) ? t(10)!.rps.toFixed(1) : '–', 8),
        lpad(t(50) ? t(50)!.rps.toFixed(1) : '–', 8),
      ].join(' ') + (q.error ? `  ERROR ${q.error.slice(0, 80)}` : ''),
    );
  }
  for (const i of report.imports) lines.push(`import ${pad(i.name, 46)} ${lpad(String(i.rows), 7)} rows ${lpad(String(i.rowsPerSec), 7)} rows/s   baseline ${lpad(int(i.baselineRowsPerSec), 7)} rows/s   ratio ${r2(i.ratio)}`);
  if (report.coldStart) {
    const c = report.coldStart;
    lines.push(`cold start → /healthz 200: ${c.first.ms} ms (idle RSS server ${c.first.serverRssMb} MB, Neo4j ${c.first.neo4jRssMb} MB)${c.second ? `; second start ${c.second.ms} ms` : ''}`);
  }
  for (const c of report.client) {
    lines.push(`client ${lpad(String(c.nodes), 6)} nodes: first render ${int(c.firstRenderMs)} ms vs bare ${int(c.bareFirstRenderMs)} ms (${r2(c.firstRenderRatio)}), ${r2(c.fps)} fps vs bare ${r2(c.bareFps)} (${r2(c.fpsRatio)}) [software WebGL]`);
  }
  for (const a of report.clientApply ?? []) {
    lines.push(`client apply ${a.name}: applied ${a.appliedMs} ms, first frame ${a.firstFrameMs} ms, layout drawn ${a.layoutFrameMs} ms, longest task ${a.longestTaskMs} ms`);
  }
  return lines.join('\n');
}

/** bench/results/summary.md: the scaling table (blast radius, neighbourhood) over every full report present. */
export function writeSummary(): string | undefined {
  const reports: Report[] = [];
  for (const f of readdirSync(RESULTS_DIR)) {
    const m = /^scale-(\d+(?:\.\d+)?)\.json$/.exec(f);
    if (!m) continue;
    try {
      reports.push(JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as Report);
    } catch {
      // a partial file: skip
    }
  }
  if (reports.length === 0) return undefined;
  reports.sort((a, b) => a.scale - b.scale);
  const names = [...new Set(reports.flatMap((r) => r.queries.map((q) => q.name)))];
  const out: string[] = ['# Benchmark summary across scales', '', 'p50 latency in ms, ours (GraphQL) / driver (same Cypher), and the ratio; from bench/results/scale-N.json.', ''];
  out.push(row(['scale', 'nodes', 'relationships', ...names]));
  out.push(row(['---:', '---:', '---:', ...names.map(() => '---:')]));
  for (const r of reports) {
    out.push(
      row([
        r.scale,
        r.graph.nodes.toLocaleString('en-US'),
        r.graph.relationships.toLocaleString('en-US'),
        ...names.map((n) => {
          const q = r.queries.find((x) => x.name === n);
          return q?.api && q.driver ? `${fmtMs(q.api.p50)} / ${fmtMs(q.driver.p50)} (${r2(q.ratio)})` : '–';
        }),
      ]),
    );
  }
  out.push('');
  const text = `${out.join('\n')}\n`;
  const file = join(RESULTS_DIR, 'summary.md');
  writeFileSync(file, text);
  return file;
}
