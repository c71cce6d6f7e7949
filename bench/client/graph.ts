// A synthetic graph shaped like the explorer's data graph (NodeAttributes/EdgeAttributes of client/graph/payload.ts):
// n nodes of the model's kinds at seeded random positions, 2 edges per node on average, some hubs (vendors).
import Graph from 'graphology';
import type { DataGraph } from '../../client/graph/payload.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same graph and answers on both pages. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['ORGANIZATION', 'ORGANIZATION', 'ORGANIZATION', 'ORGANIZATION', 'VENDOR', 'INCIDENT', 'INCIDENT', 'PRODUCT', 'THREAT_ACTOR'];
const TYPES = ['CUSTOMER_OF', 'AFFECTED', 'PART_OF', 'MAKES', 'ATTRIBUTED_TO'];

export function syntheticGraph(n: number, seed = 1): DataGraph {
  const r = rng(seed);
  const g: DataGraph = new Graph({ multi: true, type: 'directed' });
  const hubs = Math.max(3, Math.round(n / 100));
  for (let i = 0; i < n; i++) {
    const kind = i < hubs ? 'VENDOR' : KINDS[Math.floor(r() * KINDS.length)]!;
    const angle = r() * Math.PI * 2;
    const radius = Math.sqrt(r()) * 100;
    g.addNode(`n${i}`, {
      label: `${kind.toLowerCase()} ${i}`,
      kind,
      x: Math.cos(angle) * radius,
      y: Math.sin(angle) * radius,
      hops: Math.min(3, Math.floor(r() * 4)),
      exposure: null,
      individuals: kind === 'INCIDENT' ? Math.round(r() * 1e6) : null,
      sources: ['src-1'],
      attributes: { id: `n${i}`, kind },
      pinned: false,
    });
  }
  for (let i = 0; i < n * 2; i++) {
    const a = Math.floor(r() * n);
    const b = r() < 0.3 ? Math.floor(r() * hubs) : Math.floor(r() * n);
    if (a === b) continue;
    g.addDirectedEdgeWithKey(`e${i}`, `n${a}`, `n${b}`, { relType: TYPES[Math.floor(r() * TYPES.length)]!, confidence: 'reported', sources: ['src-1'], validFrom: null, validTo: null, attributes: {} });
  }
  return g;
}
