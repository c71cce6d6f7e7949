// Loads seed/ into Neo4j: validate first (nothing written on a problem), then one all-or-nothing write transaction.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import type { Db } from '../db/db.ts';
import { incidentFigure, parseFigures } from '../model/figures.ts';
import type { Seed, SeedProps } from './format.ts';
import { formatProblems, readSeed, validateSeed, type SeedProblem } from './validate.ts';

export const SEED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'seed');

/** Rows per UNWIND statement: small enough for modest transaction state, large enough to need few round trips. */
export const SEED_BATCH_SIZE = 500;

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(`seed: ${problems.length} problem(s); nothing was written:\n${formatProblems(problems)}`);
    this.name = 'SeedValidationError';
  }
}

export interface LoadResult {
  nodes: number;
  relationships: number;
  ms: number;
}

/** Whole numbers go to Neo4j as integers (the driver would send every JS number as a float). */
function toNeo4jProps(props: SeedProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'number' && Number.isInteger(v)) out[k] = neo4j.int(v);
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isInteger(x))) {
      out[k] = (v as number[]).map((x) => neo4j.int(x));
    } else out[k] = v;
  }
  return out;
}

/**
 * Properties derived at load time so queries can sort and sum without parsing JSON in Cypher:
 * an incident's `individualsAffected` is its one figure for totals (see server/model/figures.ts).
 */
export function deriveProps(labels: string[], props: SeedProps): SeedProps {
  if (!labels.includes('Incident')) return props;
  const figure = incidentFigure(parseFigures(props.figuresJson));
  const derived: SeedProps = { ...props };
  if (figure?.count != null) derived.individualsAffected = figure.count;
  return derived;
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Validates `seed` and writes it in one transaction; throws SeedValidationError (nothing written) on any problem. */
export async function loadSeedRecords(db: Db, seed: Seed): Promise<LoadResult> {
  const started = Date.now();
  const problems = validateSeed(seed);
  if (problems.length > 0) throw new SeedValidationError(problems);

  const nodeRows = Object.values(seed.nodes)
    .flat()
    .map((n) => ({ id: n.id, labels: n.labels, props: toNeo4jProps(deriveProps(n.labels, n.props)) }));
  const relRows = Object.values(seed.relationships)
    .flat()
    .map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to, props: toNeo4jProps(r.props) }));

  await db.writeTx(async (run) => {
    for (const rows of batches(nodeRows, SEED_BATCH_SIZE)) {
      const [row] = await run('seed-merge-nodes', { rows });
      if (Number(row?.count) !== rows.length) throw new Error(`seed: merged ${String(row?.count)} of ${rows.length} nodes in a batch`);
    }
    for (const rows of batches(relRows, SEED_BATCH_SIZE)) {
      const [row] = await run('seed-merge-relationships', { rows });
      // A shortfall means an endpoint was not found; throwing rolls the whole load back.
      if (Number(row?.count) !== rows.length) throw new Error(`seed: merged ${String(row?.count)} of ${rows.length} relationships in a batch (missing endpoints)`);
    }
  });
  return { nodes: nodeRows.length, relationships: relRows.length, ms: Date.now() - started };
}

/** Reads, validates and loads the seed in `dir` (default: the committed seed/). Re-running changes nothing. */
export async function loadSeed(db: Db, dir: string = SEED_DIR): Promise<LoadResult> {
  return loadSeedRecords(db, readSeed(dir));
}

/** True when the database holds no entities (time to load the seed). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.read<{ count: number }>('count-entities');
  return Number(row?.count ?? 0) === 0;
}
