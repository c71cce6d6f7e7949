// Load test: N connections for D seconds over search, node, neighbourhood and blast radius against the real
// server and Neo4j. Reports requests/s, p50/p99 latency, errors and server memory at the start and the end.
// Usage: npm run loadtest -- [--connections 50] [--duration 60] [--out bench/results/load.json]
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rssMb, startServer } from './server-process.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const connections = Number(arg('connections', '50'));
const duration = Number(arg('duration', '60'));
const out = arg('out', '');

const QUERIES = [
  { query: 'query($q: String!) { search(query: $q, first: 10) { score entity { id name } } }', variables: { q: 'oracle heal' } },
  { query: 'query($q: String!) { search(query: $q, first: 10) { score entity { id name } } }', variables: { q: 'BlackCat' } },
  { query: 'query($id: ID!) { node(id: $id) { id name sources { id } relationships(first: 50) { items { type other { id name } } } } }', variables: { id: 'vendor-oracle-health' } },
  { query: 'query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { id } edges { id } } }', variables: { id: 'vendor-oracle-health' } },
  { query: 'query($from: ID!) { blastRadius(from: $from) { omitted summary { organizations confirmed individualsAffected } reached { hops entity { id } } } }', variables: { from: 'inc-oracle-health-cerner-2025' } },
];

const dataDir = mkdtempSync(join(tmpdir(), 'hcgraph-load-'));
const server = await startServer({ DATA_DIR: dataDir });
const pid = server.child.pid;
try {
  // Warm up: every query a few times.
  for (let i = 0; i < 5; i++) {
    for (const body of QUERIES) await (await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
  }
  let graphqlErrors = 0;
  const memory: { t: number; serverMb: number | null; neo4jMb: number | null }[] = [];
  const started = Date.now();
  const sampler = setInterval(async () => memory.push({ t: (Date.now() - started) / 1000, serverMb: await rssMb(pid), neo4jMb: await rssMb(server.neo4jPid) }), 1000);
  const result = await autocannon({
    url: `${server.url}/graphql`,
    connections,
    duration,
    requests: QUERIES.map((body) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // A 200 can still carry GraphQL errors: count them too.
      onResponse: (_status: number, responseBody: string) => {
        if (responseBody.includes('"errors"')) graphqlErrors += 1;
      },
    })),
  });
  clearInterval(sampler);
  const window = Math.min(10, duration / 3);
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length) : null;
  };
  const first = memory.filter((m) => m.t <= window);
  const last = memory.filter((m) => m.t >= duration - window);
  const report = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    connections,
    durationS: duration,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    serverRssMb: { first10s: avg(first.map((m) => m.serverMb)), last10s: avg(last.map((m) => m.serverMb)) },
    neo4jRssMb: { first10s: avg(first.map((m) => m.neo4jMb)), last10s: avg(last.map((m) => m.neo4jMb)) },
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `load: ${report.requests} requests in ${duration} s at ${connections} connections: ${report.rps} req/s, p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, errors ${report.errors}, non-2xx ${report.non2xx}, GraphQL errors ${report.graphqlErrors}, server RSS ${report.serverRssMb.first10s} → ${report.serverRssMb.last10s} MB`,
  );
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (report.errors > 0 || report.non2xx > 0 || report.timeouts > 0 || report.graphqlErrors > 0) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
