// Looking ahead at what a query selects, so a root resolver can start the reads its nested fields will need.
import { getArgumentValues, isInterfaceType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { relationshipsKey, type Direction } from './context.ts';
import { relationshipsRequest, type RelationshipsArgs } from './entities.ts';

/**
 * The fields selected under the field being resolved, through inline fragments and named fragments (each named
 * fragment once): its direct children only, or with `deep` every field below it.
 */
function selectedFields(info: GraphQLResolveInfo, deep: boolean): FieldNode[] {
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        found.push(sel);
        if (deep) visit(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        visit(info.fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return found;
}

/** The fields called `name` selected directly on the resolved field's value (through fragments, not deeper). */
export function childFields(info: GraphQLResolveInfo, name: string): FieldNode[] {
  return selectedFields(info, false).filter((f) => f.name.value === name);
}

/** True when the field being resolved selects (at any depth, through fragments) a field with one of these names. */
export function selectsAny(info: GraphQLResolveInfo, names: Set<string>): boolean {
  return selectedFields(info, true).some((f) => names.has(f.name.value));
}

/** The one `relationships` selection of the entity being resolved: its loader key and the statement's parameters. */
export interface PlannedRelationships {
  key: string;
  types: string[] | null;
  direction: Direction;
  limit: number;
}

/**
 * When the resolved entity's `relationships` are selected once (with valid arguments), what they will ask for, so
 * the root resolver can read them with the entity itself (node-with-relationships.cypher) and prime the batch
 * loader: the field resolver then finds the page there (and still checks the arguments and the request's budget).
 * Null when they are not selected, selected several times with different arguments, or out of range (the field
 * resolver answers BAD_USER_INPUT).
 */
export function plannedRelationships(id: string, info: GraphQLResolveInfo): PlannedRelationships | null {
  const fields = childFields(info, 'relationships');
  const entity = info.schema.getType('Entity');
  const def = isInterfaceType(entity) ? entity.getFields().relationships : undefined;
  if (fields.length !== 1 || !def) return null;
  try {
    const { types, direction, limit } = relationshipsRequest(getArgumentValues(def, fields[0]!, info.variableValues) as RelationshipsArgs);
    return { key: relationshipsKey(id, types, direction, limit), types, direction, limit };
  } catch {
    return null;
  }
}
