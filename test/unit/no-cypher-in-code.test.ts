// Cypher lives only in cypher/*.cypher and reaches the driver only through the named-query runner, so no
// Cypher text can be built from request values. This test fails if server code grows its own Cypher.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = join(import.meta.dirname, '..', '..', 'server');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'java' ? [] : files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** String and template literals of a TypeScript file (comments stripped first). */
function literals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
}

const CYPHER = /\b(MATCH|MERGE|CREATE|DELETE|DETACH|RETURN|UNWIND|CALL\s*\{|SET\s+\w+[.:+=])\b[\s\S]*\b(RETURN|SET|DELETE|WHERE|\(|\))/;

describe('Cypher only in cypher/', () => {
  it('no server source file holds Cypher text in a string literal', () => {
    const offenders: string[] = [];
    for (const file of files(SERVER)) {
      for (const lit of literals(readFileSync(file, 'utf8'))) {
        if (CYPHER.test(lit) && /\(\w*(:\w+)?[\s{)]/.test(lit)) offenders.push(`${relative(SERVER, file)}: ${lit.slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('only the named-query runner hands text to the driver', () => {
    const callers: string[] = [];
    for (const file of files(SERVER)) {
      const source = readFileSync(file, 'utf8');
      if (/\b(?:tx|session|transaction)\.run\(|\.executeQuery\(/.test(source)) callers.push(relative(SERVER, file));
    }
    expect(callers).toEqual(['db/db.ts']);
    const db = readFileSync(join(SERVER, 'db', 'db.ts'), 'utf8');
    // Every run() in the runner takes a catalog text or a schema.cypher statement, never a parameter string.
    for (const call of db.matchAll(/\.run\(([^,)]+)/g)) expect(['text', 'this.cypher(name', 'statement']).toContain(call[1]!.trim());
  });
});
