// Start-up: config → Neo4j (local or NEO4J_URI) → schema → seed if empty → listen; clean shutdown on signals.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { CLIENT_DIST, createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { LocalNeo4jError, stopToolProcesses } from './neo4j-local/launcher.ts';
import { isDatabaseEmpty, loadSeed } from './seed/load.ts';
import { keepPrimed, primeCache, WARM_UP_TIMEOUT_MS, warmUp } from './warmup.ts';

const log = (line: string) => console.error(line);

function buildClientIfMissing(): void {
  if (existsSync(join(CLIENT_DIST, 'index.html'))) return;
  log('client: not built yet; building it once (vite build)…');
  const started = Date.now();
  const result = spawnSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('client: vite build failed (see above)');
  log(`client: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** What is running, so a stop signal at any point of start-up or service closes exactly that. */
const running: { connection?: Connection; server?: Server; stopping: boolean } = { stopping: false };

async function main(): Promise<void> {
  const config = loadConfig();
  // Handlers first: a signal during the first Maven download or the seed load must still stop cleanly.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // A stray rejection must not take the API down (Node's default ends the process); it is logged, and the
  // request that caused it has already been answered with a masked error.
  process.on('unhandledRejection', (reason) => log(`warning: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`));
  buildClientIfMissing();
  const connection: Connection = await connect(config, log);
  running.connection = connection;
  if (running.stopping) return void (await closeAndExit());

  const app = createApp({ db: connection.db, config });
  const server = createServer(app);
  server.keepAliveTimeout = 5000;
  try {
    if (config.seedOnEmpty && (await isDatabaseEmpty(connection.db))) {
      log('seed: the database is empty; loading seed/ …');
      const summary = await loadSeed(connection.db);
      log(`seed: loaded ${summary.nodes} nodes and ${summary.relationships} relationships in ${summary.ms} ms`);
    }
    if (running.stopping) return void (await closeAndExit());
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, config.host, config.port)));
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    if (running.stopping) return; // shutdown() is closing everything and exits 0
    // Leave nothing running (the local Neo4j) when start-up fails half-way.
    await connection.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  running.server = server;
  console.log(`READY http://${config.host}:${port}/ (GraphQL at /graphql, health at /healthz)`);
  // Its own app over the same driver, with a longer timeout: planning must not be cut short by the request timeout.
  if (config.warmUp) {
    const warmDb = connection.db.withQueryTimeout(WARM_UP_TIMEOUT_MS);
    // Without kept responses: its requests are not the explorer's, and what they fill is the result cache.
    const warmApp = createApp({ db: warmDb, config: { ...config, responseCacheMb: 0 } });
    let warming: Promise<unknown> | null = null;
    const warm = () => {
      warming ??= warmUp(warmApp, warmDb, log)
        .then(() => primeCache(warmApp, warmDb, log))
        .finally(() => (warming = null));
    };
    warm();
    // After an import or an edit, the top vendors' blast radius is computed again once the writes have settled.
    keepPrimed(warmApp, warmDb, log);
    // A restarted Neo4j has lost its plans too: without this, the requests waiting when it comes back all plan the
    // same large statements at once (under 50 connections: 12 req/s and p99 9.7 s for the first 15 s).
    connection.db.onRecovered(() => {
      log('warm-up: Neo4j answers again; planning the heavy statements again');
      warm();
    });
  }
}

/** EADDRINUSE and friends, said in terms of the settings a user can change. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return new ConfigError([`PORT ${port} is already in use on ${host}; stop what uses it or set PORT to another port (0 = any free port)`]);
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') return new ConfigError([`HOST "${host}" is not an address of this machine; set HOST to e.g. 127.0.0.1 or 0.0.0.0`]);
  if (err.code === 'EACCES') return new ConfigError([`PORT ${port} needs privileges on ${host}; set PORT to 1024 or above`]);
  return err;
}

async function shutdown(signal: string): Promise<void> {
  if (running.stopping) return;
  running.stopping = true;
  log(`shutdown: ${signal} received; closing…`);
  if (!running.connection) {
    // Still connecting: end a Maven build in progress; a JVM being started notices its parent is gone and stops.
    stopToolProcesses();
    log('shutdown: stopped during start-up');
    process.exit(0);
  }
  const server = running.server;
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
  await closeAndExit();
}

async function closeAndExit(): Promise<void> {
  await running.connection?.close();
  log('shutdown: done');
  process.exit(0);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof LocalNeo4jError) {
    console.error(err.message);
  } else {
    console.error('start-up failed:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
