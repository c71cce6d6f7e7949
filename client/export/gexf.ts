// GEXF 1.3 writer (Gephi's format): nodes with kind, hops, exposure, figures and sources; edges with type,
// confidence, dates and sources; positions, colours and sizes as drawn (viz namespace).
import type { ApiSource } from '../graph/queries.ts';
import { citation } from '../graph/sources.ts';
import type { Snapshot } from './snapshot.ts';
import { hexToRgb, xml } from './xml.ts';

const NODE_ATTRS = [
  ['kind', 'string'],
  ['hops', 'integer'],
  ['exposure', 'string'],
  ['individuals_affected', 'long'],
  ['degree', 'integer'],
  ['source_ids', 'string'],
  ['sources', 'string'],
] as const;

const EDGE_ATTRS = [
  ['type', 'string'],
  ['confidence', 'string'],
  ['valid_from', 'string'],
  ['valid_to', 'string'],
  ['source_ids', 'string'],
  ['sources', 'string'],
] as const;

function attvalues(values: Record<string, string | number | null>): string {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `          <attvalue for="${k}" value="${xml(v)}"/>`);
  return parts.length > 0 ? `        <attvalues>\n${parts.join('\n')}\n        </attvalues>\n` : '';
}

export function toGexf(s: Snapshot, sources: Map<string, ApiSource>, description: string): string {
  const cite = (ids: string[]) => ids.map((id) => citation(sources.get(id) ?? { id, title: null, publisher: null, date: null, url: null })).join(' | ');
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">');
  out.push(`  <meta lastmodifieddate="${new Date().toISOString().slice(0, 10)}">`);
  out.push('    <creator>Healthcare cyber-incident graph explorer</creator>');
  out.push(`    <description>${xml(description)}</description>`);
  out.push('  </meta>');
  out.push('  <graph defaultedgetype="directed" mode="static">');
  out.push('    <attributes class="node">');
  for (const [id, type] of NODE_ATTRS) out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  out.push('    </attributes>');
  out.push('    <attributes class="edge">');
  for (const [id, type] of EDGE_ATTRS) out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  out.push('    </attributes>');
  out.push('    <nodes>');
  for (const n of s.nodes) {
    const { r, g, b } = hexToRgb(n.color);
    out.push(`      <node id="${xml(n.id)}" label="${xml(n.label)}">`);
    out.push(
      attvalues({
        kind: n.kind,
        hops: n.hops,
        exposure: n.exposure,
        individuals_affected: n.individuals,
        degree: n.degree,
        source_ids: n.sources.join(';'),
        sources: cite(n.sources),
      }).trimEnd(),
    );
    out.push(`        <viz:color r="${r}" g="${g}" b="${b}"/>`);
    out.push(`        <viz:position x="${n.x.toFixed(3)}" y="${n.y.toFixed(3)}" z="0"/>`);
    out.push(`        <viz:size value="${n.size.toFixed(2)}"/>`);
    out.push('      </node>');
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  for (const e of s.edges) {
    out.push(`      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" label="${xml(e.type)}">`);
    out.push(
      attvalues({
        type: e.type,
        confidence: e.confidence,
        valid_from: e.validFrom,
        valid_to: e.validTo,
        source_ids: e.sources.join(';'),
        sources: cite(e.sources),
      }).trimEnd(),
    );
    out.push('      </edge>');
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return out.filter((line) => line !== '').join('\n') + '\n';
}
