// Pure helpers for the view: the empty view, limits, and the key that says when the data must be re-asked.
import { FOLLOW, type Expansion, type ViewState } from './types.ts';

export const DEFAULT_ROOT_LIMIT = 200;
export const DEFAULT_EXPANSION_LIMIT = 50;
export const MAX_LIMIT = 2000;
export const DEFAULT_BLAST_HOPS = 3;
export const BLAST_LIMIT = 500;

export function getEmptyViewState(): ViewState {
  return {
    mode: 'explore',
    focus: null,
    target: null,
    depth: 1,
    limit: DEFAULT_ROOT_LIMIT,
    hops: DEFAULT_BLAST_HOPS,
    follow: [...FOLLOW],
    expansions: [],
    collapsed: [],
    asOf: null,
    pins: [],
    selection: null,
    camera: null,
  };
}

/** Everything that changes what the server is asked; a change of this key means a reload. */
export function dataKey(view: ViewState): string {
  return JSON.stringify([view.mode, view.focus, view.target, view.depth, view.limit, view.hops, view.follow, view.expansions, view.collapsed, view.asOf]);
}

export function sameTypes(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

export function expansionLabel(e: Expansion): string {
  return e.types ? `${e.types.join(', ')} (cap ${e.limit})` : `all relationships (cap ${e.limit})`;
}

export function isExpanded(view: ViewState, id: string): boolean {
  return view.expansions.some((e) => e.id === id) || (view.mode === 'explore' && view.focus === id && !view.collapsed.includes(id));
}

export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
