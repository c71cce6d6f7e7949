// Synthetic GraphQL answers for the "apply an answer" benchmark, shaped exactly like the server's (the types of
// client/graph/queries.ts) and deterministic: a blastRadius that reaches n organisations along the supply chain
// (incident → breached vendor → its products, subsidiaries and customers → product users and health-system
// members, one explaining path per organisation, as cypher/blast-radius.cypher returns them), and a depth-1
// neighbourhood of n entities around a vendor.
import type { ApiBlastRadius, ApiEdge, ApiNode, ApiSubgraph } from '../../client/graph/queries.ts';
import { rng } from './graph.ts';

export const BLAST_ORIGIN = 'inc-bench-breach';
export const NEIGHBOURHOOD_FOCUS = 'vendor-bench-hub';

const STATES = ['CA', 'TX', 'NY', 'FL', 'PA', 'OH', 'IL', 'MI', 'GA', 'NC', 'WA', 'MA', 'AZ', 'TN', 'MN', 'WI', 'MO', 'CO', 'IN', 'MD'];
const SRC = ['src-bench-1'];

function node(id: string, kind: string, label: string, hops: number | null, attributes: Record<string, unknown> = {}): ApiNode {
  return { id, kind, label, hops, attributes: { id, name: label, sources: SRC, ...attributes } };
}

function edge(id: string, source: string, target: string, type: string, attributes: Record<string, unknown> = {}): ApiEdge {
  return { id, source, target, type, sources: SRC, confidence: 'reported', validFrom: null, validTo: null, attributes };
}

/** `{ result: blastRadius }` reaching `organizations` organisations (the vendor and its subsidiaries included). */
export function blastAnswer(organizations: number, seed = 7): { result: ApiBlastRadius } {
  const r = rng(seed);
  const nodes: ApiNode[] = [];
  const edges: ApiEdge[] = [];
  const reached: ApiBlastRadius['reached'] = [];
  const vendor = 'vendor-bench-ehr';
  const reach = (n: ApiNode, sentences: string[], confirmed: boolean) =>
    reached.push({ hops: n.hops!, confirmed, namedBy: confirmed ? [BLAST_ORIGIN] : [], entity: { id: n.id, kind: n.kind, name: n.label }, path: { sentences } });

  nodes.push(node(BLAST_ORIGIN, 'INCIDENT', 'Bench EHR vendor breach 2025', 0, { date: '2025-03-01', individualsAffected: 6_000_000 }));
  nodes.push(node(vendor, 'VENDOR', 'Bench EHR Vendor Inc.', 1, { state: 'MO' }));
  edges.push(edge('e-affected-vendor', BLAST_ORIGIN, vendor, 'AFFECTED', { role: 'breached_vendor' }));
  reach(nodes[1]!, ['The incident breached Bench EHR Vendor Inc.'], true);

  const products = Array.from({ length: 12 }, (_, i) => node(`product-bench-${i}`, 'PRODUCT', `Bench EHR module ${i}`, 2));
  for (const p of products) {
    nodes.push(p);
    edges.push(edge(`e-makes-${p.id}`, vendor, p.id, 'MAKES'));
  }
  const subsidiaries = Math.min(5, Math.max(0, organizations - 1));
  for (let i = 0; i < subsidiaries; i++) {
    const s = node(`vendor-bench-sub-${i}`, 'VENDOR', `Bench EHR Subsidiary ${i} LLC`, 2, { state: STATES[i % STATES.length] });
    nodes.push(s);
    edges.push(edge(`e-acq-${i}`, vendor, s.id, 'ACQUIRED', { date: '2019-01-01' }));
    reach(s, ['The incident breached Bench EHR Vendor Inc.', `Bench EHR Vendor Inc. acquired ${s.label}.`], false);
  }
  // The rest: 40 % customers of the vendor (hop 2; every 20th a health system), 40 % users of a product (hop 3),
  // 20 % members of a health system (hop 3).
  const rest = Math.max(0, organizations - 1 - subsidiaries);
  const customers = Math.ceil(rest * 0.4);
  const users = Math.ceil(rest * 0.4);
  const members = rest - customers - users;
  const systems: ApiNode[] = [];
  let k = 0;
  const org = (hops: number) => {
    const i = k++;
    const system = hops === 2 && i % 20 === 0;
    return node(`org-bench-${i}`, 'ORGANIZATION', `${system ? 'Bench Health System' : 'Bench Hospital'} ${i}`, hops, {
      state: STATES[Math.floor(r() * STATES.length)],
      type: system ? 'health_system' : 'hospital',
      beds: Math.round(50 + r() * 900),
    });
  };
  for (let i = 0; i < customers; i++) {
    const o = org(2);
    if (o.attributes.type === 'health_system') systems.push(o);
    nodes.push(o);
    edges.push(edge(`e-cust-${o.id}`, o.id, vendor, 'CUSTOMER_OF'));
    reach(o, ['The incident breached Bench EHR Vendor Inc.', `${o.label} is a customer of Bench EHR Vendor Inc.`], r() < 0.02);
  }
  for (let i = 0; i < users; i++) {
    const o = org(3);
    const p = products[Math.floor(r() * products.length)]!;
    nodes.push(o);
    edges.push(edge(`e-uses-${o.id}`, o.id, p.id, 'USES'));
    reach(o, ['The incident breached Bench EHR Vendor Inc.', `Bench EHR Vendor Inc. makes ${p.label}.`, `${o.label} uses ${p.label}.`], r() < 0.02);
  }
  for (let i = 0; i < members; i++) {
    const o = org(3);
    const s = systems.length > 0 ? systems[Math.floor(r() * systems.length)]! : null;
    nodes.push(o);
    if (s) {
      edges.push(edge(`e-member-${o.id}`, o.id, s.id, 'PART_OF'));
      reach(o, ['The incident breached Bench EHR Vendor Inc.', `${s.label} is a customer of Bench EHR Vendor Inc.`, `${o.label} is part of ${s.label}.`], r() < 0.02);
    } else {
      edges.push(edge(`e-cust-${o.id}`, o.id, vendor, 'CUSTOMER_OF'));
      reach(o, ['The incident breached Bench EHR Vendor Inc.', `${o.label} is a customer of Bench EHR Vendor Inc.`], false);
    }
  }
  const confirmed = reached.filter((x) => x.confirmed).length;
  const byState = new Map<string, number>();
  for (const n of nodes) if (typeof n.attributes.state === 'string') byState.set(n.attributes.state, (byState.get(n.attributes.state) ?? 0) + 1);
  const subgraph: ApiSubgraph = { nodes, edges, truncated: false, omitted: 0 };
  return {
    result: {
      origin: { id: BLAST_ORIGIN, kind: 'INCIDENT', name: nodes[0]!.label },
      incidents: [{ id: BLAST_ORIGIN, name: nodes[0]!.label }],
      truncated: false,
      omitted: 0,
      reached,
      summary: {
        organizations: reached.length,
        confirmed,
        potential: reached.length - confirmed,
        byState: [...byState].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count),
        byKind: [
          { key: 'VENDOR', count: 1 + subsidiaries },
          { key: 'ORGANIZATION', count: rest },
        ],
        incidents: 1,
        individualsAffected: 6_000_000,
        figures: [],
      },
      subgraph,
    },
  };
}

/** `{ result: neighborhood }`: n entities, the focus and its direct neighbours, with some edges among them. */
export function neighbourhoodAnswer(n: number, seed = 11): { result: ApiSubgraph } {
  const r = rng(seed);
  const kinds = ['ORGANIZATION', 'ORGANIZATION', 'ORGANIZATION', 'PRODUCT', 'INCIDENT', 'VENDOR'];
  const types: Record<string, string> = { ORGANIZATION: 'CUSTOMER_OF', PRODUCT: 'MAKES', INCIDENT: 'AFFECTED', VENDOR: 'ACQUIRED' };
  const nodes: ApiNode[] = [node(NEIGHBOURHOOD_FOCUS, 'VENDOR', 'Bench Hub Vendor Corp.', 0, { state: 'CA' })];
  const edges: ApiEdge[] = [];
  for (let i = 1; i < n; i++) {
    const kind = kinds[Math.floor(r() * kinds.length)]!;
    const id = `nb-bench-${i}`;
    nodes.push(node(id, kind, `Bench ${kind.toLowerCase()} ${i}`, 1, { state: STATES[i % STATES.length] }));
    const type = types[kind]!;
    const out = type === 'CUSTOMER_OF';
    edges.push(edge(`e-nb-${i}`, out ? id : NEIGHBOURHOOD_FOCUS, out ? NEIGHBOURHOOD_FOCUS : id, type));
  }
  // Half as many again between neighbours (the server returns the edges among the entities it returns).
  for (let i = 0; i < Math.floor(n / 2); i++) {
    const a = 1 + Math.floor(r() * (n - 1));
    const b = 1 + Math.floor(r() * (n - 1));
    if (a !== b) edges.push(edge(`e-nb-x-${i}`, `nb-bench-${a}`, `nb-bench-${b}`, 'BUSINESS_ASSOCIATE_OF'));
  }
  return { result: { nodes, edges, truncated: false, omitted: 0 } };
}
