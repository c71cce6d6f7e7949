// The details panel: for an entity, what it is, the actions on it, its sources and relationships; for a
// relationship, why it exists first (its sources), then confidence, attribution and dates.
import { graphql } from '../api.ts';
import { BLAST_ORIGIN_KINDS, kindStyle } from '../core/kinds.ts';
import { rememberSources } from '../graph/sources.ts';
import type { ApiSource } from '../graph/queries.ts';
import { button, externalLink, figureUnit, formatDate, h, kindIcon } from './dom.ts';

export interface SourceView extends ApiSource {
  reliability?: string | null;
}

interface FigureView {
  count: number | null;
  unit: string | null;
  reportedBy: string | null;
  asOf: string | null;
  note: string | null;
  placeholder: boolean;
  sources: SourceView[];
}

interface RelationshipItem {
  id: string;
  type: string;
  direction: string;
  sentence: string;
  confidence: string | null;
  other: { id: string; kind: string; name: string };
}

export interface EntityDetails {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  notes: string | null;
  sources: SourceView[];
  relationships: { totalCount: number; truncated: boolean; items: RelationshipItem[] };
  [field: string]: unknown;
}

export interface RelationshipDetails {
  id: string;
  type: string;
  sentence: string;
  confidence: string | null;
  role: string | null;
  attribution: string | null;
  validFrom: string | null;
  validTo: string | null;
  from: { id: string; kind: string; name: string };
  to: { id: string; kind: string; name: string };
  sources: SourceView[];
  acquisition: {
    dealType: string | null;
    announced: { value: string; precision: string | null } | null;
    closed: { value: string; precision: string | null } | null;
    prices: { amount: number | null; currency: string | null; note: string | null; sources: SourceView[] }[];
    verification: string | null;
  } | null;
}

const SOURCE_FIELDS = 'id title publisher date url reliability';

export const ENTITY_DETAILS = /* GraphQL */ `
  query EntityDetails($id: ID!) {
    node(id: $id) {
      id kind name aliases notes
      sources { ${SOURCE_FIELDS} }
      relationships(first: 200) { totalCount truncated items { id type direction sentence confidence other { id kind name } } }
      ... on Incident { incidentDate: date incidentType summary impact individualsAffected { count unit reportedBy asOf note placeholder sources { ${SOURCE_FIELDS} } } }
      ... on Organization { orgType state country }
      ... on Vendor { vendorType headquarters status country }
      ... on Product { category status }
      ... on ThreatActor { actorType suspectedOrigin }
      ... on Vulnerability { cve summary }
      ... on Source { title publisher date url reliability }
    }
  }`;

export const RELATIONSHIP_DETAILS = /* GraphQL */ `
  query RelationshipDetails($id: ID!) {
    relationship(id: $id) {
      id type sentence confidence role attribution validFrom validTo
      from { id kind name } to { id kind name }
      sources { ${SOURCE_FIELDS} }
      acquisition {
        dealType verification
        announced { value precision } closed { value precision }
        prices { amount currency note sources { ${SOURCE_FIELDS} } }
      }
    }
  }`;

/** What the panel can ask the rest of the app to do. */
export interface DetailsActions {
  selectNode(id: string): void;
  selectEdge(id: string): void;
  expand(id: string, types: string[] | null): void;
  collapse(id: string): void;
  undo(): void;
  canUndo(): boolean;
  loadMore(id: string): void;
  blastRadius(id: string): void;
  pathFrom(id: string, name: string): void;
  pathTo(id: string, name: string): void;
  pin(id: string): void;
  unpin(id: string): void;
  centre(id: string): void;
  /** State of the node in the current view. */
  nodeState(id: string): { inView: boolean; expanded: boolean; pinned: boolean; canLoadMore: boolean; omitted: number; omittedUnit: string };
  edgeInView(id: string): boolean;
}

const entityCache = new Map<string, EntityDetails>();
const relationshipCache = new Map<string, RelationshipDetails>();
let token = 0;

function sourceList(sources: SourceView[], id?: string): HTMLElement {
  if (sources.length === 0) return h('p', { className: 'hint' }, 'No source recorded.');
  const list = h('ul', { className: 'sources', id });
  for (const s of sources) {
    const meta = [s.publisher, formatDate(s.date), s.reliability?.replaceAll('_', ' ')].filter(Boolean).join(' · ');
    list.append(
      h(
        'li',
        { dataset: { sourceId: s.id } },
        s.url ? externalLink(s.title ?? s.url, s.url) : h('span', null, s.title ?? s.id),
        meta ? h('span', { className: 'meta' }, ` — ${meta}`) : null,
      ),
    );
  }
  return list;
}

function fieldList(pairs: [string, unknown][]): HTMLElement | null {
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (shown.length === 0) return null;
  const dl = h('dl', { className: 'fields' });
  for (const [k, v] of shown) dl.append(h('dt', null, k), h('dd', null, String(v)));
  return dl;
}

function heading(level: 'h2' | 'h3', text: string, id?: string): HTMLElement {
  return h(level, { id: id ?? '' }, text);
}

export function renderMessage(panel: HTMLElement, message: string, isError = false): void {
  panel.replaceChildren(h('p', { className: isError ? 'error' : 'hint' }, message));
}

function figureTable(figures: FigureView[]): HTMLElement {
  const table = h('table', { className: 'data' }, h('caption', null, 'Individuals affected, as each party reported it'));
  table.append(h('thead', null, h('tr', null, ...['Count', 'Reported by', 'Sources'].map((t) => h('th', { scope: 'col' }, t)))));
  const body = h('tbody');
  for (const f of figures) {
    body.append(
      h(
        'tr',
        null,
        h('td', null, f.count === null ? 'not published' : f.count.toLocaleString('en-US'), h('span', { className: 'sub' }, figureUnit(f))),
        h('td', null, f.reportedBy ?? '', f.asOf ? h('span', { className: 'sub' }, `as of ${formatDate(f.asOf)}`) : null, f.note ? h('span', { className: 'sub' }, f.note) : null),
        h('td', null, ...f.sources.map((s, i) => h('span', null, i > 0 ? '; ' : '', s.url ? externalLink(s.publisher ?? s.title ?? s.id, s.url) : (s.publisher ?? s.id)))),
      ),
    );
  }
  table.append(body);
  return table;
}

export async function showEntity(panel: HTMLElement, id: string, actions: DetailsActions): Promise<void> {
  const mine = ++token;
  let entity = entityCache.get(id);
  if (!entity) {
    renderMessage(panel, 'Loading…');
    try {
      const { node } = await graphql<{ node: EntityDetails | null }>(ENTITY_DETAILS, { id });
      if (mine !== token) return;
      if (!node) return renderMessage(panel, `No entity with id ${id}.`, true);
      entity = node;
      entityCache.set(id, node);
      rememberSources(node.sources);
    } catch (err) {
      if (mine === token) renderMessage(panel, err instanceof Error ? err.message : String(err), true);
      return;
    }
  }
  renderEntity(panel, entity, actions);
}

/** Re-draws the open entity (its state in the view changed) without asking the server again. */
export function refreshEntity(panel: HTMLElement, id: string, actions: DetailsActions): void {
  const entity = entityCache.get(id);
  if (entity && panel.dataset.entity === id) renderEntity(panel, entity, actions);
}

function renderEntity(panel: HTMLElement, e: EntityDetails, actions: DetailsActions): void {
  const style = kindStyle(e.kind);
  const state = actions.nodeState(e.id);
  panel.dataset.entity = e.id;
  delete panel.dataset.relationship;
  const children: (HTMLElement | null)[] = [];
  children.push(h('p', { className: 'eyebrow' }, kindIcon(style.color, style.icon, style.label), ` ${style.label}`, state.pinned ? ' · pinned' : '', state.inView ? '' : ' · not in the view'));
  children.push(heading('h2', e.name, 'details-name'));
  children.push(h('p', { className: 'hint id' }, e.id));
  if (e.aliases.length > 0) children.push(h('p', null, `Also known as: ${e.aliases.join(', ')}`));

  // Actions first: everything the canvas offers is reachable from here by keyboard.
  const bar = h('div', { className: 'actions', attrs: { role: 'group', 'aria-label': 'Actions on this entity' } });
  bar.append(button('Expand', () => actions.expand(e.id, null), { title: 'Show its neighbours (E or double-click)', dataset: { action: 'expand' } }));
  if (state.expanded) bar.append(button('Collapse', () => actions.collapse(e.id), { title: 'Remove what expanding it added (C)', dataset: { action: 'collapse' } }));
  if (actions.canUndo()) bar.append(button('Undo', () => actions.undo(), { title: 'Undo the last expansion or collapse (U)', dataset: { action: 'undo' } }));
  if (BLAST_ORIGIN_KINDS.includes(e.kind)) bar.append(button('Blast radius', () => actions.blastRadius(e.id), { title: 'Who is exposed (B)', dataset: { action: 'blast' } }));
  bar.append(button('Path from here…', () => actions.pathFrom(e.id, e.name), { dataset: { action: 'path-from' } }));
  bar.append(button('Path to here…', () => actions.pathTo(e.id, e.name), { dataset: { action: 'path-to' } }));
  if (state.inView) bar.append(button('Centre', () => actions.centre(e.id), { dataset: { action: 'centre' } }));
  if (state.pinned) bar.append(button('Unpin', () => actions.unpin(e.id), { title: 'Let the layout move it again', dataset: { action: 'unpin' } }));
  else if (state.inView) bar.append(button('Pin', () => actions.pin(e.id), { title: 'Keep it where it is now: the layout leaves it alone (or drag it)', dataset: { action: 'pin' } }));
  children.push(bar);
  if (state.omitted > 0) {
    children.push(
      h(
        'p',
        { className: 'more', attrs: { role: 'note' } },
        `${state.omitted.toLocaleString('en-US')} more ${state.omittedUnit} not shown (the server's cap). `,
        state.canLoadMore ? button('Load more', () => actions.loadMore(e.id), { dataset: { action: 'load-more' } }) : 'That is the most the server gives in one answer.',
      ),
    );
  }

  const f = e as Record<string, unknown>;
  children.push(
    fieldList([
      ['Type', f.incidentType ?? f.orgType ?? f.vendorType ?? f.category ?? f.actorType],
      ['Date', formatDate((f.incidentDate ?? (e.kind === 'SOURCE' ? f.date : null)) as string | null)],
      ['State', f.state],
      ['Country', f.country],
      ['Headquarters', f.headquarters],
      ['Status', f.status],
      ['Suspected origin', f.suspectedOrigin],
      ['CVE', f.cve],
      ['Publisher', e.kind === 'SOURCE' ? f.publisher : null],
    ]),
  );
  if (typeof f.summary === 'string') children.push(h('p', null, f.summary));
  if (typeof f.impact === 'string') children.push(h('p', null, h('strong', null, 'Impact: '), f.impact));
  if (e.notes) children.push(h('p', { className: 'notes' }, e.notes));
  if (e.kind === 'SOURCE' && typeof f.url === 'string') children.push(h('p', null, externalLink(String(f.title ?? f.url), f.url)));
  const figures = f.individualsAffected as FigureView[] | undefined;
  if (Array.isArray(figures) && figures.length > 0) children.push(figureTable(figures));

  children.push(heading('h3', `Sources (${e.sources.length})`));
  children.push(sourceList(e.sources, 'details-sources'));

  // Relationships grouped by type, each with "expand by this type" and each item opening the relationship.
  const rels = e.relationships;
  children.push(heading('h3', `Relationships (${rels.totalCount}${rels.truncated ? `, first ${rels.items.length} listed` : ''})`));
  const byType = new Map<string, RelationshipItem[]>();
  for (const r of rels.items) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  for (const [type, items] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    const group = h('section', { className: 'rel-group', dataset: { type } });
    group.append(
      h(
        'div',
        { className: 'rel-head' },
        h('h4', null, `${type.replaceAll('_', ' ').toLowerCase()} (${items.length})`),
        button(`Expand ${type}`, () => actions.expand(e.id, [type]), { className: 'small', dataset: { action: 'expand-type', type }, attrs: { 'aria-label': `Expand ${e.name} by ${type}` } }),
      ),
    );
    const list = h('ul', { className: 'rel-list' });
    for (const r of items) {
      const inView = actions.edgeInView(r.id);
      const item = button(r.sentence, () => actions.selectEdge(r.id), { className: 'link', dataset: { edge: r.id } });
      list.append(h('li', { className: inView ? 'in-view' : '' }, item, r.confidence ? h('span', { className: 'meta' }, ` · ${r.confidence.replaceAll('_', ' ')}`) : null, inView ? null : h('span', { className: 'meta' }, ' · not in view')));
    }
    group.append(list);
    children.push(group);
  }
  panel.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
}

export async function showRelationship(panel: HTMLElement, id: string, actions: DetailsActions): Promise<void> {
  const mine = ++token;
  let rel = relationshipCache.get(id);
  if (!rel) {
    renderMessage(panel, 'Loading…');
    try {
      const { relationship } = await graphql<{ relationship: RelationshipDetails | null }>(RELATIONSHIP_DETAILS, { id });
      if (mine !== token) return;
      if (!relationship) return renderMessage(panel, `No relationship with id ${id}.`, true);
      rel = relationship;
      relationshipCache.set(id, rel);
      rememberSources(rel.sources);
    } catch (err) {
      if (mine === token) renderMessage(panel, err instanceof Error ? err.message : String(err), true);
      return;
    }
  }
  renderRelationship(panel, rel, actions);
}

function renderRelationship(panel: HTMLElement, r: RelationshipDetails, actions: DetailsActions): void {
  panel.dataset.relationship = r.id;
  delete panel.dataset.entity;
  const children: (HTMLElement | null)[] = [];
  children.push(h('p', { className: 'eyebrow' }, `Relationship · ${r.type}${actions.edgeInView(r.id) ? '' : ' · not in the view'}`));
  children.push(heading('h2', r.sentence, 'details-name'));
  // Why it exists, first.
  children.push(heading('h3', `Why it exists: ${r.sources.length} source${r.sources.length === 1 ? '' : 's'}`));
  children.push(sourceList(r.sources, 'details-sources'));
  const attribution = r.attribution ? r.attribution.replaceAll('_', ' ') : null;
  children.push(
    fieldList([
      ['Confidence', r.confidence?.replaceAll('_', ' ')],
      ['Attribution', attribution],
      ['Role', r.role?.replaceAll('_', ' ')],
      ['Valid from', formatDate(r.validFrom)],
      ['Valid until', formatDate(r.validTo)],
      ['Deal', r.acquisition?.dealType],
      ['Announced', formatDate(r.acquisition?.announced?.value)],
      ['Closed', formatDate(r.acquisition?.closed?.value)],
      ['Verification', r.acquisition?.verification],
    ]),
  );
  if (r.acquisition && r.acquisition.prices.length > 0) {
    children.push(heading('h3', 'Reported prices (sources disagree; every value kept)'));
    const list = h('ul', { className: 'sources' });
    for (const p of r.acquisition.prices) {
      const amount = p.amount === null ? 'undisclosed' : `${p.currency ?? ''} ${(p.amount / 1e9).toFixed(1)} bn`;
      list.append(h('li', null, `${amount}${p.note ? ` (${p.note})` : ''} — `, ...p.sources.map((s, i) => h('span', null, i > 0 ? '; ' : '', s.url ? externalLink(s.publisher ?? s.id, s.url) : (s.publisher ?? s.id)))));
    }
    children.push(list);
  }
  const ends = h('div', { className: 'actions', attrs: { role: 'group', 'aria-label': 'Ends of this relationship' } });
  ends.append(button(`From: ${r.from.name}`, () => actions.selectNode(r.from.id), { dataset: { action: 'select-from' } }));
  ends.append(button(`To: ${r.to.name}`, () => actions.selectNode(r.to.id), { dataset: { action: 'select-to' } }));
  if (!actions.edgeInView(r.id)) ends.append(button(`Add to view`, () => actions.expand(r.from.id, [r.type]), { dataset: { action: 'add-edge' } }));
  children.push(ends);
  children.push(h('p', { className: 'hint id' }, r.id));
  panel.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
}
