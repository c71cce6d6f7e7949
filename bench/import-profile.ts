// Where an import's time goes: starts a throw-away Neo4j (the benchmark's memory settings), and for the generated
// HHS OCR CSV and Lantern JSON of bench/lib/imports.ts prints the importer's phases (parse, read the graph, resolve
// and plan, write the batches, commit), a second run of the same file (idempotent: creates nothing), and the
// one-statement baseline, alternating so both see the same machine.
//
// Usage: node --import tsx bench/import-profile.ts [--rows 5000] [--runs 2] [--profile] (EXPLAIN the merge statements)
//        [--cypher DIR] (statements in DIR/*.cypher replace their namesakes in cypher/, to try a rewrite)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../server/db/db.ts';
import { loadCypherCatalog, readSchemaStatements } from '../server/db/cypher.ts';
import { startLocalNeo4j } from '../server/neo4j-local/launcher.ts';
import { importFile } from '../server/import/run.ts';
import { loadSeed } from '../server/seed/load.ts';
import { argValue, hasFlag, numberArg } from './lib/common.ts';
import { DEFAULT_SEED } from './lib/graph-model.ts';
import { hhsCsv, lanternJson, runImportBaseline, wipe } from './lib/imports.ts';
import { benchDriver } from './lib/store.ts';

const rows = numberArg('rows', 5000);
const runs = numberArg('runs', 2);
const log = (line: string) => console.error(line);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hcg-import-profile-'));
  const neo = await startLocalNeo4j({ port: 0, heap: '1g', pageCache: '512m', txTimeout: '600s', log });
  const override = argValue('cypher');
  const catalog = new Map(loadCypherCatalog());
  if (override) for (const [name, text] of loadCypherCatalog(override)) catalog.set(name, text);
  const db = new Db({ uri: neo.uri, database: 'neo4j', queryTimeoutMs: 600_000, connectTimeoutMs: 30_000 }, catalog);
  const driver = benchDriver(neo.uri);
  try {
    await db.runStatements(readSchemaStatements());
    const files = [
      { format: 'hhs-ocr' as const, path: join(dir, 'bench-hhs-ocr.csv'), text: hhsCsv(rows, DEFAULT_SEED) },
      { format: 'lantern' as const, path: join(dir, 'Epic_Systems_Corporation_EndpointSources.json'), text: lanternJson(rows, DEFAULT_SEED) },
    ];
    for (const f of files) writeFileSync(f.path, f.text);
    for (let run = 1; run <= runs; run++) {
      for (const f of files) {
        await wipe(driver);
        await loadSeed(db);
        const r = await importFile(db, f.path, { format: f.format });
        if (r.error) throw new Error(r.error);
        const again = await importFile(db, f.path, { format: f.format });
        await wipe(driver);
        await loadSeed(db);
        const base = await runImportBaseline(driver, f.format, f.text, f.path);
        const rate = (ms: number) => Math.round(rows / (ms / 1000));
        log(
          `run ${run} ${f.format}: ours ${r.ms} ms (${rate(r.ms)} rows/s) ${JSON.stringify(r.phases)}; ` +
            `nodes ${r.nodes.created}+, rels ${r.relationships.created}+; again ${again.ms} ms ${JSON.stringify(again.phases)} ` +
            `(created ${again.nodes.created}/${again.relationships.created}); baseline ${Math.round(base.ms)} ms (${rate(base.ms)} rows/s) ` +
            `ratio ${(r.ms / base.ms).toFixed(2)}`,
        );
      }
    }
    if (hasFlag('profile')) {
      await wipe(driver);
      await loadSeed(db);
      const session = driver.session();
      try {
        for (const name of ['import-merge-nodes', 'import-merge-relationships']) {
          const plan = await session.run(`EXPLAIN ${db.cypher(name)}`, { rows: [] });
          log(`${name}:\n${(plan.summary.plan as { toString(): string } | false) ? JSON.stringify(simplify(plan.summary.plan), null, 1) : 'no plan'}`);
        }
      } finally {
        await session.close();
      }
    }
  } finally {
    await driver.close();
    await db.close();
    await neo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function simplify(plan: unknown): unknown {
  const p = plan as { operatorType: string; arguments: Record<string, unknown>; children: unknown[] };
  return { op: p.operatorType, details: p.arguments?.Details, children: p.children.map(simplify) };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
