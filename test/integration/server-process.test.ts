// `npm start` as a user runs it: a real server process with its own local Neo4j, stopped and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ourJvms } from '../../bench/lib/load-server.ts';
import { alive } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

interface Running {
  child: ChildProcess;
  url: string;
  boltUri?: string;
  neo4jPid?: number;
  output: string[];
}

const started: ChildProcess[] = [];

function startServer(env: Record<string, string>, timeoutMs = 180_000): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const output: string[] = [];
  const running: Partial<Running> = { child, output };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output.join('\n')}`)), timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        const bolt = /neo4j: ready at (bolt:\/\/\S+) \(Neo4j [^,]+, pid (\d+)\)/.exec(line);
        if (bolt) {
          running.boltUri = bolt[1];
          running.neo4jPid = Number(bolt[2]);
        }
        const ready = /^READY (http:\/\/\S+)/.exec(line);
        if (ready) {
          clearTimeout(timer);
          resolve({ ...(running as Running), url: ready[1]!.replace(/\/$/, '') });
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output.join('\n')}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stats(url: string): Promise<Record<string, number>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { nodes { key count } relationships { key count } } }' }),
  });
  const body = (await res.json()) as { data: { stats: { nodes: { key: string; count: number }[]; relationships: { key: string; count: number }[] } } };
  return Object.fromEntries([...body.data.stats.nodes, ...body.data.stats.relationships.map((r) => ({ key: `:${r.key}`, count: r.count }))].map((c) => [c.key, c.count]));
}

async function healthStatus(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(6000) })).status;
  } catch {
    return 0;
  }
}

async function waitFor(what: string, predicate: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await predicate()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'hcgraph-server-test-'));

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process (npm start)', () => {
  it('refuses PORT=abc with a message naming PORT, exit code non-zero', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exitOf(child)).not.toBe(0);
    expect(stderr).toMatch(/PORT is "abc"/);
  });

  it('without Java or Maven on PATH, says which is missing and how to use NEO4J_URI instead', async () => {
    // A PATH holding only node: no java, no mvn (and no JAVA_HOME to find a JDK by).
    const bin = mkdtempSync(join(tmpdir(), 'hcgraph-nojava-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const env: Record<string, string | undefined> = { ...process.env, PATH: bin, NODE_ENV: 'test', PORT: '0', NEO4J_BOLT_PORT: '0', DATA_DIR: join(dataDir, 'nojava') };
    delete env.JAVA_HOME;
    delete env.NEO4J_URI;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exitOf(child)).toBe(1);
    rmSync(bin, { recursive: true, force: true });
    expect(stderr).toMatch(/Java 17\+ is required/);
    expect(stderr).toMatch(/Maven \(mvn\) is required/);
    expect(stderr).toMatch(/set NEO4J_URI/);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('stops cleanly (exit 0, no JVM left) when told to stop while the local Neo4j is still starting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', PORT: '0', NEO4J_BOLT_PORT: '0', DATA_DIR: join(dataDir, 'early-stop') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child);
    let output = '';
    const starting = new Promise<void>((resolve) => {
      const on = (c: Buffer) => {
        output += c.toString();
        if (/starting the local Neo4j/.test(output)) resolve();
      };
      child.stdout.on('data', on);
      child.stderr.on('data', on);
    });
    await starting;
    await new Promise((r) => setTimeout(r, 1500)); // the JVM is being spawned or is booting Neo4j
    const ours = ourJvms(join(dataDir, 'early-stop'));
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(output).toMatch(/shutdown: SIGTERM received/);
    for (const pid of ours) await waitFor(`JVM ${pid} to exit`, async () => !alive(pid), 30_000);
    expect(ourJvms(join(dataDir, 'early-stop'))).toEqual([]);
  }, 120_000);

  it('starts its own Neo4j, seeds it, serves; a second server over neo4j:// sees the same; SIGTERM leaves no JVM; data survives; a killed Neo4j is reported and restarted', async () => {
    const env = { DATA_DIR: dataDir, NEO4J_BOLT_PORT: '0' };
    const coldStart = Date.now();
    const first = await startServer(env);
    const coldMs = Date.now() - coldStart;
    expect(first.output.join('\n')).toMatch(/seed: loaded \d+ nodes/);
    expect(await healthStatus(first.url)).toBe(200);
    const counts = await stats(first.url);
    expect(counts.Incident).toBeGreaterThan(0);
    expect(counts.Entity).toBeGreaterThan(counts.Incident!);

    // The same database through the routing scheme, as a cluster or Aura would be used.
    const port = new URL(first.boltUri!).port;
    const second = await startServer({ NEO4J_URI: `neo4j://127.0.0.1:${port}`, DATA_DIR: join(dataDir, 'unused') });
    expect(second.output.join('\n')).not.toMatch(/starting the local Neo4j/);
    expect(await stats(second.url)).toEqual(counts);

    // Requests keep flowing to the second server while the first server's Neo4j is killed and restarted.
    const answers: { status: number; code?: string; ms: number }[] = [];
    let flowing = true;
    const traffic = (async () => {
      while (flowing) {
        const started = Date.now();
        try {
          const res = await fetch(`${second.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ node(id: "vendor-oracle-health") { id relationships(first: 20) { items { type } } } }' }),
            signal: AbortSignal.timeout(15_000),
          });
          const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
          answers.push({ status: res.status, code: body.errors?.[0]?.extensions?.code, ms: Date.now() - started });
        } catch {
          answers.push({ status: 0, ms: Date.now() - started });
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));

    // Kill the first server's Neo4j: both servers say "degraded" within 5 s, then recover by themselves.
    process.kill(first.neo4jPid!, 'SIGKILL');
    const degradedMs = await waitFor('/healthz 503', async () => (await healthStatus(second.url)) === 503, 5_000);
    expect(degradedMs).toBeLessThan(5_000);
    expect(await healthStatus(first.url)).toBe(503);
    await waitFor('/healthz 200 again', async () => (await healthStatus(second.url)) === 200 && (await healthStatus(first.url)) === 200, 90_000);
    await new Promise((r) => setTimeout(r, 1000));
    flowing = false;
    await traffic;
    expect(await stats(second.url)).toEqual(counts);

    // Every request during the outage was answered, fast, with data or DATABASE_UNAVAILABLE (503): never a 500.
    expect(answers.length).toBeGreaterThan(5);
    for (const a of answers) {
      expect(a.status, JSON.stringify(a)).not.toBe(0);
      if (a.status !== 200) {
        expect(a, JSON.stringify(a)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
        expect(a.ms, JSON.stringify(a)).toBeLessThan(5_000);
      }
    }
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expect(answers.at(-1)!.status).toBe(200);

    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toBe(0);

    const restartedPid = Number(/restarted \(pid (\d+)\)/.exec(first.output.join('\n'))?.[1]);
    expect(alive(restartedPid)).toBe(true);
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    expect(alive(restartedPid)).toBe(false);

    // Start again on the same store: same counts, no seeding, and faster than a cold start.
    const warmStart = Date.now();
    const again = await startServer(env);
    const warmMs = Date.now() - warmStart;
    expect(again.output.join('\n')).not.toMatch(/seed: the database is empty/);
    expect(await stats(again.url)).toEqual(counts);
    expect(warmMs, `cold ${coldMs} ms, warm ${warmMs} ms`).toBeLessThan(coldMs);

    // A port already taken is reported by the setting's name, and nothing is left running.
    const taken = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', PORT: new URL(again.url).port, NEO4J_URI: again.boltUri!, SEED_ON_EMPTY: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(taken);
    let takenErr = '';
    taken.stderr!.on('data', (c: Buffer) => (takenErr += c.toString()));
    expect(await exitOf(taken)).toBe(1);
    expect(takenErr).toMatch(/PORT \d+ is already in use/);
    again.child.kill('SIGTERM');
    expect(await exitOf(again.child)).toBe(0);
    expect(alive(again.neo4jPid!)).toBe(false);
  }, 420_000);
});
