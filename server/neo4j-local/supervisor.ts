// Keeps the server's own local Neo4j running: if the JVM dies unexpectedly, start it again on the same
// store and port, so the driver reconnects by itself and the server never needs a restart.
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from './launcher.ts';

export interface SupervisedNeo4j {
  readonly uri: string;
  readonly port: number;
  readonly version: string;
  /** The current JVM's pid (changes after a restart). */
  readonly pid: number;
  /** Stops supervision and the JVM; safe to call twice. */
  stop(): Promise<void>;
}

export async function superviseLocalNeo4j(
  options: LocalNeo4jOptions & { storeDir: string },
  log: (line: string) => void,
  maxRestarts = 20,
): Promise<SupervisedNeo4j> {
  let current: LocalNeo4j = await startLocalNeo4j({ ...options, log });
  // A restart must reuse the port first chosen (even when asked for port 0) so the driver's URI stays valid.
  const port = current.port;
  let stopping = false;
  let restarts = 0;

  const watch = (instance: LocalNeo4j): void => {
    void instance.exited.then(async (code) => {
      if (stopping || instance !== current) return;
      log(`neo4j: the local Neo4j (pid ${instance.pid}) exited unexpectedly (code ${code}); restarting it`);
      while (!stopping && restarts < maxRestarts) {
        restarts += 1;
        await new Promise((r) => setTimeout(r, Math.min(500 * restarts, 5000)));
        if (stopping) return;
        try {
          current = await startLocalNeo4j({ ...options, port, log });
          log(`neo4j: restarted (pid ${current.pid}) at ${current.uri}`);
          watch(current);
          return;
        } catch (err) {
          log(`neo4j: restart ${restarts} failed: ${(err as Error).message.split('\n')[0]}`);
        }
      }
      if (!stopping) log(`neo4j: gave up restarting after ${restarts} attempts; /healthz will report degraded`);
    });
  };
  watch(current);

  return {
    get uri() {
      return current.uri;
    },
    get port() {
      return port;
    },
    get version() {
      return current.version;
    },
    get pid() {
      return current.pid;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}
