// selectsAny decides whether the blast-radius resolver starts loading path citations early: it must see a field
// nested at any depth, inside inline fragments and named fragments, and nothing outside the resolved field.
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsAny } from '../../server/resolvers/lookahead.ts';

function infoFor(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const field = op.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'blastRadius')!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

const CITING = new Set(['sentences', 'steps', 'citations']);

describe('selectsAny', () => {
  it('finds a nested field, also through inline and named fragments', () => {
    expect(selectsAny(infoFor('{ blastRadius(from: "x") { reached { path { sentences } } } }'), CITING)).toBe(true);
    expect(selectsAny(infoFor('{ blastRadius(from: "x") { reached { ... on Exposure { path { steps { sentence } } } } } }'), CITING)).toBe(true);
    expect(selectsAny(infoFor('{ blastRadius(from: "x") { ...B } } fragment B on BlastRadius { reached { path { sentences } } }'), CITING)).toBe(true);
  });

  it('ignores fields outside the resolved one and answers false when none is selected', () => {
    expect(selectsAny(infoFor('{ blastRadius(from: "x") { summary { organizations } } paths(from: "a", to: "b") { sentences } }'), CITING)).toBe(false);
    expect(selectsAny(infoFor('{ blastRadius(from: "x") { ...A } } fragment A on BlastRadius { ...A2 } fragment A2 on BlastRadius { omitted }'), CITING)).toBe(false);
  });
});
