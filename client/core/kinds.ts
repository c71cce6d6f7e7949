// Entity kinds as the client shows them: colour and readable name (hex colours: sigma 3 draws hsl() as black).
export const KIND_STYLE = {
  ORGANIZATION: { color: '#3b7dd8', label: 'Organisation' },
  VENDOR: { color: '#e07b1f', label: 'Vendor' },
  PRODUCT: { color: '#9b59b6', label: 'Product' },
  INCIDENT: { color: '#d62f3a', label: 'Incident' },
  THREAT_ACTOR: { color: '#2d2d2d', label: 'Threat actor' },
  VULNERABILITY: { color: '#c9a400', label: 'Vulnerability' },
  SOURCE: { color: '#7f8c8d', label: 'Source' },
  BREACH_REPORT: { color: '#16a085', label: 'Breach report' },
} as const;

export type Kind = keyof typeof KIND_STYLE;

export function kindStyle(kind: string): { color: string; label: string } {
  return (KIND_STYLE as Record<string, { color: string; label: string }>)[kind] ?? { color: '#999999', label: kind };
}
