// Entity kinds: the GraphQL enum, the Neo4j label behind each, and how a node's labels map back to a kind.
export const KIND_LABELS = {
  ORGANIZATION: 'Organization',
  VENDOR: 'Vendor',
  PRODUCT: 'Product',
  INCIDENT: 'Incident',
  THREAT_ACTOR: 'ThreatActor',
  VULNERABILITY: 'Vulnerability',
  SOURCE: 'Source',
  BREACH_REPORT: 'BreachReport',
} as const;

export type EntityKind = keyof typeof KIND_LABELS;
export type KindLabel = (typeof KIND_LABELS)[EntityKind];

/** GraphQL object type name for each kind (the label, which is also the type name). */
export function typeNameOfKind(kind: EntityKind): KindLabel {
  return KIND_LABELS[kind];
}

/** Label → kind, in the order of KIND_LABELS (built once; kindOfLabels runs for every node of every answer). */
const KIND_BY_LABEL: readonly (readonly [KindLabel, EntityKind])[] = (Object.entries(KIND_LABELS) as [EntityKind, KindLabel][]).map(
  ([kind, label]) => [label, kind] as const,
);

/** The most specific kind a node's labels say it is (a Vendor is also an Organization). */
export function kindOfLabels(labels: readonly string[]): EntityKind | undefined {
  if (labels.includes('Vendor')) return 'VENDOR';
  for (const [label, kind] of KIND_BY_LABEL) {
    if (labels.includes(label)) return kind;
  }
  return undefined;
}
