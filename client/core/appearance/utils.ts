// Pure appearance rules: node size and colour from a property (categorical or a sequential scale over a number),
// and the legend that explains them. The renderer applies them in its reducers; nothing here writes the graph.
import { kindStyle } from '../kinds.ts';
import { isNodeVisible } from '../filters/utils.ts';
import type { FiltersState } from '../filters/types.ts';
import type { DataGraph, NodeAttributes } from '../../graph/payload.ts';
import {
  COLOR_BY,
  SIZE_BY,
  type AppearanceState,
  type ColorBy,
  type ColorDomain,
  type Legend,
  type LegendItem,
  type NodeMetrics,
  type NumericProperty,
  type SizeBy,
} from './types.ts';

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

/** The sequential ramp, low to high (viridis without its palest end, so low values still show on white). Hex only: sigma 3 draws hsl() black. */
export const SEQUENTIAL_COLORS = ['#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878', '#440154'] as const;
/** Nodes without a value on a sequential scale (no published figure). */
export const NO_VALUE_COLOR = '#d5d9e0';

export const MIN_SIZE = 5;
export const MAX_SIZE = 22;

export function isSizeBy(value: string): value is SizeBy {
  return SIZE_BY.some((s) => s.id === value);
}

export function isColorBy(value: string): value is ColorBy {
  return COLOR_BY.some((c) => c.id === value);
}

/** The sequential rule behind a colour choice, or null for a categorical one. */
export function numericColorRule(colorBy: ColorBy): { property: NumericProperty; scale: 'log' | 'linear' } | null {
  const rule = COLOR_BY.find((c) => c.id === colorBy);
  return rule && 'numeric' in rule ? { property: rule.numeric, scale: rule.scale } : null;
}

function uses(appearance: AppearanceState, property: NumericProperty): boolean {
  return appearance.sizeBy === property || numericColorRule(appearance.colorBy)?.property === property;
}

/** Incidents a node is involved in, in the loaded graph: its distinct incident neighbours (an incident counts itself too). */
export function incidentCount(graph: DataGraph, node: string): number {
  let n = graph.getNodeAttribute(node, 'kind') === 'INCIDENT' ? 1 : 0;
  graph.forEachNeighbor(node, (_, a) => {
    if (a.kind === 'INCIDENT') n++;
  });
  return n;
}

/** The graph metrics the appearance needs for a node (incident counts only when a rule reads them). */
export function nodeMetrics(graph: DataGraph, node: string, appearance: AppearanceState): NodeMetrics {
  return { degree: graph.degree(node), incidents: uses(appearance, 'incidents') ? incidentCount(graph, node) : 0 };
}

/** A node's value of a numeric property; null when it has none (no published figure). */
export function numericValue(attrs: NodeAttributes, metrics: NodeMetrics, property: NumericProperty): number | null {
  switch (property) {
    case 'individuals':
      return attrs.individuals && attrs.individuals > 0 ? attrs.individuals : null;
    case 'incidents':
      return metrics.incidents;
    case 'degree':
      return metrics.degree;
  }
}

/** Node radius in pixels (sigma's "screen" sizes). `incidents` is only read when sizing by incident count. */
export function nodeSize(attrs: NodeAttributes, degree: number, sizeBy: SizeBy, incidents = 0): number {
  switch (sizeBy) {
    case 'uniform':
      return 8;
    case 'individuals':
      // log scale: 1k → ~9, 100k → ~15, 10M → ~21; entities without a figure stay small.
      return attrs.individuals && attrs.individuals > 0 ? Math.min(MAX_SIZE, MIN_SIZE + Math.log10(attrs.individuals) * 2.3) : MIN_SIZE - 1;
    case 'incidents':
      // 1 → 8.5, 4 → 12, 16 → 19; entities linked to no incident stay small.
      return incidents > 0 ? Math.min(MAX_SIZE, MIN_SIZE + Math.sqrt(incidents) * 3.5) : MIN_SIZE - 1;
    case 'degree':
      return Math.min(MAX_SIZE, MIN_SIZE + Math.sqrt(degree) * 2.4);
  }
}

/** The domain of a sequential scale: the smallest and largest value among these (positive ones on a log scale). */
export function colorDomain(colorBy: ColorBy, values: Iterable<number | null>): ColorDomain | null {
  const rule = numericColorRule(colorBy);
  if (!rule) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null || (rule.scale === 'log' && v <= 0)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return min <= max ? { min, max } : null;
}

/** The domain over the nodes drawn under these filters (what the legend shows). */
export function colorDomainOf(graph: DataGraph, filters: FiltersState, appearance: AppearanceState): ColorDomain | null {
  const rule = numericColorRule(appearance.colorBy);
  if (!rule) return null;
  const values: (number | null)[] = [];
  graph.forEachNode((node, a) => {
    if (isNodeVisible(a, filters)) values.push(numericValue(a, nodeMetrics(graph, node, appearance), rule.property));
  });
  return colorDomain(appearance.colorBy, values);
}

function hex(n: number): string {
  return Math.round(n).toString(16).padStart(2, '0');
}

/** The ramp's colour at t in [0, 1], interpolated in RGB between its stops. */
export function rampColor(t: number): string {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 1)) * (SEQUENTIAL_COLORS.length - 1);
  const i = Math.min(SEQUENTIAL_COLORS.length - 2, Math.floor(x));
  const f = x - i;
  const a = SEQUENTIAL_COLORS[i]!;
  const b = SEQUENTIAL_COLORS[i + 1]!;
  const channel = (k: number) => parseInt(a.slice(k, k + 2), 16) * (1 - f) + parseInt(b.slice(k, k + 2), 16) * f;
  return `#${hex(channel(1))}${hex(channel(3))}${hex(channel(5))}`;
}

/** Where a value sits on the scale, 0 (the domain's minimum) to 1 (its maximum). */
export function scalePosition(value: number, domain: ColorDomain, scale: 'log' | 'linear'): number {
  if (domain.max === domain.min) return 1;
  if (scale === 'log') return (Math.log10(Math.max(value, domain.min)) - Math.log10(domain.min)) / (Math.log10(domain.max) - Math.log10(domain.min));
  return (value - domain.min) / (domain.max - domain.min);
}

export function nodeColor(attrs: NodeAttributes, colorBy: ColorBy, metrics: NodeMetrics = { degree: 0, incidents: 0 }, domain: ColorDomain | null = null): string {
  switch (colorBy) {
    case 'kind':
      return kindStyle(attrs.kind).color;
    case 'exposure':
      return EXPOSURE_COLORS[attrs.exposure ?? 'none'];
    case 'hops':
      return attrs.hops === null ? NO_HOPS_COLOR : (HOPS_COLORS[Math.min(attrs.hops, HOPS_COLORS.length - 1)] ?? NO_HOPS_COLOR);
    case 'individuals':
    case 'incidents':
    case 'degree': {
      const rule = numericColorRule(colorBy)!;
      const value = numericValue(attrs, metrics, rule.property);
      if (value === null || (rule.scale === 'log' && value <= 0)) return NO_VALUE_COLOR;
      return domain ? rampColor(scalePosition(value, domain, rule.scale)) : rampColor(1);
    }
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const UNITS: Record<NumericProperty, [string, string]> = {
  individuals: ['individual', 'individuals'],
  incidents: ['incident', 'incidents'],
  degree: ['relationship', 'relationships'],
};

const unit = (n: number, property: NumericProperty) => `${formatCount(n)} ${UNITS[property][n === 1 ? 0 : 1]}`;

/** Legend steps of a sequential scale: every value when there are few, else five steps from min to max. */
export function scaleLegendItems(property: NumericProperty, scale: 'log' | 'linear', domain: ColorDomain): LegendItem[] {
  const { min, max } = domain;
  let values: number[];
  if (max === min) values = [min];
  else if (scale === 'linear' && max - min <= 4) values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  else {
    const at = (t: number) => (scale === 'log' ? 10 ** (Math.log10(min) + t * (Math.log10(max) - Math.log10(min))) : min + t * (max - min));
    values = [0, 0.25, 0.5, 0.75, 1].map((t) => at(t));
  }
  const items: LegendItem[] = [];
  const shown = new Set<number>();
  values.forEach((v, i) => {
    const exact = i === 0 || i === values.length - 1;
    const rounded = Math.round(exact ? v : scale === 'log' ? Number(v.toPrecision(2)) : v);
    if (shown.has(rounded)) return;
    shown.add(rounded);
    items.push({ shape: 'disc', color: rampColor(scalePosition(v, domain, scale)), label: `${exact ? '' : '≈ '}${unit(rounded, property)}` });
  });
  return items;
}

/** The legend for what is in view: only the kinds, statuses, hops and values present. */
export function buildLegend(appearance: AppearanceState, nodes: NodeAttributes[], metrics: NodeMetrics[], mode: string): Legend[] {
  const legends: Legend[] = [];
  const colour: Legend = { title: `Colour: ${COLOR_BY.find((c) => c.id === appearance.colorBy)?.label ?? ''}`, items: [] };
  const rule = numericColorRule(appearance.colorBy);
  if (appearance.colorBy === 'kind') {
    const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
    for (const kind of kinds) colour.items.push({ shape: 'disc', color: kindStyle(kind).color, label: kindStyle(kind).label });
  } else if (appearance.colorBy === 'exposure') {
    const present = new Set(nodes.map((n) => n.exposure ?? 'none'));
    const labels = { origin: 'Origin', confirmed: 'Confirmed (named as affected)', potential: 'Potential (exposed through the chain)', none: 'Not in the blast radius' };
    for (const key of ['origin', 'confirmed', 'potential', 'none'] as const) {
      if (present.has(key)) colour.items.push({ shape: key === 'potential' ? 'ring' : 'disc', color: EXPOSURE_COLORS[key], label: labels[key] });
    }
  } else if (rule) {
    const values = nodes.map((n, i) => numericValue(n, metrics[i] ?? { degree: 0, incidents: 0 }, rule.property));
    const domain = colorDomain(appearance.colorBy, values);
    if (domain) colour.items.push(...scaleLegendItems(rule.property, rule.scale, domain));
    if (values.some((v) => v === null || (rule.scale === 'log' && v <= 0))) colour.items.push({ shape: 'disc', color: NO_VALUE_COLOR, label: 'No figure (not an incident or report)' });
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
  const fake = { individuals: null } as NodeAttributes;
  if (appearance.sizeBy === 'degree' && metrics.length > 0) {
    const degrees = metrics.map((m) => m.degree);
    const max = Math.max(...degrees);
    const min = Math.min(...degrees);
    size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(fake, min, 'degree'), label: `${min} relationship${min === 1 ? '' : 's'}` });
    if (max !== min) size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(fake, max, 'degree'), label: `${max} relationships` });
  } else if (appearance.sizeBy === 'incidents' && metrics.length > 0) {
    const counts = metrics.map((m) => m.incidents).filter((n) => n > 0);
    if (counts.length > 0) {
      const min = Math.min(...counts);
      const max = Math.max(...counts);
      size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(fake, 0, 'incidents', min), label: unit(min, 'incidents') });
      if (max !== min) size.items.push({ shape: 'size', color: '#5b6478', radius: nodeSize(fake, 0, 'incidents', max), label: unit(max, 'incidents') });
    }
    if (counts.length < metrics.length) size.items.push({ shape: 'size', color: '#5b6478', radius: MIN_SIZE - 1, label: 'No incident linked in view' });
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
