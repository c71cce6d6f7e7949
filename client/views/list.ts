// The list view: the same entities and relationships as the canvas (same filters), as tables with the same
// actions, for keyboards and screen readers. Long lists render in pages so a big answer never freezes the tab.
import { kindStyle } from '../core/kinds.ts';
import type { VisibleGraph } from '../core/filters/utils.ts';
import type { DataGraph } from '../graph/payload.ts';
import { button, h, kindIcon } from './dom.ts';

export interface ListActions {
  selectNode(id: string): void;
  selectEdge(id: string): void;
  expand(id: string): void;
  collapse(id: string): void;
  isExpanded(id: string): boolean;
}

const PAGE = 250;

export function renderList(root: HTMLElement, graph: DataGraph, visible: VisibleGraph, hiddenCount: { nodes: number; edges: number }, actions: ListActions, pages = { nodes: 1, edges: 1 }): void {
  const again = (next: { nodes: number; edges: number }) => renderList(root, graph, visible, hiddenCount, actions, next);
  const nodeRows = visible.nodes.slice(0, PAGE * pages.nodes).map((id) => {
    const a = graph.getNodeAttributes(id);
    const s = kindStyle(a.kind);
    return h(
      'tr',
      { dataset: { id } },
      h('th', { scope: 'row' }, button(a.label, () => actions.selectNode(id), { className: 'link', dataset: { node: id } })),
      h('td', null, kindIcon(s.color, s.icon, s.label), ` ${s.label}`),
      h('td', { className: 'num' }, a.hops === null ? '' : String(a.hops)),
      h('td', null, a.exposure ?? ''),
      h('td', { className: 'num' }, String(graph.degree(id))),
      h(
        'td',
        null,
        button('Expand', () => actions.expand(id), { className: 'small', attrs: { 'aria-label': `Expand ${a.label}` } }),
        actions.isExpanded(id) ? button('Collapse', () => actions.collapse(id), { className: 'small', attrs: { 'aria-label': `Collapse ${a.label}` } }) : null,
      ),
    );
  });
  const edgeRows = visible.edges.slice(0, PAGE * pages.edges).map((id) => {
    const a = graph.getEdgeAttributes(id);
    const from = graph.getSourceAttribute(id, 'label');
    const to = graph.getTargetAttribute(id, 'label');
    return h(
      'tr',
      { dataset: { id } },
      h('th', { scope: 'row' }, button(`${from} — ${a.relType.replaceAll('_', ' ').toLowerCase()} → ${to}`, () => actions.selectEdge(id), { className: 'link', dataset: { edge: id } })),
      h('td', null, (a.confidence ?? '').replaceAll('_', ' ')),
      h('td', { className: 'num' }, String(a.sources.length)),
    );
  });
  const more = (what: 'nodes' | 'edges', total: number) =>
    total > PAGE * pages[what] ? button(`Show ${Math.min(PAGE, total - PAGE * pages[what])} more of ${total}`, () => again({ ...pages, [what]: pages[what] + 1 }), { className: 'small' }) : null;

  const hidden = hiddenCount.nodes + hiddenCount.edges > 0 ? ` Filters hide ${hiddenCount.nodes} entities and ${hiddenCount.edges} relationships.` : '';
  const children: (HTMLElement | null)[] = [
    h('p', { id: 'list-summary' }, `${visible.nodes.length} entities and ${visible.edges.length} relationships shown.${hidden}`),
    h(
      'table',
      { className: 'data', id: 'list-nodes' },
      h('caption', null, 'Entities'),
      h('thead', null, h('tr', null, ...['Name', 'Kind', 'Hops', 'Exposure', 'Relationships', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, ...nodeRows),
    ),
    more('nodes', visible.nodes.length),
    h(
      'table',
      { className: 'data', id: 'list-edges' },
      h('caption', null, 'Relationships'),
      h('thead', null, h('tr', null, ...['Relationship', 'Confidence', 'Sources'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, ...edgeRows),
    ),
    more('edges', visible.edges.length),
  ];
  root.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
}
