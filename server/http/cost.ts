// A cost limit tuned to this schema: each field costs 1, and a list field multiplies the cost of what it
// selects by how many items it may return (its `first`/`limit` argument, literal or variable, clamped to
// the field's allowed range; the default when omitted). Out-of-range values are left to the resolvers,
// which answer BAD_USER_INPUT naming the range.
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Per "Type.field": the argument that sizes the list, its default and its maximum. */
export const LIST_SIZES: Record<string, { arg: string; default: number; max: number }> = {
  'Query.search': { arg: 'first', default: 10, max: 100 },
  'Query.neighborhood': { arg: 'limit', default: 200, max: 2000 },
  'Query.blastRadius': { arg: 'limit', default: 500, max: 5000 },
  'Query.paths': { arg: 'first', default: 3, max: 5 },
  'Query.incidents': { arg: 'first', default: 20, max: 100 },
  'Query.vendors': { arg: 'first', default: 20, max: 100 },
  'Query.possibleDuplicates': { arg: 'first', default: 20, max: 100 },
  relationships: { arg: 'first', default: 100, max: 500 },
};

function argValue(value: ValueNode | undefined, variables: Record<string, unknown>, sizeVariables?: Set<string>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    sizeVariables?.add(value.name.value);
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/**
 * The cost of the operation. `sizeVariables`, when given, collects the names of the variables that size a list:
 * the only variables the cost depends on.
 */
export function queryCost(
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
  sizeVariables?: Set<string>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;

  const visiting = new Set<string>();
  const cost = (set: SelectionSetNode, parentIsRoot: boolean): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += cost(sel.selectionSet, parentIsRoot);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        total += cost(fragment.selectionSet, parentIsRoot);
        visiting.delete(name);
      } else {
        const name = sel.name.value;
        const size = LIST_SIZES[parentIsRoot ? `Query.${name}` : name];
        let multiplier = 1;
        if (size) {
          const given = argValue(sel.arguments?.find((a) => a.name.value === size.arg)?.value, variables, sizeVariables);
          multiplier = Math.min(size.max, Math.max(1, given ?? size.default));
        }
        total += 1 + (sel.selectionSet ? multiplier * cost(sel.selectionSet, false) : 0);
      }
    }
    return total;
  };
  return cost(operation.selectionSet, operation.operation === 'query');
}

interface CostCache {
  /** The variables that size lists in this operation. */
  sizeVariables: string[];
  /** Cost by the values of those variables (as argValue reads them: a number, or not). */
  byValues: Map<string, number>;
}

/** Per parsed document (yoga's parse cache hands back the same object for the same text) and operation name. */
const costCaches = new WeakMap<DocumentNode, Map<string, CostCache>>();
const MAX_OPERATIONS_PER_DOCUMENT = 16;
const MAX_VALUES_PER_OPERATION = 64;

/** queryCost, walking each document once per operation and once per distinct set of list sizes, not per request. */
export function cachedQueryCost(document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): number {
  let byOperation = costCaches.get(document);
  if (!byOperation) {
    byOperation = new Map();
    costCaches.set(document, byOperation);
  }
  const opKey = operationName ?? '';
  let cache = byOperation.get(opKey);
  if (!cache) {
    const names = new Set<string>();
    queryCost(document, {}, operationName, names);
    cache = { sizeVariables: [...names], byValues: new Map() };
    if (byOperation.size < MAX_OPERATIONS_PER_DOCUMENT) byOperation.set(opKey, cache);
  }
  const key = cache.sizeVariables.map((name) => (typeof variables[name] === 'number' ? String(variables[name]) : '-')).join(',');
  let cost = cache.byValues.get(key);
  if (cost === undefined) {
    cost = queryCost(document, variables, operationName);
    if (cache.byValues.size < MAX_VALUES_PER_OPERATION) cache.byValues.set(key, cost);
  }
  return cost;
}

export function costLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = cachedQueryCost(args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName);
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`Query cost ${cost} is over the limit of ${maxCost}: ask for fewer items (first/limit) or fewer nested lists.`, {
              extensions: { code: 'LIMIT_EXCEEDED', cost, maxCost },
            }),
          ],
        });
      }
    },
  };
}
