// What an import writes: nodes and relationships keyed by their stable ids, merged in memory first (a file that
// names one organisation twice writes it once), then sent in batches to cypher/import-merge-*.cypher.
import neo4j from 'neo4j-driver';

/** Labels an import may put on a node (the seed's, plus Malware and Tool for ATT&CK software). */
export const IMPORT_LABELS = [
  'Entity',
  'Organization',
  'Vendor',
  'Hospital',
  'HealthSystem',
  'HealthPlan',
  'Product',
  'Malware',
  'Tool',
  'ThreatActor',
  'Vulnerability',
  'Source',
  'BreachReport',
] as const;

/** Relationship types an import may write, with the labels of their ends (see docs/model.md, "Imported data"). */
export const IMPORT_RELATIONSHIPS: Record<string, { from: string; to: string; reads: string }> = {
  REPORTED: { from: 'Organization', to: 'BreachReport', reads: 'organisation reported breach report (HHS OCR)' },
  CONCERNS: { from: 'BreachReport', to: 'Incident', reads: 'breach report concerns incident (derived, with evidence)' },
  CUSTOMER_OF: { from: 'Organization', to: 'Vendor', reads: 'organisation is a customer of vendor (vendor-published endpoint list)' },
  POSSIBLE_SAME_AS: { from: 'Entity', to: 'Entity', reads: 'entity may be the same as entity (score, reason)' },
  USES: { from: 'Entity', to: 'Product', reads: 'threat actor (or software) uses software (ATT&CK)' },
  TARGETS: { from: 'ThreatActor', to: 'Entity', reads: 'threat actor targets vulnerability or organisation (STIX)' },
  ATTRIBUTED_TO: { from: 'ThreatActor', to: 'ThreatActor', reads: 'actor is attributed to actor (STIX attributed-to)' },
  AFFECTS: { from: 'Vulnerability', to: 'Product', reads: 'vulnerability affects product (CISA KEV)' },
  MAKES: { from: 'Vendor', to: 'Product', reads: 'vendor makes product (CISA KEV)' },
};

export type PropValue = string | number | boolean | string[] | number[] | boolean[];
export type Props = Record<string, PropValue | undefined | null>;

export interface WriteSpec {
  /** Labels to add (only on nodes the import creates; matched nodes keep theirs). */
  labels?: string[];
  /** Properties set only when the node/relationship is created. */
  create?: Props;
  /** Properties set every time (the dataset's own values, which a newer export may change). */
  set?: Props;
  /** Lists extended with the values they do not hold yet (sources, aliases, postal codes, endpoints). */
  union?: Record<string, string[]>;
  /**
   * The Source whose values `set` carries. Recorded on the node as `valuesFrom`; a file imported again after a newer
   * one (its source already cited, another file's values in place) does not roll the values back.
   */
  valuesFrom?: string;
}

export interface NodeWrite {
  id: string;
  labels: string[];
  create: Record<string, PropValue>;
  set: Record<string, PropValue>;
  union: Record<string, string[]>;
  valuesFrom?: string;
}

export interface RelWrite extends Omit<NodeWrite, 'labels' | 'valuesFrom'> {
  type: string;
  from: string;
  to: string;
}

function clean(props: Props | undefined): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  for (const k in props) {
    const v = props[k];
    if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isNaN(v))) out[k] = v;
  }
  return out;
}

function mergeUnion(into: Record<string, string[]>, more: Record<string, string[]> | undefined): void {
  for (const k in more) {
    const current = (into[k] ??= []);
    for (const v of more[k]!) if (!current.includes(v)) current.push(v);
  }
}

const ALLOWED_LABELS: ReadonlySet<string> = new Set(IMPORT_LABELS);

export class PlanError extends Error {
  override readonly name = 'PlanError';
}

export class Plan {
  readonly nodes = new Map<string, NodeWrite>();
  readonly relationships = new Map<string, RelWrite>();

  /** Adds a node write, or folds it into the one already planned for `id` (first `create` values win, later `set` values win). */
  node(id: string, spec: WriteSpec): NodeWrite {
    for (const l of spec.labels ?? []) {
      if (!ALLOWED_LABELS.has(l)) throw new PlanError(`label "${l}" is not in the import allow-list`);
    }
    const existing = this.nodes.get(id);
    if (!existing) {
      const write: NodeWrite = { id, labels: [...new Set(['Entity', ...(spec.labels ?? [])])], create: clean(spec.create), set: clean(spec.set), union: {} };
      if (spec.valuesFrom) write.valuesFrom = spec.valuesFrom;
      mergeUnion(write.union, spec.union);
      this.nodes.set(id, write);
      return write;
    }
    for (const l of spec.labels ?? []) if (!existing.labels.includes(l)) existing.labels.push(l);
    // First create values win, later set values win.
    if (spec.create) for (const [k, v] of Object.entries(clean(spec.create))) if (!(k in existing.create)) existing.create[k] = v;
    if (spec.set) Object.assign(existing.set, clean(spec.set));
    mergeUnion(existing.union, spec.union);
    if (spec.valuesFrom) existing.valuesFrom = spec.valuesFrom;
    return existing;
  }

  relationship(type: string, from: string, to: string, id: string, spec: Omit<WriteSpec, 'labels'>): RelWrite {
    if (!IMPORT_RELATIONSHIPS[type]) throw new PlanError(`relationship type "${type}" is not in the import allow-list`);
    const existing = this.relationships.get(id);
    if (!existing) {
      const write: RelWrite = { id, type, from, to, create: clean(spec.create), set: clean(spec.set), union: {} };
      mergeUnion(write.union, spec.union);
      if (!write.union.sources?.length) throw new PlanError(`relationship ${id} cites no source`);
      this.relationships.set(id, write);
      return write;
    }
    if (existing.type !== type || existing.from !== from || existing.to !== to) throw new PlanError(`relationship id ${id} planned twice with different ends`);
    if (spec.create) for (const [k, v] of Object.entries(clean(spec.create))) if (!(k in existing.create)) existing.create[k] = v;
    if (spec.set) Object.assign(existing.set, clean(spec.set));
    mergeUnion(existing.union, spec.union);
    return existing;
  }

  get size(): number {
    return this.nodes.size + this.relationships.size;
  }
}

/** Whole numbers go to Neo4j as integers (the driver would send every JS number as a float). */
export function toNeo4jValue(v: PropValue): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return neo4j.int(v);
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isInteger(x))) return (v as number[]).map((x) => neo4j.int(x));
  return v;
}

function toNeo4jProps(props: Record<string, PropValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) out[k] = toNeo4jValue(v);
  return out;
}

/** Parameters for cypher/import-merge-nodes.cypher. */
export function nodeRow(w: NodeWrite): Record<string, unknown> {
  return { id: w.id, labels: w.labels, create: toNeo4jProps(w.create), set: toNeo4jProps(w.set), union: w.union, valuesFrom: w.valuesFrom ?? null };
}

/** Parameters for cypher/import-merge-relationships.cypher. */
export function relRow(w: RelWrite): Record<string, unknown> {
  return { id: w.id, type: w.type, from: w.from, to: w.to, create: toNeo4jProps(w.create), set: toNeo4jProps(w.set), union: w.union };
}

/** `list` extended with the values of `more` it lacks, as import-merge-*.cypher extend a list property. */
function extended(list: PropValue | undefined, more: string[], skip?: PropValue): string[] {
  const current = Array.isArray(list) ? (list as string[]) : [];
  return [...current, ...more.filter((x) => !current.includes(x) && x !== skip)];
}

/**
 * The properties import-merge-nodes.cypher would give a node it creates (create, then set, then valuesFrom, the union
 * lists with an alias equal to the name left out, and aliasText), so creating it outright is the same as merging it.
 */
export function createdNodeProps(w: NodeWrite): Record<string, PropValue> {
  const props: Record<string, PropValue> = { ...w.create, ...w.set, id: w.id };
  if (w.valuesFrom !== undefined) props.valuesFrom = w.valuesFrom;
  for (const [k, more] of Object.entries(w.union)) props[k] = extended(props[k], more, k === 'aliases' ? props.name : undefined);
  if (Array.isArray(props.aliases)) props.aliasText = (props.aliases as string[]).join(' | ');
  return props;
}

/** The properties import-merge-relationships.cypher would give a relationship it creates. */
export function createdRelProps(w: RelWrite): Record<string, PropValue> {
  const props: Record<string, PropValue> = { ...w.create, ...w.set, id: w.id };
  for (const [k, more] of Object.entries(w.union)) props[k] = extended(props[k], more);
  return props;
}

function sameValue(a: PropValue | undefined, b: PropValue | undefined): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Splits `props` (one map per row) into the values every row shares, sent once, and what is left of each row. */
function shareValues(props: Record<string, PropValue>[]): { shared: Record<string, unknown>; rows: Record<string, unknown>[] } {
  const first = props[0] ?? {};
  const keys = Object.keys(first).filter((k) => k !== 'id' && props.every((p) => k in p && sameValue(p[k], first[k])));
  const shared: Record<string, PropValue> = {};
  for (const k of keys) shared[k] = first[k]!;
  const rows = props.map((p) => {
    const own: Record<string, PropValue> = {};
    for (const k in p) if (!(k in shared)) own[k] = p[k]!;
    return toNeo4jProps(own);
  });
  return { shared: toNeo4jProps(shared), rows };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Parameters for cypher/import-create-nodes.cypher, one batch per set of labels and at most `size` rows: the values
 * every node of the batch shares (the file's Source in `sources`, `kind`, an empty alias list…) go once in `shared`,
 * each row holds the rest (its id included). The nodes get exactly what createdNodeProps says.
 */
export function createNodeBatches(writes: readonly NodeWrite[], size: number): { labels: string[]; shared: Record<string, unknown>; rows: Record<string, unknown>[] }[] {
  return groupBy(writes, (w) => w.labels.join(':')).flatMap((group) =>
    chunks(group, size).map((batch) => ({ labels: batch[0]!.labels, ...shareValues(batch.map(createdNodeProps)) })),
  );
}

/** Parameters for cypher/import-create-relationships.cypher: one batch per type, shared values sent once. */
export function createRelBatches(
  writes: readonly RelWrite[],
  size: number,
): { type: string; shared: Record<string, unknown>; rows: { from: string; to: string; props: Record<string, unknown> }[] }[] {
  return groupBy(writes, (w) => w.type).flatMap((group) =>
    chunks(group, size).map((batch) => {
      const { shared, rows } = shareValues(batch.map(createdRelProps));
      return { type: batch[0]!.type, shared, rows: rows.map((props, i) => ({ from: batch[i]!.from, to: batch[i]!.to, props })) };
    }),
  );
}
