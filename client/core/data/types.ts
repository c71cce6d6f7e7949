// What the client has loaded for the current view, and how the loading went (a tagged status).
import type { ApiBlastRadius, ApiPath, Part } from '../../graph/queries.ts';

export type LoadStatus =
  | { status: 'idle' }
  | { status: 'loading'; done: number; total: number; step: string }
  | { status: 'ready'; ms: number }
  | { status: 'error'; message: string; code: string };

/** An answer the server cut: which node it grew from and how much was left out. */
export interface Truncation {
  origin: string;
  label: string;
  omitted: number;
  unit: 'entities' | 'relationships';
  limit: number | null;
}

export interface DataState {
  status: LoadStatus;
  /** dataKey() of the view the graph holds. */
  key: string | null;
  parts: Part[];
  blast: ApiBlastRadius | null;
  paths: ApiPath[] | null;
  truncations: Truncation[];
  /** Names of the view's endpoints (for headings), when known. */
  names: Record<string, string>;
}
