// The seed format (seed/nodes/*.json, seed/relationships/*.json) and its allow-lists of labels and relationship types.

/** A property value Neo4j can store: a scalar or a homogeneous list of scalars (no null, no nested objects). */
export type SeedScalar = string | number | boolean;
export type SeedValue = SeedScalar | string[] | number[] | boolean[];
export type SeedProps = Record<string, SeedValue>;

/** One node: merged on (:Entity {id}); `props` never repeats `id`. */
export interface SeedNode {
  id: string;
  labels: string[];
  props: SeedProps;
}

/** One relationship: merged on its `id` between (:Entity {id: from}) and (:Entity {id: to}). */
export interface SeedRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  props: SeedProps;
}

/**
 * A seed as read from disk: the records of each file, keyed by the file's path relative to the
 * seed directory (`nodes/incident.json`, `relationships/AFFECTED.json`), so problems can name the file.
 */
export interface Seed {
  nodes: Record<string, SeedNode[]>;
  relationships: Record<string, SeedRelationship[]>;
}

export const NODE_KINDS = [
  'ORGANIZATION',
  'VENDOR',
  'PRODUCT',
  'INCIDENT',
  'THREAT_ACTOR',
  'VULNERABILITY',
  'SOURCE',
  'BREACH_REPORT',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The label that every node of a kind carries besides `Entity` (Vendor nodes also carry `Organization`). */
export const KIND_LABELS: Record<NodeKind, readonly string[]> = {
  ORGANIZATION: ['Organization'],
  VENDOR: ['Organization', 'Vendor'],
  PRODUCT: ['Product'],
  INCIDENT: ['Incident'],
  THREAT_ACTOR: ['ThreatActor'],
  VULNERABILITY: ['Vulnerability'],
  SOURCE: ['Source'],
  BREACH_REPORT: ['BreachReport'],
};

/** Extra labels an organisation may carry, derived from its `orgType`. */
export const ORGANIZATION_SUBTYPE_LABELS = ['Hospital', 'HealthSystem', 'HealthPlan'] as const;

export const ENTITY_LABEL = 'Entity';

/** Every label a seed node may carry. */
export const NODE_LABELS: readonly string[] = [
  ENTITY_LABEL,
  'Organization',
  'Vendor',
  ...ORGANIZATION_SUBTYPE_LABELS,
  'Product',
  'Incident',
  'ThreatActor',
  'Vulnerability',
  'Source',
  'BreachReport',
];

/** File (under nodes/) that holds the nodes of each kind. */
export function nodeFileFor(kind: NodeKind): string {
  return `nodes/${kind.toLowerCase().replace(/_/g, '-')}.json`;
}

export interface RelationshipSpec {
  /** Label the start node must carry. */
  from: string;
  /** Label the end node must carry. */
  to: string;
  /** The relationship read as a sentence, for docs and error messages. */
  reads: string;
}

/** Allow-list of relationship types, with the labels their endpoints must carry. */
export const RELATIONSHIP_TYPES: Record<string, RelationshipSpec> = {
  PART_OF: { from: 'Organization', to: 'Organization', reads: 'organisation is part of (a subsidiary of) organisation' },
  MAKES: { from: 'Vendor', to: 'Product', reads: 'vendor makes product' },
  ACQUIRED: { from: 'Organization', to: 'Organization', reads: 'organisation acquired organisation' },
  AFFECTED: { from: 'Incident', to: 'Organization', reads: 'incident affected organisation (in a role)' },
  CUSTOMER_OF: { from: 'Organization', to: 'Vendor', reads: 'organisation is a customer of vendor' },
  ATTRIBUTED_TO: { from: 'Incident', to: 'ThreatActor', reads: 'incident is attributed to threat actor' },
  EXPLOITED: { from: 'Incident', to: 'Vulnerability', reads: 'incident exploited vulnerability' },
  AFFECTS: { from: 'Vulnerability', to: 'Product', reads: 'vulnerability affects product' },
  EXPLOITS: { from: 'ThreatActor', to: 'Vulnerability', reads: 'threat actor exploits vulnerability' },
  INVOLVED: { from: 'Incident', to: 'Product', reads: 'incident involved product' },
  REPORTED_IN: { from: 'Incident', to: 'Source', reads: 'incident is reported in source' },
  RELATED_TO: { from: 'Incident', to: 'Incident', reads: 'incident is related to incident' },
  USES: { from: 'Organization', to: 'Product', reads: 'organisation uses product' },
  BUSINESS_ASSOCIATE_OF: { from: 'Organization', to: 'Organization', reads: 'vendor is a business associate of covered entity' },
};

export const RELATIONSHIP_TYPE_NAMES: readonly string[] = Object.keys(RELATIONSHIP_TYPES);

/** File (under relationships/) that holds the relationships of a type. */
export function relationshipFileFor(type: string): string {
  return `relationships/${type}.json`;
}

/** Properties that hold lists of Source ids (besides any property ending in `Sources`). */
export const SOURCE_LIST_PROPS = ['sources', 'keySources'] as const;

/** Properties that hold node ids (a string or a list of strings), e.g. the incidents a derived edge comes from. */
export const NODE_REF_PROPS = ['derivedFrom'] as const;

/** Keys inside `*Json` properties whose values are Source ids (a string or a list of strings). */
export const JSON_SOURCE_KEYS = ['sources', 'asReportedBy'] as const;

/** Date properties: ISO `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`. */
export function isDateProp(key: string): boolean {
  return (
    key === 'date' ||
    key === 'validFrom' ||
    key === 'validTo' ||
    key === 'announced' ||
    key === 'closed' ||
    key === 'firstSeen' ||
    key === 'disclosed' ||
    key === 'asOf' ||
    key === 'dateDiscovered' ||
    key === 'dateDisclosed'
  );
}

export const ISO_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const ISO_DAY_RANGE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\/\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) || ISO_DAY_RANGE.test(value);
}

/** Precisions for which a dated value's `value` must be an ISO date (others, like `conflicting`, keep free text). */
export const DATE_PRECISIONS = ['day', 'month', 'year', 'day-range'] as const;
