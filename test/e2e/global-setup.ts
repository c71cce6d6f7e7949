// Builds the client when its sources are newer than client/dist, then starts the real server as `npm start`
// would (its own Neo4j on a free port, a throw-away data directory, the seed) and tells the tests its URL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
const CLIENT = join(ROOT, 'client');
const DIST_INDEX = join(CLIENT, 'dist', 'index.html');

let server: ChildProcess | undefined;
let dataDir: string | undefined;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildClientIfStale(): void {
  const sources = Math.max(newestSource(CLIENT), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
  if (existsSync(DIST_INDEX) && statSync(DIST_INDEX).mtimeMs >= sources) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('e2e: `vite build` failed (see above)');
  console.error(`[e2e] client built in ${Date.now() - started} ms`);
}

function startServer(timeoutMs = 240_000): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'hcg-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', NEO4J_BOLT_PORT: '0', DATA_DIR: dataDir, NEO4J_URI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`e2e: the server did not print READY within ${timeoutMs / 1000} s:\n${output.slice(-30).join('\n')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        const ready = /^READY (http:\/\/\S+)/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!.replace(/\/$/, ''));
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`e2e: the server exited (${code}) before it was ready:\n${output.slice(-30).join('\n')}`));
    });
  });
}

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  buildClientIfStale();
  const url = await startServer();
  console.error(`[e2e] server ready at ${url} in ${Date.now() - started} ms`);
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  const child = server;
  if (child && child.exitCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
