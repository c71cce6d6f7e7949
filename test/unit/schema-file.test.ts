// schema.graphql is what clients download: it must be exactly the schema the server runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server/schema/index.ts';
import { printSchemaFile } from '../../server/schema/print.ts';

describe('schema.graphql', () => {
  it('matches the running schema (run `npm run schema` after changing server/schema)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'schema.graphql'), 'utf8')).toBe(printSchemaFile());
  });

  it('documents every type, field and argument', () => {
    const schema = buildSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
    }
    // Types must say what they are; fields and arguments are documented where a name is not self-evident.
    expect(missing).toEqual([]);
  });
});
