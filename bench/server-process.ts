// Starts the real server (as `npm start` does) in a child process for benchmarks and load tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** The local Neo4j JVM's pid now (kept current across supervisor restarts); undefined with NEO4J_URI. */
  readonly neo4jPid: number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra `node` arguments before server/main.ts (e.g. another `--import`). */
  nodeArgs?: string[];
  /** Open an IPC channel to the child (for `process.send` from a preloaded module). */
  ipc?: boolean;
  /** Called with the child as soon as it is spawned, before it is ready. */
  onSpawn?: (child: ChildProcess) => void;
}

const ROOT = join(import.meta.dirname, '..');

export function startServer(env: Record<string, string>, log: (line: string) => void = () => undefined, options: StartOptions = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeArgs ?? []), 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', NEO4J_BOLT_PORT: '0', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  const output: string[] = [];
  let neo4jPid: number | undefined;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 240 s')), 240_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        log(line);
        const pid = /neo4j: ready at \S+ \(Neo4j [^,]+, pid (\d+)\)/.exec(line) ?? /neo4j: restarted \(pid (\d+)\)/.exec(line);
        if (pid) neo4jPid = Number(pid[1]);
        const ready = /^READY (http:\/\/\S+)/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve({
            child,
            url: ready[1]!.replace(/\/$/, ''),
            get neo4jPid() {
              return neo4jPid;
            },
            stop: () =>
              new Promise<void>((done) => {
                if (child.exitCode !== null || child.signalCode !== null) return done();
                child.once('exit', () => done());
                child.kill('SIGTERM');
              }),
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output.join('\n')}`));
    });
  });
}

/** Resident memory of a process in MB (Linux /proc), or null where unavailable. */
export async function rssMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
