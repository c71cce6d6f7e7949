// "How are A and B connected?": the question (two type-ahead boxes) and the answer, one list of cited sentences
// per path; focusing or hovering a path highlights it alone on the canvas.
import type { ApiPath } from '../graph/queries.ts';
import { button, externalLink, formatDate, h } from './dom.ts';
import { createSearchBox, type SearchHit } from './search.ts';

export interface PathQuestion {
  element: HTMLElement;
  set(which: 'from' | 'to', id: string, name: string): void;
  focus(which: 'from' | 'to'): void;
}

export function createPathQuestion(onAsk: (from: string, to: string) => void): PathQuestion {
  const chosen: { from: SearchHit | null; to: SearchHit | null } = { from: null, to: null };
  const status = h('p', { className: 'hint', attrs: { role: 'status', 'aria-live': 'polite' } });
  const ask = () => {
    if (chosen.from && chosen.to) onAsk(chosen.from.id, chosen.to.id);
    else status.textContent = 'Choose both entities first.';
  };
  const fromBox = createSearchBox('From (A)', 'e.g. Andrew', (hit) => {
    chosen.from = hit;
    if (chosen.to) ask();
  });
  const toBox = createSearchBox('To (B)', 'e.g. Oracle', (hit) => {
    chosen.to = hit;
    if (chosen.from) ask();
  });
  fromBox.input.dataset.role = 'path-from';
  toBox.input.dataset.role = 'path-to';
  const swap = button('Swap', () => {
    [chosen.from, chosen.to] = [chosen.to, chosen.from];
    fromBox.setValue(chosen.from?.name ?? '');
    toBox.setValue(chosen.to?.name ?? '');
  });
  const go = button('Find paths', ask, { className: 'primary', dataset: { action: 'find-paths' } });
  const element = h('div', { className: 'path-question' }, fromBox.element, toBox.element, h('div', { className: 'actions' }, go, swap), status);
  return {
    element,
    set(which, id, name) {
      const hit = { id, name, kind: '', aliases: [] };
      chosen[which] = hit;
      (which === 'from' ? fromBox : toBox).setValue(name);
      status.textContent = '';
    },
    focus(which) {
      (which === 'from' ? fromBox : toBox).input.focus();
    },
  };
}

export interface PathActions {
  selectEdge(id: string): void;
  selectNode(id: string): void;
  /** Highlight one path (index) or all (null). */
  highlight(index: number | null): void;
}

export function renderPaths(panel: HTMLElement, paths: ApiPath[], names: { from: string; to: string; asOf: string | null }, actions: PathActions): void {
  const title = h('h2', { id: 'paths-title' }, `How are ${names.from} and ${names.to} connected?`);
  if (paths.length === 0) {
    panel.replaceChildren(title, h('p', { id: 'paths-none' }, `No connection within 6 hops${names.asOf ? ` as of ${formatDate(names.asOf)}` : ''}.`));
    return;
  }
  const intro = h('p', { className: 'summary-text' }, `${paths.length} shortest path${paths.length === 1 ? '' : 's'} (highlighted in blue). Each hop says who says so.`);
  const list = h('ol', { id: 'paths-list', className: 'paths' });
  paths.forEach((p, i) => {
    const steps = h('ol', { className: 'steps' });
    p.steps.forEach((step) => {
      const cites = h('ul', { className: 'sources' });
      for (const c of step.citations) {
        const meta = [c.publisher, formatDate(c.date)].filter(Boolean).join(', ');
        cites.append(h('li', { dataset: { sourceId: c.id } }, c.url ? externalLink(c.title ?? c.url, c.url) : (c.title ?? c.id), meta ? h('span', { className: 'meta' }, ` — ${meta}`) : null));
      }
      steps.append(
        h(
          'li',
          { className: 'step', dataset: { edge: step.relationship.id } },
          button(step.sentence, () => actions.selectEdge(step.relationship.id), { className: 'link sentence' }),
          cites,
        ),
      );
    });
    const item = h(
      'li',
      { className: 'path', dataset: { index: String(i) }, tabIndex: 0, attrs: { 'aria-label': `Path ${i + 1}, ${p.length} hops` } },
      h('h3', null, `Path ${i + 1}: ${p.length} hop${p.length === 1 ? '' : 's'}`),
      steps,
    );
    item.addEventListener('mouseenter', () => actions.highlight(i));
    item.addEventListener('mouseleave', () => actions.highlight(null));
    item.addEventListener('focusin', () => actions.highlight(i));
    item.addEventListener('focusout', () => actions.highlight(null));
    list.append(item);
  });
  panel.replaceChildren(title, intro, list);
}
