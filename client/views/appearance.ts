// Styling rules (size and colour by a property, generated from the declared lists) and the legend.
import { COLOR_BY, SIZE_BY, type AppearanceState, type ColorBy, type Legend, type SizeBy } from '../core/appearance/types.ts';
import { h } from './dom.ts';

export interface AppearancePanel {
  element: HTMLElement;
  update(state: AppearanceState): void;
}

export function createAppearancePanel(onSize: (s: SizeBy) => void, onColor: (c: ColorBy) => void): AppearancePanel {
  const size = h('select', { id: 'size-by' }, ...SIZE_BY.map((s) => h('option', { value: s.id }, s.label)));
  const color = h('select', { id: 'color-by' }, ...COLOR_BY.map((c) => h('option', { value: c.id }, c.label)));
  size.addEventListener('change', () => onSize(size.value as SizeBy));
  color.addEventListener('change', () => onColor(color.value as ColorBy));
  const element = h('div', { className: 'appearance' }, h('div', { className: 'row' }, h('label', { htmlFor: 'size-by' }, 'Size by '), size), h('div', { className: 'row' }, h('label', { htmlFor: 'color-by' }, 'Colour by '), color));
  return {
    element,
    update(state) {
      size.value = state.sizeBy;
      color.value = state.colorBy;
    },
  };
}

function swatch(item: Legend['items'][number]): HTMLElement {
  const r = item.shape === 'size' ? Math.max(3, Math.min(11, item.radius ?? 5)) : 6;
  const style: Partial<CSSStyleDeclaration> = { width: `${r * 2}px`, height: `${r * 2}px` };
  if (item.shape === 'ring') style.border = `3px solid ${item.color}`;
  else style.background = item.color;
  return h('span', { className: `swatch ${item.shape}`, style, attrs: { 'aria-hidden': 'true' } });
}

/** The legend as a disclosure (it can be folded away from the canvas); keeps its open state across redraws. */
export function renderLegend(root: HTMLElement, legends: Legend[]): void {
  const previous = root.querySelector('details');
  const details = h('details', { open: previous ? previous.open : true }, h('summary', null, 'Legend'));
  details.append(
    ...legends.map((l) =>
      h('div', { className: 'legend-group' }, h('h3', null, l.title), h('ul', null, ...l.items.map((item) => h('li', null, swatch(item), h('span', null, item.label))))),
    ),
  );
  root.replaceChildren(details);
}
