// GraphML writer: the same node and edge fields as the GEXF export, declared as keys (yEd, networkx, Gephi read it).
import type { ApiSource } from '../graph/queries.ts';
import { citation } from '../graph/sources.ts';
import type { Snapshot } from './snapshot.ts';
import { xml } from './xml.ts';

const NODE_KEYS = [
  ['label', 'string'],
  ['kind', 'string'],
  ['hops', 'int'],
  ['exposure', 'string'],
  ['individuals_affected', 'long'],
  ['degree', 'int'],
  ['x', 'double'],
  ['y', 'double'],
  ['color', 'string'],
  ['source_ids', 'string'],
  ['sources', 'string'],
] as const;

const EDGE_KEYS = [
  ['type', 'string'],
  ['confidence', 'string'],
  ['valid_from', 'string'],
  ['valid_to', 'string'],
  ['source_ids', 'string'],
  ['sources', 'string'],
] as const;

function data(prefix: string, values: Record<string, string | number | null>): string[] {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `      <data key="${prefix}${k}">${xml(v)}</data>`);
}

export function toGraphml(s: Snapshot, sources: Map<string, ApiSource>, description: string): string {
  const cite = (ids: string[]) => ids.map((id) => citation(sources.get(id) ?? { id, title: null, publisher: null, date: null, url: null })).join(' | ');
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  out.push(`  <desc>${xml(description)}</desc>`);
  for (const [k, t] of NODE_KEYS) out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`);
  for (const [k, t] of EDGE_KEYS) out.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`);
  out.push('  <graph id="view" edgedefault="directed">');
  for (const n of s.nodes) {
    out.push(`    <node id="${xml(n.id)}">`);
    out.push(
      ...data('n_', {
        label: n.label,
        kind: n.kind,
        hops: n.hops,
        exposure: n.exposure,
        individuals_affected: n.individuals,
        degree: n.degree,
        x: Number(n.x.toFixed(3)),
        y: Number(n.y.toFixed(3)),
        color: n.color,
        source_ids: n.sources.join(';'),
        sources: cite(n.sources),
      }),
    );
    out.push('    </node>');
  }
  for (const e of s.edges) {
    out.push(`    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">`);
    out.push(
      ...data('e_', {
        type: e.type,
        confidence: e.confidence,
        valid_from: e.validFrom,
        valid_to: e.validTo,
        source_ids: e.sources.join(';'),
        sources: cite(e.sources),
      }),
    );
    out.push('    </edge>');
  }
  out.push('  </graph>');
  out.push('</graphml>');
  return out.join('\n') + '\n';
}
