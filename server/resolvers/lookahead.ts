// Looking ahead at what a query selects, so a root resolver can start the reads its nested fields will need.
import { getArgumentValues, isInterfaceType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Context } from './context.ts';
import { relationshipsLoadKey, type RelationshipsArgs } from './entities.ts';

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

/**
 * When the resolved entity's `relationships` are selected once, starts loading them now, alongside the read of the
 * entity itself, instead of one round trip later. The field resolver then finds the page in the batch loader (and
 * still checks the arguments and the request's budget). Several differently-argued selections are left to it.
 */
export function prefetchRelationships(id: string, info: GraphQLResolveInfo, ctx: Context): void {
  const fields = childFields(info, 'relationships');
  const entity = info.schema.getType('Entity');
  const def = isInterfaceType(entity) ? entity.getFields().relationships : undefined;
  if (fields.length !== 1 || !def) return;
  let key: string;
  try {
    key = relationshipsLoadKey(id, getArgumentValues(def, fields[0]!, info.variableValues) as RelationshipsArgs);
  } catch {
    return; // out-of-range arguments: the field resolver answers BAD_USER_INPUT
  }
  // Handled here so an unused prefetch (say, the entity does not exist) never surfaces as an unhandled rejection;
  // the field resolver awaits the same cached promise and sees the error itself.
  ctx.relationships.load(key).catch(() => undefined);
}
