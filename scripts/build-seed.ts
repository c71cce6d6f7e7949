// Converts the curated fact sheet into the graph-shaped seed under seed/ (run by hand; see seed/README.md).
//
//   npx tsx scripts/build-seed.ts ../shared/data/facts/healthcare-incidents.json
//
// The path is resolved against the project root. Every field of every record ends up in the seed:
// scalars as properties, nested structures as `*Json` strings, references as relationships. An
// unknown field in the fact sheet stops the build rather than being silently dropped.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DATE_PRECISIONS,
  KIND_LABELS,
  ENTITY_LABEL,
  RELATIONSHIP_TYPE_NAMES,
  isIsoDate,
  nodeFileFor,
  relationshipFileFor,
  type NodeKind,
  type Seed,
  type SeedNode,
  type SeedProps,
  type SeedRelationship,
  type SeedValue,
} from '../server/seed/format.ts';
import { formatProblems, validateSeed } from '../server/seed/validate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED_DIR = join(ROOT, 'seed');

// ---------------------------------------------------------------------------------------------
// The fact sheet's shape (see shared/data/facts/README.md).

interface Dated {
  value: string;
  precision: string;
  basis?: string;
  sources?: string[];
}
interface FactOrganization {
  id: string;
  name: string;
  type: string;
  country: string;
  parent?: string;
  aliases?: string[];
  notes?: string;
  sources: string[];
}
interface FactVendor {
  id: string;
  name: string;
  vendor_type: string;
  country: string;
  headquarters?: string;
  parent?: string;
  aliases?: string[];
  status?: string;
  products?: string[];
  notes?: string;
  sources: string[];
}
interface FactProduct {
  id: string;
  name: string;
  vendor: string;
  category: string;
  aliases?: string[];
  status?: string;
  notes?: string;
  sources: string[];
}
interface FactPrice {
  amount: number;
  currency: string;
  as_reported_by: string[];
  note?: string;
}
interface FactAcquisition {
  id: string;
  acquirer: string;
  target: string;
  deal_type: string;
  announced: Dated | null;
  closed: Dated | null;
  price: FactPrice[] | null;
  verification: string;
  notes?: string;
  sources: string[];
}
interface FactActor {
  id: string;
  name: string;
  aliases?: string[];
  type: string;
  first_seen: Dated | null;
  suspected_origin?: string;
  notes?: string;
  sources: string[];
}
interface FactVulnerability {
  id: string;
  cve: string;
  product: string;
  summary: string;
  disclosed?: Dated;
  exploited_in_incidents: string[];
  exploited_by_actors: string[];
  confidence: string;
  notes?: string;
  sources: string[];
}
interface FactInvolvement {
  ref: string;
  role: string;
  note?: string;
}
interface FactAttribution {
  actor: string | null;
  attribution: string;
  basis: string;
  sources: string[];
}
interface FactIncident {
  id: string;
  name: string;
  incident_type: string;
  summary: string;
  country: string[];
  geographic_scope: string;
  date_discovered: Dated | null;
  date_disclosed: Dated | null;
  dates: Record<string, Dated>;
  victims: FactInvolvement[];
  vendors_involved: FactInvolvement[];
  products: string[];
  vulnerabilities: string[];
  malware: string | null;
  initial_access: string | null;
  actors: FactAttribution[];
  individuals_affected: unknown[];
  impact: string | null;
  ransom: Record<string, unknown> | null;
  disputed_or_conflicting: string[];
  unverified: string[];
  related_incidents: string[];
  verification: string;
  sources: string[];
  key_sources: string[];
}
interface FactSource {
  id: string;
  publisher: string;
  title: string;
  title_basis: string;
  date: string | null;
  url: string;
  reliability: string;
  note?: string;
}
interface FactSheet {
  organizations: FactOrganization[];
  vendors: FactVendor[];
  products: FactProduct[];
  acquisitions: FactAcquisition[];
  actors: FactActor[];
  vulnerabilities: FactVulnerability[];
  incidents: FactIncident[];
  sources: FactSource[];
}

/** Fields the converter handles, per record kind: anything else in the fact sheet stops the build. */
const KNOWN_FIELDS: Record<keyof FactSheet, string[]> = {
  organizations: ['id', 'name', 'type', 'country', 'parent', 'aliases', 'notes', 'sources'],
  vendors: ['id', 'name', 'vendor_type', 'country', 'headquarters', 'parent', 'aliases', 'status', 'products', 'notes', 'sources'],
  products: ['id', 'name', 'vendor', 'category', 'aliases', 'status', 'notes', 'sources'],
  acquisitions: ['id', 'acquirer', 'target', 'deal_type', 'announced', 'closed', 'price', 'verification', 'notes', 'sources'],
  actors: ['id', 'name', 'aliases', 'type', 'first_seen', 'suspected_origin', 'notes', 'sources'],
  vulnerabilities: ['id', 'cve', 'product', 'summary', 'disclosed', 'exploited_in_incidents', 'exploited_by_actors', 'confidence', 'notes', 'sources'],
  incidents: [
    'id', 'name', 'incident_type', 'summary', 'country', 'geographic_scope', 'date_discovered', 'date_disclosed', 'dates',
    'victims', 'vendors_involved', 'products', 'vulnerabilities', 'malware', 'initial_access', 'actors',
    'individuals_affected', 'impact', 'ransom', 'disputed_or_conflicting', 'unverified', 'related_incidents',
    'verification', 'sources', 'key_sources',
  ],
  sources: ['id', 'publisher', 'title', 'title_basis', 'date', 'url', 'reliability', 'note'],
};

// ---------------------------------------------------------------------------------------------
// Helpers.

/** Notes on fact-sheet oddities met while converting; printed at the end and listed in docs/model.md. */
const remarks: string[] = [];

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function camel(key: string): string {
  return key.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Deep copy with object keys in camelCase; values (including nulls) kept as they are. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[camel(k)] = camelKeys(v);
    return out;
  }
  return value;
}

function toJson(value: unknown): string {
  return JSON.stringify(camelKeys(value));
}

/** Every Source id inside a nested structure (values under `sources` / `as_reported_by`), in order of appearance. */
function nestedSourceIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) nestedSourceIds(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'sources' || k === 'as_reported_by') && Array.isArray(v)) {
        for (const s of v) if (typeof s === 'string') out.push(s);
      } else nestedSourceIds(v, out);
    }
  }
  return out;
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/**
 * The record's own `sources`, then any source id cited only inside its nested structures (price
 * figures, dated values, attributions, counts). The fact sheet sometimes cites a source inside a
 * record without listing it in the record's `sources`; the seed lists it, so every id inside a
 * `*Json` property also appears in the node's or relationship's `sources`.
 */
function withNestedSources(recordId: string, own: string[], nested: unknown): string[] {
  const extra = unique(nestedSourceIds(nested)).filter((s) => !own.includes(s));
  if (extra.length > 0) remarks.push(`${recordId}: cites ${extra.join(', ')} inside nested fields but not in its sources; added to the seed record's sources`);
  return [...own, ...extra];
}

/** The stating record's sources that the record at the other end also cites, or `fallback` when there are none. */
function establishing(stating: string[], other: string[] | undefined, fallback: string[]): string[] {
  const shared = other ? stating.filter((s) => other.includes(s)) : [];
  return shared.length > 0 ? shared : fallback;
}

function put(props: SeedProps, key: string, value: SeedValue | null | undefined): void {
  if (value === null || value === undefined) return;
  props[key] = value;
}

/**
 * A dated value `{value, precision, basis?, sources?}` becomes `X` (the ISO value, when it is one),
 * `XPrecision`, and `XJson` (the whole object) when it carries a basis or sources or a non-ISO value.
 */
function putDated(recordId: string, props: SeedProps, key: string, dated: Dated | null | undefined): void {
  if (!dated) return;
  const iso = (DATE_PRECISIONS as readonly string[]).includes(dated.precision) && isIsoDate(dated.value);
  if (iso) props[key] = dated.value;
  props[`${key}Precision`] = dated.precision;
  if (!iso || dated.basis !== undefined || dated.sources !== undefined) props[`${key}Json`] = toJson(dated);
  if (!iso) remarks.push(`${recordId}: ${key} "${dated.value}" (precision ${dated.precision}) is not an ISO date: kept in ${key}Json, no ${key} property`);
}

function common(kind: NodeKind, name: string, aliases: string[] | undefined, notes: string | undefined, sources: string[] | null): SeedProps {
  const props: SeedProps = { kind, name, aliases: aliases ?? [], aliasText: (aliases ?? []).join(' | ') };
  if (sources) props.sources = sources;
  put(props, 'notes', notes);
  return props;
}

/** Extra label from an organisation's `type` (the original stays in `orgType`). */
function organizationSubtype(type: string): string | null {
  const t = type.toLowerCase();
  if (/^hospital( trust)?( \(paediatric\))?$/.test(t)) return 'Hospital';
  if (t.includes('health system') || t === 'hospital operator') return 'HealthSystem';
  if (t.includes('health plan') || t.includes('health insurer')) return 'HealthPlan';
  return null;
}

/** Milestones whose date can mark the start of an incident (with the headline discovered/disclosed dates). */
const START_MILESTONES = [
  'attack_start', 'attack', 'attack_window', 'intrusion', 'initial_access', 'exploitation_start', 'first_exploitation',
  'compromise', 'unauthorised_access', 'data_copied', 'data_copied_and_detected', 'discovered', 'detected', 'disclosed',
];

/** Pads `YYYY` / `YYYY-MM` to the first day and takes the start of a `YYYY-MM-DD/YYYY-MM-DD` range. */
function startDay(value: string): string {
  const start = value.split('/')[0] ?? value;
  if (/^\d{4}$/.test(start)) return `${start}-01-01`;
  if (/^\d{4}-\d{2}$/.test(start)) return `${start}-01`;
  return start;
}

const PRECISION_RANK: Record<string, number> = { day: 0, 'day-range': 0, month: 1, year: 2 };

/**
 * The incident's sortable date: the earliest of date_discovered, date_disclosed and the start milestones, with
 * month/year values padded to the first day and ranges taken at their start. When the earliest is coarse (e.g.
 * "2024-07") and a finer candidate falls inside that same month/year (attack on 2024-07-29), the finer one is
 * taken instead: it is the same moment, known more precisely.
 */
function incidentDate(inc: FactIncident): { date: string; precision: string; from: string } | null {
  const candidates: { from: string; dated: Dated }[] = [];
  if (inc.date_discovered) candidates.push({ from: 'date_discovered', dated: inc.date_discovered });
  if (inc.date_disclosed) candidates.push({ from: 'date_disclosed', dated: inc.date_disclosed });
  for (const [name, dated] of Object.entries(inc.dates)) if (START_MILESTONES.includes(name)) candidates.push({ from: `dates.${name}`, dated });
  const usable = candidates
    .filter(({ dated }) => (DATE_PRECISIONS as readonly string[]).includes(dated.precision) && isIsoDate(dated.value))
    .map(({ from, dated }) => ({
      from,
      date: startDay(dated.value),
      precision: dated.precision === 'day-range' ? 'day' : dated.precision,
      prefix: (dated.value.split('/')[0] ?? dated.value),
    }));
  const rank = (p: string): number => PRECISION_RANK[p] ?? 9;
  const order = (a: (typeof usable)[number], b: (typeof usable)[number]): number =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : rank(a.precision) - rank(b.precision);
  const [earliest] = [...usable].sort(order);
  if (!earliest) return null;
  const finer = usable
    .filter((c) => rank(c.precision) < rank(earliest.precision) && c.date.startsWith(earliest.prefix))
    .sort(order)[0];
  const best = finer ?? earliest;
  return { date: best.date, precision: best.precision, from: best.from };
}

/**
 * Records the fact sheet leaves without any source, with the citation the seed gives them and why.
 * Only where the fact sheet itself says where the record comes from.
 */
const MISSING_SOURCES: Record<string, { sources: string[]; basis: string }> = {
  'prod-sectra-anonymise-export': {
    sources: ['src-dhn-oracle-health-2025'],
    basis:
      "The fact sheet lists no source; its notes say the product is named only in the seed page's related-links list, " +
      "and the seed page is src-dhn-oracle-health-2025 (noted 'Seed document'). Still unverified.",
  },
};

// ---------------------------------------------------------------------------------------------
// The conversion.

export function buildSeed(facts: FactSheet): Seed {
  for (const [kind, fields] of Object.entries(KNOWN_FIELDS) as [keyof FactSheet, string[]][]) {
    for (const record of facts[kind] as unknown as Record<string, unknown>[]) {
      const unknownFields = Object.keys(record).filter((k) => !fields.includes(k));
      if (unknownFields.length > 0) throw new Error(`build-seed: ${kind} ${String(record.id)} has fields the converter does not handle: ${unknownFields.join(', ')}`);
    }
  }
  remarks.length = 0;
  const sourcesBasis = new Map<string, string>();
  for (const kind of ['organizations', 'vendors', 'products', 'actors', 'vulnerabilities', 'incidents'] as const) {
    for (const r of facts[kind]) {
      if (r.sources.length > 0) continue;
      const fix = MISSING_SOURCES[r.id];
      if (!fix) throw new Error(`build-seed: ${kind} ${r.id} has no sources and no entry in MISSING_SOURCES`);
      r.sources = [...fix.sources];
      sourcesBasis.set(r.id, fix.basis);
      remarks.push(`${r.id} has no sources in the fact sheet: cites ${fix.sources.join(', ')} (sourcesBasis says why)`);
    }
  }

  const nodes: SeedNode[] = [];
  const rels = new Map<string, SeedRelationship & { origin: Set<string> }>();
  const sourcesOf = new Map<string, string[]>();
  for (const kind of ['organizations', 'vendors', 'products', 'actors', 'vulnerabilities', 'incidents'] as const) {
    for (const r of facts[kind]) sourcesOf.set(r.id, r.sources);
  }
  const incidentsById = new Map(facts.incidents.map((i) => [i.id, i]));

  const node = (kind: NodeKind, id: string, props: SeedProps, extraLabels: string[] = []): void => {
    put(props, 'sourcesBasis', sourcesBasis.get(id));
    nodes.push({ id, labels: [ENTITY_LABEL, ...KIND_LABELS[kind], ...extraLabels], props });
  };

  /** List properties united when the same relationship is stated twice; other properties keep the first value. */
  const UNITED_PROPS = ['sources', 'derivedFrom'];

  /** Adds a relationship, or merges it into the one with the same id (sources and origins united). */
  const rel = (type: string, id: string, from: string, to: string, props: SeedProps, origin: string): void => {
    const existing = rels.get(id);
    if (!existing) {
      rels.set(id, { id, type, from, to, props, origin: new Set([origin]) });
      return;
    }
    existing.origin.add(origin);
    for (const [k, v] of Object.entries(props)) {
      if (UNITED_PROPS.includes(k)) {
        existing.props[k] = unique([...((existing.props[k] as string[] | undefined) ?? []), ...(v as string[])]);
        continue;
      }
      if (!(k in existing.props)) existing.props[k] = v;
      else if (JSON.stringify(existing.props[k]) !== JSON.stringify(v)) {
        remarks.push(`${id}: ${origin} gives ${k}=${JSON.stringify(v)}, kept ${JSON.stringify(existing.props[k])} from the first listing`);
      }
    }
  };

  // Sources.
  for (const s of facts.sources) {
    const props = common('SOURCE', s.title, undefined, undefined, null);
    put(props, 'publisher', s.publisher);
    put(props, 'title', s.title);
    put(props, 'titleBasis', s.title_basis);
    put(props, 'date', s.date);
    put(props, 'url', s.url);
    put(props, 'reliability', s.reliability);
    put(props, 'note', s.note);
    node('SOURCE', s.id, props);
  }

  // Organisations and vendors (both :Organization), with PART_OF from `parent`.
  for (const o of facts.organizations) {
    const props = common('ORGANIZATION', o.name, o.aliases, o.notes, o.sources);
    put(props, 'orgType', o.type);
    put(props, 'country', o.country);
    const subtype = organizationSubtype(o.type);
    node('ORGANIZATION', o.id, props, subtype ? [subtype] : []);
  }
  for (const v of facts.vendors) {
    const props = common('VENDOR', v.name, v.aliases, v.notes, v.sources);
    put(props, 'vendorType', v.vendor_type);
    put(props, 'country', v.country);
    put(props, 'headquarters', v.headquarters);
    put(props, 'status', v.status);
    node('VENDOR', v.id, props);
  }
  for (const [origin, records] of [
    ['organizations.parent', facts.organizations],
    ['vendors.parent', facts.vendors],
  ] as const) {
    for (const o of records) {
      if (!o.parent) continue;
      const props: SeedProps = {
        sources: establishing(o.sources, sourcesOf.get(o.parent), o.sources),
        confidence: 'reported',
      };
      // Validity from the acquisition (by the parent) that brought the child into the parent's ownership,
      // and until a later acquisition of the child by someone else closed (Cerner bought Siemens Health
      // Services from Siemens in 2015: the old parent link ends there).
      const basis: string[] = [];
      for (const a of facts.acquisitions) {
        if (a.target !== o.id || /spin-off/i.test(a.deal_type)) continue;
        if (!a.closed || !isIsoDate(a.closed.value)) continue;
        // An acquirer inside the parent's own group (CHI, part of CommonSpirit, merging with Dignity Health)
        // moves the child into the parent's ownership rather than out of it.
        const acquirerParent = [...facts.organizations, ...facts.vendors].find((x) => x.id === a.acquirer)?.parent;
        if (a.acquirer === o.parent || acquirerParent === o.parent) {
          props.validFrom = a.closed.value;
          props.validFromPrecision = a.closed.precision;
          basis.push(`validFrom: ${a.id} closed`);
        } else {
          props.validTo = a.closed.value;
          props.validToPrecision = a.closed.precision;
          basis.push(`validTo: ${a.id} closed (acquired by ${a.acquirer})`);
        }
        props.sources = unique([...(props.sources as string[]), ...a.sources]);
      }
      if (basis.length > 0) props.validityBasis = basis.join('; ');
      rel('PART_OF', `part-of:${o.id}:${o.parent}`, o.id, o.parent, props, origin);
    }
  }

  // Products, with MAKES from product.vendor and vendor.products.
  for (const p of facts.products) {
    const props = common('PRODUCT', p.name, p.aliases, p.notes, p.sources);
    put(props, 'category', p.category);
    put(props, 'status', p.status);
    node('PRODUCT', p.id, props);
    rel('MAKES', `makes:${p.vendor}:${p.id}`, p.vendor, p.id, {
      sources: establishing(p.sources, sourcesOf.get(p.vendor), p.sources),
      confidence: p.status === 'unverified' ? 'unverified' : 'reported',
    }, 'products.vendor');
  }
  const productsById = new Map(facts.products.map((p) => [p.id, p]));
  for (const v of facts.vendors) {
    for (const pid of v.products ?? []) {
      const p = productsById.get(pid);
      if (p && p.vendor !== v.id) {
        remarks.push(`${v.id} lists ${pid} among its products but ${pid}.vendor is ${p.vendor}: both MAKES edges kept`);
      }
      rel('MAKES', `makes:${v.id}:${pid}`, v.id, pid, {
        sources: establishing(v.sources, sourcesOf.get(pid), v.sources),
        confidence: p?.status === 'unverified' ? 'unverified' : 'reported',
      }, 'vendors.products');
    }
  }

  // Acquisitions: one ACQUIRED edge each, id = the acquisition id.
  for (const a of facts.acquisitions) {
    const props: SeedProps = {
      dealType: a.deal_type,
      sources: withNestedSources(a.id, a.sources, a.price),
      confidence: a.verification,
      verification: a.verification,
    };
    putDated(a.id, props, 'announced', a.announced);
    putDated(a.id, props, 'closed', a.closed);
    const spinOff = /spin-off/i.test(a.deal_type);
    const effective = a.closed ?? a.announced;
    if (effective && isIsoDate(effective.value)) {
      // A spin-off ends the ownership the edge describes: it gets validTo instead of validFrom.
      const key = spinOff ? 'validTo' : 'validFrom';
      props[key] = effective.value;
      props[`${key}Precision`] = effective.precision;
    }
    if (spinOff) remarks.push(`${a.id} is a spin-off filed among acquisitions: ACQUIRED edge kept (parent -> spun-off unit) with validTo = separation date`);
    props.pricesJson = toJson(a.price ?? []);
    put(props, 'notes', a.notes);
    rel('ACQUIRED', a.id, a.acquirer, a.target, props, 'acquisitions');
  }

  // Threat actors.
  for (const t of facts.actors) {
    const props = common('THREAT_ACTOR', t.name, t.aliases, t.notes, t.sources);
    put(props, 'actorType', t.type);
    putDated(t.id, props, 'firstSeen', t.first_seen);
    put(props, 'suspectedOrigin', t.suspected_origin);
    node('THREAT_ACTOR', t.id, props);
  }

  // Vulnerabilities, with AFFECTS (product), EXPLOITS (actors) and EXPLOITED (incidents).
  for (const c of facts.vulnerabilities) {
    const props = common('VULNERABILITY', c.cve, undefined, c.notes, c.sources);
    put(props, 'cve', c.cve);
    put(props, 'summary', c.summary);
    putDated(c.id, props, 'disclosed', c.disclosed);
    put(props, 'confidence', c.confidence);
    node('VULNERABILITY', c.id, props);
    rel('AFFECTS', `affects:${c.id}:${c.product}`, c.id, c.product, {
      sources: establishing(c.sources, sourcesOf.get(c.product), c.sources),
      confidence: c.confidence,
    }, 'vulnerabilities.product');
    for (const actor of c.exploited_by_actors) {
      rel('EXPLOITS', `exploits:${actor}:${c.id}`, actor, c.id, {
        sources: establishing(c.sources, sourcesOf.get(actor), c.sources),
        confidence: c.confidence,
      }, 'vulnerabilities.exploited_by_actors');
    }
    for (const incId of c.exploited_in_incidents) {
      if (!incidentsById.get(incId)?.vulnerabilities.includes(c.id)) {
        remarks.push(`${c.id}.exploited_in_incidents names ${incId}, which does not list ${c.id} among its vulnerabilities: EXPLOITED edge kept`);
      }
      rel('EXPLOITED', `exploited:${incId}:${c.id}`, incId, c.id, {
        sources: establishing(c.sources, sourcesOf.get(incId), c.sources),
        confidence: c.confidence,
      }, 'vulnerabilities.exploited_in_incidents');
    }
  }
  const vulnsById = new Map(facts.vulnerabilities.map((c) => [c.id, c]));

  // Incidents.
  for (const inc of facts.incidents) {
    const unnamed = inc.actors.filter((a) => a.actor === null);
    const nested = [inc.date_discovered, inc.date_disclosed, inc.dates, inc.individuals_affected, inc.ransom, unnamed];
    const sources = withNestedSources(inc.id, inc.sources, nested);
    const props = common('INCIDENT', inc.name, undefined, undefined, sources);
    put(props, 'incidentType', inc.incident_type);
    put(props, 'summary', inc.summary);
    put(props, 'country', inc.country);
    put(props, 'geographicScope', inc.geographic_scope);
    const start = incidentDate(inc);
    if (start) {
      props.date = start.date;
      props.datePrecision = start.precision;
      props.dateDerivedFrom = start.from;
    } else remarks.push(`${inc.id}: no sortable date could be derived`);
    putDated(inc.id, props, 'dateDiscovered', inc.date_discovered);
    putDated(inc.id, props, 'dateDisclosed', inc.date_disclosed);
    props.datesJson = toJson(Object.entries(inc.dates).map(([name, d]) => ({ name, ...d })));
    put(props, 'malware', inc.malware);
    put(props, 'initialAccess', inc.initial_access);
    if (unnamed.length > 0) props.attributionsJson = toJson(unnamed);
    props.figuresJson = toJson(inc.individuals_affected);
    put(props, 'impact', inc.impact);
    if (inc.ransom) props.ransomJson = toJson(inc.ransom);
    props.disputedJson = toJson(inc.disputed_or_conflicting);
    props.unverifiedJson = toJson(inc.unverified);
    put(props, 'verification', inc.verification);
    props.keySources = inc.key_sources;
    node('INCIDENT', inc.id, props);

    const fallback = inc.key_sources.length > 0 ? inc.key_sources : inc.sources;

    // AFFECTED from victims and vendors_involved, one edge per (incident, target, role).
    for (const [origin, list] of [
      ['incidents.victims', inc.victims],
      ['incidents.vendors_involved', inc.vendors_involved],
    ] as const) {
      for (const v of list) {
        const props: SeedProps = {
          role: v.role,
          sources: establishing(inc.sources, sourcesOf.get(v.ref), fallback),
          confidence: inc.verification,
        };
        put(props, 'note', v.note);
        rel('AFFECTED', `affected:${inc.id}:${v.ref}:${v.role}`, inc.id, v.ref, props, origin);
      }
    }

    // CUSTOMER_OF, derived: downstream victims of an incident with exactly one breached vendor.
    const breached = unique([...inc.victims, ...inc.vendors_involved].filter((v) => v.role === 'breached_vendor').map((v) => v.ref));
    const [vendor] = breached;
    if (breached.length === 1 && vendor !== undefined) {
      for (const v of inc.victims) {
        if (v.role !== 'affected_via_vendor') continue;
        rel('CUSTOMER_OF', `customer-of:${v.ref}:${vendor}`, v.ref, vendor, {
          sources: fallback,
          confidence: 'derived',
          derivedFrom: [inc.id],
          basis: 'affected_via_vendor victim of an incident whose only breached vendor is the target',
        }, 'derived: incidents.victims');
      }
    }

    for (const a of inc.actors) {
      if (a.actor === null) continue;
      const outside = a.sources.filter((sid) => !inc.sources.includes(sid));
      if (outside.length > 0) {
        remarks.push(`${inc.id}: attribution to ${a.actor} cites ${outside.join(', ')}, not in the incident's sources; cited on the ATTRIBUTED_TO edge only`);
      }
      rel('ATTRIBUTED_TO', `attributed-to:${inc.id}:${a.actor}`, inc.id, a.actor, {
        attribution: a.attribution,
        basis: a.basis,
        sources: a.sources,
        confidence: a.attribution,
      }, 'incidents.actors');
    }

    for (const cve of inc.vulnerabilities) {
      const c = vulnsById.get(cve);
      rel('EXPLOITED', `exploited:${inc.id}:${cve}`, inc.id, cve, {
        sources: c ? establishing(c.sources, inc.sources, c.sources) : fallback,
        confidence: c?.confidence ?? inc.verification,
      }, 'incidents.vulnerabilities');
    }

    for (const pid of inc.products) {
      rel('INVOLVED', `involved:${inc.id}:${pid}`, inc.id, pid, {
        sources: establishing(inc.sources, sourcesOf.get(pid), fallback),
        confidence: inc.verification,
      }, 'incidents.products');
    }

    for (const sid of sources) {
      rel('REPORTED_IN', `reported-in:${inc.id}:${sid}`, inc.id, sid, {
        sources: [sid],
        confidence: 'cited',
        keySource: inc.key_sources.includes(sid),
      }, 'incidents.sources');
    }

    for (const other of inc.related_incidents) {
      if (!incidentsById.get(other)?.related_incidents.includes(inc.id)) {
        remarks.push(`${inc.id} lists ${other} as related but not the other way round: one RELATED_TO edge (${inc.id} -> ${other})`);
      }
      rel('RELATED_TO', `related-to:${inc.id}:${other}`, inc.id, other, {
        sources: establishing(inc.sources, sourcesOf.get(other), fallback),
        confidence: 'reported',
      }, 'incidents.related_incidents');
    }
  }

  // Group into files, sorted by id.
  const seed: Seed = { nodes: {}, relationships: {} };
  for (const n of nodes.sort(byId)) {
    const kind = n.props.kind as NodeKind;
    (seed.nodes[nodeFileFor(kind)] ??= []).push(n);
  }
  for (const r of [...rels.values()].sort(byId)) {
    const { origin, ...plain } = r;
    plain.props.origin = [...origin].sort();
    (seed.relationships[relationshipFileFor(r.type)] ??= []).push(plain);
  }
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    if (type !== 'CUSTOMER_OF' && !seed.relationships[relationshipFileFor(type)]) remarks.push(`no ${type} relationships produced`);
  }
  return seed;
}

function writeSeed(seed: Seed, dir: string): void {
  for (const sub of ['nodes', 'relationships']) {
    mkdirSync(join(dir, sub), { recursive: true });
    for (const f of readdirSync(join(dir, sub))) if (f.endsWith('.json')) rmSync(join(dir, sub, f));
  }
  for (const [file, records] of [...Object.entries(seed.nodes), ...Object.entries(seed.relationships)]) {
    writeFileSync(join(dir, file), `${JSON.stringify(records, null, 2)}\n`);
  }
}

function main(): void {
  const arg = process.argv[2];
  if (!arg) {
    console.error('usage: npx tsx scripts/build-seed.ts <path to healthcare-incidents.json, relative to the project root>');
    process.exit(2);
  }
  const input = resolve(ROOT, arg);
  const facts = JSON.parse(readFileSync(input, 'utf8')) as FactSheet;
  const seed = buildSeed(facts);
  const problems = validateSeed(seed);
  if (problems.length > 0) {
    console.error(`build-seed: the generated seed has ${problems.length} problem(s):\n${formatProblems(problems)}`);
    process.exit(1);
  }
  writeSeed(seed, SEED_DIR);
  console.log(`build-seed: wrote ${relative(ROOT, SEED_DIR)}/ from ${relative(ROOT, input)}`);
  for (const [file, records] of [...Object.entries(seed.nodes), ...Object.entries(seed.relationships)]) {
    console.log(`  ${file.padEnd(36)} ${records.length}`);
  }
  if (remarks.length > 0) console.log(`fact-sheet remarks (${remarks.length}):\n${remarks.map((r) => `  - ${r}`).join('\n')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
