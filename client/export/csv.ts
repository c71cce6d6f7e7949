// CSV writers (RFC 4180: quoted where needed, CRLF): one file of nodes, one of edges, each with its sources.
import type { ApiSource } from '../graph/queries.ts';
import { citation } from '../graph/sources.ts';
import type { Snapshot } from './snapshot.ts';

export function csvCell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function rows(header: string[], lines: (string | number | null)[][]): string {
  return [header, ...lines].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function citeAll(ids: string[], sources: Map<string, ApiSource>): string {
  return ids.map((id) => citation(sources.get(id) ?? { id, title: null, publisher: null, date: null, url: null })).join(' | ');
}

export function nodesCsv(s: Snapshot, sources: Map<string, ApiSource>): string {
  return rows(
    ['id', 'label', 'kind', 'hops', 'exposure', 'individuals_affected', 'degree', 'source_ids', 'sources'],
    s.nodes.map((n) => [n.id, n.label, n.kind, n.hops, n.exposure, n.individuals, n.degree, n.sources.join(';'), citeAll(n.sources, sources)]),
  );
}

export function edgesCsv(s: Snapshot, sources: Map<string, ApiSource>): string {
  const label = new Map(s.nodes.map((n) => [n.id, n.label]));
  return rows(
    ['id', 'source', 'target', 'source_label', 'target_label', 'type', 'confidence', 'valid_from', 'valid_to', 'source_ids', 'sources'],
    s.edges.map((e) => [e.id, e.source, e.target, label.get(e.source) ?? '', label.get(e.target) ?? '', e.type, e.confidence, e.validFrom, e.validTo, e.sources.join(';'), citeAll(e.sources, sources)]),
  );
}
