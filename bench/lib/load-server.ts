// The load test's server: the real server started as `npm start` runs it (bench/server-process.ts), plus the memory
// probe (load-memory-probe.ts) reporting the server's RSS and V8 heap over IPC; startServer keeps the pid of its local
// Neo4j JVM current across supervisor restarts, so the load test can kill exactly that JVM.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../server-process.ts';

export interface MemorySample {
  /** ms since the epoch */
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface LoadServer {
  child: ChildProcess;
  url: string;
  /** The local Neo4j JVM's pid now (changes when the supervisor restarts it); undefined with NEO4J_URI. */
  neo4jPid(): number | undefined;
  /** The server's memory samples so far. */
  memory: MemorySample[];
  /** The server's output lines with the time each arrived. */
  lines: { at: number; line: string }[];
  /**
   * Stops the server (SIGTERM: it stops its Neo4j too) and waits (up to 30 s) until no JVM on `storeDir` is left,
   * also one the supervisor was just starting, so the store can be removed after.
   */
  stop(): Promise<void>;
}

const PROBE = join(import.meta.dirname, 'load-memory-probe.ts');

export async function startLoadServer(env: Record<string, string>, options: { storeDir: string; sampleMs: number; log?: (line: string) => void }): Promise<LoadServer> {
  const memory: MemorySample[] = [];
  const lines: { at: number; line: string }[] = [];
  const server = await startServer(
    { HCG_MEMORY_PROBE_MS: String(options.sampleMs), ...env },
    (line) => {
      lines.push({ at: Date.now(), line });
      options.log?.(line);
    },
    {
      nodeArgs: ['--import', PROBE],
      ipc: true,
      onSpawn: (child) =>
        child.on('message', (m: { memoryProbe?: MemorySample }) => {
          if (m && typeof m === 'object' && m.memoryProbe) memory.push(m.memoryProbe);
        }),
    },
  );
  return {
    child: server.child,
    url: server.url,
    neo4jPid: () => server.neo4jPid,
    memory,
    lines,
    stop: async () => {
      await server.stop();
      for (let waited = 0; ourJvms(options.storeDir).length > 0 && waited < 30_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
    },
  };
}

/**
 * True when `pid` is a Java process whose command line names `storeDir`: the JVM of the server this load test
 * started, and nothing else on the machine.
 */
export function isOurJvm(pid: number, storeDir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /(^|\/)java$/.test(args[0] ?? '') && args.some((a) => a.startsWith(storeDir));
  } catch {
    return false;
  }
}

/** Pids of the JVMs running on `storeDir`. */
export function ourJvms(storeDir: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => isOurJvm(pid, storeDir));
}
