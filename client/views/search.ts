// Type-ahead search over names and aliases (an ARIA combobox): kind icons and colours, up/down/enter, escape.
import { graphql } from '../api.ts';
import { kindStyle } from '../core/kinds.ts';
import { h, kindIcon } from './dom.ts';

export interface SearchHit {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
}

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) { score entity { id kind name aliases } }
  }`;

let counter = 0;

export interface SearchBox {
  element: HTMLElement;
  input: HTMLInputElement;
  setValue(text: string): void;
  destroy(): void;
}

/** A combobox: `onPick` receives the chosen entity. */
export function createSearchBox(label: string, placeholder: string, onPick: (hit: SearchHit) => void, options: { kinds?: string[]; compact?: boolean } = {}): SearchBox {
  const id = `search-${++counter}`;
  const listId = `${id}-list`;
  const input = h('input', {
    id,
    type: 'search',
    placeholder,
    autocomplete: 'off',
    spellcheck: false,
    attrs: { role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId },
  });
  const list = h('ul', { id: listId, className: 'search-results', hidden: true, attrs: { role: 'listbox', 'aria-label': `${label}: results` } });
  const status = h('span', { className: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite' } });
  const element = h('div', { className: `search${options.compact ? ' compact' : ''}` }, h('label', { htmlFor: id, className: options.compact ? 'visually-hidden' : '' }, label), input, list, status);

  let hits: SearchHit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;

  function close(): void {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(index: number): void {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    const option = list.children[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function pick(hit: SearchHit): void {
    // A search still in flight must not reopen the list over the chosen entity.
    clearTimeout(timer);
    controller?.abort();
    hits = [];
    input.value = hit.name;
    close();
    onPick(hit);
  }

  function render(): void {
    list.replaceChildren(
      ...hits.map((hit, i) => {
        const style = kindStyle(hit.kind);
        const alias = hit.aliases.length > 0 ? h('span', { className: 'alias' }, `also ${hit.aliases.slice(0, 3).join(', ')}`) : null;
        const li = h(
          'li',
          { id: `${id}-opt-${i}`, className: 'search-option', dataset: { id: hit.id, kind: hit.kind }, attrs: { role: 'option', 'aria-selected': 'false' } },
          kindIcon(style.color, style.icon, style.label),
          h('span', { className: 'name' }, hit.name),
          h('span', { className: 'kind-name' }, style.label),
          alias,
        );
        // mousedown, not click: the input's blur would close the list first.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          pick(hit);
        });
        return li;
      }),
    );
    const open = hits.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    status.textContent = input.value.trim() ? `${hits.length} result${hits.length === 1 ? '' : 's'}` : '';
    setActive(open ? 0 : -1);
  }

  async function run(query: string): Promise<void> {
    controller?.abort();
    if (!query.trim()) {
      hits = [];
      render();
      return;
    }
    const ctrl = new AbortController();
    controller = ctrl;
    try {
      const data = await graphql<{ search: { entity: SearchHit }[] }>(SEARCH, { query, first: 12 }, ctrl.signal);
      if (ctrl.signal.aborted) return;
      hits = data.search.map((s) => s.entity).filter((e) => !options.kinds || options.kinds.includes(e.kind));
      render();
    } catch (err) {
      if (ctrl.signal.aborted) return;
      hits = [];
      render();
      status.textContent = `Search failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (list.hidden && hits.length > 0) render();
      else if (hits.length > 0) setActive((active + 1) % hits.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length > 0) setActive((active - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      const hit = hits[active];
      if (!list.hidden && hit) {
        e.preventDefault();
        pick(hit);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        e.stopPropagation();
        close();
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('focus', () => {
    if (hits.length > 0 && input.value.trim()) render();
  });

  return {
    element,
    input,
    setValue(text) {
      input.value = text;
    },
    destroy() {
      clearTimeout(timer);
      controller?.abort();
    },
  };
}
