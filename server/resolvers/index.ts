// Root resolvers: validate arguments, run one named query, map rows. Nested fields batch through the context.
import { GraphQLScalarType, Kind, type GraphQLResolveInfo, type ValueNode } from 'graphql';
import { codedError } from '../db/errors.ts';
import { checkId } from './args.ts';
import { relationshipsPage, type Context, type EntityRow, type RelationshipRow, type RelsFields } from './context.ts';
import { apiQueryResolvers } from './api.ts';
import { entityResolvers } from './entities.ts';
import { childFields, plannedRelationships } from './lookahead.ts';
import { pathResolvers } from './graph.ts';
import { mutationResolvers } from './mutations.ts';

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      return null;
  }
}

const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value: used for the raw property map of an entity or relationship.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literalToJson,
});

const DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) {
    throw codedError('BAD_USER_INPUT', `Date must be YYYY, YYYY-MM or YYYY-MM-DD; got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}

const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'An ISO 8601 calendar date, at day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) precision.',
  serialize: (v) => (typeof v === 'string' ? v : String(v)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const resolvers = {
  JSON: JSONScalar,
  Date: DateScalar,
  Query: {
    stats: async (_: unknown, __: unknown, ctx: Context) => {
      const [row] = await ctx.db.read<{ nodes: { key: string; count: number }[]; relationships: { key: string; count: number }[] }>('stats');
      const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
      return {
        nodes: (row?.nodes ?? []).filter((c) => c.count > 0).sort(byKey),
        relationships: (row?.relationships ?? []).filter((c) => c.count > 0).sort(byKey),
      };
    },
    node: async (_: unknown, args: { id: string }, ctx: Context, info: GraphQLResolveInfo) => {
      const id = checkId(args.id);
      // One round trip for the common `node(id) { … sources { … } relationships(…) { … } }`: its relationships come
      // in the same read, and so do its sources (both primed into the loaders the field resolvers use).
      const withSources = childFields(info, 'sources').length > 0;
      const rels = plannedRelationships(id, info);
      type NodeRow = { node: EntityRow; sources: EntityRow[] } & Partial<RelsFields>;
      const [row] = rels
        ? await ctx.db.read<NodeRow>('node-with-relationships', { id, withSources, types: rels.types, direction: rels.direction, limit: rels.limit })
        : await ctx.db.read<NodeRow>('node', { id, withSources });
      if (row && rels) ctx.relationships.prime(rels.key, relationshipsPage(id, { rels: row.rels ?? [], total: row.total ?? 0 }));
      if (row && withSources) {
        const byId = new Map(row.sources.map((s) => [s.id, s]));
        for (const sid of Array.isArray(row.node.sources) ? row.node.sources : []) {
          if (typeof sid === 'string') ctx.entities.prime(sid, byId.get(sid));
        }
      }
      return row?.node ?? null;
    },
    relationship: async (_: unknown, args: { id: string }, ctx: Context): Promise<RelationshipRow | null> => {
      const [row] = await ctx.db.read<{ rel: RelationshipRow['rel']; from: EntityRow; to: EntityRow }>('relationship-by-id', {
        id: checkId(args.id),
      });
      return row ? { rel: row.rel, from: row.from, to: row.to } : null;
    },
    ...apiQueryResolvers,
  },
  Mutation: mutationResolvers,
  ...entityResolvers,
  ...pathResolvers,
};
