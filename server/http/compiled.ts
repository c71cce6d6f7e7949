// Compiled execution (graphql-jit) for the documents clients keep sending, with the same answers as graphql-js.
//
// A document runs interpreted until its fifth execution, then compiled: compiling costs ~3 ms for the explorer's
// blast radius and ~25 ms for fifteen aliased nested queries near the token limit, so documents a client makes up
// one after another are never compiled (yoga's parser cache gives the same object for the same text, which is what
// the counts and graphql-jit's own cache are keyed by).
//
// graphql-jit's errors carry `locations` but not the AST nodes they came from, and yoga rebuilds every error from
// its nodes before sending it, so a compiled document's errors would lose their locations. Each such error gets its
// field nodes back here, found by its path in the document.
import { useGraphQlJit } from '@envelop/graphql-jit';
import { GraphQLError, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** How many times a document runs interpreted before it is compiled. */
export const JIT_AFTER_EXECUTIONS = 5;

const executionCounts = new WeakMap<object, number>();

/** Counts this execution of a parsed document and returns how many it has had, this one included. */
function executions(document: object): number {
  const n = (executionCounts.get(document) ?? 0) + 1;
  executionCounts.set(document, n);
  return n;
}

export function compiledExecution(): Plugin[] {
  // The envelop plugin is typed for a plain envelop context; yoga's is a superset of it.
  const jit = useGraphQlJit({}, { enableIf: (args) => executions(args.document) >= JIT_AFTER_EXECUTIONS }) as unknown as Plugin;
  return [jit, errorNodes()];
}

function errorNodes(): Plugin {
  return {
    onExecute({ args }) {
      const document = args.document;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.some((e) => !e.nodes && e.path)) return;
          setResult({ ...result, errors: result.errors.map((e) => (e.nodes || !e.path ? e : withNodes(e, fieldNodesAt(document, args.operationName, e.path)))) });
        },
      };
    },
  };
}

function withNodes(error: GraphQLError, nodes: FieldNode[]): GraphQLError {
  if (nodes.length === 0) return error;
  return new GraphQLError(error.message, { nodes, path: error.path, originalError: error.originalError, extensions: error.extensions });
}

/** The field nodes a response path points at (aliases as keys, list indices skipped, fragments followed). */
export function fieldNodesAt(document: DocumentNode, operationName: string | null | undefined, path: readonly (string | number)[]): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: SelectionSetNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION && (operationName ? def.name?.value === operationName : operation === undefined)) operation = def.selectionSet;
  }
  if (!operation) return [];
  let sets: SelectionSetNode[] = [operation];
  let found: FieldNode[] = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    found = [];
    const visit = (set: SelectionSetNode, seen: Set<string>) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if ((sel.alias?.value ?? sel.name.value) === key) found.push(sel);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, seen);
        else {
          const fragment = fragments.get(sel.name.value);
          if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      }
    };
    for (const set of sets) visit(set, new Set());
    sets = found.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  return found;
}
