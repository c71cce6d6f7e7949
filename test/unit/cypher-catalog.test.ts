// A query is a file: every name the code asks for has a file, and every file is asked for somewhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYPHER_DIR, catalogFiles, loadCypherCatalog, readSchemaStatements, repeatBlocks, splitStatements } from '../../server/db/cypher.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'neo4j-local' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const code = sourceFiles(join(CYPHER_DIR, '..', 'server')).map((f) => readFileSync(f, 'utf8')).join('\n');
// Names passed to db.read / db.write / run(...) as string literals.
const used = new Set([...code.matchAll(/\b(?:read|write|run|send|variant|cypher)(?:<[^>]*>)?\(\s*'([a-z0-9-]+)'/g)].map((m) => m[1]!));

describe('cypher/ catalog', () => {
  const catalog = loadCypherCatalog();

  it('has a file for every query name the server uses', () => {
    expect(used.size).toBeGreaterThan(3);
    const files = catalogFiles(catalog);
    for (const name of used) expect(files.has(name), `cypher/${name}.cypher is missing`).toBe(true);
  });

  it('uses every file it has', () => {
    for (const name of catalogFiles(catalog)) expect(used.has(name), `cypher/${name}.cypher is not used by any server code`).toBe(true);
  });

  it('opens every file with a comment naming its parameters', () => {
    for (const [name, text] of catalog) {
      expect(text.startsWith('//'), `${name} should open with a comment`).toBe(true);
      const params = new Set([...text.matchAll(/\$([a-zA-Z]\w*)/g)].map((m) => m[1]!));
      expect(text, `${name}: unrendered {{placeholder}}`).not.toMatch(/\{\{\w+\}\}/);
      const header = text.split('\n').filter((l) => l.startsWith('//')).join('\n');
      for (const p of params) expect(header, `${name}: $${p} should be named in the header`).toContain(`$${p}`);
    }
  });

  it('splits schema.cypher into idempotent statements', () => {
    const statements = readSchemaStatements();
    expect(statements.length).toBeGreaterThan(5);
    for (const s of statements) expect(s).toMatch(/IF NOT EXISTS/);
    expect(splitStatements('// c\nA;\nB\n  C;\n')).toEqual(['A', 'B\n  C']);
  });
});

describe('repeatBlocks', () => {
  it('renders a // @repeat block once per level with {{k}} and {{k-1}}, leaving the rest alone', () => {
    const text = 'A\n  // @repeat\nL{{k}} from L{{k-1}}\n  // @end\nZ\n';
    expect(repeatBlocks(text, 3)).toBe('A\nL1 from L0\nL2 from L1\nL3 from L2\nZ\n');
    expect(repeatBlocks(text, 1)).toBe('A\nL1 from L0\nZ\n');
    expect(repeatBlocks('no blocks', 2)).toBe('no blocks');
  });

  it('renders a nested block first, for every level, inside each copy of the outer one', () => {
    const text = '// @repeat\nS{{k}}:\n  // @repeat\n  f{{k-1}}\n  // @end\n// @end\nZ\n';
    expect(repeatBlocks(text, 2)).toBe('S1:\n  f0\n  f1\nS2:\n  f0\n  f1\nZ\n');
    // Two blocks one after the other stay two blocks.
    expect(repeatBlocks('// @repeat\na{{k}}\n// @end\n// @repeat\nb{{k}}\n// @end\n', 2)).toBe('a1\na2\nb1\nb2\n');
  });

  it('leaves no repeat markers or level placeholders in any rendered statement', () => {
    for (const [name, text] of loadCypherCatalog()) {
      expect(text, name).not.toMatch(/@repeat|@end\b|\{\{k(-1)?\}\}/);
    }
  });
});
