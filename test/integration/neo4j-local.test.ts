// The local Neo4j launcher against a real JVM: ephemeral and persistent stores, Bolt and routing URIs, clean stop,
// shutdown when the parent process dies, and clear errors for a locked store and a taken port.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLauncherBuilt, LocalNeo4jError, startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j-local/launcher.ts';
import { alive } from '../helpers.ts';

const TIMEOUT = 180_000;
const quiet = { log: () => undefined, heap: '512m', pageCache: '64m' };
const timings: string[] = [];
const tempDirs: string[] = [];


async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !alive(pid);
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function queryOne<T>(uri: string, cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true, logging: { level: 'error', logger: () => undefined } });
  try {
    const { records } = await driver.executeQuery(cypher, params, { database: 'neo4j' });
    return records[0]?.get(0) as T;
  } finally {
    await driver.close();
  }
}

async function timedStart(label: string, options: Parameters<typeof startLocalNeo4j>[0]): Promise<LocalNeo4j> {
  const t0 = Date.now();
  const instance = await startLocalNeo4j({ ...quiet, ...options });
  timings.push(`${label}: launch -> ready ${Date.now() - t0} ms`);
  return instance;
}

async function timedStop(label: string, instance: LocalNeo4j): Promise<void> {
  const t0 = Date.now();
  await instance.stop();
  timings.push(`${label}: stop ${Date.now() - t0} ms`);
}

describe('local Neo4j launcher', () => {
  beforeAll(async () => {
    const t0 = Date.now();
    await ensureLauncherBuilt(() => undefined);
    timings.push(`ensureLauncherBuilt: ${Date.now() - t0} ms`);
  }, 900_000);

  afterAll(async () => {
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
    console.info(`[neo4j-local timings]\n  ${timings.join('\n  ')}`);
  });

  it('starts an ephemeral store on a free port, answers over bolt:// and neo4j://, stops and cleans up', { timeout: TIMEOUT }, async () => {
    const n = await timedStart('ephemeral', { port: 0 });
    expect(n.port).toBeGreaterThan(0);
    expect(n.uri).toBe(`bolt://127.0.0.1:${n.port}`);
    expect(n.version).toBe('5.26.30');
    expect(existsSync(n.storeDir)).toBe(true);
    try {
      expect(await queryOne<number>(n.uri, 'RETURN 1')).toBe(1);
      // Routing URI: the routing table must advertise the real (free) port on 127.0.0.1.
      expect(await queryOne<number>(`neo4j://127.0.0.1:${n.port}`, 'RETURN 1 + 1')).toBe(2);
      // Timeouts are enforced within 0.1 s, not Neo4j's default 2 s check interval (the paths budget relies on it).
      expect(await queryOne<string>(n.uri, "SHOW SETTINGS YIELD name, value WHERE name = 'db.transaction.monitor.check.interval' RETURN value")).toBe('100ms');
    } finally {
      await timedStop('ephemeral', n);
    }
    expect(alive(n.pid)).toBe(false);
    expect(() => process.kill(n.pid, 0)).toThrow();
    expect(await n.exited).not.toBeUndefined();
    expect(existsSync(n.storeDir)).toBe(false);
    await n.stop(); // idempotent
  });

  it('keeps a persistent store across a restart', { timeout: TIMEOUT }, async () => {
    const store = resolve(await tempDir('hcgraph-neo4j-persist-'), 'neo4j');
    const first = await timedStart('persistent #1 (new store)', { storeDir: store, port: 0 });
    try {
      await queryOne(first.uri, "CREATE (:LauncherProbe {id: 'survives-restart', n: 42})");
    } finally {
      await timedStop('persistent #1', first);
    }
    expect(existsSync(store)).toBe(true); // a given store is never removed

    const second = await timedStart('persistent #2 (existing store)', { storeDir: store, port: 0 });
    try {
      expect(second.storeDir).toBe(store);
      expect(await queryOne<number>(second.uri, "MATCH (p:LauncherProbe {id: 'survives-restart'}) RETURN p.n")).toBe(42);
    } finally {
      await timedStop('persistent #2', second);
    }
  });

  it('shuts the JVMs down (and removes an ephemeral store) when the parent Node process is killed -9', { timeout: TIMEOUT }, async () => {
    const store = resolve(await tempDir('hcgraph-neo4j-orphan-'), 'neo4j');
    // node --import tsx runs the fixture in this very process (the tsx binary would add a wrapper process).
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/neo4j-local-child.ts', store], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const line = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout }).once('line', done);
      child.once('exit', (code) => fail(new Error(`fixture exited (${code}) before reporting: ${stderr}`)));
    });
    const { nodePid, jvmPids, uri, ephemeralStore } = JSON.parse(line) as {
      nodePid: number;
      jvmPids: number[];
      uri: string;
      ephemeralStore: string;
    };
    expect(nodePid).toBe(child.pid);
    expect(jvmPids.every(alive)).toBe(true);
    expect(existsSync(ephemeralStore)).toBe(true);
    expect(await queryOne<number>(uri, 'RETURN 1')).toBe(1);

    const killedAt = Date.now();
    process.kill(nodePid, 'SIGKILL');
    for (const pid of jvmPids) expect(await waitForExit(pid, 30_000)).toBe(true);
    timings.push(`parent killed -9 -> both JVMs gone: ${Date.now() - killedAt} ms`);
    // Nobody is left on the Node side to clean up: the JVM removed its ephemeral store itself.
    expect(existsSync(ephemeralStore)).toBe(false);

    // The store lock went with it: the same store starts again.
    const again = await timedStart('restart after parent death', { storeDir: store, port: 0 });
    try {
      expect(await queryOne<number>(again.uri, 'RETURN 1')).toBe(1);
    } finally {
      await again.stop();
    }
  });

  it('fails fast and clearly on a locked store and on a taken port', { timeout: TIMEOUT }, async () => {
    const store = resolve(await tempDir('hcgraph-neo4j-lock-'), 'neo4j');
    const running = await timedStart('lock holder', { storeDir: store, port: 0 });
    try {
      const t0 = Date.now();
      const locked = await startLocalNeo4j({ ...quiet, storeDir: store, port: 0 }).then(
        () => undefined,
        (error: unknown) => error,
      );
      timings.push(`locked store rejected in ${Date.now() - t0} ms`);
      expect(locked).toBeInstanceOf(LocalNeo4jError);
      expect((locked as LocalNeo4jError).code).toBe('STORE_LOCKED');
      expect((locked as Error).message).toMatch(/lock/i);
      expect((locked as Error).message).toContain(store);
      expect((locked as Error).message).toMatch(/another Neo4j/);

      const t1 = Date.now();
      const taken = await startLocalNeo4j({ ...quiet, port: running.port }).then(
        () => undefined,
        (error: unknown) => error,
      );
      timings.push(`taken port rejected in ${Date.now() - t1} ms`);
      expect(taken).toBeInstanceOf(LocalNeo4jError);
      expect((taken as LocalNeo4jError).code).toBe('PORT_IN_USE');
      expect((taken as Error).message).toContain(`port ${running.port}`);
      expect((taken as Error).message).toContain('NEO4J_BOLT_PORT');

      // The running instance is unharmed.
      expect(await queryOne<number>(running.uri, 'RETURN 1')).toBe(1);
    } finally {
      await running.stop();
    }
  });
});
