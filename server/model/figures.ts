// Individuals-affected figures: which reported numbers count people, which are placeholders, and the one
// figure per incident that totals may use without double counting.

export interface Figure {
  count: number | null;
  unit?: string;
  reportedBy?: string;
  asOf?: string;
  note?: string;
  sources?: string[];
  placeholder?: boolean;
}

/** Counts that stand in while a victim assesses (HHS OCR requires ≥ 500, so 500/501 are common placeholders). */
export const PLACEHOLDER_COUNTS = new Set([500, 501]);

/** Whole words naming people; a unit that counts things about people (appointments, cases) does not count. */
const PEOPLE = /\b(individuals?|patients?|members?|customers?|donors?|people|consumers?|employees?|persons?|residents?|staff|enrollees?|dependents?)\b/i;
const NOT_PEOPLE = /\b(claimed|placeholder|appointments?|procedures?|cases?|records?|organi[sz]ations?|hospitals?|sites?|tenants?|businesses|trusts?|SSNs?)\b/i;

export function isPlaceholder(f: Figure): boolean {
  return f.placeholder === true || (typeof f.unit === 'string' && /placeholder/i.test(f.unit)) || (f.count !== null && PLACEHOLDER_COUNTS.has(f.count));
}

/** True when the figure counts people (not organisations, records or appointments) and is not a claim or placeholder. */
export function countsPeople(f: Figure): boolean {
  if (f.count === null || !Number.isFinite(f.count) || f.count <= 0) return false;
  if (isPlaceholder(f)) return false;
  const unit = f.unit ?? 'individuals';
  return PEOPLE.test(unit) && !NOT_PEOPLE.test(unit);
}

/**
 * The incident's figure for totals: the largest figure that counts people. Reported figures of one
 * incident are alternative estimates or overlapping subsets (an initial and a final HHS count, one
 * customer's share), so adding them would double count; the largest is the best single estimate.
 */
export function incidentFigure(figures: Figure[]): Figure | undefined {
  let best: Figure | undefined;
  for (const f of figures) if (countsPeople(f) && (best === undefined || f.count! > best.count!)) best = f;
  return best;
}

export function parseFigures(json: unknown): Figure[] {
  if (typeof json !== 'string' || json === '') return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as Figure[]) : [];
  } catch {
    return [];
  }
}
