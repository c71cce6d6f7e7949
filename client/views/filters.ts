// Filters and time: the as-of date (a month slider plus an exact date; it re-asks the server), the neighbourhood
// depth, and what is shown by entity kind and by relationship confidence (drawn graph only).
import { kindStyle } from '../core/kinds.ts';
import { confidenceKey, countBy } from '../core/filters/utils.ts';
import type { FiltersState } from '../core/filters/types.ts';
import type { ViewState } from '../core/view/types.ts';
import { isIsoDay } from '../core/view/utils.ts';
import type { DataGraph } from '../graph/payload.ts';
import { button, formatDate, h, kindIcon } from './dom.ts';

export interface FilterActions {
  setAsOf(asOf: string | null): void;
  setDepth(depth: number): void;
  setKindHidden(kind: string, hidden: boolean): void;
  setConfidenceHidden(level: string, hidden: boolean): void;
  reset(): void;
}

const START = { year: 2014, month: 1 };

function monthIndex(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return (y! - START.year) * 12 + (m! - START.month);
}

function endOfMonth(index: number): string {
  const y = START.year + Math.floor((index + START.month - 1) / 12);
  const m = ((index + START.month - 1) % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

export interface FiltersPanel {
  element: HTMLElement;
  update(graph: DataGraph, filters: FiltersState, view: ViewState): void;
}

export function createFiltersPanel(actions: FilterActions): FiltersPanel {
  const today = new Date().toISOString().slice(0, 10);
  const max = monthIndex(today);
  const range = h('input', { type: 'range', id: 'asof-range', min: '0', max: String(max), step: '1', value: String(max) });
  const date = h('input', { type: 'date', id: 'asof-date', min: `${START.year}-01-01`, max: today });
  const label = h('output', { id: 'asof-label', attrs: { for: 'asof-range' } }, 'Latest: everything known');
  const latest = button('Latest', () => actions.setAsOf(null), { id: 'asof-clear', title: 'Show everything known, whatever its date' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fromRange = (commit: boolean) => {
    const value = endOfMonth(Number(range.value));
    label.textContent = `As of ${formatDate(value)}`;
    range.setAttribute('aria-valuetext', formatDate(value.slice(0, 7)));
    date.value = value;
    clearTimeout(timer);
    timer = setTimeout(() => actions.setAsOf(value), commit ? 0 : 500);
  };
  range.addEventListener('input', () => fromRange(false));
  range.addEventListener('change', () => fromRange(true));
  date.addEventListener('change', () => {
    if (date.value === '') actions.setAsOf(null);
    else if (isIsoDay(date.value)) actions.setAsOf(date.value);
  });

  const time = h(
    'fieldset',
    { className: 'time' },
    h('legend', null, 'As of'),
    h('label', { htmlFor: 'asof-range', className: 'visually-hidden' }, 'As-of month'),
    range,
    h('div', { className: 'row' }, h('label', { htmlFor: 'asof-date', className: 'visually-hidden' }, 'As-of date'), date, latest),
    label,
    h('p', { className: 'hint small' }, 'Re-asks the server: relationships not yet (or no longer) valid and later incidents drop out.'),
  );

  const depth = h('select', { id: 'depth' }, ...[1, 2, 3].map((d) => h('option', { value: String(d) }, String(d))));
  depth.addEventListener('change', () => actions.setDepth(Number(depth.value)));
  const depthRow = h('div', { className: 'row' }, h('label', { htmlFor: 'depth' }, 'Neighbourhood depth '), depth);

  const kinds = h('fieldset', { id: 'filter-kinds' });
  const confidence = h('fieldset', { id: 'filter-confidence' });
  const reset = button('Reset filters', () => actions.reset(), { className: 'small' });
  const element = h('div', { className: 'filters' }, time, depthRow, kinds, confidence, reset);

  function checkbox(id: string, checked: boolean, onChange: (checked: boolean) => void, ...labelChildren: (Node | string)[]): HTMLElement {
    const box = h('input', { type: 'checkbox', id, checked });
    box.addEventListener('change', () => onChange(box.checked));
    return h('label', { className: 'check', htmlFor: id }, box, ...labelChildren);
  }

  return {
    element,
    update(graph, filters, view) {
      if (document.activeElement !== range) {
        range.value = String(view.asOf ? Math.max(0, Math.min(max, monthIndex(view.asOf))) : max);
        range.setAttribute('aria-valuetext', view.asOf ? formatDate(view.asOf) : 'latest');
      }
      if (document.activeElement !== date) date.value = view.asOf ?? '';
      label.textContent = view.asOf ? `As of ${formatDate(view.asOf)}` : 'Latest: everything known';
      latest.disabled = view.asOf === null;
      depth.value = String(view.depth);
      depthRow.hidden = view.mode !== 'explore';

      const focused = document.activeElement?.id;
      const kindCounts = countBy(graph.nodes(), (n) => graph.getNodeAttribute(n, 'kind'));
      for (const k of filters.hiddenKinds) if (!kindCounts.has(k)) kindCounts.set(k, 0);
      kinds.replaceChildren(
        h('legend', null, 'Show entities of kind'),
        ...[...kindCounts].sort((a, b) => a[0].localeCompare(b[0])).map(([kind, count]) => {
          const s = kindStyle(kind);
          return checkbox(`kind-${kind}`, !filters.hiddenKinds.includes(kind), (on) => actions.setKindHidden(kind, !on), kindIcon(s.color, s.icon, s.label), ` ${s.label} (${count})`);
        }),
      );
      const confCounts = countBy(graph.edges(), (e) => confidenceKey(graph.getEdgeAttribute(e, 'confidence')));
      for (const c of filters.hiddenConfidence) if (!confCounts.has(c)) confCounts.set(c, 0);
      confidence.replaceChildren(
        h('legend', null, 'Show relationships by confidence or attribution'),
        ...[...confCounts].sort((a, b) => a[0].localeCompare(b[0])).map(([level, count]) =>
          checkbox(`conf-${level}`, !filters.hiddenConfidence.includes(level), (on) => actions.setConfidenceHidden(level, !on), `${level.replaceAll('_', ' ')} (${count})`),
        ),
      );
      if (focused) document.getElementById(focused)?.focus();
    },
  };
}
