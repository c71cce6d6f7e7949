// The view in the URL's query string, and back: mode, ids, expansions, collapsed roots, date, pins, selection,
// filters, appearance and camera. Defaults are left out so links stay short; unknown values are ignored.
import type { AppearanceState } from '../appearance/types.ts';
import { getEmptyAppearanceState, isColorBy, isSizeBy } from '../appearance/utils.ts';
import type { FiltersState } from '../filters/types.ts';
import { getEmptyFiltersState } from '../filters/utils.ts';
import { FOLLOW, MODES, type CameraView, type Expansion, type Follow, type Mode, type ViewState } from '../view/types.ts';
import { DEFAULT_EXPANSION_LIMIT, MAX_BLAST_LIMIT, MAX_LIMIT, getEmptyViewState, isIsoDay, maxExpansionLimit } from '../view/utils.ts';

export interface SharedState {
  view: ViewState;
  filters: FiltersState;
  appearance: AppearanceState;
}

/** Keeps `,` `:` `~` readable: none of them occurs in ids or needs escaping in a query string. */
function enc(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

export function toQuery(state: SharedState, camera: CameraView | null): string {
  const { view, filters, appearance } = state;
  const empty = getEmptyViewState();
  const params: [string, string][] = [];
  const add = (k: string, v: string) => params.push([k, v]);
  if (view.focus) {
    add('mode', view.mode);
    add('focus', view.focus);
  }
  if (view.mode === 'paths' && view.target) add('to', view.target);
  if (view.mode === 'explore' && view.depth !== empty.depth) add('depth', String(view.depth));
  if (view.mode === 'explore' && view.limit !== empty.limit) add('limit', String(view.limit));
  if (view.mode === 'blast' && view.hops !== empty.hops) add('hops', String(view.hops));
  if (view.mode === 'blast' && !sameList(view.follow, empty.follow)) add('follow', view.follow.join(','));
  if (view.mode === 'blast' && view.blastLimit !== empty.blastLimit) add('limit', String(view.blastLimit));
  for (const e of view.expansions) {
    const types = e.types ? e.types.join(',') : '';
    const limit = e.limit !== DEFAULT_EXPANSION_LIMIT ? String(e.limit) : '';
    add('x', [e.id, types, limit].join('~').replace(/~+$/, ''));
  }
  for (const id of view.collapsed) add('cx', id);
  if (view.asOf) add('asOf', view.asOf);
  for (const p of view.pins) add('pin', `${p.id}~${round(p.x, 2)}~${round(p.y, 2)}`);
  if (view.selection) add('sel', `${view.selection.type === 'node' ? 'n' : 'e'}~${view.selection.id}`);
  if (!sameList(filters.hiddenKinds, getEmptyFiltersState().hiddenKinds)) add('hide', filters.hiddenKinds.join(','));
  if (filters.hiddenConfidence.length > 0) add('conf', filters.hiddenConfidence.join(','));
  const defaults = getEmptyAppearanceState();
  if (appearance.sizeBy !== defaults.sizeBy) add('size', appearance.sizeBy);
  if (appearance.colorBy !== defaults.colorBy) add('color', appearance.colorBy);
  if (camera) add('cam', [round(camera.x, 4), round(camera.y, 4), round(camera.ratio, 4), round(camera.angle, 4)].join(','));
  return params.map(([k, v]) => `${k}=${enc(v)}`).join('&');
}

function list(value: string | null): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function int(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function fromQuery(search: string): SharedState {
  const q = new URLSearchParams(search);
  const view = getEmptyViewState();
  const mode = q.get('mode');
  view.mode = MODES.includes(mode as Mode) ? (mode as Mode) : 'explore';
  view.focus = q.get('focus') || null;
  view.target = q.get('to') || null;
  if (view.mode === 'paths' && !view.target) view.mode = 'explore';
  view.depth = int(q.get('depth'), view.depth, 1, 3);
  // `limit` is the cap of the view's main answer: the neighbourhood when exploring, the blast radius in blast mode.
  if (view.mode === 'blast') view.blastLimit = int(q.get('limit'), view.blastLimit, 1, MAX_BLAST_LIMIT);
  else view.limit = int(q.get('limit'), view.limit, 1, MAX_LIMIT);
  view.hops = int(q.get('hops'), view.hops, 1, 4);
  const follow = list(q.get('follow')).filter((f): f is Follow => (FOLLOW as readonly string[]).includes(f));
  if (follow.length > 0) view.follow = follow;
  view.expansions = q.getAll('x').flatMap((raw): Expansion[] => {
    const [id, types, limit] = raw.split('~');
    if (!id) return [];
    const t = list(types ?? null).filter((s) => /^[A-Z_]+$/.test(s));
    const typed = t.length > 0 ? t.sort() : null;
    return [{ id, types: typed, limit: int(limit ?? null, DEFAULT_EXPANSION_LIMIT, 1, maxExpansionLimit(typed)) }];
  });
  view.collapsed = q.getAll('cx').filter(Boolean);
  const asOf = q.get('asOf');
  view.asOf = asOf && isIsoDay(asOf) ? asOf : null;
  view.pins = q.getAll('pin').flatMap((raw) => {
    const [id, x, y] = raw.split('~');
    const px = Number(x);
    const py = Number(y);
    return id && Number.isFinite(px) && Number.isFinite(py) ? [{ id, x: px, y: py }] : [];
  });
  const sel = q.get('sel');
  if (sel) {
    const [type, ...rest] = sel.split('~');
    const id = rest.join('~');
    if (id && (type === 'n' || type === 'e')) view.selection = { type: type === 'n' ? 'node' : 'edge', id };
  }
  const cam = list(q.get('cam')).map(Number);
  if (cam.length === 4 && cam.every(Number.isFinite) && cam[2]! > 0) view.camera = { x: cam[0]!, y: cam[1]!, ratio: cam[2]!, angle: cam[3]! };

  const filters = getEmptyFiltersState();
  if (q.has('hide')) filters.hiddenKinds = list(q.get('hide')).sort();
  filters.hiddenConfidence = list(q.get('conf')).sort();
  const appearance = getEmptyAppearanceState();
  const size = q.get('size');
  const color = q.get('color');
  if (size && isSizeBy(size)) appearance.sizeBy = size;
  if (color && isColorBy(color)) appearance.colorBy = color;
  return { view, filters, appearance };
}
