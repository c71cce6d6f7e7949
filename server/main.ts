// Start-up: config → Neo4j (local or NEO4J_URI) → schema → seed if empty → listen; clean shutdown on signals.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { CLIENT_DIST, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { LocalNeo4jError } from './neo4j-local/launcher.ts';
import { isDatabaseEmpty, loadSeed } from './seed/load.ts';

const log = (line: string) => console.error(line);

function buildClientIfMissing(): void {
  if (existsSync(join(CLIENT_DIST, 'index.html'))) return;
  log('client: not built yet; building it once (vite build)…');
  const started = Date.now();
  const result = spawnSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('client: vite build failed (see above)');
  log(`client: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  buildClientIfMissing();
  const connection: Connection = await connect(config, log);
  const shutdownOnce = makeShutdown(connection);
  process.once('SIGINT', () => void shutdownOnce('SIGINT'));
  process.once('SIGTERM', () => void shutdownOnce('SIGTERM'));

  const app = createApp({ db: connection.db, config });
  const server = createServer(app);
  server.keepAliveTimeout = 5000;
  try {
    if (config.seedOnEmpty && (await isDatabaseEmpty(connection.db))) {
      log('seed: the database is empty; loading seed/ …');
      const summary = await loadSeed(connection.db);
      log(`seed: loaded ${summary.nodes} nodes and ${summary.relationships} relationships in ${summary.ms} ms`);
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    // Leave nothing running (the local Neo4j) when start-up fails half-way.
    await connection.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  shutdown.server = server;
  console.log(`READY http://${config.host}:${port}/ (GraphQL at /graphql, health at /healthz)`);
}

const shutdown: { server?: import('node:http').Server } = {};

function makeShutdown(connection: Connection) {
  let started = false;
  return async (signal: string) => {
    if (started) return;
    started = true;
    log(`shutdown: ${signal} received; closing…`);
    const server = shutdown.server;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, 3000).unref();
      });
    }
    await connection.close();
    log('shutdown: done');
    process.exit(0);
  };
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof LocalNeo4jError) {
    console.error(err.message);
  } else {
    console.error('start-up failed:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
