// Share and export: the link to this view, and PNG, GEXF, GraphML, CSV and the GraphQL behind the view.
import { button, h } from './dom.ts';

export type ExportFormat = 'png' | 'gexf' | 'graphml' | 'csv-nodes' | 'csv-edges' | 'graphql';

export interface ExportPanel {
  element: HTMLElement;
  setUrl(url: string): void;
  setBusy(format: ExportFormat | null): void;
  setMessage(text: string, isError?: boolean): void;
}

const LABELS: Record<ExportFormat, string> = {
  png: 'PNG image',
  gexf: 'GEXF (Gephi)',
  graphml: 'GraphML',
  'csv-nodes': 'CSV: entities',
  'csv-edges': 'CSV: relationships',
  graphql: 'GraphQL query',
};

export function createExportPanel(onExport: (format: ExportFormat) => void, onCopyLink: () => void): ExportPanel {
  const url = h('input', { id: 'share-url', type: 'text', readOnly: true, attrs: { 'aria-label': 'Link to this view' } });
  url.addEventListener('focus', () => url.select());
  const copy = button('Copy link', onCopyLink, { id: 'copy-link' });
  const buttons = (Object.keys(LABELS) as ExportFormat[]).map((f) => button(LABELS[f], () => onExport(f), { dataset: { export: f } }));
  const message = h('p', { className: 'hint small', attrs: { role: 'status', 'aria-live': 'polite' } });
  const element = h(
    'div',
    { className: 'export' },
    h('label', { htmlFor: 'share-url', className: 'small' }, 'Link to this view (mode, entities, expansions, filters, date, camera)'),
    url,
    h('div', { className: 'actions' }, copy),
    h('div', { className: 'export-buttons', attrs: { role: 'group', 'aria-label': 'Export' } }, ...buttons),
    message,
  );
  return {
    element,
    setUrl(value) {
      url.value = value;
    },
    setBusy(format) {
      for (const b of buttons) b.disabled = format !== null;
      if (format) message.textContent = `Preparing ${LABELS[format]}…`;
    },
    setMessage(text, isError = false) {
      message.textContent = text;
      message.classList.toggle('error', isError);
    },
  };
}

/** Copies text, falling back to a selection when the clipboard API is unavailable. */
export async function copyText(text: string, fallback?: HTMLTextAreaElement | HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.focus();
    fallback.select();
    return document.execCommand('copy');
  }
}
