// Turning an imported organisation or vendor into a node: matched to the graph's (merge: spelling added as an
// alias, state/ZIP/NPI filled in where the node had none) or created, with POSSIBLE_SAME_AS for uncertain matches.
import { organizationId, slug, vendorKey, type OrgFacts, type OrgResolution } from './resolve.ts';
import type { PlanContext } from './types.ts';

export interface ImportedOrg extends OrgFacts {
  city?: string;
  /** orgType of a new node (HHS's covered-entity type, lower case). */
  orgType?: string;
  /** Extra labels of a new node (HealthPlan…). */
  labels?: string[];
}

export interface OrgOutcome {
  id: string;
  resolution: OrgResolution;
}

/**
 * Resolves `org` against the graph and the import so far, and plans the node writes. `scope` names the list an
 * organisation without any location comes from (e.g. the vendor), so its id does not collide across lists.
 */
export function upsertOrganization(ctx: PlanContext, org: ImportedOrg, scope: string): OrgOutcome {
  const selfId = organizationId(org, scope);
  const resolution = ctx.orgs.resolve(org, selfId);
  const postalCodes = [...new Set(org.postalCodes ?? [])];
  if (resolution.kind === 'new') {
    ctx.plan.node(selfId, {
      labels: ['Organization', ...(org.labels ?? [])],
      create: {
        kind: 'ORGANIZATION',
        name: org.name,
        orgType: org.orgType,
        country: org.country,
        state: org.state,
        npi: org.npi,
        city: org.city,
        aliasText: '',
      },
      union: { sources: [ctx.sourceId], aliases: [], ...(postalCodes.length > 0 ? { postalCodes } : {}) },
    });
    // The same facts it was resolved from (no aliases; the postal codes deduplicated, as its profile does): reuse that profile.
    ctx.orgs.put({ id: selfId, name: org.name, aliases: [], state: org.state, postalCodes, npi: org.npi, country: org.country }, org.aliases?.length ? undefined : org);
    ctx.count('organisations created');
    for (const p of resolution.possible) {
      ctx.plan.relationship('POSSIBLE_SAME_AS', selfId, p.id, `possible-same-as:${selfId}:${p.id}`, {
        create: { score: p.score, reason: p.reason, confidence: 'possible', basis: 'entity resolution at import' },
        union: { sources: [ctx.sourceId] },
      });
      ctx.count('possible duplicates (POSSIBLE_SAME_AS)');
    }
    return { id: selfId, resolution };
  }
  const id = resolution.id;
  const entry = ctx.orgs.get(id);
  ctx.plan.node(id, {
    set: {
      // Fill in what the node lacks; never overwrite what it says.
      state: entry && !entry.state && org.state ? org.state : undefined,
      npi: entry && !entry.npi && org.npi ? org.npi : undefined,
    },
    union: {
      sources: [ctx.sourceId],
      aliases: [org.name],
      ...(postalCodes.length > 0 ? { postalCodes } : {}),
      // Remembers the decision: a re-import of this record finds this node by the id it would have had.
      ...(resolution.kind === 'merge' ? { importKeys: [selfId] } : {}),
    },
  });
  ctx.orgs.absorb(id, org, resolution.kind === 'merge' ? selfId : undefined);
  if (resolution.kind === 'merge') ctx.count('merged into existing organisations');
  return { id, resolution };
}

const vendorCaches = new WeakMap<PlanContext, Map<string, string[]>>();

function vendorKeys(ctx: PlanContext): Map<string, string[]> {
  let map = vendorCaches.get(ctx);
  if (!map) {
    map = new Map();
    for (const e of ctx.orgs.all()) if (e.vendor) addVendorKeys(map, e.id, [e.name, ...(e.aliases ?? [])]);
    vendorCaches.set(ctx, map);
  }
  return map;
}

function addVendorKeys(map: Map<string, string[]>, id: string, names: string[]): void {
  for (const n of names) {
    const key = vendorKey(n);
    if (key === '') continue;
    const ids = map.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    map.set(key, ids);
  }
}

/**
 * The Vendor node for a vendor named `name`: the one vendor whose name or alias has the same brand key
 * ("Progress" = "Progress Software Corporation", "Cerner Corporation" = Oracle Health's alias), else a new
 * Vendor with `newId` (default `vendor-<brand>`). The spelling is added to a matched vendor's aliases.
 */
export function resolveVendor(ctx: PlanContext, name: string, options: { newId?: string; vendorType?: string } = {}): string {
  const map = vendorKeys(ctx);
  const key = vendorKey(name);
  const ids = map.get(key) ?? [];
  if (ids.length === 1) {
    const id = ids[0]!;
    ctx.plan.node(id, { union: { sources: [ctx.sourceId], aliases: [name] } });
    return id;
  }
  const newId = options.newId ?? `vendor-${slug(key)}`;
  const existing = ctx.orgs.get(newId);
  if (existing) {
    ctx.plan.node(newId, { union: { sources: [ctx.sourceId], aliases: [name] } });
    addVendorKeys(map, newId, [name]);
    return newId;
  }
  ctx.plan.node(newId, {
    labels: ['Organization', 'Vendor'],
    create: { kind: 'VENDOR', name, vendorType: options.vendorType, aliasText: '' },
    union: { sources: [ctx.sourceId], aliases: [] },
  });
  ctx.orgs.put({ id: newId, name, aliases: [], vendor: true });
  addVendorKeys(map, newId, [name]);
  ctx.count('vendors created');
  if (ids.length > 1) {
    for (const other of ids) {
      ctx.plan.relationship('POSSIBLE_SAME_AS', newId, other, `possible-same-as:${newId}:${other}`, {
        create: { score: 0.7, reason: `vendor name "${name}" matches ${ids.length} vendors`, confidence: 'possible', basis: 'entity resolution at import' },
        union: { sources: [ctx.sourceId] },
      });
    }
  }
  return newId;
}
