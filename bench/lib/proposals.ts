// Proposed Cypher rewrites (bench/proposals/*.cypher): the statements a request would run if those files replaced
// their namesakes in cypher/. The benchmark can run with them (--proposals) for before/after figures, and
// bench/check-proposals.ts checks that the API answers the same with them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CYPHER_DIR, loadCypherCatalog, type CypherCatalog } from '../../server/db/cypher.ts';
import { BENCH_DIR } from './common.ts';

export const PROPOSALS_DIR = join(BENCH_DIR, 'proposals');

/** Names of the proposed files (without .cypher). */
export function proposalNames(dir: string = PROPOSALS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .map((f) => f.slice(0, -'.cypher'.length))
    .sort();
}

/**
 * Throws when a proposal was written against another version of the file it replaces (its `// base:` line holds the
 * first 16 hex digits of that file's sha256): cypher/ changes under us, and a stale proposal would measure and check
 * something nobody will merge.
 */
export function checkBase(name: string, dir: string = PROPOSALS_DIR): void {
  const text = readFileSync(join(dir, `${name}.cypher`), 'utf8');
  const want = /^\/\/ base: cypher\/[\w-]+\.cypher sha256 ([0-9a-f]{16})/m.exec(text)?.[1];
  const have = createHash('sha256').update(readFileSync(join(CYPHER_DIR, `${name}.cypher`))).digest('hex').slice(0, 16);
  if (want !== have) throw new Error(`proposals: bench/proposals/${name}.cypher was written for another version of cypher/${name}.cypher (base ${want ?? 'missing'}, now ${have}); rebase it`);
}

/** cypher/ with every proposal in `dir` replacing its namesake (variants included). */
export function catalogWithProposals(dir: string = PROPOSALS_DIR, only?: string[]): CypherCatalog {
  for (const name of only ?? proposalNames(dir)) checkBase(name, dir);
  const base = new Map(loadCypherCatalog());
  const proposed = loadCypherCatalog(dir);
  for (const [key, text] of proposed) {
    const file = key.replace(/@\d+$/, '');
    if (only && !only.includes(file)) continue;
    if (![...base.keys()].some((k) => k === key || k.startsWith(`${file}@`))) throw new Error(`proposals: ${key} replaces nothing in cypher/`);
    base.set(key, text);
  }
  return base;
}
