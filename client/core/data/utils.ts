// Pure helpers for loaded data.
import type { DataState, Truncation } from './types.ts';
import type { PartResult } from '../../graph/queries.ts';

export function getEmptyDataState(): DataState {
  return { status: { status: 'idle' }, key: null, parts: [], blast: null, paths: null, truncations: [], names: {} };
}

export function truncationsOf(results: PartResult[]): Truncation[] {
  const out: Truncation[] = [];
  for (const r of results) {
    const omitted = Math.max(r.subgraph.omitted, r.blast?.omitted ?? 0);
    if (!r.subgraph.truncated && !(r.blast?.truncated ?? false) && omitted === 0) continue;
    const limit = /(?:limit|first): (\d+)/.exec(r.part.field);
    out.push({ origin: r.part.origin, label: r.part.label, omitted, unit: r.omittedUnit, limit: limit ? Number(limit[1]) : null });
  }
  return out;
}

/** Omitted counts by the node the cut answer grew from. */
export function omittedByNode(truncations: Truncation[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const t of truncations) map.set(t.origin, (map.get(t.origin) ?? 0) + t.omitted);
  return map;
}
