// Appearance: which property sizes and colours the nodes (declared as data so the panel and legend are generated).
export const SIZE_BY = [
  { id: 'degree', label: 'Degree (relationships loaded)' },
  { id: 'individuals', label: 'Individuals affected' },
  { id: 'uniform', label: 'Same size' },
] as const;

export const COLOR_BY = [
  { id: 'kind', label: 'Kind' },
  { id: 'exposure', label: 'Confirmed / potential' },
  { id: 'hops', label: 'Hops from the start' },
] as const;

export type SizeBy = (typeof SIZE_BY)[number]['id'];
export type ColorBy = (typeof COLOR_BY)[number]['id'];

export interface AppearanceState {
  sizeBy: SizeBy;
  colorBy: ColorBy;
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
