// Loads the named Cypher statements in cypher/ once: a query is a file, and code refers to it by name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

export type CypherCatalog = ReadonlyMap<string, string>;

/**
 * A traversal bound cannot be a Cypher parameter (`*1..$n` is not allowed), so a file that needs one
 * declares `// @variants NAME FROM..TO` and uses `{{NAME}}`; the catalog renders one statement per value
 * at start-up (`blast-radius@1` … `blast-radius@4`). Request values only choose among these fixed texts.
 */
const VARIANTS = /^\/\/ @variants (\w+) (\d+)\.\.(\d+)\s*$/m;

/** Every `*.cypher` file but schema.cypher, keyed by its kebab-case name (variants as `name@n`). */
export function loadCypherCatalog(dir: string = CYPHER_DIR): CypherCatalog {
  const catalog = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.cypher') || file === 'schema.cypher') continue;
    const name = file.slice(0, -'.cypher'.length);
    const text = readFileSync(join(dir, file), 'utf8');
    const variants = VARIANTS.exec(text);
    if (!variants) {
      catalog.set(name, text);
      continue;
    }
    const [, key, from, to] = variants;
    for (let n = Number(from); n <= Number(to); n++) catalog.set(`${name}@${n}`, repeatBlocks(text, n).replaceAll(`{{${key}}}`, String(n)));
  }
  return catalog;
}

/**
 * A step that must happen once per level up to the variant's value (a breadth-first search one hop at a
 * time) is written once between `// @repeat` and `// @end` lines; the block is rendered for k = 1 … n with
 * `{{k}}` and `{{k-1}}` replaced, so `blast-radius@3` holds three copies and no request value reaches the text.
 * Blocks nest: an inner block (say, one CASE branch per level inside a step done per level) is rendered first.
 */
const INNERMOST_REPEAT = /^[ \t]*\/\/ @repeat[ \t]*\r?\n((?:(?!^[ \t]*\/\/ @repeat[ \t]*$)[\s\S])*?)^[ \t]*\/\/ @end[ \t]*(?:\r?\n|$)/gm;

export function repeatBlocks(text: string, n: number): string {
  let rendered = text;
  for (let before = ''; before !== rendered; ) {
    before = rendered;
    rendered = rendered.replace(INNERMOST_REPEAT, (_, body: string) =>
      Array.from({ length: n }, (_, i) => body.replaceAll('{{k}}', String(i + 1)).replaceAll('{{k-1}}', String(i))).join(''),
    );
  }
  return rendered;
}

/** The name of a rendered variant; throws for a value outside the declared range (callers validate first). */
export function variant(name: string, value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 99) throw new Error(`cypher: bad variant ${value} of ${name}`);
  return `${name}@${value}`;
}

/** Base names (files) in the catalog, variants folded. */
export function catalogFiles(catalog: CypherCatalog): Set<string> {
  return new Set([...catalog.keys()].map((k) => k.replace(/@\d+$/, '')));
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
