// Entity kinds as the client shows them: colour, readable name and a one-letter icon (hex colours: sigma 3 draws hsl() as black).
export const KIND_STYLE = {
  ORGANIZATION: { color: '#3b7dd8', label: 'Organisation', icon: 'O' },
  VENDOR: { color: '#e07b1f', label: 'Vendor', icon: 'V' },
  PRODUCT: { color: '#9b59b6', label: 'Product', icon: 'P' },
  INCIDENT: { color: '#d62f3a', label: 'Incident', icon: 'I' },
  THREAT_ACTOR: { color: '#2d2d2d', label: 'Threat actor', icon: 'A' },
  VULNERABILITY: { color: '#b58f00', label: 'Vulnerability', icon: 'C' },
  SOURCE: { color: '#7f8c8d', label: 'Source', icon: 'S' },
  BREACH_REPORT: { color: '#16a085', label: 'Breach report', icon: 'B' },
} as const;

export type Kind = keyof typeof KIND_STYLE;
export const KINDS = Object.keys(KIND_STYLE) as Kind[];

export interface KindStyle {
  color: string;
  label: string;
  icon: string;
}

export function kindStyle(kind: string): KindStyle {
  return (KIND_STYLE as Record<string, KindStyle>)[kind] ?? { color: '#999999', label: kind, icon: '?' };
}

/** Kinds a blast radius can start from. */
export const BLAST_ORIGIN_KINDS: readonly string[] = ['INCIDENT', 'VENDOR'];
