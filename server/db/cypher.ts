// Loads the named Cypher statements in cypher/ once: a query is a file, and code refers to it by name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

export type CypherCatalog = ReadonlyMap<string, string>;

/** Every `*.cypher` file but schema.cypher, keyed by its kebab-case name. */
export function loadCypherCatalog(dir: string = CYPHER_DIR): CypherCatalog {
  const catalog = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.cypher') || file === 'schema.cypher') continue;
    catalog.set(file.slice(0, -'.cypher'.length), readFileSync(join(dir, file), 'utf8'));
  }
  return catalog;
}

/**
 * Splits a multi-statement file (schema.cypher) into statements: `;` at the end of a line
 * ends a statement, `//` lines are comments.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    current.push(raw);
    if (line.endsWith(';')) {
      statements.push(current.join('\n').trim().replace(/;$/, ''));
      current = [];
    }
  }
  if (current.length > 0) statements.push(current.join('\n').trim());
  return statements;
}

export function readSchemaStatements(dir: string = CYPHER_DIR): string[] {
  return splitStatements(readFileSync(join(dir, 'schema.cypher'), 'utf8'));
}
