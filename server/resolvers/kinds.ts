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

/** The most specific kind a node's labels say it is (a Vendor is also an Organization). */
export function kindOfLabels(labels: readonly string[]): EntityKind | undefined {
  if (labels.includes('Vendor')) return 'VENDOR';
  for (const [kind, label] of Object.entries(KIND_LABELS) as [EntityKind, KindLabel][]) {
    if (labels.includes(label)) return kind;
  }
  return undefined;
}
