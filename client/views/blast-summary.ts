// The blast-radius summary: one readable paragraph, then tables (counts, by kind, by state, figures with their
// sources, every organisation reached with why) that screen readers can navigate by headers.
import { kindStyle } from '../core/kinds.ts';
import { FOLLOW, type Follow } from '../core/view/types.ts';
import type { ApiBlastRadius } from '../graph/queries.ts';
import { button, externalLink, figureUnit, formatDate, h } from './dom.ts';

export interface BlastActions {
  selectNode(id: string): void;
  setOptions(hops: number, follow: Follow[]): void;
}

const KIND_NAMES: Record<string, string> = {
  HealthSystem: 'Health systems',
  Hospital: 'Hospitals',
  HealthPlan: 'Health plans',
  Vendor: 'Vendors',
  Organization: 'Other organisations',
};

const FOLLOW_LABELS: Record<Follow, string> = {
  SUPPLIER: 'Supplier → customer',
  OWNERSHIP: 'Ownership',
  MEMBERSHIP: 'Health system → members',
};

/** Rows of "Organisations reached" listed at first, and added per "Show more". */
export const REACHED_FIRST = 200;
const REACHED_MORE = 500;

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

function table(caption: string, headers: string[], rows: (Node | string)[][], id?: string): HTMLTableElement {
  const t = h('table', { className: 'data', id: id ?? '' }, h('caption', null, caption));
  t.append(h('thead', null, h('tr', null, ...headers.map((x) => h('th', { scope: 'col' }, x)))));
  const body = h('tbody');
  for (const row of rows) {
    const [first, ...rest] = row;
    body.append(h('tr', null, h('th', { scope: 'row' }, first ?? ''), ...rest.map((cell) => h('td', null, cell))));
  }
  t.append(body);
  return t;
}

export function renderBlastSummary(panel: HTMLElement, blast: ApiBlastRadius, options: { hops: number; follow: Follow[]; asOf: string | null }, actions: BlastActions): void {
  const s = blast.summary;
  const used = s.figures.filter((f) => f.used);
  const scope = `within ${plural(options.hops, 'hop', 'hops')}${options.asOf ? `, as of ${formatDate(options.asOf)}` : ''}`;
  const text =
    `${blast.origin.name} reaches ${plural(s.organizations, 'organisation', 'organisations')} ${scope}: ` +
    `${n(s.confirmed)} confirmed (a source names them as affected) and ${n(s.potential)} potential (exposed through the chain only). ` +
    `${plural(s.incidents, 'incident', 'incidents')} involved. ` +
    (s.individualsAffected === null
      ? 'No usable figure of individuals affected has been published.'
      : `Individuals affected: ${n(s.individualsAffected)}, one figure per incident (placeholders such as 501 and claims left out)` +
        (used.length > 0 ? `: ${used.map((f) => `${n(f.count ?? 0)} ${f.unit ?? ''} reported by ${f.reportedBy ?? 'unknown'}`).join('; ')}.` : '.'));

  const controls = h('form', { className: 'inline-form', attrs: { 'aria-label': 'Blast radius options' } });
  const hops = h('select', { id: 'blast-hops' }, ...[1, 2, 3, 4].map((k) => h('option', { value: String(k), selected: k === options.hops }, String(k))));
  const boxes = FOLLOW.map((f) => {
    const box = h('input', { type: 'checkbox', checked: options.follow.includes(f), value: f, id: `follow-${f}` });
    return h('label', { className: 'check' }, box, ` ${FOLLOW_LABELS[f]}`);
  });
  const apply = () => {
    const follow = FOLLOW.filter((f) => (controls.querySelector<HTMLInputElement>(`#follow-${f}`)?.checked ?? false));
    actions.setOptions(Number(hops.value), follow);
  };
  hops.addEventListener('change', apply);
  boxes.forEach((b) => b.addEventListener('change', apply));
  controls.append(h('label', { htmlFor: 'blast-hops' }, 'Hops '), hops, h('fieldset', null, h('legend', null, 'Follow'), ...boxes));

  const counts = table(
    'Counts',
    ['Measure', 'Value'],
    [
      ['Organisations reached', n(s.organizations)],
      ['Confirmed', n(s.confirmed)],
      ['Potential', n(s.potential)],
      ['Incidents', n(s.incidents)],
      ['Individuals affected', s.individualsAffected === null ? 'not published' : n(s.individualsAffected)],
    ],
    'blast-counts',
  );
  const keys = ['organizations', 'confirmed', 'potential', 'incidents', 'individualsAffected'];
  counts.querySelectorAll('tbody tr').forEach((tr, i) => {
    (tr as HTMLElement).dataset.key = keys[i]!;
    const td = tr.querySelector('td');
    const value = s[keys[i] as keyof typeof s];
    if (td) td.dataset.value = value === null ? '' : String(value);
  });

  const byKind = table('Organisations by kind', ['Kind', 'Count'], s.byKind.map((c) => [KIND_NAMES[c.key] ?? c.key, n(c.count)]), 'blast-by-kind');
  byKind.querySelectorAll('tbody tr').forEach((tr, i) => ((tr as HTMLElement).dataset.key = s.byKind[i]!.key));
  const byState = table('Organisations by state', ['State', 'Count'], s.byState.map((c) => [c.key === 'unknown' ? 'Not recorded' : c.key, n(c.count)]), 'blast-by-state');
  byState.querySelectorAll('tbody tr').forEach((tr, i) => ((tr as HTMLElement).dataset.key = s.byState[i]!.key));

  const figures = table(
    'Individuals-affected figures (the total uses one per incident)',
    ['Count', 'Reported by', 'Used', 'Sources'],
    s.figures.map((f) => [
      h('span', null, f.count === null ? 'not published' : n(f.count), h('span', { className: 'sub' }, figureUnit(f))),
      h('span', null, f.reportedBy ?? '', f.asOf ? h('span', { className: 'sub' }, `as of ${formatDate(f.asOf)}`) : null),
      f.used ? 'Yes' : 'No',
      h('span', null, ...f.sources.map((src, i) => h('span', null, i > 0 ? '; ' : '', src.url ? externalLink(src.publisher ?? src.title ?? src.id, src.url) : (src.publisher ?? src.id)))),
    ]),
    'blast-figures',
  );
  figures.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (s.figures[i]!.used) tr.classList.add('used');
  });

  // Organisations reached: the first rows at once, the rest on request. Thousands of rows with sentences cost the
  // tab a long layout in one piece (2,000 rows ≈ 0.7 s, 20,000 ≈ 4 s of frozen tab; docs/performance.md, Client).
  const reached = table(`Organisations reached (${n(blast.reached.length)}${blast.truncated ? ` of ${n(s.organizations)}` : ''})`, ['Organisation', 'Kind', 'Hops', 'Exposure', 'Why'], [], 'blast-reached');
  const reachedBody = reached.querySelector('tbody')!;
  const reachedRow = (r: ApiBlastRadius['reached'][number]) =>
    h(
      'tr',
      { dataset: { id: r.entity.id, kind: r.entity.kind, exposure: r.confirmed ? 'confirmed' : 'potential' } },
      h('th', { scope: 'row' }, button(r.entity.name, () => actions.selectNode(r.entity.id), { className: 'link', dataset: { node: r.entity.id } })),
      h('td', null, kindStyle(r.entity.kind).label),
      h('td', null, String(r.hops)),
      h('td', null, r.confirmed ? 'Confirmed' : 'Potential'),
      h('td', null, h('span', { className: 'why' }, r.path.sentences.join(' → '))),
    );
  let shown = 0;
  const more = button('', () => showMore(REACHED_MORE), { className: 'small', id: 'blast-reached-more' });
  const showMore = (count: number) => {
    const next = blast.reached.slice(shown, shown + count);
    reachedBody.append(...next.map(reachedRow));
    shown += next.length;
    const left = blast.reached.length - shown;
    more.hidden = left === 0;
    more.textContent = `Show ${n(Math.min(REACHED_MORE, left))} more (${n(left)} not listed yet)`;
  };
  showMore(REACHED_FIRST);

  const children: (HTMLElement | null)[] = [
    h('h2', { id: 'blast-title' }, `Blast radius: ${blast.origin.name}`),
    controls,
    h('p', { id: 'blast-text', className: 'summary-text' }, text),
    blast.truncated ? h('p', { className: 'more', attrs: { role: 'note' } }, `The server listed ${n(blast.reached.length)} organisations and left ${n(blast.omitted)} out; the counts above include them.`) : null,
    counts,
    byKind,
    byState,
    figures,
    reached,
    more,
  ];
  panel.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
}
