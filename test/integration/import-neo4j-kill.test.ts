// `npm run import` while its Neo4j dies: this file starts a supervised local Neo4j of its own (not the shared test
// one), runs the importer CLI against it and SIGKILLs that Neo4j's JVM (by its pid) once every batch is written and the
// commit is pending. The importer must exit non-zero with a plain message (no stack trace), the graph must hold
// nothing of that file once the supervisor has Neo4j back, and a re-run must end with exactly the counts of an
// import that was never interrupted. Nothing is left running afterwards.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaStatements } from '../../server/db/cypher.ts';
import { Db } from '../../server/db/db.ts';
import { importFile } from '../../server/import/run.ts';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../server/neo4j-local/supervisor.ts';
import { loadSeed } from '../../server/seed/load.ts';
import { runImportCli, type ImportRun } from '../fixtures/import/cli.ts';
import { graphCounts, restoreGraph, rows, snapshotGraph, type GraphCounts, type GraphSnapshot } from '../fixtures/import/graph-snapshot.ts';
import { alive } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'import', 'breach-archive.csv');
/** Short, so the importer reaches its commit (and fails) long before the supervisor has a new JVM up. */
const DELAY_BEFORE_COMMIT_MS = 1000;

const dir = mkdtempSync(join(tmpdir(), 'hcgraph-import-neo4j-kill-'));
const supervisorLog: { at: number; line: string }[] = [];
/** Every JVM pid this file's Neo4j had: the first one and each restart. */
const jvmPids: number[] = [];
const children: ChildProcess[] = [];
let neo4j: SupervisedNeo4j | undefined;
let db: Db;
let snapshot: GraphSnapshot;
let before: GraphCounts;


async function waitFor(what: string, predicate: () => Promise<boolean> | boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await predicate()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; supervisor said:\n${supervisorLog.map((l) => l.line).join('\n')}`);
}

/** Runs the importer CLI against this file's Neo4j; `onPendingCommit` runs once every batch is written. */
function cli(args: string[], onPendingCommit?: () => void): Promise<ImportRun> {
  return runImportCli(args, {
    uri: neo4j!.uri,
    env: { SEED_ON_EMPTY: 'false' },
    delayBeforeCommitMs: DELAY_BEFORE_COMMIT_MS,
    onPendingCommit,
    onSpawn: (child) => children.push(child),
  });
}

async function answers(): Promise<boolean> {
  try {
    return Number((await rows<{ one: number }>(db, 'RETURN 1 AS one'))[0]?.one) === 1;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  neo4j = await superviseLocalNeo4j({ storeDir: join(dir, 'neo4j'), port: 0, heap: '512m', pageCache: '64m' }, (line) =>
    supervisorLog.push({ at: Date.now(), line }),
  );
  jvmPids.push(neo4j.pid);
  db = new Db({ uri: neo4j.uri, database: 'neo4j', queryTimeoutMs: 30_000 });
  await db.runStatements(readSchemaStatements());
  await loadSeed(db);
  snapshot = await snapshotGraph(db);
  before = await graphCounts(db);
}, 240_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await db?.close();
  await neo4j?.stop();
  // Only this file's JVMs, by pid: none may outlive the test.
  for (const pid of jvmPids) await waitFor(`JVM ${pid} to exit`, () => !alive(pid), 30_000);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run import while Neo4j is killed', () => {
  it('kill -9 of the Neo4j JVM before the commit: exit 1 with a plain message, nothing of the file in the graph, a re-run converges', async () => {
    // Reference: the same file imported without interruption, then undone.
    const clean = await importFile(db, FIXTURE, { format: 'hhs-ocr' });
    expect(clean.committed, clean.error).toBe(true);
    const expected = await graphCounts(db);
    expect(expected.nodes).toBeGreaterThan(before.nodes);
    expect(expected.relationships).toBeGreaterThan(before.relationships);
    await restoreGraph(db, snapshot);
    expect(await graphCounts(db)).toEqual(before);

    const victim = neo4j!.pid;
    let killedAt = 0;
    const killed = await cli(['hhs-ocr', FIXTURE], () => {
      killedAt = Date.now();
      process.kill(victim, 'SIGKILL');
    });
    expect(killedAt, killed.stderr).toBeGreaterThan(0);
    expect(killed.stderr).toContain('all batches written');

    // The importer gives up with exit 1 and says why in one line, without a stack trace or driver internals.
    expect(killed.signal).toBeNull();
    expect(killed.code, `${killed.stdout}\n${killed.stderr}`).toBe(1);
    const output = `${killed.stdout}\n${killed.stderr}`;
    expect(killed.stdout).toContain('breach-archive.csv (hhs-ocr): FAILED');
    expect(killed.stdout).toMatch(/error: The graph database is not reachable; try again shortly\./);
    expect(output).not.toMatch(/\n\s+at \S/);
    expect(output).not.toMatch(/Neo4jError|ServiceUnavailable|SessionExpired|node_modules/);
    console.info(`[import-neo4j-kill] importer exited ${killed.code} ${killed.exitedAt - killedAt} ms after the kill`);

    // The supervisor brings a new JVM up on the same store and port; the killed one is gone.
    const restartMs = await waitFor('a restarted Neo4j answering', async () => neo4j!.pid !== victim && (await answers()), 180_000);
    jvmPids.push(neo4j!.pid);
    expect(alive(victim)).toBe(false);
    const restartedLine = supervisorLog.find((l) => l.line.includes(`restarted (pid ${neo4j!.pid})`));
    expect(restartedLine, supervisorLog.map((l) => l.line).join('\n')).toBeDefined();
    // The importer had already failed on the dead database, not on a half-restarted one.
    expect(killed.exitedAt).toBeLessThan(restartedLine!.at);
    console.info(`[import-neo4j-kill] Neo4j answering again ${restartMs} ms after the importer exited (pid ${victim} → ${neo4j!.pid})`);

    // Nothing of the file: not its Source, not one node or relationship, not one changed property.
    expect(await graphCounts(db)).toEqual(before);
    expect(await rows<{ n: number }>(db, 'MATCH (s:Source {dataset: $file}) RETURN count(s) AS n', { file: 'breach-archive.csv' })).toEqual([{ n: 0 }]);
    const after = await snapshotGraph(db);
    expect(after.nodes).toEqual(snapshot.nodes);
    expect(after.relationships).toEqual(snapshot.relationships);

    // Re-run against the restarted Neo4j: the counts of the uninterrupted import.
    const rerun = await cli(['hhs-ocr', FIXTURE]);
    expect(rerun.code, `${rerun.stdout}\n${rerun.stderr}`).toBe(0);
    expect(rerun.stdout).toContain('breach-archive.csv (hhs-ocr): imported');
    expect(rerun.stdout).toMatch(/entities: \d+ created, \d+ matched, \d+ updated/);
    expect(await graphCounts(db)).toEqual(expected);
    expect(await rows<{ n: number }>(db, 'MATCH (s:Source {dataset: $file}) RETURN count(s) AS n', { file: 'breach-archive.csv' })).toEqual([{ n: 1 }]);
  }, 300_000);
});
