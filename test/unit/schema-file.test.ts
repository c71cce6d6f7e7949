// schema.graphql is what clients download: it must be exactly the schema the server runs, and it is the
// documentation: every type, field, argument, input field and enum value says what it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema as buildSdl, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server/schema/index.ts';
import { printSchemaFile } from '../../server/schema/print.ts';

/** Every schema element (introspection types and built-in scalars aside) that has no description, by coordinate. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

describe('schema.graphql', () => {
  it('matches the running schema (run `npm run schema` after changing server/schema)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'schema.graphql'), 'utf8')).toBe(printSchemaFile());
  });

  it('documents every type, field, argument, input field and enum value', () => {
    expect(undocumented(buildSchema())).toEqual([]);
  });

  it('notices an undocumented type, field, argument, input field or enum value', () => {
    const bare = buildSdl(`
      "Q." type Query { "f." f("a." a: Int, b: Int): E, g: In }
      "E." enum E { "X." X Y }
      "In." input In { "i." i: Int, j: Int }
      interface Face { k: Int }
      type Impl implements Face { "k." k: Int }
    `);
    expect(undocumented(bare).sort()).toEqual(['E.Y', 'Face', 'Face.k', 'Impl', 'In.j', 'Query.f(b:)', 'Query.g'].sort());
  });
});
