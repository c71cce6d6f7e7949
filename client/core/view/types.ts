// The shareable view: what is asked of the server (mode, ids, expansions, date) plus selection, pins and camera.
export const MODES = ['explore', 'blast', 'paths'] as const;
export type Mode = (typeof MODES)[number];

export const FOLLOW = ['SUPPLIER', 'OWNERSHIP', 'MEMBERSHIP'] as const;
export type Follow = (typeof FOLLOW)[number];

/** One expansion of a node: its neighbours, optionally only through some relationship types, up to `limit`. */
export interface Expansion {
  id: string;
  types: string[] | null;
  limit: number;
}

export interface Pin {
  id: string;
  x: number;
  y: number;
}

export type Selection = { type: 'node' | 'edge'; id: string } | null;

/** Sigma's camera state: normalised to the graph's bounding box, so it survives a re-layout roughly. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

export interface ViewState {
  mode: Mode;
  /** explore: the entity opened; blast: the origin; paths: entity A. */
  focus: string | null;
  /** paths: entity B. */
  target: string | null;
  /** explore: neighbourhood depth (1 to 3). */
  depth: number;
  /** explore: cap on the opened neighbourhood (the server's `limit`). */
  limit: number;
  /** blast: maxHops (1 to 4). */
  hops: number;
  /** blast: exposure edges followed. */
  follow: Follow[];
  /** blast: cap on the organisations listed (the server's `limit`); "Load more" raises it. */
  blastLimit: number;
  expansions: Expansion[];
  /** Nodes whose own neighbourhood answer is left out (a collapsed root). */
  collapsed: string[];
  /** ISO date (YYYY-MM-DD) the graph is asked "as of", or null for everything known. */
  asOf: string | null;
  pins: Pin[];
  selection: Selection;
  /** The camera to apply once the view is loaded and laid out (from a shared link). */
  camera: CameraView | null;
}

/** What undo restores: the topology-changing part of the view. */
export type HistoryEntry = Pick<ViewState, 'expansions' | 'collapsed' | 'limit' | 'blastLimit'>;
