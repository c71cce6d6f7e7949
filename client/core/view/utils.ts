// Pure helpers for the view: the empty view, limits, and the key that says when the data must be re-asked.
import { FOLLOW, type Expansion, type ViewState } from './types.ts';

// The caps mirror the ranges server/resolvers allows: neighborhood(limit) 1–2000, Entity.relationships(first)
// 1–500, blastRadius(limit) 1–5000. Asking past them is an error, so "Load more" stops there.
export const DEFAULT_ROOT_LIMIT = 200;
export const DEFAULT_EXPANSION_LIMIT = 50;
export const MAX_LIMIT = 2000;
/** Expansions by relationship type use `relationships(first:)`, which the server caps at 500. */
export const MAX_TYPED_LIMIT = 500;
export const DEFAULT_BLAST_HOPS = 3;
export const BLAST_LIMIT = 500;
export const MAX_BLAST_LIMIT = 5000;
/** How much one "Load more" raises a cap. */
export const LOAD_MORE_FACTOR = 4;

export function getEmptyViewState(): ViewState {
  return {
    mode: 'explore',
    focus: null,
    target: null,
    depth: 1,
    limit: DEFAULT_ROOT_LIMIT,
    hops: DEFAULT_BLAST_HOPS,
    follow: [...FOLLOW],
    blastLimit: BLAST_LIMIT,
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
  return JSON.stringify([view.mode, view.focus, view.target, view.depth, view.limit, view.hops, view.follow, view.blastLimit, view.expansions, view.collapsed, view.asOf]);
}

/** The largest cap the server accepts for an expansion (typed ones page `relationships`, which stops at 500). */
export function maxExpansionLimit(types: string[] | null): number {
  return types ? MAX_TYPED_LIMIT : MAX_LIMIT;
}

/**
 * The view with the cap of the answer grown from `origin` raised (the opened neighbourhood, the blast radius, or
 * the expansions of that node), or null when no such answer can grow: "Load more" is only offered where it acts.
 */
export function withMoreLoaded(view: ViewState, origin: string): ViewState | null {
  const raise = (limit: number, max: number) => Math.min(max, limit * LOAD_MORE_FACTOR);
  if (view.mode === 'explore' && view.focus === origin && !view.collapsed.includes(origin) && view.limit < MAX_LIMIT) {
    return { ...view, limit: raise(view.limit, MAX_LIMIT) };
  }
  if (view.mode === 'blast' && view.focus === origin && view.blastLimit < MAX_BLAST_LIMIT) {
    return { ...view, blastLimit: raise(view.blastLimit, MAX_BLAST_LIMIT) };
  }
  const grows = (e: Expansion) => e.id === origin && e.limit < maxExpansionLimit(e.types);
  if (!view.expansions.some(grows)) return null;
  return { ...view, expansions: view.expansions.map((e) => (grows(e) ? { ...e, limit: raise(e.limit, maxExpansionLimit(e.types)) } : e)) };
}

export function canLoadMore(view: ViewState, origin: string): boolean {
  return withMoreLoaded(view, origin) !== null;
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
