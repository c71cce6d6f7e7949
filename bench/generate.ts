// Benchmark graph generator: builds the graph of bench/lib/graph-model.ts for a scale and writes it into its own
// Neo4j store under bench/tmp/store-<N> (never the app's data/), through the local Neo4j launcher, with
// cypher/schema.cypher applied first and batched UNWIND writes (parameters only).
//
// Usage: node --import tsx bench/generate.ts --scale N [--seed S] [--force] [--heap 4g] [--page-cache 3g]
// A store whose manifest (bench/tmp/store-<N>.manifest.json) matches the scale, seed and generator version is kept
// unless --force. Prints timings; the manifest records counts, timings and the ids the benchmark queries use.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Driver } from 'neo4j-driver';
import { readSchemaStatements } from '../server/db/cypher.ts';
import { argValue, hasFlag, manifestOf, numberArg, storeDirOf, TMP_DIR } from './lib/common.ts';
import { buildGraph, DEFAULT_SEED, GENERATOR_VERSION, type BenchGraph } from './lib/graph-model.ts';
import { benchDriver, readManifest, startStore, type Manifest } from './lib/store.ts';

const NODE_BATCH = 5_000;
const REL_BATCH = 10_000;

/** Labels and types are written into statement text only from this allow-list (values are always parameters). */
const ALLOWED_LABELS = new Set(['Organization', 'Vendor', 'Hospital', 'HealthSystem', 'HealthPlan', 'Product', 'Incident', 'ThreatActor', 'Source']);
const ALLOWED_TYPES = new Set(['MAKES', 'ACQUIRED', 'PART_OF', 'CUSTOMER_OF', 'AFFECTED', 'ATTRIBUTED_TO', 'REPORTED_IN', 'INVOLVED']);

function nodeStatement(labels: string[]): string {
  for (const l of labels) if (!ALLOWED_LABELS.has(l)) throw new Error(`generate: label ${l} is not allowed`);
  return `UNWIND $rows AS row CREATE (n:Entity:${labels.join(':')}) SET n = row RETURN count(n) AS count`;
}

function relStatement(type: string): string {
  if (!ALLOWED_TYPES.has(type)) throw new Error(`generate: type ${type} is not allowed`);
  return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:${type}]->(b) SET r = row.props
RETURN count(r) AS count`;
}

async function writeBatch(driver: Driver, statement: string, rows: unknown[]): Promise<number> {
  const session = driver.session();
  try {
    const result = await session.executeWrite((tx) => tx.run(statement, { rows }));
    return Number(result.records[0]?.get('count') ?? 0);
  } finally {
    await session.close();
  }
}

const log = (line: string) => console.error(line);

export async function generate(scale: number, seed: string, opts: { heap?: string; pageCache?: string } = {}): Promise<Manifest> {
  const t0 = Date.now();
  const graph: BenchGraph = buildGraph(scale, seed);
  const buildMs = Date.now() - t0;
  log(`generate: built the scale-${scale} graph in memory in ${(buildMs / 1000).toFixed(1)} s (seed ${seed})`);

  const storeDir = storeDirOf(scale);
  rmSync(storeDir, { recursive: true, force: true });
  rmSync(manifestOf(scale), { force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const t1 = Date.now();
  const neo = await startStore(scale, opts);
  const startMs = Date.now() - t1;
  const driver = benchDriver(neo.uri);
  const timings: Record<string, number> = { buildMs, startNeo4jMs: startMs };
  try {
    const t2 = Date.now();
    const session = driver.session();
    try {
      for (const statement of readSchemaStatements()) await session.run(statement);
      await session.run('CALL db.awaitIndexes(300)');
    } finally {
      await session.close();
    }
    timings.schemaMs = Date.now() - t2;

    const t3 = Date.now();
    let nodes = 0;
    for (const group of graph.nodeGroups) {
      const statement = nodeStatement(group.labels);
      for (let i = 0; i < group.rows.length; i += NODE_BATCH) {
        const rows = group.rows.slice(i, i + NODE_BATCH);
        const n = await writeBatch(driver, statement, rows);
        if (n !== rows.length) throw new Error(`generate: wrote ${n} of ${rows.length} ${group.labels.join(':')} nodes`);
        nodes += n;
      }
    }
    timings.nodesMs = Date.now() - t3;
    log(`generate: ${nodes} nodes in ${(timings.nodesMs / 1000).toFixed(1)} s (${Math.round(nodes / (timings.nodesMs / 1000))} nodes/s)`);

    const t4 = Date.now();
    let rels = 0;
    for (const group of graph.relGroups) {
      const statement = relStatement(group.type);
      const tg = Date.now();
      for (let i = 0; i < group.count; i += REL_BATCH) {
        const rows = group.rows(i, Math.min(group.count, i + REL_BATCH));
        const n = await writeBatch(driver, statement, rows);
        if (n !== rows.length) throw new Error(`generate: wrote ${n} of ${rows.length} ${group.type} relationships (missing endpoints?)`);
        rels += n;
        if (group.count > 200_000 && (i / REL_BATCH) % 20 === 19) log(`generate:   ${group.type} ${i + rows.length}/${group.count} (${Math.round((i + rows.length) / ((Date.now() - tg) / 1000))} rels/s)`);
      }
      timings[`rel_${group.type}_ms`] = Date.now() - tg;
    }
    timings.relationshipsMs = Date.now() - t4;
    log(`generate: ${rels} relationships in ${(timings.relationshipsMs / 1000).toFixed(1)} s (${Math.round(rels / (timings.relationshipsMs / 1000))} rels/s)`);

    const t5 = Date.now();
    const s2 = driver.session();
    let byLabel: Record<string, number> = {};
    let byType: Record<string, number> = {};
    let neo4jVersion = neo.version;
    try {
      await s2.run('CALL db.awaitIndexes(600)');
      const labels = await s2.run('CALL db.labels() YIELD label CALL (label) { MATCH (n:$(label)) RETURN count(n) AS c } RETURN label, c');
      byLabel = Object.fromEntries(labels.records.map((r) => [r.get('label') as string, Number(r.get('c'))]));
      const types = await s2.run('CALL db.relationshipTypes() YIELD relationshipType AS t CALL (t) { MATCH ()-[r:$(t)]->() RETURN count(r) AS c } RETURN t, c');
      byType = Object.fromEntries(types.records.map((r) => [r.get('t') as string, Number(r.get('c'))]));
      const v = await s2.run('CALL dbms.components() YIELD versions RETURN versions[0] AS v');
      neo4jVersion = String(v.records[0]?.get('v') ?? neo4jVersion);
    } finally {
      await s2.close();
    }
    timings.indexesMs = Date.now() - t5;
    timings.totalMs = Date.now() - t0;
    const nodeTotal = byLabel.Entity ?? nodes;
    const relTotal = Object.values(byType).reduce((a, b) => a + b, 0);
    await driver.close();
    const t6 = Date.now();
    await neo.stop();
    timings.stopMs = Date.now() - t6;
    timings.totalMs = Date.now() - t0;
    let storeBytes = 0;
    try {
      storeBytes = Number(execFileSync('du', ['-sb', storeDir], { encoding: 'utf8' }).split('\t')[0]);
    } catch {
      storeBytes = 0;
    }
    const manifest: Manifest = {
      generatorVersion: GENERATOR_VERSION,
      scale,
      seed,
      createdAt: new Date().toISOString(),
      neo4j: neo4jVersion,
      graph: { nodes: nodeTotal, relationships: relTotal, byLabel, byType },
      counts: graph.counts,
      picks: graph.picks,
      timings,
      storeBytes,
    };
    writeFileSync(manifestOf(scale), `${JSON.stringify(manifest, null, 2)}\n`);
    log(
      `generate: scale ${scale}: ${nodeTotal} nodes, ${relTotal} relationships, store ${(storeBytes / 1e6).toFixed(0)} MB, ` +
        `total ${(timings.totalMs / 1000).toFixed(1)} s (build ${(buildMs / 1000).toFixed(1)}, Neo4j start ${(startMs / 1000).toFixed(1)}, ` +
        `nodes ${(timings.nodesMs / 1000).toFixed(1)}, relationships ${(timings.relationshipsMs / 1000).toFixed(1)}, indexes ${(timings.indexesMs / 1000).toFixed(1)}, stop ${(timings.stopMs / 1000).toFixed(1)})`,
    );
    return manifest;
  } catch (err) {
    await driver.close().catch(() => undefined);
    await neo.stop();
    throw err;
  }
}

/** The store for `scale`, generated unless an up-to-date one exists. */
export async function ensureStore(scale: number, seed: string = DEFAULT_SEED, force = false): Promise<Manifest> {
  const existing = readManifest(scale);
  if (!force && existing && existing.generatorVersion === GENERATOR_VERSION && existing.seed === seed) {
    log(`generate: bench/tmp/store-${scale} is up to date (seed ${seed}, generated ${existing.createdAt}); --force to rebuild`);
    return existing;
  }
  return generate(scale, seed, { heap: argValue('heap'), pageCache: argValue('page-cache') });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const scale = numberArg('scale', 1);
  const seed = argValue('seed', DEFAULT_SEED)!;
  ensureStore(scale, seed, hasFlag('force')).then(
    (m) => console.log(JSON.stringify({ scale: m.scale, seed: m.seed, graph: { nodes: m.graph.nodes, relationships: m.graph.relationships }, timings: m.timings, storeMb: Math.round(m.storeBytes / 1e6) }, null, 2)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    },
  );
}
