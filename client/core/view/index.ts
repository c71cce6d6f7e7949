// View state and its actions: open an entity, a blast radius or a path question; expand, collapse, undo; date, pins.
import { createStore } from '../store.ts';
import type { CameraView, Expansion, HistoryEntry, Selection, ViewState } from './types.ts';
import { BLAST_LIMIT, DEFAULT_EXPANSION_LIMIT, getEmptyViewState, maxExpansionLimit, sameTypes, withMoreLoaded } from './utils.ts';

export const viewStore = createStore<ViewState>(getEmptyViewState());
const history = createStore<HistoryEntry[]>([]);
export const historyStore = { get: history.get, subscribe: history.subscribe };

function snapshot(view: ViewState): HistoryEntry {
  return { expansions: view.expansions, collapsed: view.collapsed, limit: view.limit, blastLimit: view.blastLimit };
}

function pushHistory(): void {
  const entry = snapshot(viewStore.get());
  history.set((h) => [...h.slice(-49), entry]);
}

function fresh(patch: Partial<ViewState>): void {
  const previous = viewStore.get();
  history.set([]);
  viewStore.set({
    ...getEmptyViewState(),
    // The date and blast settings are the user's context, not the entity's: keep them.
    asOf: previous.asOf,
    hops: previous.hops,
    follow: previous.follow,
    ...patch,
  });
}

/** Opens an entity: its neighbourhood, the entity selected. */
export function openEntity(id: string): void {
  fresh({ mode: 'explore', focus: id, selection: { type: 'node', id } });
}

/** Opens the blast radius of an incident or vendor. */
export function openBlastRadius(id: string): void {
  fresh({ mode: 'blast', focus: id, selection: { type: 'node', id } });
}

/** Asks how two entities are connected. */
export function openPaths(from: string, to: string): void {
  fresh({ mode: 'paths', focus: from, target: to, selection: null });
}

/** Replaces the whole view (a shared link). */
export function restoreView(view: ViewState): void {
  history.set([]);
  viewStore.set(view);
}

export function expand(id: string, types: string[] | null = null, limit = DEFAULT_EXPANSION_LIMIT): void {
  const view = viewStore.get();
  const normalised = types && types.length > 0 ? [...types].sort() : null;
  if (view.expansions.some((e) => e.id === id && sameTypes(e.types, normalised))) return;
  pushHistory();
  const expansion: Expansion = { id, types: normalised, limit: Math.min(limit, maxExpansionLimit(normalised)) };
  viewStore.set({ ...view, expansions: [...view.expansions, expansion], collapsed: view.collapsed.filter((c) => c !== id) });
}

/** Raises the cap of the answer that left entities out around `id` (the opened root, the blast radius or its expansions). */
export function loadMore(id: string): void {
  const next = withMoreLoaded(viewStore.get(), id);
  if (!next) return;
  pushHistory();
  viewStore.set(next);
}

/** Takes back what expanding `id` brought in (for the opened entity: its neighbourhood). */
export function collapse(id: string): void {
  const view = viewStore.get();
  const isRoot = view.mode === 'explore' && view.focus === id;
  if (!isRoot && !view.expansions.some((e) => e.id === id)) return;
  if (isRoot && view.collapsed.includes(id) && !view.expansions.some((e) => e.id === id)) return;
  pushHistory();
  viewStore.set({
    ...view,
    expansions: view.expansions.filter((e) => e.id !== id),
    collapsed: isRoot && !view.collapsed.includes(id) ? [...view.collapsed, id] : view.collapsed,
  });
}

export function canUndo(): boolean {
  return history.get().length > 0;
}

/** Restores the view as it was before the last expansion, collapse or "load more". */
export function undo(): void {
  const entries = history.get();
  const last = entries[entries.length - 1];
  if (!last) return;
  history.set(entries.slice(0, -1));
  viewStore.set({ ...viewStore.get(), ...last });
}

export function setAsOf(asOf: string | null): void {
  const view = viewStore.get();
  if (view.asOf === asOf) return;
  viewStore.set({ ...view, asOf });
}

export function setBlastOptions(hops: number, follow: ViewState['follow']): void {
  const view = viewStore.get();
  viewStore.set({ ...view, hops: Math.max(1, Math.min(4, hops)), follow: follow.length > 0 ? follow : view.follow });
}

export function setDepth(depth: number): void {
  const view = viewStore.get();
  viewStore.set({ ...view, depth: Math.max(1, Math.min(3, depth)) });
}

export function select(selection: Selection): void {
  const view = viewStore.get();
  const current = view.selection;
  if (current?.type === selection?.type && current?.id === selection?.id) return;
  viewStore.set({ ...view, selection });
}

export function pin(id: string, x: number, y: number): void {
  const view = viewStore.get();
  viewStore.set({ ...view, pins: [...view.pins.filter((p) => p.id !== id), { id, x, y }] });
}

export function unpin(id: string): void {
  const view = viewStore.get();
  if (!view.pins.some((p) => p.id === id)) return;
  viewStore.set({ ...view, pins: view.pins.filter((p) => p.id !== id) });
}

/** The camera a shared link asks for; consumed once the view is laid out. */
export function takeCamera(): CameraView | null {
  const view = viewStore.get();
  if (!view.camera) return null;
  viewStore.set({ ...view, camera: null });
  return view.camera;
}

export { BLAST_LIMIT };
