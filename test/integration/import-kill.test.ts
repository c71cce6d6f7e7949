// `npm run import` as a process against the test Neo4j: killed with SIGKILL (or stopped with Ctrl-C) after every
// batch was written but before the commit, it leaves the graph as it was; run again, it ends with exactly the
// counts of an import that was never interrupted.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { importFile } from '../../server/import/run.ts';
import { runImportCli, type ImportRun } from '../fixtures/import/cli.ts';
import { graphCounts, restoreGraph, rows, snapshotGraph, type GraphCounts, type GraphSnapshot } from '../fixtures/import/graph-snapshot.ts';
import { testDb } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'import', 'breach-archive.csv');

let db: Db;
let snapshot: GraphSnapshot;
let before: GraphCounts;

/** Runs the CLI; with `stopWith`, sends that signal once every batch is written and the commit is pending. */
function cli(args: string[], stopWith?: NodeJS.Signals): Promise<ImportRun> {
  return runImportCli(args, { uri: inject('neo4jUri'), onPendingCommit: stopWith ? (child) => child.kill(stopWith) : undefined });
}

/** Waits until the server has rolled back the dead client's transaction (only this query's own remains). */
async function settled(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await rows<{ n: number }>(db, 'SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n');
    if (Number(open[0]!.n) <= 1) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the killed import’s transaction is still open after 10 s');
}

beforeAll(async () => {
  db = testDb();
  snapshot = await snapshotGraph(db);
  before = await graphCounts(db);
});

afterAll(async () => {
  await restoreGraph(db, snapshot);
  await db.close();
});

describe('npm run import, interrupted', () => {
  it('kill -9 before the commit leaves the graph unchanged; a re-run ends with the counts of an uninterrupted import', async () => {
    // Reference: the same file imported without interruption, then undone.
    const clean = await importFile(db, FIXTURE, { format: 'hhs-ocr' });
    expect(clean.committed).toBe(true);
    const expected = await graphCounts(db);
    expect(expected.nodes).toBeGreaterThan(before.nodes);
    await restoreGraph(db, snapshot);
    expect(await graphCounts(db)).toEqual(before);

    const killed = await cli(['hhs-ocr', FIXTURE], 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).toContain('all batches written');
    await settled();
    expect(await graphCounts(db)).toEqual(before);

    const rerun = await cli(['hhs-ocr', FIXTURE]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/entities: \d+ created, \d+ matched, \d+ updated/);
    expect(rerun.stdout).toMatch(/elapsed [\d.]+ s, [\d,]+ rows\/s/);
    expect(await graphCounts(db)).toEqual(expected);

    // And once more: nothing to do.
    const again = await cli(['hhs-ocr', FIXTURE]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('entities: 0 created');
    expect(again.stdout).toContain('relationships: 0 created');
    expect(await graphCounts(db)).toEqual(expected);
    await restoreGraph(db, snapshot);
  });

  it('Ctrl-C (SIGINT) rolls the file back and exits 130', async () => {
    const stopped = await cli(['hhs-ocr', FIXTURE], 'SIGINT');
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('rolled back');
    await settled();
    expect(await graphCounts(db)).toEqual(before);
  });

  it('exits non-zero with --strict when a row is rejected, and 2 on a usage error', async () => {
    const strict = await cli(['hhs-ocr', FIXTURE, '--strict', '--dry-run']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('breach-archive.csv line 7: "Individuals Affected" is "n/a", expected a number');
    const usage = await cli(['nope', FIXTURE]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown format "nope"');
    expect(await graphCounts(db)).toEqual(before);
  });
});
