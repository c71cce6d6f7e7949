// The details panel: what the selected entity is, and the sources that say so.
import { kindStyle } from '../core/kinds.ts';

export interface SourceView {
  id: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  url: string | null;
}

export interface EntityDetails {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  notes: string | null;
  sources: SourceView[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function renderDetails(panel: HTMLElement, entity: EntityDetails): void {
  panel.replaceChildren();
  const style = kindStyle(entity.kind);
  const heading = el('h2', entity.name);
  heading.id = 'details-name';
  const badge = el('span', style.label, 'kind');
  badge.style.background = style.color;
  badge.dataset.kind = entity.kind;
  panel.append(heading, badge, el('p', entity.id, 'hint'));
  if (entity.aliases.length > 0) panel.append(el('p', `Also known as: ${entity.aliases.join(', ')}`));
  if (entity.notes) panel.append(el('p', entity.notes));
  panel.append(el('h3', `Sources (${entity.sources.length})`));
  const list = el('ul');
  list.id = 'details-sources';
  for (const s of entity.sources) {
    const item = el('li');
    const text = [s.publisher, s.date].filter(Boolean).join(', ');
    if (s.url) {
      const link = el('a', s.title ?? s.url);
      link.href = s.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      item.append(link);
    } else {
      item.append(el('span', s.title ?? s.id));
    }
    if (text) item.append(el('span', ` — ${text}`));
    list.append(item);
  }
  panel.append(list);
}

export function renderMessage(panel: HTMLElement, message: string, isError = false): void {
  panel.replaceChildren(el('p', message, isError ? 'error' : 'hint'));
}
