// Pure appearance rules: node size and colour from a property, and the legend that explains them.
import { kindStyle } from '../kinds.ts';
import type { NodeAttributes } from '../../graph/payload.ts';
import { COLOR_BY, SIZE_BY, type AppearanceState, type ColorBy, type Legend, type SizeBy } from './types.ts';

export function getEmptyAppearanceState(): AppearanceState {
  return { sizeBy: 'degree', colorBy: 'kind' };
}

export const EXPOSURE_COLORS = {
  origin: '#1d2433',
  confirmed: '#c0392b',
  potential: '#e08e0b',
  none: '#9aa3b2',
} as const;

export const HOPS_COLORS = ['#1d2433', '#2166ac', '#4393c3', '#92c5de', '#c6dbef'] as const;
export const NO_HOPS_COLOR = '#bbbbbb';

export const MIN_SIZE = 5;
export const MAX_SIZE = 22;

export function isSizeBy(value: string): value is SizeBy {
  return SIZE_BY.some((s) => s.id === value);
}

export function isColorBy(value: string): value is ColorBy {
  return COLOR_BY.some((c) => c.id === value);
}

/** Node radius in pixels (sigma's "screen" sizes). */
export function nodeSize(attrs: NodeAttributes, degree: number, sizeBy: SizeBy): number {
  switch (sizeBy) {
    case 'uniform':
      return 8;
    case 'individuals':
      // log scale: 1k → ~9, 100k → ~15, 10M → ~21; entities without a figure stay small.
      return attrs.individuals && attrs.individuals > 0 ? Math.min(MAX_SIZE, MIN_SIZE + Math.log10(attrs.individuals) * 2.3) : MIN_SIZE - 1;
    case 'degree':
      return Math.min(MAX_SIZE, MIN_SIZE + Math.sqrt(degree) * 2.4);
  }
}

export function nodeColor(attrs: NodeAttributes, colorBy: ColorBy): string {
  switch (colorBy) {
    case 'kind':
      return kindStyle(attrs.kind).color;
    case 'exposure':
      return EXPOSURE_COLORS[attrs.exposure ?? 'none'];
    case 'hops':
      return attrs.hops === null ? NO_HOPS_COLOR : (HOPS_COLORS[Math.min(attrs.hops, HOPS_COLORS.length - 1)] ?? NO_HOPS_COLOR);
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The legend for what is in view: only the kinds, statuses and hops present. */
export function buildLegend(appearance: AppearanceState, nodes: NodeAttributes[], degrees: number[], mode: string): Legend[] {
  const legends: Legend[] = [];
  const colour: Legend = { title: `Colour: ${COLOR_BY.find((c) => c.id === appearance.colorBy)?.label ?? ''}`, items: [] };
  if (appearance.colorBy === 'kind') {
    const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
    for (const kind of kinds) colour.items.push({ shape: 'disc', color: kindStyle(kind).color, label: kindStyle(kind).label });
  } else if (appearance.colorBy === 'exposure') {
    const present = new Set(nodes.map((n) => n.exposure ?? 'none'));
    const labels = { origin: 'Origin', confirmed: 'Confirmed (named as affected)', potential: 'Potential (exposed through the chain)', none: 'Not in the blast radius' };
    for (const key of ['origin', 'confirmed', 'potential', 'none'] as const) {
      if (present.has(key)) colour.items.push({ shape: key === 'potential' ? 'ring' : 'disc', color: EXPOSURE_COLORS[key], label: labels[key] });
    }
  } else {
    const hops = [...new Set(nodes.map((n) => n.hops))].sort((a, b) => (a ?? 99) - (b ?? 99));
    for (const h of hops) {
      const color = h === null ? NO_HOPS_COLOR : (HOPS_COLORS[Math.min(h, HOPS_COLORS.length - 1)] ?? NO_HOPS_COLOR);
      colour.items.push({ shape: 'disc', color, label: h === null ? 'Added by an expansion' : h === 0 ? 'Start' : `${h} hop${h > 1 ? 's' : ''}` });
    }
  }
  legends.push(colour);

  if (mode === 'blast' && appearance.colorBy !== 'exposure') {
    legends.push({
      title: 'Exposure',
      items: [
        { shape: 'disc', color: '#5b6478', label: 'Confirmed: a source names it as affected (solid)' },
        { shape: 'ring', color: '#5b6478', label: 'Potential: exposed through the chain only (hollow)' },
      ],
    });
  }

  const size: Legend = { title: `Size: ${SIZE_BY.find((s) => s.id === appearance.sizeBy)?.label ?? ''}`, items: [] };
  if (appearance.sizeBy === 'degree' && degrees.length > 0) {
    const max = Math.max(...degrees);
    const min = Math.min(...degrees);
    const fake = { individuals: null } as NodeAttributes;
    size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(fake, min, 'degree'), label: `${min} relationship${min === 1 ? '' : 's'}` });
    if (max !== min) size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(fake, max, 'degree'), label: `${max} relationships` });
  } else if (appearance.sizeBy === 'individuals') {
    const figures = nodes.map((n) => n.individuals ?? 0).filter((n) => n > 0);
    const sample = (n: number) => ({ individuals: n }) as NodeAttributes;
    if (figures.length > 0) {
      const min = Math.min(...figures);
      const max = Math.max(...figures);
      size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(sample(min), 0, 'individuals'), label: `${formatCount(min)} individuals` });
      if (max !== min) size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(sample(max), 0, 'individuals'), label: `${formatCount(max)} individuals` });
    }
    size.items.push({ shape: 'size', color: '#5b6478', radius: MIN_SIZE - 1, label: 'No figure (not an incident or report)' });
  }
  if (size.items.length > 0) legends.push(size);
  return legends;
}
