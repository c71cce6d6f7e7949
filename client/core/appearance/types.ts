// Appearance: which property sizes and colours the nodes (declared as data so the panel and legend are generated).

/** Numeric properties a node can be sized or coloured by: a stored figure, or a metric of the loaded graph. */
export type NumericProperty = 'degree' | 'incidents' | 'individuals';

export const SIZE_BY = [
  { id: 'degree', label: 'Degree (relationships loaded)' },
  { id: 'incidents', label: 'Incident count (incidents linked in view)' },
  { id: 'individuals', label: 'Individuals affected' },
  { id: 'uniform', label: 'Same size' },
] as const;

/** Categorical rules, then sequential scales over a numeric property (`scale` says how values map to the ramp). */
export const COLOR_BY = [
  { id: 'kind', label: 'Kind' },
  { id: 'exposure', label: 'Confirmed / potential' },
  { id: 'hops', label: 'Hops from the start' },
  { id: 'individuals', label: 'Individuals affected (scale)', numeric: 'individuals', scale: 'log' },
  { id: 'incidents', label: 'Incident count (scale)', numeric: 'incidents', scale: 'linear' },
  { id: 'degree', label: 'Degree (scale)', numeric: 'degree', scale: 'linear' },
] as const;

export type SizeBy = (typeof SIZE_BY)[number]['id'];
export type ColorBy = (typeof COLOR_BY)[number]['id'];

export interface AppearanceState {
  sizeBy: SizeBy;
  colorBy: ColorBy;
}

/** What the numeric rules read besides a node's attributes: metrics of the loaded graph. */
export interface NodeMetrics {
  degree: number;
  /** Incidents the node is involved in, in the loaded graph (distinct incident neighbours; an incident counts itself). */
  incidents: number;
}

/** The range a sequential colour scale spans: the values in view. */
export interface ColorDomain {
  min: number;
  max: number;
}

export interface LegendItem {
  /** What the swatch shows. */
  shape: 'disc' | 'ring' | 'line' | 'size';
  color: string;
  /** For `size`: the radius in pixels. */
  radius?: number;
  label: string;
}

export interface Legend {
  title: string;
  items: LegendItem[];
}
