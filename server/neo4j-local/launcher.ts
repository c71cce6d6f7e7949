// Local Neo4j: Neo4j Community 5.26 embedded in a small JVM program (java/), built with Maven into ~/.m2 once,
// started per process with Bolt on 127.0.0.1 and no auth. The JVM prints one NEO4J_READY / NEO4J_ERROR line on
// stdout; it shuts down on SIGTERM and when its stdin pipe closes (this process died), so it never outlives us.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface LocalNeo4jOptions {
  /** Store directory; undefined = ephemeral: a temp dir, removed on stop. */
  storeDir?: string;
  /** Bolt port; 0 = any free port (reported back). Default 7687. */
  port?: number;
  txTimeout?: string; // default '30s'
  pageCache?: string; // default '256m'
  heap?: string; // default '768m' (-Xms/-Xmx)
  log?: (line: string) => void; // progress/info lines (default: console.error)
  readyTimeoutMs?: number; // default 120000
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  version: string;
  storeDir: string;
  pid: number;
  stop(): Promise<void>;
  /** resolves with exit code when the JVM exits for any reason */
  exited: Promise<number | null>;
}

export type LocalNeo4jErrorCode =
  | 'TOOLS_MISSING'
  | 'BUILD_FAILED'
  | 'STORE_LOCKED'
  | 'PORT_IN_USE'
  | 'START_TIMEOUT'
  | 'START_FAILED';

export class LocalNeo4jError extends Error {
  override readonly name = 'LocalNeo4jError';
  constructor(
    message: string,
    readonly code: LocalNeo4jErrorCode = 'START_FAILED',
    /** Last lines the JVM / Maven wrote to stderr, for diagnosis. */
    readonly detail: readonly string[] = [],
  ) {
    super(detail.length > 0 ? `${message}\n--- last output ---\n${detail.join('\n')}` : message);
  }
}

export const NEO4J_VERSION = '5.26.30';
const MAIN_CLASS = 'org.hcgraph.neo4jlocal.Launcher';
const JAVA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'java');
const TARGET = join(JAVA_DIR, 'target');
const POM = join(JAVA_DIR, 'pom.xml');
const SRC = join(JAVA_DIR, 'src');
const STAMP = join(TARGET, 'build.stamp');
const CLASSPATH_FILE = join(TARGET, 'classpath.txt');
const LAUNCHER_CLASS = join(TARGET, 'classes', 'org', 'hcgraph', 'neo4jlocal', 'Launcher.class');
const LOCK_DIR = join(TARGET, '.build-lock');
const NO_TOOLS_HINT =
  'Alternatively, set NEO4J_URI (with NEO4J_USERNAME/NEO4J_PASSWORD) to use an existing Neo4j 5 instead of a local one.';

/** Flags Neo4j 5 needs on Java 17+ (the same opens the Neo4j server scripts pass), plus quiet, predictable GC. */
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+ExitOnOutOfMemoryError',
];

const defaultLog = (line: string): void => console.error(line);

function javaBin(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const bin = join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (existsSync(bin)) return bin;
  }
  return 'java';
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

/** Tool processes (java -version, mvn) running now, so a stop signal during start-up can end them too. */
const toolProcesses = new Set<ChildProcess>();

/** Ends any java/mvn this module is running (e.g. the first Maven download) when the server is told to stop. */
export function stopToolProcesses(): void {
  for (const child of toolProcesses) child.kill('SIGTERM');
}

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((done) => {
    let stdout = '';
    let stderr = '';
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs });
      toolProcesses.add(child);
      child.once('exit', () => toolProcesses.delete(child));
    } catch (error) {
      done({ code: null, stdout, stderr, error: error as NodeJS.ErrnoException });
      return;
    }
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) => done({ code: null, stdout, stderr, error }));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let toolsChecked: Promise<void> | undefined;

/** java >= 17 and mvn on PATH, or a LocalNeo4jError saying exactly what is missing. */
function checkTools(): Promise<void> {
  toolsChecked ??= (async () => {
    const problems: string[] = [];
    const [java, mvn] = await Promise.all([
      run(javaBin(), ['-version'], { timeoutMs: 30_000 }),
      run('mvn', ['-v'], { timeoutMs: 60_000 }),
    ]);
    if (java.error || java.code !== 0) {
      problems.push(
        `Java 17+ is required but \`${javaBin()} -version\` failed (${java.error?.code ?? `exit ${java.code}`}); install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME`,
      );
    } else {
      const text = java.stderr + java.stdout;
      const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
      let major = m ? Number(m[1]) : NaN;
      if (major === 1 && m?.[2]) major = Number(m[2]); // "1.8.0_x"
      if (!(major >= 17)) {
        problems.push(
          `Java 17+ is required but found ${m ? `Java ${major}` : 'an unrecognised version'} (${text.split('\n')[0]?.trim()}); install a JDK 17 or newer or set JAVA_HOME`,
        );
      }
    }
    if (mvn.error || mvn.code !== 0) {
      problems.push(
        `Maven (mvn) is required to fetch Neo4j from Maven Central but \`mvn -v\` failed (${mvn.error?.code ?? `exit ${mvn.code}`}); install Maven 3.6+ (e.g. apt-get install maven)`,
      );
    }
    if (problems.length > 0) {
      throw new LocalNeo4jError(`Cannot run the local Neo4j: ${problems.join('; ')}. ${NO_TOOLS_HINT}`, 'TOOLS_MISSING');
    }
  })();
  toolsChecked.catch(() => (toolsChecked = undefined));
  return toolsChecked;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/** Hash of pom.xml and every file under src/: the build is redone only when this changes. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [POM, ...(await listFiles(SRC))]) {
    hash.update(relative(JAVA_DIR, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The built classpath when the stamp matches and the outputs exist, else undefined. */
async function upToDate(hash: string): Promise<string | undefined> {
  const [stamp, cp] = await Promise.all([readIfExists(STAMP), readIfExists(CLASSPATH_FILE)]);
  if (stamp?.trim() !== hash || !cp?.trim() || !existsSync(LAUNCHER_CLASS)) return undefined;
  return [join(TARGET, 'classes'), cp.trim()].join(process.platform === 'win32' ? ';' : ':');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** True when `promise` settles within `ms`; the timer is cleared so it never holds the event loop open. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    const settle = () => {
      clearTimeout(timer);
      done(true);
    };
    promise.then(settle, settle);
  });
}

/** mkdir-based lock around the Maven build, shared by every process on this checkout; stale locks are broken. */
async function withBuildLock<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  await mkdir(TARGET, { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  let told = false;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readIfExists(join(LOCK_DIR, 'owner'));
    const ownerPid = Number(owner?.split(' ')[0]);
    const age = Date.now() - ((await stat(LOCK_DIR).catch(() => undefined))?.mtimeMs ?? Date.now());
    const stale = Number.isInteger(ownerPid) && ownerPid > 0 ? !alive(ownerPid) : age > 30_000;
    if (stale || age > 20 * 60_000) {
      await rm(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LocalNeo4jError(`Timed out waiting for another build of the local Neo4j launcher (lock ${LOCK_DIR}, held by pid ${owner ?? '?'})`, 'BUILD_FAILED');
    }
    if (!told) {
      log(`neo4j-local: waiting for another process (pid ${ownerPid || '?'}) building the launcher...`);
      told = true;
    }
    await sleep(500);
  }
  try {
    await writeFile(join(LOCK_DIR, 'owner'), `${process.pid} ${new Date().toISOString()}\n`);
    return await fn();
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'); // Maven's colour codes

function tail(text: string, lines: number): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(ANSI_COLOUR, '').trimEnd())
    .filter((l) => l.length > 0)
    .slice(-lines);
}

let built: Promise<string> | undefined;

/**
 * Checks java/mvn, then compiles the launcher and resolves Neo4j's jars into ~/.m2 (first time: a download of
 * about 200 MB). Cached by a hash of the pom and sources; safe to call from several processes at once.
 * Returns the java classpath.
 */
export function ensureLauncherBuilt(log: (line: string) => void = defaultLog): Promise<string> {
  built ??= buildOnce(log);
  built.catch(() => (built = undefined));
  return built;
}

async function buildOnce(log: (line: string) => void): Promise<string> {
  await checkTools();
  const hash = await sourceHash();
  const ready = await upToDate(hash);
  if (ready) return ready;
  return withBuildLock(log, async () => {
    const again = await upToDate(hash); // another process may have built it while we waited
    if (again) return again;
    const repo = process.env.MAVEN_REPO_LOCAL ?? join(homedir(), '.m2', 'repository');
    const cached = existsSync(join(repo, 'org', 'neo4j', 'neo4j', NEO4J_VERSION, `neo4j-${NEO4J_VERSION}.jar`));
    log(
      cached
        ? `neo4j-local: building the local Neo4j ${NEO4J_VERSION} launcher (mvn compile)...`
        : `neo4j-local: downloading Neo4j Community 5.26 (${NEO4J_VERSION}) from Maven Central into ${repo.replace(homedir(), "~")} (~200 MB, about 1-3 minutes on first run)...`,
    );
    const t0 = Date.now();
    await rm(STAMP, { force: true });
    const mvn = await run('mvn', ['-B', '-q', '-f', POM, 'compile'], { cwd: JAVA_DIR, timeoutMs: 20 * 60_000 });
    if (mvn.error || mvn.code !== 0 || !existsSync(LAUNCHER_CLASS) || !existsSync(CLASSPATH_FILE)) {
      throw new LocalNeo4jError(
        `Building the local Neo4j launcher failed (mvn -B -q -f ${relative(process.cwd(), POM)} compile: ${mvn.error?.message ?? `exit ${mvn.code}`}). ${NO_TOOLS_HINT}`,
        'BUILD_FAILED',
        tail(`${mvn.stdout}\n${mvn.stderr}`, 60), // Maven prints its errors on stdout
      );
    }
    await writeFile(STAMP, `${hash}\n`);
    log(`neo4j-local: launcher built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const cp = await upToDate(hash);
    if (!cp) throw new LocalNeo4jError('Building the local Neo4j launcher produced no classpath', 'BUILD_FAILED');
    return cp;
  });
}

interface ReadyLine {
  bolt: string;
  port: number;
  version: string;
  store: string;
  pid: number;
}

const EXIT_CODES: Record<number, LocalNeo4jErrorCode> = { 3: 'STORE_LOCKED', 4: 'PORT_IN_USE' };

/** Starts Neo4j in a child JVM and resolves once it answers RETURN 1 over its own API and Bolt is listening. */
export async function startLocalNeo4j(options: LocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const log = options.log ?? defaultLog;
  const classpath = await ensureLauncherBuilt(log);
  const ephemeral = options.storeDir === undefined;
  const storeDir = ephemeral ? await mkdtemp(join(tmpdir(), 'hcgraph-neo4j-')) : resolve(options.storeDir!);
  const port = options.port ?? 7687;
  const heap = options.heap ?? '768m';
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const verbose = process.env.NEO4J_LOCAL_VERBOSE === '1';

  const args = [
    ...JVM_FLAGS,
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-cp',
    classpath,
    MAIN_CLASS,
    '--store',
    storeDir,
    '--port',
    String(port),
    '--tx-timeout',
    options.txTimeout ?? '30s',
    '--pagecache',
    options.pageCache ?? '256m',
    // Ephemeral: the JVM removes the store itself after shutdown, so it goes even when this process was killed.
    ...(ephemeral ? ['--delete-store-on-exit'] : []),
  ];
  const launchedAt = Date.now();
  // stdin stays an open pipe for the JVM's whole life: when this process dies it closes and the JVM shuts down.
  const child = spawn(javaBin(), args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.on('error', () => undefined); // EPIPE once the JVM is gone

  const stderrTail: string[] = [];
  let errorLine: string | undefined;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    if (verbose) log(`[neo4j] ${line}`);
  });

  let removed: Promise<void> | undefined;
  const removeEphemeral = (): Promise<void> => {
    if (!ephemeral) return Promise.resolve();
    removed ??= rm(storeDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch((error: Error) =>
      log(`neo4j-local: could not remove temporary store ${storeDir}: ${error.message}`),
    );
    return removed;
  };

  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) => {
    child.on('exit', (code) => {
      exitCode = code;
      done(code);
    });
    child.on('error', () => {
      // spawn failure: no 'exit' follows
      if (exitCode === undefined) {
        exitCode = null;
        done(null);
      }
    });
  });

  let ready: ReadyLine;
  try {
    ready = await new Promise<ReadyLine>((resolveReady, rejectReady) => {
      const fail = (message: string, code: LocalNeo4jErrorCode) => {
        clearTimeout(timer);
        rejectReady(new LocalNeo4jError(message, code, stderrTail.filter((l) => !l.startsWith('NEO4J_ERROR ')).slice(-15)));
      };
      const timer = setTimeout(
        () => fail(`Neo4j did not become ready within ${Math.round(readyTimeoutMs / 1000)} s (store ${storeDir})`, 'START_TIMEOUT'),
        readyTimeoutMs,
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('NEO4J_READY ')) {
          try {
            const parsed = JSON.parse(line.slice('NEO4J_READY '.length)) as ReadyLine;
            clearTimeout(timer);
            resolveReady(parsed);
          } catch (error) {
            fail(`Unreadable ready line from the Neo4j launcher: ${line} (${(error as Error).message})`, 'START_FAILED');
          }
        } else if (line.startsWith('NEO4J_ERROR ')) {
          errorLine = line.slice('NEO4J_ERROR '.length);
        } else if (line.trim()) {
          stderrTail.push(line);
        }
      });
      child.on('error', (error) => fail(`Could not start ${javaBin()}: ${error.message}`, 'START_FAILED'));
      void exited.then((code) => {
        // stdout may still hold the error line when 'exit' fires: give readline a tick to drain it.
        setTimeout(() => {
          if (errorLine) fail(errorLine, (code !== null && EXIT_CODES[code]) || 'START_FAILED');
          else fail(`Neo4j exited before it was ready (exit code ${code}, store ${storeDir})`, 'START_FAILED');
        }, 50);
      });
    });
  } catch (error) {
    if (exitCode === undefined) {
      child.kill('SIGKILL');
      await exited;
    }
    await removeEphemeral();
    throw error;
  }

  log(`neo4j-local: Neo4j ${ready.version} ready at ${ready.bolt} in ${((Date.now() - launchedAt) / 1000).toFixed(1)} s (store ${ephemeral ? 'temporary' : storeDir})`);
  if (ephemeral) void exited.then(removeEphemeral);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        if (!(await settlesWithin(exited, 30_000)) && exitCode === undefined) {
          log(`neo4j-local: Neo4j (pid ${child.pid}) did not stop within 30 s, killing it`);
          child.kill('SIGKILL');
          await exited;
        }
      }
      child.stdin?.destroy();
      await removeEphemeral();
    })();
    return stopping;
  };

  return {
    uri: ready.bolt,
    port: ready.port,
    version: ready.version,
    storeDir: ready.store || storeDir,
    pid: ready.pid,
    stop,
    exited,
  };
}
