// A real HTTP listener for the throughput runs: the server's app (createApp) over a given Neo4j, in its own process
// so that autocannon (in the benchmark process) does not share its event loop. Prints `LISTENING <url>` when ready;
// exits when its stdin closes (the benchmark process is gone) or on SIGTERM.
// Usage: node --import tsx bench/serve.ts --uri bolt://127.0.0.1:7687 [--timeout-ms 120000] [--proposals blast-radius,...]
import { createServer } from 'node:http';
import { createApp } from '../server/app.ts';
import { Db, type Params, type Row } from '../server/db/db.ts';
import { argValue } from './lib/common.ts';
import { catalogWithProposals } from './lib/proposals.ts';

const uri = argValue('uri');
if (!uri) {
  console.error('serve: --uri is required');
  process.exit(2);
}
const proposals = argValue('proposals');
const catalog = proposals ? catalogWithProposals(undefined, proposals.split(',')) : undefined;
/** Counts reads in flight: a request abandoned by its client keeps its query running, so the benchmark waits for 0. */
class CountingDb extends Db {
  inFlight = 0;
  override async read<T extends Row = Row>(name: string, params: Params = {}, opts: { timeoutMs?: number } = {}): Promise<T[]> {
    this.inFlight++;
    try {
      // opts carries the paths resolver's 0.5 s budget; dropping it let that search run to the 120 s timeout.
      return await super.read<T>(name, params, opts);
    } finally {
      this.inFlight--;
    }
  }
}
const db = new CountingDb({ uri, database: 'neo4j', queryTimeoutMs: Number(argValue('timeout-ms', '120000')), connectTimeoutMs: 30_000 }, catalog);
const app = createApp({ db, config: { env: 'production', graphiql: false, rateLimitPerMinute: 0 }, logError: (err) => console.error('serve: unexpected error:', err) });
const server = createServer((req, res) => {
  if (req.url === '/__bench/in-flight') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(db.inFlight));
    return;
  }
  void app(req, res);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`LISTENING http://127.0.0.1:${port}`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  void db.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
