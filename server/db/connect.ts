// Connects to the configured Neo4j: the user's (NEO4J_URI) or a local one started here; applies the schema.
import type { Config } from '../config.ts';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../neo4j-local/supervisor.ts';
import { readSchemaStatements } from './cypher.ts';
import { Db } from './db.ts';

export interface Connection {
  db: Db;
  /** Set when this process started its own Neo4j. */
  local: SupervisedNeo4j | undefined;
  close(): Promise<void>;
}

export type Log = (line: string) => void;

export async function connect(config: Config, log: Log): Promise<Connection> {
  let local: SupervisedNeo4j | undefined;
  let uri = config.neo4jUri;
  if (uri === undefined) {
    log(`neo4j: starting the local Neo4j Community (store ${config.dataDir}/neo4j, Bolt 127.0.0.1:${config.neo4jBoltPort})`);
    local = await superviseLocalNeo4j({ storeDir: `${config.dataDir}/neo4j`, port: config.neo4jBoltPort }, log);
    uri = local.uri;
    log(`neo4j: ready at ${uri} (Neo4j ${local.version}, pid ${local.pid})`);
  } else {
    log(`neo4j: using ${uri} (database ${config.neo4jDatabase})`);
  }
  const db = new Db({
    uri,
    username: local ? undefined : config.neo4jUsername,
    password: local ? undefined : config.neo4jPassword,
    database: config.neo4jDatabase,
    queryTimeoutMs: config.queryTimeoutMs,
    resultCacheBytes: config.resultCacheMb * 1024 * 1024,
  });
  try {
    await db.driver.verifyConnectivity({ database: config.neo4jDatabase });
    await db.runStatements(readSchemaStatements());
  } catch (err) {
    await db.close();
    await local?.stop();
    throw err;
  }
  let closed = false;
  return {
    db,
    local,
    async close() {
      if (closed) return;
      closed = true;
      await db.close().catch(() => undefined);
      await local?.stop();
    },
  };
}
