// Measuring one question three ways in one process: the GraphQL request through app.fetch, the same Cypher run
// directly with neo4j-driver, and (where it exists) @neo4j/graphql's equivalent.
import neo4j, { type Driver } from 'neo4j-driver';
import { Db, type Params, type Row } from '../../server/db/db.ts';
import { percentiles, type Percentiles } from './common.ts';
import type { GqlRequest } from './cases.ts';

export interface RecordedCall {
  name: string;
  params: Params;
  /** A shorter timeout the resolver asked for (a best-effort extra it does without when it times out). */
  timeoutMs?: number;
  start: number;
  end: number;
}

/** The app's Db, recording every named read (name and exact parameters) while `recording` is set. */
export class RecordingDb extends Db {
  recording: RecordedCall[] | null = null;

  override async read<T extends Row = Row>(name: string, params: Params = {}, opts: { timeoutMs?: number } = {}): Promise<T[]> {
    const log = this.recording;
    if (!log) return super.read<T>(name, params, opts);
    const call: RecordedCall = { name, params: structuredClone(params), timeoutMs: opts.timeoutMs, start: performance.now(), end: 0 };
    log.push(call);
    try {
      return await super.read<T>(name, params, opts);
    } finally {
      call.end = performance.now();
    }
  }
}

export interface ReplayStep {
  name: string;
  text: string;
  params: Params;
  timeoutMs?: number;
}

/**
 * The recorded calls grouped into waves: calls that started before any call of the current wave had finished ran
 * concurrently (batched loaders), a call that started after one finished depended on it. The replay keeps that.
 */
export function replayPlan(db: Db, calls: RecordedCall[]): ReplayStep[][] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const waves: RecordedCall[][] = [];
  for (const c of sorted) {
    const wave = waves.at(-1);
    if (wave && c.start < Math.min(...wave.map((w) => w.end))) wave.push(c);
    else waves.push([c]);
  }
  return waves.map((w) => w.map((c) => ({ name: c.name, text: db.cypher(c.name), params: c.params, timeoutMs: c.timeoutMs })));
}

/** The same statements with the same parameters, straight through the driver (read transactions, like Db.read). */
export async function runReplay(driver: Driver, plan: ReplayStep[][], timeoutMs: number): Promise<number> {
  let rows = 0;
  for (const wave of plan) {
    const counts = await Promise.all(
      wave.map(async (step) => {
        const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
        try {
          const result = await session.executeRead((tx) => tx.run(step.text, step.params), { timeout: Math.min(step.timeoutMs ?? timeoutMs, timeoutMs) });
          return result.records.map((r) => r.toObject()).length;
        } catch (err) {
          // Like the resolver: a best-effort step that runs out of its short budget is done without.
          if (step.timeoutMs !== undefined && String((err as { code?: string }).code).includes('TransactionTimedOut')) return 0;
          throw err;
        } finally {
          await session.close();
        }
      }),
    );
    rows += counts.reduce((a, b) => a + b, 0);
  }
  return rows;
}

export interface FetchApp {
  fetch(input: string, init?: RequestInit): Response | Promise<Response>;
}

export class GraphqlError extends Error {
  override readonly name = 'GraphqlError';
}

/** One GraphQL POST through the app's fetch; throws on HTTP or GraphQL errors. Returns the body size. */
export async function gqlFetch(app: FetchApp, body: string): Promise<number> {
  const res = await app.fetch('http://bench.local/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  const text = await res.text();
  if (res.status !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[')) {
    throw new GraphqlError(`HTTP ${res.status}: ${text.slice(0, 400)}`);
  }
  return text.length;
}

export const bodyOf = (r: GqlRequest) => JSON.stringify({ query: r.query, variables: r.variables });

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export interface SideResult {
  samples: number[];
  stats: Percentiles;
}

export interface Side {
  key: string;
  run: () => Promise<unknown>;
}

/**
 * Warm-up, then `runs` rounds; in each round every side runs `k` times in turn (A×k, B×k, C×k), so slow drifts in
 * machine load hit all sides alike. k is chosen from the warm-up so a round fits the time budget.
 */
export async function measureSides(sides: Side[], opts: { warmup: number; runs: number; budgetMs: number; minK: number; maxK: number }): Promise<Record<string, SideResult>> {
  const warm: Record<string, number[]> = {};
  for (const s of sides) warm[s.key] = [];
  for (let i = 0; i < opts.warmup; i++) for (const s of sides) warm[s.key]!.push(await timed(s.run));
  const perRound = sides.reduce((sum, s) => sum + percentiles(warm[s.key]!.slice(-Math.max(1, Math.floor(opts.warmup / 2)))).p50, 0);
  const k = Math.max(opts.minK, Math.min(opts.maxK, Math.floor(opts.budgetMs / opts.runs / Math.max(0.05, perRound))));
  const samples: Record<string, number[]> = {};
  for (const s of sides) samples[s.key] = [];
  for (let r = 0; r < opts.runs; r++) {
    for (const s of sides) for (let i = 0; i < k; i++) samples[s.key]!.push(await timed(s.run));
  }
  const out: Record<string, SideResult> = {};
  for (const s of sides) out[s.key] = { samples: samples[s.key]!, stats: percentiles(samples[s.key]!) };
  return out;
}
