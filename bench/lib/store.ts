// Starts the local Neo4j (server/neo4j-local) on a generated benchmark store, with the benchmark's memory settings.
import { existsSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j-local/launcher.ts';
import { sendWithoutDelay } from '../../server/db/nodelay.ts';
import { manifestOf, neo4jMemoryFor, readJson, storeDirOf } from './common.ts';
import type { Picks } from './graph-model.ts';

export interface Manifest {
  generatorVersion: number;
  scale: number;
  seed: string;
  createdAt: string;
  neo4j: string;
  graph: { nodes: number; relationships: number; byLabel: Record<string, number>; byType: Record<string, number> };
  counts: Record<string, number>;
  picks: Picks;
  timings: Record<string, number>;
  storeBytes: number;
}

export function readManifest(scale: number): Manifest | undefined {
  const m = readJson<Manifest>(manifestOf(scale));
  return m && existsSync(storeDirOf(scale)) ? m : undefined;
}

export async function startStore(scale: number, opts: { heap?: string; pageCache?: string; txTimeout?: string; storeDir?: string } = {}): Promise<LocalNeo4j> {
  const mem = neo4jMemoryFor(scale);
  return startLocalNeo4j({
    storeDir: opts.storeDir ?? storeDirOf(scale),
    port: 0,
    heap: opts.heap ?? mem.heap,
    pageCache: opts.pageCache ?? mem.pageCache,
    txTimeout: opts.txTimeout ?? '600s',
    readyTimeoutMs: 600_000,
    log: (line) => console.error(line),
  });
}

/** A driver configured like server/db/db.ts (plain JS numbers), for direct Cypher runs. */
export function benchDriver(uri: string): Driver {
  sendWithoutDelay(); // as Db does: the baseline gets the same sockets as the API
  return neo4j.driver(uri, undefined, {
    disableLosslessIntegers: true,
    connectionTimeout: 30_000,
    maxConnectionPoolSize: 200,
    connectionAcquisitionTimeout: 120_000,
    logging: { level: 'error', logger: () => undefined },
  });
}
