// Writes: only with API_TOKEN configured and a matching bearer token; every write cites ≥ 1 source, is
// all-or-nothing, and is recorded as an (:Edit) node.
import { createHash, randomUUID } from 'node:crypto';
import { codedError } from '../db/errors.ts';
import { KIND_LABELS as SEED_KIND_LABELS, RELATIONSHIP_TYPES, type NodeKind } from '../seed/format.ts';
import type { Context, EntityRow } from './context.ts';
import { graphEdge, type EdgeRow } from './graph.ts';

interface SourceInput {
  url: string;
  title?: string | null;
  publisher?: string | null;
  date?: string | null;
}

interface EntityInput {
  id: string;
  kind: NodeKind;
  name: string;
  aliases?: string[] | null;
  sources: SourceInput[];
  notes?: string | null;
  state?: string | null;
  country?: string | null;
}

interface RelationshipInput {
  id?: string | null;
  type: string;
  from: string;
  to: string;
  sources: SourceInput[];
  confidence?: string | null;
  role?: string | null;
  attribution?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

function requireWriter(ctx: Context): string {
  if (!ctx.auth.writesEnabled) throw codedError('UNAUTHENTICATED', 'Writes are disabled on this server (it has no API_TOKEN configured).');
  if (!ctx.auth.authorized) throw codedError('UNAUTHENTICATED', 'Writes need the header Authorization: Bearer <API_TOKEN>.');
  return ctx.auth.actor;
}

function badInput(message: string, argument: string): never {
  throw codedError('BAD_USER_INPUT', message, { argument });
}

function checkSources(sources: SourceInput[], argument: string): { id: string; labels: string[]; props: Record<string, unknown> }[] {
  if (sources.length === 0) badInput('every write needs at least one source (a URL a reader can check)', argument);
  if (sources.length > 50) badInput('at most 50 sources per write', argument);
  return sources.map((s, i) => {
    let url: URL;
    try {
      url = new URL(s.url);
    } catch {
      badInput(`${argument}[${i}].url is not a URL`, `${argument}[${i}].url`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') badInput(`${argument}[${i}].url must be http(s)`, `${argument}[${i}].url`);
    if (s.date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s.date)) badInput(`${argument}[${i}].date must be YYYY, YYYY-MM or YYYY-MM-DD`, `${argument}[${i}].date`);
    const id = `src-url-${createHash('sha256').update(url.href).digest('hex').slice(0, 16)}`;
    const props: Record<string, unknown> = { kind: 'SOURCE', name: s.title ?? url.href, url: url.href, aliases: [], aliasText: '' };
    if (s.title) props.title = s.title.slice(0, 500);
    if (s.publisher) props.publisher = s.publisher.slice(0, 200);
    if (s.date) props.date = s.date;
    return { id, labels: ['Entity', 'Source'], props };
  });
}

export const mutationResolvers = {
  upsertEntity: async (_: unknown, { input }: { input: EntityInput }, ctx: Context) => {
    const actor = requireWriter(ctx);
    if (!ID.test(input.id)) badInput('input.id must be 1-200 letters, digits or - _ : . (starting with a letter or digit)', 'input.id');
    if (input.name.trim() === '' || input.name.length > 500) badInput('input.name must be 1 to 500 characters', 'input.name');
    if (input.kind === 'SOURCE') badInput('sources are created from the sources of other writes', 'input.kind');
    const sources = checkSources(input.sources, 'input.sources');
    const aliases = (input.aliases ?? []).map((a) => a.trim()).filter((a) => a.length > 0 && a.length <= 300);
    const props: Record<string, unknown> = {
      kind: input.kind,
      name: input.name.trim(),
      aliases,
      aliasText: aliases.join(' | '),
      sources: sources.map((s) => s.id),
    };
    if (input.notes) props.notes = input.notes.slice(0, 5000);
    if (input.state) props.state = input.state.toUpperCase().slice(0, 2);
    if (input.country) props.country = input.country.toUpperCase().slice(0, 2);
    const labels = ['Entity', ...SEED_KIND_LABELS[input.kind]];
    return ctx.db.writeTx(async (run) => {
      const [existing] = await run('node-by-id', { id: input.id });
      const existingNode = existing?.node as EntityRow | undefined;
      if (existingNode && existingNode.kind !== input.kind) {
        badInput(`${input.id} already exists as ${String(existingNode.kind)}; an entity's kind cannot change`, 'input.kind');
      }
      await run('seed-merge-nodes', { rows: sources });
      await run('seed-merge-nodes', { rows: [{ id: input.id, labels, props }] });
      await run('record-edit', { id: randomUUID(), actor, action: 'upsertEntity', target: input.id, input: JSON.stringify(input) });
      const [row] = await run('node-by-id', { id: input.id });
      return row!.node as EntityRow;
    });
  },

  upsertRelationship: async (_: unknown, { input }: { input: RelationshipInput }, ctx: Context) => {
    const actor = requireWriter(ctx);
    const spec = RELATIONSHIP_TYPES[input.type];
    if (!spec) badInput(`input.type ${input.type} cannot be written`, 'input.type');
    const prefix = `${input.type.toLowerCase().replace(/_/g, '-')}:${input.from}:`;
    const id = input.id ?? `${prefix}${input.to}`;
    if (!ID.test(id)) badInput('input.id must be 1-200 letters, digits or - _ : .', 'input.id');
    // cypher/relationship-by-id.cypher finds an id with colons through its `<type>:<from id>:` prefix (no scan of
    // every relationship), so an id with colons must have that shape; ACQUIRED ids are indexed and free.
    if (input.type !== 'ACQUIRED' && id.includes(':') && !id.startsWith(prefix)) {
      badInput(`input.id with a colon must start with "${prefix}" (or have no colon)`, 'input.id');
    }
    const sources = checkSources(input.sources, 'input.sources');
    for (const key of ['validFrom', 'validTo'] as const) {
      const v = input[key];
      if (v && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) badInput(`input.${key} must be an ISO date`, `input.${key}`);
    }
    const props: Record<string, unknown> = {
      sources: sources.map((s) => s.id),
      confidence: input.confidence ?? input.attribution ?? 'reported',
    };
    for (const key of ['role', 'attribution', 'validFrom', 'validTo'] as const) if (input[key]) props[key] = input[key];
    return ctx.db.writeTx(async (run) => {
      const [fromRow] = await run('node-by-id', { id: input.from });
      const [toRow] = await run('node-by-id', { id: input.to });
      const from = fromRow?.node as EntityRow | undefined;
      const to = toRow?.node as EntityRow | undefined;
      if (!from) throw codedError('NOT_FOUND', `no entity has id ${input.from}`, { argument: 'input.from' });
      if (!to) throw codedError('NOT_FOUND', `no entity has id ${input.to}`, { argument: 'input.to' });
      if (!from.labels.includes(spec.from) || !to.labels.includes(spec.to)) {
        badInput(`${input.type} goes from ${spec.from} to ${spec.to} (${spec.reads})`, 'input.type');
      }
      const [same] = (await run('relationship-by-id', { id })) as { rel: { type: string }; from: EntityRow; to: EntityRow }[];
      if (same && (same.rel.type !== input.type || same.from.id !== input.from || same.to.id !== input.to)) badInput(`input.id ${id} already names another relationship (${same.rel.type} from ${same.from.id} to ${same.to.id})`, 'input.id');
      await run('seed-merge-nodes', { rows: sources });
      const [merged] = await run('seed-merge-relationships', { rows: [{ id, type: input.type, from: input.from, to: input.to, props }] });
      if (Number(merged?.count) !== 1) throw new Error('upsertRelationship: merge did not write exactly one relationship');
      await run('record-edit', { id: randomUUID(), actor, action: 'upsertRelationship', target: id, input: JSON.stringify(input) });
      const edge: EdgeRow = { id, type: input.type, source: input.from, target: input.to, ...props } as EdgeRow;
      return graphEdge(edge);
    });
  },
};

