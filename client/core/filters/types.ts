// Filters hide what is drawn and exported (never what is loaded): entity kinds and relationship confidence.
export interface FiltersState {
  /** Entity kinds not shown. */
  hiddenKinds: string[];
  /** Relationship confidence (or attribution) levels not shown; `unknown` for none. */
  hiddenConfidence: string[];
}

export const DEFAULT_HIDDEN_KINDS = ['SOURCE'] as const;
