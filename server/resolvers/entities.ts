// Resolvers for entities and relationships: thin mappings from stored properties to the SDL, sources batched.
import { codedError } from '../db/errors.ts';
import { isPlaceholder, parseFigures } from '../model/figures.ts';
import type { Context, Direction, EntityRow, RelationshipRow } from './context.ts';
import { relationshipsKey } from './context.ts';
import { kindOfLabels, typeNameOfKind } from './kinds.ts';
import { relationshipSentence } from './sentences.ts';

type Props = Record<string, unknown>;

/** Parses a `…Json` property; a missing or broken value reads as `fallback`. */
export function parseJson<T>(props: Props, key: string, fallback: T): T {
  const raw = props[key];
  if (typeof raw !== 'string' || raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

async function loadSources(ids: unknown, ctx: Context): Promise<EntityRow[]> {
  const found = await Promise.all(strings(ids).map((id) => ctx.entities.load(id)));
  return found.filter((s): s is EntityRow => s !== undefined);
}

/** Public property map: drops the internal search helper and keeps everything else. */
function publicProperties(props: Props): Props {
  const { labels: _labels, aliasText: _aliasText, ...rest } = props;
  return rest;
}

interface DatedValueJson {
  value: string;
  precision?: string;
  basis?: string;
  sources?: string[];
}

function datedValue(value: unknown): DatedValueJson | null {
  if (value && typeof value === 'object' && typeof (value as DatedValueJson).value === 'string') return value as DatedValueJson;
  return null;
}

const MAX_RELATIONSHIPS = 500;

/** A dated property of a relationship: `x`, `xPrecision` and, when it has a basis, `xJson`. */
function relDate(rel: Props, key: string): DatedValueJson | null {
  const value = rel[key];
  if (typeof value !== 'string') return null;
  const detail = parseJson<Partial<DatedValueJson>>(rel, `${key}Json`, {});
  return {
    value,
    precision: (rel[`${key}Precision`] as string | undefined) ?? detail.precision,
    basis: detail.basis,
    sources: detail.sources ?? strings(rel.sources),
  };
}

/** The arguments of every entity's `relationships` field. */
export interface RelationshipsArgs {
  types?: string[] | null;
  direction?: 'OUT' | 'IN' | 'BOTH';
  first?: number;
}

/** `relationships` arguments checked (BAD_USER_INPUT out of range) and normalised: what the statements read. */
export function relationshipsRequest(args: RelationshipsArgs): { types: string[] | null; direction: Direction; limit: number } {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > MAX_RELATIONSHIPS) {
    throw codedError('BAD_USER_INPUT', `first must be between 1 and ${MAX_RELATIONSHIPS}; got ${first}`, { argument: 'first', min: 1, max: MAX_RELATIONSHIPS });
  }
  if (args.types && args.types.length > 50) throw codedError('BAD_USER_INPUT', 'types takes at most 50 values', { argument: 'types', max: 50 });
  const types = args.types && args.types.length > 0 ? [...new Set(args.types)].sort() : null;
  return { types, direction: args.direction ?? 'BOTH', limit: first };
}

/** Checks `relationships` arguments and gives the batch loader's key for them. */
export function relationshipsLoadKey(id: string, args: RelationshipsArgs): string {
  const { types, direction, limit } = relationshipsRequest(args);
  return relationshipsKey(id, types, direction, limit);
}

const entityFields = {
  kind: (e: EntityRow) => kindOfLabels(e.labels),
  name: (e: EntityRow) => (typeof e.name === 'string' ? e.name : e.id),
  aliases: (e: EntityRow) => strings(e.aliases),
  notes: (e: EntityRow) => (typeof e.notes === 'string' ? e.notes : null),
  sources: (e: EntityRow, _: unknown, ctx: Context) => loadSources(e.sources, ctx),
  properties: (e: EntityRow) => publicProperties(e),
  relationships: async (e: EntityRow, args: RelationshipsArgs, ctx: Context) => {
    const page = await ctx.relationships.load(relationshipsLoadKey(e.id, args));
    const items = page?.items ?? [];
    const totalCount = page?.totalCount ?? 0;
    ctx.budget.remaining -= items.length;
    if (ctx.budget.remaining < 0) {
      throw codedError('LIMIT_EXCEEDED', `this request asks for more than ${ctx.budget.max} relationships in all; ask for fewer levels or a smaller first`, {
        max: ctx.budget.max,
      });
    }
    return { items, totalCount, truncated: totalCount > (page?.items.length ?? 0) };
  },
};

async function endpoint(row: EntityRow, ctx: Context): Promise<EntityRow> {
  if (row.labels.length > 0) return row;
  const loaded = await ctx.entities.load(row.id);
  if (!loaded) throw codedError('NOT_FOUND', `entity ${row.id} disappeared while the query ran`);
  return loaded;
}

function entityType<Extra extends Record<string, unknown>>(extra: Extra) {
  return { ...entityFields, ...extra };
}

/** A non-empty string, or null. */
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const dated = (key: string) => (e: EntityRow) => datedValue(parseJson<unknown>(e, key, null));

export const entityResolvers = {
  Entity: {
    __resolveType: (e: EntityRow) => {
      const kind = kindOfLabels(e.labels);
      return kind ? typeNameOfKind(kind) : null;
    },
  },
  Source: entityType({
    name: (e: EntityRow) => (typeof e.title === 'string' ? e.title : typeof e.name === 'string' ? e.name : e.id),
    sources: () => [],
  }),
  Organization: entityType({}),
  Vendor: entityType({}),
  Product: entityType({}),
  Incident: entityType({
    countries: (e: EntityRow) => strings(e.countries ?? e.country),
    discovered: dated('dateDiscoveredJson'),
    disclosed: dated('dateDisclosedJson'),
    individualsAffected: (e: EntityRow) =>
      parseFigures(e.figuresJson).map((f) => ({ ...f, placeholder: isPlaceholder(f) })),
    disputed: (e: EntityRow) => parseJson<string[]>(e, 'disputedJson', []),
    unverified: (e: EntityRow) => parseJson<string[]>(e, 'unverifiedJson', []),
    malware: (e: EntityRow) => (typeof e.malware === 'string' && e.malware !== '' ? e.malware : null),
    ransom: (e: EntityRow) => {
      const r = parseJson<Props | null>(e, 'ransomJson', null);
      return r && typeof r === 'object' ? { demand: text(r.demand), paid: text(r.paid), sources: r.sources } : null;
    },
    milestones: (e: EntityRow) =>
      parseJson<unknown[]>(e, 'datesJson', [])
        .map((m) => ({ name: (m as Props | null)?.name, date: datedValue(m) }))
        .filter((m): m is { name: string; date: DatedValueJson } => typeof m.name === 'string' && m.date !== null),
    unnamedAttributions: (e: EntityRow) =>
      parseJson<Props[]>(e, 'attributionsJson', [])
        .filter((a) => a && typeof a.attribution === 'string' && (a.actor === null || a.actor === undefined))
        .map((a) => ({ attribution: a.attribution, basis: text(a.basis), sources: a.sources })),
    keySources: (e: EntityRow, _: unknown, ctx: Context) => loadSources(e.keySources, ctx),
  }),
  ThreatActor: entityType({
    firstSeen: dated('firstSeenJson'),
  }),
  Vulnerability: entityType({
    disclosed: dated('disclosedJson'),
  }),
  BreachReport: entityType({}),
  DatedValue: {
    sources: (d: DatedValueJson, _: unknown, ctx: Context) => loadSources(d.sources, ctx),
  },
  Ransom: {
    sources: (r: Props, _: unknown, ctx: Context) => loadSources(r.sources, ctx),
  },
  UnnamedAttribution: {
    sources: (a: Props, _: unknown, ctx: Context) => loadSources(a.sources, ctx),
  },
  ReportedFigure: {
    sources: (f: Props, _: unknown, ctx: Context) => loadSources(f.sources, ctx),
  },
  ReportedPrice: {
    sources: (p: Props, _: unknown, ctx: Context) => loadSources(p.sources ?? p.asReportedBy, ctx),
  },
  Relationship: {
    id: (r: RelationshipRow) => r.rel.id,
    type: (r: RelationshipRow) => r.rel.type,
    from: (r: RelationshipRow, _: unknown, ctx: Context) => endpoint(r.from, ctx),
    to: (r: RelationshipRow, _: unknown, ctx: Context) => endpoint(r.to, ctx),
    other: (r: RelationshipRow, _: unknown, ctx: Context) => endpoint(r.viewerId === r.to.id ? r.from : r.to, ctx),
    direction: (r: RelationshipRow) => (r.viewerId === undefined ? 'OUT' : r.viewerId === r.from.id ? 'OUT' : 'IN'),
    sentence: async (r: RelationshipRow, _: unknown, ctx: Context) => {
      const [from, to] = await Promise.all([endpoint(r.from, ctx), endpoint(r.to, ctx)]);
      return relationshipSentence(r.rel.type, String(from.name ?? from.id), String(to.name ?? to.id), r.rel);
    },
    sources: (r: RelationshipRow, _: unknown, ctx: Context) => loadSources(r.rel.sources, ctx),
    confidence: (r: RelationshipRow) => r.rel.confidence ?? r.rel.attribution ?? null,
    role: (r: RelationshipRow) => r.rel.role ?? null,
    attribution: (r: RelationshipRow) => r.rel.attribution ?? null,
    validFrom: (r: RelationshipRow) => r.rel.validFrom ?? null,
    validTo: (r: RelationshipRow) => r.rel.validTo ?? null,
    acquisition: (r: RelationshipRow) => {
      if (r.rel.type !== 'ACQUIRED') return null;
      return {
        dealType: r.rel.dealType ?? null,
        announced: relDate(r.rel, 'announced'),
        closed: relDate(r.rel, 'closed'),
        prices: parseJson<Props[]>(r.rel, 'pricesJson', []),
        verification: r.rel.verification ?? null,
      };
    },
    properties: (r: RelationshipRow) => r.rel,
  },
};

