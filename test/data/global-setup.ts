// Starts one ephemeral Neo4j (any free port) with the schema and the seed for the data suite, or, when the shared
// datasets are not there, says so and provides no database (the suite then skips).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readSchemaStatements } from '../../server/db/cypher.ts';
import { Db } from '../../server/db/db.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j-local/launcher.ts';
import { loadSeed } from '../../server/seed/load.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared datasets' directory, or '' when absent (the suite skips). */
    sharedDataDir: string;
    dataNeo4jUri: string;
  }
}

let neo4j: LocalNeo4j | undefined;

/** ../shared/data next to the repository, or SHARED_DATA_DIR. */
export const SHARED_DATA_DIR = resolve(process.env.SHARED_DATA_DIR ?? '../shared/data');

export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(resolve(SHARED_DATA_DIR, 'hhs-ocr'))) {
    console.error(`[data] ${SHARED_DATA_DIR} is absent: the real-data import suite is SKIPPED (set SHARED_DATA_DIR to point elsewhere).`);
    project.provide('sharedDataDir', '');
    project.provide('dataNeo4jUri', '');
    return;
  }
  const started = Date.now();
  // The defaults a user's local Neo4j gets (30 s transaction timeout, 768 MB heap): every file must fit in them.
  neo4j = await startLocalNeo4j({ port: 0, log: (line) => console.error(`[neo4j] ${line}`) });
  const db = new Db({ uri: neo4j.uri, database: 'neo4j', queryTimeoutMs: 120_000 });
  try {
    await db.runStatements(readSchemaStatements());
    const seeded = await loadSeed(db);
    console.error(`[data] Neo4j ${neo4j.version} at ${neo4j.uri}; seed ${seeded.nodes} nodes / ${seeded.relationships} relationships; data from ${SHARED_DATA_DIR}; ready in ${Date.now() - started} ms`);
  } finally {
    await db.close();
  }
  project.provide('sharedDataDir', SHARED_DATA_DIR);
  project.provide('dataNeo4jUri', neo4j.uri);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
}
