// `npm run neo4j`: the local Neo4j in the foreground, store ${DATA_DIR:-./data}/neo4j, Bolt on
// 127.0.0.1:${NEO4J_BOLT_PORT:-7687} (0 = any free port), no auth. Ctrl-C / SIGTERM stop it cleanly.
import { resolve } from 'node:path';
import { LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from './launcher.ts';

const storeDir = resolve(process.env.DATA_DIR ?? './data', 'neo4j');
const portText = process.env.NEO4J_BOLT_PORT ?? '7687';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`neo4j: NEO4J_BOLT_PORT must be a port number 0-65535 (0 = any free port), got "${portText}"`);
  process.exit(2);
}

let neo4j: LocalNeo4j | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (!neo4j) process.exit(130); // still starting: the JVM sees stdin close and stops by itself
  console.error(`neo4j: ${signal}, stopping...`);
  const t0 = Date.now();
  await neo4j.stop();
  console.error(`neo4j: stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  neo4j = await startLocalNeo4j({ storeDir, port });
} catch (error) {
  console.error(error instanceof LocalNeo4jError ? `neo4j: ${error.message}` : error);
  process.exit(1);
}
if (stopping) {
  await neo4j.stop();
  process.exit(0);
}

console.log(neo4j.uri);
console.error(
  [
    `neo4j: Neo4j ${neo4j.version} (Community, embedded) is up, no auth, pid ${neo4j.pid}`,
    `neo4j:   store  ${neo4j.storeDir}`,
    `neo4j:   bolt   ${neo4j.uri}`,
    `neo4j: use it from another shell with  NEO4J_URI=${neo4j.uri} npm start`,
    'neo4j: Ctrl-C to stop.',
  ].join('\n'),
);

const code = await neo4j.exited;
if (!stopping) {
  console.error(`neo4j: the Neo4j process exited unexpectedly (code ${code})`);
  process.exit(1);
}
