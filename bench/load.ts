// Load test: N connections for D seconds over search, node, neighbourhood and blast radius against the real
// server and Neo4j. Reports requests/s, p50/p99 latency, errors, and the server's memory (RSS and V8 heap, sampled
// through the run) averaged over the first and the last 10 s of the measured run, after a loaded warm-up, with
// their ratio and whether that is flat (within 10 %).
//
// With --kill-neo4j-at S, the server's own local Neo4j JVM is killed (SIGKILL, by pid) S seconds into the run and
// every answer is classified: during the outage each failure must be HTTP 503 with extensions.code
// DATABASE_UNAVAILABLE, answered within 5 s; once the supervisor has restarted Neo4j, requests must succeed again
// without restarting the server.
//
// Usage: npm run loadtest -- [--connections 50] [--duration 60] [--warmup 10] [--kill-neo4j-at S]
//                            [--sample-ms 500] [--out bench/results/load.json]
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rssMb } from './server-process.ts';
import { isOurJvm, startLoadServer, type MemorySample } from './lib/load-server.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const connections = Number(arg('connections', '50'));
const duration = Number(arg('duration', '60'));
const warmup = Number(arg('warmup', String(Math.min(10, Math.round(duration / 2)))));
const killAt = arg('kill-neo4j-at', '') === '' ? undefined : Number(arg('kill-neo4j-at', ''));
const sampleMs = Number(arg('sample-ms', '500'));
const out = arg('out', '');
for (const [name, value] of Object.entries({ connections, duration, warmup, sampleMs })) {
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
}
if (killAt !== undefined && !(killAt > 0 && killAt < duration)) throw new Error('--kill-neo4j-at must be a number of seconds inside the run (0 < S < --duration)');

/** How long a failing answer may take during an outage, and how close to flat memory must stay. */
const OUTAGE_ANSWER_MS = 5000;
const FLAT_WITHIN = 0.1;

const QUERIES = [
  { query: 'query($q: String!) { search(query: $q, first: 10) { score entity { id name } } }', variables: { q: 'oracle heal' } },
  { query: 'query($q: String!) { search(query: $q, first: 10) { score entity { id name } } }', variables: { q: 'BlackCat' } },
  { query: 'query($id: ID!) { node(id: $id) { id name sources { id } relationships(first: 50) { items { type other { id name } } } } }', variables: { id: 'vendor-oracle-health' } },
  { query: 'query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { id } edges { id } } }', variables: { id: 'vendor-oracle-health' } },
  { query: 'query($from: ID!) { blastRadius(from: $from) { omitted summary { organizations confirmed individualsAffected } reached { hops entity { id } } } }', variables: { from: 'inc-oracle-health-cerner-2025' } },
];

/** One answer of the measured run: when it arrived (ms into the run), how long it took, what it was. */
interface Answer {
  t: number;
  ms: number;
  status: number;
  ok: boolean;
  code: string | undefined;
}

const round = (x: number | null, digits = 0) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const mb = (bytes: number) => bytes / 1024 / 1024;
function avg(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}
function firstCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    return 'UNPARSABLE';
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'hcgraph-load-'));
const storeDir = join(dataDir, 'neo4j');
/** When the measured run started (ms since the epoch); 0 before. */
let started = 0;
const server = await startLoadServer(
  { DATA_DIR: dataDir },
  // Once the run is on, the server's news is worth seeing: its Neo4j going and coming back, warnings, unexpected errors.
  { storeDir, sampleMs, log: (line) => (started > 0 && /^(neo4j: |warning: |warm-up: |graphql: unexpected)/.test(line) ? console.error(`[server] ${line}`) : undefined) },
);
try {
  // Warm up: every query a few times, then the same load as the run for --warmup seconds (JIT, pools, caches).
  for (let i = 0; i < 5; i++) {
    for (const body of QUERIES) await (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
  }
  if (warmup > 0) {
    const w = await autocannon({ url: `${server.url}/graphql`, connections, duration: warmup, requests: QUERIES.map((body) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })) });
    console.error(`load: warm-up ${warmup} s at ${connections} connections: ${w.requests.total} requests, non-2xx ${w.non2xx}, errors ${w.errors}`);
  }

  let graphqlErrors = 0;
  const answers: Answer[] = [];
  const neo4jRss: { t: number; mb: number | null }[] = [];
  started = Date.now();
  const sampler = setInterval(async () => neo4jRss.push({ t: (Date.now() - started) / 1000, mb: await rssMb(server.neo4jPid()) }), 1000);

  // The kill: the server's current Neo4j JVM, checked by its command line to be ours, SIGKILLed by pid.
  const kill: { pid?: number; at?: number; refused?: string } = {};
  const killTimer =
    killAt === undefined
      ? undefined
      : setTimeout(() => {
          const pid = server.neo4jPid();
          if (pid === undefined || !isOurJvm(pid, storeDir)) {
            kill.refused = pid === undefined ? 'the server reported no local Neo4j pid' : `pid ${pid} is not this server's Neo4j JVM`;
            console.error(`load: not killing Neo4j: ${kill.refused}`);
            return;
          }
          process.kill(pid, 'SIGKILL');
          kill.pid = pid;
          kill.at = Date.now() - started;
          console.error(`load: killed the server's Neo4j JVM (pid ${pid}) at ${(kill.at / 1000).toFixed(1)} s`);
        }, killAt * 1000);

  // autocannon calls onResponse (with the body) and then, synchronously, emits 'response' (with the latency).
  let last: { status: number; body: string } | undefined;
  /** Load for `seconds` with every answer recorded (ms into the run, latency, status, code). */
  const segment = (seconds: number) => {
    const options: autocannon.Options = {
      url: `${server.url}/graphql`,
      connections,
      duration: seconds,
      requests: QUERIES.map((body) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        // A 200 can still carry GraphQL errors: count them too.
        onResponse: (status: number, responseBody: string) => {
          if (responseBody.includes('"errors"')) graphqlErrors += 1;
          last = { status, body: responseBody };
        },
      })),
    };
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(options, (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)));
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        const body = last?.body ?? '';
        last = undefined;
        const ok = statusCode === 200 && !body.includes('"errors"');
        answers.push({ t: Date.now() - started, ms: responseTime, status: statusCode, ok, code: ok ? undefined : firstCode(body) });
      });
    });
  };
  const result = await segment(duration);
  const runMs = Date.now() - started;
  const runGraphqlErrors = graphqlErrors;
  if (killTimer) clearTimeout(killTimer);

  // A kill late in a short run may leave Neo4j still restarting at the end: keep the same load on, in 5 s steps (at
  // most 180 s), until requests sent after the kill succeed again and have done so for 5 s. Reported apart.
  const tail = { seconds: 0, requests: 0, errors: 0, timeouts: 0 };
  if (kill.at !== undefined) {
    const recoveredAt = () => answers.find((a) => a.ok && a.t - a.ms >= kill.at!)?.t;
    while (tail.seconds < 180) {
      const r = recoveredAt();
      if (r !== undefined && Date.now() - started - r >= 5000) break;
      const more = await segment(5);
      tail.seconds += 5;
      tail.requests += more.requests.total;
      tail.errors += more.errors;
      tail.timeouts += more.timeouts;
    }
    if (tail.seconds > 0) console.error(`load: run extended by ${tail.seconds} s of the same load to see Neo4j come back`);
  }
  clearInterval(sampler);

  // Memory: the server's own samples within the measured run, first and last window (10 s, or a third of a short run).
  const window = Math.min(10, duration / 3);
  const runSamples = server.memory.filter((m) => m.at >= started && m.at <= started + runMs).map((m) => ({ ...m, t: (m.at - started) / 1000 }));
  const inFirst = runSamples.filter((m) => m.t <= window);
  const inLast = runSamples.filter((m) => m.t >= duration - window);
  // The verdict is on the window averages; each window's lowest sample (for the heap: what is left after a
  // collection, i.e. live data) is reported beside them, to tell a leak from where in its GC cycle a window fell.
  const figure = (pick: (m: MemorySample) => number) => {
    const first = avg(inFirst.map((m) => mb(pick(m))));
    const lastAvg = avg(inLast.map((m) => mb(pick(m))));
    const ratio = first && lastAvg !== null ? lastAvg / first : null;
    const floor = (xs: typeof inFirst) => (xs.length ? round(Math.min(...xs.map((m) => mb(pick(m)))), 1) : null);
    return {
      first: round(first, 1),
      last: round(lastAvg, 1),
      ratio: round(ratio, 3),
      flat: ratio === null ? null : Math.abs(ratio - 1) <= FLAT_WITHIN,
      floor: { first: floor(inFirst), last: floor(inLast) },
    };
  };
  const rss = figure((m) => m.rss);
  const heap = figure((m) => m.heapUsed);
  const neo4jFirst = avg(neo4jRss.filter((m) => m.t <= window && m.mb !== null).map((m) => m.mb!));
  const neo4jLast = avg(neo4jRss.filter((m) => m.t >= duration - window && m.t <= runMs / 1000 && m.mb !== null).map((m) => m.mb!));

  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, node: process.version },
    connections,
    durationS: duration,
    warmupS: warmup,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors: runGraphqlErrors,
    // Kept for comparison with earlier reports: RSS in MB, first vs last window.
    serverRssMb: { first10s: rss.first, last10s: rss.last },
    neo4jRssMb: { first10s: round(neo4jFirst), last10s: round(neo4jLast) },
    serverMemory: {
      windowS: round(window, 1),
      samples: { first: inFirst.length, last: inLast.length, everyMs: sampleMs },
      rssMb: rss,
      heapUsedMb: heap,
      flatWithin: FLAT_WITHIN,
      flat: rss.flat === true && heap.flat === true,
    },
  };

  let failed = result.errors > 0 || result.timeouts > 0;
  if (killAt === undefined) {
    if (result.non2xx > 0 || runGraphqlErrors > 0) failed = true;
  } else {
    const k = classifyKill(answers, kill, server.lines, started, server.child.exitCode === null && server.child.signalCode === null);
    report.neo4jKill = { ...k, extendedByS: tail.seconds, extension: tail };
    if (!k.pass || tail.errors > 0 || tail.timeouts > 0) failed = true;
  }

  console.log(JSON.stringify(report, null, 2));
  const pct = (r: number | null) => (r === null ? 'n/a' : `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)} %`);
  console.log(
    `load: ${report.requests} requests in ${duration} s at ${connections} connections (after ${warmup} s warm-up): ${report.rps} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${runGraphqlErrors}`,
  );
  console.log(
    `load: server memory, first ${round(window, 1)} s → last ${round(window, 1)} s (averages of ${inFirst.length} and ${inLast.length} samples): RSS ${rss.first} → ${rss.last} MB (${pct(rss.ratio)}), heap used ${heap.first} → ${heap.last} MB (${pct(heap.ratio)}; lowest ${heap.floor.first} → ${heap.floor.last} MB): ${(report.serverMemory as { flat: boolean }).flat ? 'FLAT' : 'NOT FLAT'} (within ${FLAT_WITHIN * 100} %)` +
      (killAt === undefined ? '' : '; with --kill-neo4j-at the windows see different traffic (before the kill, the outage): judge memory on a run without it'),
  );
  if (report.neo4jKill) console.log(`load: ${(report.neo4jKill as { summary: string }).summary}`);
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (failed) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The answers of a run with a Neo4j kill, in three phases: before the kill; the outage, from the kill to the first
 * success of a request sent after it (only a database that is back can give one); and after that recovery.
 */
function classifyKill(all: Answer[], kill: { pid?: number; at?: number; refused?: string }, lines: { at: number; line: string }[], runStart: number, serverUp: boolean) {
  if (kill.at === undefined) {
    return { pass: false, refused: kill.refused ?? 'the run ended before the kill', summary: `Neo4j kill: NOT DONE (${kill.refused ?? 'the run ended first'})` };
  }
  const killedAt = kill.at;
  const restartLine = lines.find((l) => l.at - runStart >= killedAt && /neo4j: restarted \(pid \d+\)/.test(l.line));
  const restartedAt = restartLine ? restartLine.at - runStart : undefined;
  const recovery = all.find((a) => a.ok && a.t - a.ms >= killedAt);
  const recoveredAt = recovery?.t;
  const before = all.filter((a) => a.t < killedAt);
  const outage = all.filter((a) => a.t >= killedAt && (recoveredAt === undefined || a.t < recoveredAt));
  const after = recoveredAt === undefined ? [] : all.filter((a) => a.t >= recoveredAt);
  const failures = outage.filter((a) => !a.ok);
  const coded = failures.filter((a) => a.status === 503 && a.code === 'DATABASE_UNAVAILABLE');
  const otherFailures = failures.filter((a) => !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE'));
  const slowFailures = failures.filter((a) => a.ms >= OUTAGE_ANSWER_MS);
  const firstUnavailable = coded[0];
  const afterSpanS = after.length ? (after.at(-1)!.t - recoveredAt!) / 1000 : 0;
  const afterLatencies = after.map((a) => a.ms).sort((a, b) => a - b);
  const maxFailureMs = failures.reduce((m, a) => Math.max(m, a.ms), 0);
  const otherKinds: Record<string, number> = {};
  for (const a of [...otherFailures, ...before.filter((x) => !x.ok), ...after.filter((x) => !x.ok)]) {
    const key = `${a.status} ${a.code ?? ''}`.trim();
    otherKinds[key] = (otherKinds[key] ?? 0) + 1;
  }
  const result = {
    killedPid: kill.pid,
    killedAtS: round(killedAt / 1000, 1),
    restartedPid: restartLine ? Number(/pid (\d+)/.exec(restartLine.line)![1]) : undefined,
    restartedAfterKillS: restartedAt === undefined ? null : round((restartedAt - killedAt) / 1000, 1),
    firstDatabaseUnavailableAfterKillMs: firstUnavailable ? firstUnavailable.t - killedAt : null,
    recoveredAfterKillS: recoveredAt === undefined ? null : round((recoveredAt - killedAt) / 1000, 1),
    recoveredAfterRestartS: recoveredAt === undefined || restartedAt === undefined ? null : round((recoveredAt - restartedAt) / 1000, 1),
    before: { answers: before.length, failures: before.filter((a) => !a.ok).length },
    outage: {
      answers: outage.length,
      succeeded: outage.length - failures.length,
      failures: failures.length,
      databaseUnavailable503: coded.length,
      otherFailures: otherFailures.length,
      failuresSlowerThan5s: slowFailures.length,
      maxFailureMs: Math.round(maxFailureMs),
    },
    after: {
      answers: after.length,
      failures: after.filter((a) => !a.ok).length,
      seconds: round(afterSpanS, 1),
      rps: afterSpanS > 0 ? Math.round(after.length / afterSpanS) : null,
      p99Ms: afterLatencies.length ? Math.round(afterLatencies[Math.min(afterLatencies.length - 1, Math.floor(afterLatencies.length * 0.99))]!) : null,
    },
    /** The same server process throughout: never restarted to recover. */
    serverStayedUp: serverUp,
    unexpected: otherKinds,
    pass: false,
    summary: '',
  };
  result.pass =
    serverUp &&
    failures.length > 0 &&
    otherFailures.length === 0 &&
    slowFailures.length === 0 &&
    result.firstDatabaseUnavailableAfterKillMs !== null &&
    result.firstDatabaseUnavailableAfterKillMs < OUTAGE_ANSWER_MS &&
    recoveredAt !== undefined &&
    restartedAt !== undefined &&
    result.before.failures === 0 &&
    result.after.answers > 0 &&
    result.after.failures === 0;
  result.summary =
    `Neo4j kill: pid ${kill.pid} killed at ${result.killedAtS} s; first DATABASE_UNAVAILABLE ${result.firstDatabaseUnavailableAfterKillMs ?? 'never'} ms later; ` +
    `outage: ${failures.length} failures of ${outage.length} answers, ${coded.length} of them 503 DATABASE_UNAVAILABLE, ${otherFailures.length} other, ` +
    `slowest failure ${Math.round(maxFailureMs)} ms (${slowFailures.length} ≥ ${OUTAGE_ANSWER_MS} ms); ` +
    (restartedAt === undefined ? 'Neo4j not restarted by the end; ' : `Neo4j restarted ${result.restartedAfterKillS} s after the kill (pid ${result.restartedPid}); `) +
    (recoveredAt === undefined ? 'requests never succeeded again; ' : `requests succeed again ${result.recoveredAfterKillS} s after the kill (${result.recoveredAfterRestartS} s after the restart)${serverUp ? ', same server process' : ', BUT THE SERVER PROCESS DIED'}; `) +
    `after recovery ${result.after.answers} answers in ${result.after.seconds} s (${result.after.rps ?? 0} req/s, p99 ${result.after.p99Ms ?? '-'} ms), ${result.after.failures} failures; before the kill ${result.before.failures} failures: ${result.pass ? 'PASS' : 'FAIL'}`;
  return result;
}
