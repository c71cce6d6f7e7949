// The load test's server: the real server started as `npm start` runs it (as bench/server-process.ts does, same
// environment), plus the memory probe (load-memory-probe.ts) reporting the server's RSS and V8 heap over IPC, and the
// pid of its local Neo4j JVM kept current across supervisor restarts, so the load test can kill exactly that JVM.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

const ROOT = join(import.meta.dirname, '..', '..');
const PROBE = join(import.meta.dirname, 'load-memory-probe.ts');

export function startLoadServer(env: Record<string, string>, options: { storeDir: string; sampleMs: number; log?: (line: string) => void }): Promise<LoadServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', NEO4J_BOLT_PORT: '0', RATE_LIMIT_PER_MINUTE: '0', HCG_MEMORY_PROBE_MS: String(options.sampleMs), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const memory: MemorySample[] = [];
  const lines: { at: number; line: string }[] = [];
  let neo4jPid: number | undefined;
  child.on('message', (m: { memoryProbe?: MemorySample }) => {
    if (m && typeof m === 'object' && m.memoryProbe) memory.push(m.memoryProbe);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 240 s')), 240_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push({ at: Date.now(), line });
        options.log?.(line);
        const pid = /neo4j: ready at \S+ \(Neo4j [^,]+, pid (\d+)\)/.exec(line) ?? /neo4j: restarted \(pid (\d+)\)/.exec(line);
        if (pid) neo4jPid = Number(pid[1]);
        const ready = /^READY (http:\/\/\S+)/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve({
            child,
            url: ready[1]!.replace(/\/$/, ''),
            neo4jPid: () => neo4jPid,
            memory,
            lines,
            stop: async () => {
              await new Promise<void>((done) => {
                if (child.exitCode !== null || child.signalCode !== null) return done();
                child.once('exit', () => done());
                child.kill('SIGTERM');
              });
              for (let waited = 0; ourJvms(options.storeDir).length > 0 && waited < 30_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${lines.map((l) => l.line).join('\n')}`));
    });
  });
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
