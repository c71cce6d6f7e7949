// Starts one real, ephemeral Neo4j for the whole run, applies the schema and loads the seed; stops it after.
import type { TestProject } from 'vitest/node';
import { readSchemaStatements } from '../server/db/cypher.ts';
import { Db } from '../server/db/db.ts';
import { startLocalNeo4j, type LocalNeo4j } from '../server/neo4j-local/launcher.ts';
import { loadSeed } from '../server/seed/load.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jPid: number;
  }
}

let neo4j: LocalNeo4j | undefined;

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  neo4j = await startLocalNeo4j({ port: 0, log: (line) => console.error(`[neo4j] ${line}`) });
  const db = new Db({ uri: neo4j.uri, database: 'neo4j', queryTimeoutMs: 30_000 });
  try {
    await db.runStatements(readSchemaStatements());
    const seeded = await loadSeed(db);
    console.error(
      `[test] Neo4j ${neo4j.version} at ${neo4j.uri} (pid ${neo4j.pid}); seed ${seeded.nodes} nodes / ${seeded.relationships} relationships; ready in ${Date.now() - started} ms`,
    );
  } finally {
    await db.close();
  }
  project.provide('neo4jUri', neo4j.uri);
  project.provide('neo4jPid', neo4j.pid);
}

export async function teardown(): Promise<void> {
  await neo4j?.stop();
}
