// STIX 2.x bundles (MITRE ATT&CK): intrusion sets and threat actors → ThreatActor (matched to the graph's actors by
// name and alias), malware and tools → Product:Malware / Product:Tool, relationships `uses`, `targets` and
// `attributed-to` → USES, TARGETS, ATTRIBUTED_TO; external references become Source nodes the records cite.
// Every intrusion set is imported, with ATT&CK's status (as OpenCTI does): a deprecated one is an actor with
// `attackStatus: 'deprecated'`; a revoked one is another name of the group that replaced it (`revoked-by`), so it
// becomes aliases of that group's actor, or its own actor with `attackStatus: 'revoked'` when the replacement is absent.
import { createHash } from 'node:crypto';
import { eponymousActor, resolveActor, type ActorEntry } from './resolve.ts';
import { FileError, type ImportFormat, type ParsedFile, type PlanContext, type Reject } from './types.ts';

export interface StixRef {
  sourceName: string;
  url?: string;
  externalId?: string;
  description?: string;
}

export interface StixRecord {
  at: string;
  stixId: string;
  type: 'intrusion-set' | 'threat-actor' | 'malware' | 'tool' | 'relationship' | 'vulnerability';
  name: string;
  aliases: string[];
  description?: string;
  attackId?: string;
  url?: string;
  refs: StixRef[];
  platforms?: string[];
  isFamily?: boolean;
  /** relationship only */
  relationshipType?: string;
  sourceRef?: string;
  targetRef?: string;
  /** vulnerability only */
  cve?: string;
  /** actors only: ATT&CK's status (`revoked: true`, `x_mitre_deprecated: true`; `active` for other ATT&CK groups). */
  attackStatus?: AttackStatus;
}

export type AttackStatus = 'active' | 'deprecated' | 'revoked';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : []);

const ACTOR_TYPES = new Set(['intrusion-set', 'threat-actor']);
const SOFTWARE_TYPES = new Set(['malware', 'tool']);
const METADATA_TYPES = new Set(['identity', 'marking-definition', 'extension-definition', 'language-content']);
export const STIX_RELATIONSHIPS = new Set(['uses', 'targets', 'attributed-to']);

function parseStix(text: string): ParsedFile<StixRecord> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FileError(`not JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc) || doc.type !== 'bundle' || !Array.isArray(doc.objects)) throw new FileError('not a STIX bundle ({"type": "bundle", "objects": […]})');
  const records: StixRecord[] = [];
  const rejects: Reject[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const typeOf = new Map<string, string>();
  for (const o of doc.objects as unknown[]) if (isObject(o) && typeof o.type === 'string' && typeof o.id === 'string') typeOf.set(o.id, o.type);
  doc.objects.forEach((o: unknown, i: number) => {
    const at = `objects[${i}]`;
    if (!isObject(o) || typeof o.type !== 'string' || typeof o.id !== 'string') {
      rejects.push({ at, reason: 'object without a type and id', record: o });
      return;
    }
    const type = o.type;
    if (METADATA_TYPES.has(type)) return skip(`metadata (${type})`);
    if (!ACTOR_TYPES.has(type) && !SOFTWARE_TYPES.has(type) && type !== 'relationship' && type !== 'vulnerability') return skip(`unknown object type "${type}"`);
    const revoked = o.revoked === true;
    const deprecated = o.x_mitre_deprecated === true;
    // Groups are kept with their status (below); revoked or deprecated software and others are left out.
    if ((revoked || deprecated) && !ACTOR_TYPES.has(type)) return skip(`revoked or deprecated ${type}`);
    const refs: StixRef[] = (Array.isArray(o.external_references) ? o.external_references : []).filter(isObject).map((r) => ({
      sourceName: typeof r.source_name === 'string' ? r.source_name : 'unknown',
      url: typeof r.url === 'string' && /^https?:\/\//.test(r.url) ? r.url : undefined,
      externalId: typeof r.external_id === 'string' ? r.external_id : undefined,
      description: typeof r.description === 'string' ? r.description : undefined,
    }));
    const attack = refs.find((r) => r.sourceName === 'mitre-attack' && r.externalId);
    const description = typeof o.description === 'string' && o.description.trim() !== '' ? o.description.trim() : undefined;
    if (type === 'relationship') {
      const rt = typeof o.relationship_type === 'string' ? o.relationship_type : '';
      // `revoked-by` says which group replaced a revoked one; other objects' revocations are not needed.
      const revokesActor = rt === 'revoked-by' && typeof o.source_ref === 'string' && ACTOR_TYPES.has(typeOf.get(o.source_ref) ?? '');
      if (!STIX_RELATIONSHIPS.has(rt) && !revokesActor) return skip(`relationship type "${rt}"`);
      if (typeof o.source_ref !== 'string' || typeof o.target_ref !== 'string') {
        rejects.push({ at, reason: 'relationship without source_ref and target_ref', record: o });
        return;
      }
      records.push({ at, stixId: o.id, type, name: rt, aliases: [], description, refs, relationshipType: rt, sourceRef: o.source_ref, targetRef: o.target_ref });
      return;
    }
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (name === '') {
      rejects.push({ at, reason: `${type} ${o.id} has no name`, record: o });
      return;
    }
    if (type === 'vulnerability') {
      const cve = refs.find((r) => r.sourceName.toLowerCase() === 'cve' && r.externalId)?.externalId ?? (/^CVE-\d{4}-\d{4,}$/.test(name) ? name : undefined);
      if (!cve) return skip('vulnerability without a CVE id');
      records.push({ at, stixId: o.id, type, name, aliases: [], description, refs, cve });
      return;
    }
    const aliases = [...new Set([...strings(o.aliases), ...strings(o.x_mitre_aliases)])].filter((a) => a !== name);
    records.push({
      at,
      stixId: o.id,
      type: type as StixRecord['type'],
      name,
      aliases,
      description,
      attackId: attack?.externalId,
      url: attack?.url,
      refs,
      platforms: strings(o.x_mitre_platforms),
      isFamily: typeof o.is_family === 'boolean' ? o.is_family : undefined,
      attackStatus: ACTOR_TYPES.has(type) ? (revoked ? 'revoked' : deprecated ? 'deprecated' : attack ? 'active' : undefined) : undefined,
    });
  });
  return {
    records,
    rejects,
    warnings: [],
    rowsRead: doc.objects.length,
    skipped,
    sourceProps: typeof doc.id === 'string' ? { bundleId: doc.id } : undefined,
  };
}

/** "O'Gorman, G. (2012, September 6). The Elderwood Project. Retrieved …" → a short title for the Source node. */
function refTitle(r: StixRef): string {
  const d = r.description?.replace(/\s+/g, ' ').trim();
  if (!d) return r.sourceName;
  return d.length <= 200 ? d : `${d.slice(0, 197)}…`;
}

/** The Source node of an external reference with a URL (ATT&CK pages get `src-attack-<id>`); undefined without a URL. */
function refSource(ctx: PlanContext, r: StixRef): string | undefined {
  if (!r.url) return undefined;
  const isAttack = r.sourceName === 'mitre-attack' && r.externalId;
  const id = isAttack ? `src-attack-${r.externalId!.toLowerCase()}` : `src-ext-${createHash('sha256').update(r.url).digest('hex').slice(0, 16)}`;
  ctx.plan.node(id, {
    labels: ['Source'],
    create: {
      kind: 'SOURCE',
      name: isAttack ? `MITRE ATT&CK ${r.externalId}` : refTitle(r),
      title: isAttack ? `MITRE ATT&CK ${r.externalId}` : refTitle(r),
      publisher: isAttack ? 'MITRE ATT&CK' : r.sourceName,
      url: r.url,
      reliability: isAttack ? 'curated_threat_intel' : 'cited_by_attack',
      aliasText: '',
    },
    union: { aliases: [] },
  });
  return id;
}

function planStix(parsed: ParsedFile<StixRecord>, ctx: PlanContext): void {
  const entityOf = new Map<string, string>();
  const actors: ActorEntry[] = ctx.actors.map((a) => ({ ...a }));
  const byAttackId = new Map(actors.filter((a) => a.attackId).map((a) => [a.attackId!, a.id]));
  const productByAttackId = new Map(ctx.products.filter((p) => p.attackId).map((p) => [p.attackId!, p.id]));
  const sourcesOf = (r: StixRecord) => [ctx.sourceId, ...r.refs.map((ref) => refSource(ctx, ref)).filter((s): s is string => s !== undefined)];
  const ownSources = (r: StixRecord) => {
    const attack = r.refs.find((ref) => ref.sourceName === 'mitre-attack');
    const s = attack ? refSource(ctx, attack) : undefined;
    return s ? [ctx.sourceId, s] : [ctx.sourceId];
  };
  const records = parsed.records;
  const eponymous: { actor: string; software: string; reason: string; sources: string[] }[] = [];

  // Actors first, so software and relationships can point at them.
  const importActor = (r: StixRecord): string => {
    const sources = ownSources(r);
    const known = (r.attackId && byAttackId.get(r.attackId)) || actors.find((a) => a.id === newActorId(r))?.id;
    const resolution = known ? ({ kind: 'merge', id: known, reason: 'imported before' } as const) : resolveActor(r.name, r.aliases, actors, r.attackId);
    if (resolution.kind === 'merge') {
      const target = actors.find((a) => a.id === resolution.id);
      // The status is ATT&CK's word on the group id, so it goes where that id goes (not onto an actor of another id).
      const ownsAttackId = r.attackId !== undefined && (!target?.attackId || target.attackId === r.attackId);
      ctx.plan.node(resolution.id, {
        set: { attackId: target?.attackId ? undefined : r.attackId, attackUrl: target?.attackId ? undefined : r.url, attackStatus: ownsAttackId ? r.attackStatus : undefined },
        union: { sources, aliases: [r.name, ...r.aliases], stixIds: [r.stixId] },
        valuesFrom: ownsAttackId ? ctx.sourceId : undefined,
      });
      if (target) {
        target.aliases = [...new Set([...target.aliases, r.name, ...r.aliases])];
        target.attackId ??= r.attackId;
      }
      if (!known) ctx.count('actors merged into existing actors');
      entityOf.set(r.stixId, resolution.id);
      return resolution.id;
    }
    const id = newActorId(r);
    ctx.plan.node(id, {
      labels: ['ThreatActor'],
      create: {
        kind: 'THREAT_ACTOR',
        name: r.name,
        actorType: r.type === 'intrusion-set' ? 'intrusion set (ATT&CK group)' : 'threat actor (STIX)',
        description: r.description,
        attackId: r.attackId,
        attackUrl: r.url,
        aliasText: '',
      },
      // `set`, so a later ATT&CK release that deprecates or revokes the group updates it.
      set: { attackStatus: r.attackStatus },
      union: { sources, aliases: r.aliases, stixIds: [r.stixId] },
      valuesFrom: r.attackStatus ? ctx.sourceId : undefined,
    });
    actors.push({ id, name: r.name, aliases: r.aliases, attackId: r.attackId });
    if (r.attackId) byAttackId.set(r.attackId, id);
    ctx.count('actors created');
    for (const p of resolution.possible) {
      ctx.plan.relationship('POSSIBLE_SAME_AS', id, p.id, `possible-same-as:${id}:${p.id}`, {
        create: { score: p.score, reason: p.reason, confidence: 'possible', basis: 'entity resolution at import' },
        union: { sources: [ctx.sourceId] },
      });
      ctx.count('possible duplicates (POSSIBLE_SAME_AS)');
    }
    entityOf.set(r.stixId, id);
    return id;
  };

  const actorRecords = records.filter((x) => ACTOR_TYPES.has(x.type));
  for (const r of actorRecords.filter((x) => x.attackStatus !== 'revoked')) {
    importActor(r);
    if (r.attackStatus === 'deprecated') ctx.count('groups deprecated in ATT&CK, imported with attackStatus deprecated');
  }

  // Revoked groups last, so their names do not sway how the others resolve. ATT&CK revokes a group when it finds it
  // is another one (`revoked-by`, source = the revoked group, target = its replacement): one real-world group, so its
  // names become aliases of the replacement's actor, with the reason. A group revoked before (imported as its own
  // actor) stays that actor.
  const actorByStixId = new Map(actorRecords.map((r) => [r.stixId, r]));
  const revokedBy = new Map<string, StixRecord>();
  for (const rel of records) if (rel.relationshipType === 'revoked-by' && !revokedBy.has(rel.sourceRef!)) revokedBy.set(rel.sourceRef!, rel);
  const resolving = new Set<string>();
  const resolveRevoked = (r: StixRecord): string => {
    const done = entityOf.get(r.stixId);
    if (done) return done;
    resolving.add(r.stixId);
    const rel = revokedBy.get(r.stixId);
    const replacement = rel ? actorByStixId.get(rel.targetRef!) : undefined;
    const importedBefore = r.attackId !== undefined && byAttackId.has(r.attackId);
    if (rel && replacement && !importedBefore && !resolving.has(replacement.stixId)) {
      const into = entityOf.get(replacement.stixId) ?? (replacement.attackStatus === 'revoked' ? resolveRevoked(replacement) : undefined);
      if (into) {
        const basis = `ATT&CK revoked ${label(r)} and replaced it by ${label(replacement)} (STIX revoked-by ${rel.stixId}): another name of the same group`;
        ctx.plan.node(into, {
          union: {
            sources: ownSources(r),
            aliases: [r.name, ...r.aliases],
            stixIds: [r.stixId],
            ...(r.attackId ? { attackRevokedIds: [r.attackId] } : {}),
            attackRevokedBasis: [basis],
          },
        });
        const target = actors.find((a) => a.id === into);
        if (target) target.aliases = [...new Set([...target.aliases, r.name, ...r.aliases])];
        entityOf.set(r.stixId, into);
        ctx.count('groups revoked in ATT&CK, merged into the group that replaced them');
        return into;
      }
    }
    ctx.count('groups revoked in ATT&CK, imported as their own actor (replacement not in the file)');
    return importActor(r);
  };
  for (const r of actorRecords.filter((x) => x.attackStatus === 'revoked')) resolveRevoked(r);
  for (const rel of revokedBy.values()) {
    if (actorByStixId.get(rel.sourceRef!)?.attackStatus !== 'revoked') ctx.count('relationships skipped: revoked-by of a group that is not revoked');
  }

  for (const r of records.filter((x) => SOFTWARE_TYPES.has(x.type))) {
    const sources = ownSources(r);
    const id = (r.attackId && productByAttackId.get(r.attackId)) || `software-${r.attackId ? `attack-${r.attackId.toLowerCase()}` : `stix-${r.stixId.split('--')[1]}`}`;
    ctx.plan.node(id, {
      labels: ['Product', r.type === 'malware' ? 'Malware' : 'Tool'],
      create: {
        kind: 'PRODUCT',
        name: r.name,
        category: r.type === 'malware' ? 'malware' : 'tool (used by threat actors)',
        description: r.description,
        attackId: r.attackId,
        attackUrl: r.url,
        platforms: r.platforms && r.platforms.length > 0 ? r.platforms : undefined,
        isFamily: r.isFamily,
        aliasText: '',
      },
      union: { sources, aliases: r.aliases, stixIds: [r.stixId] },
    });
    entityOf.set(r.stixId, id);
    // A ransomware family and its operators share a name (ATT&CK's BlackCat lists ALPHV and Noberus).
    const operator = eponymousActor(r.name, r.aliases, actors);
    if (operator) eponymous.push({ actor: operator.id, software: id, reason: operator.reason, sources });
  }

  for (const r of records.filter((x) => x.type === 'vulnerability')) {
    ctx.plan.node(r.cve!, {
      labels: ['Vulnerability'],
      create: { kind: 'VULNERABILITY', name: r.cve!, cve: r.cve!, summary: r.description, aliasText: '' },
      union: { sources: ownSources(r), aliases: [], stixIds: [r.stixId] },
    });
    entityOf.set(r.stixId, r.cve!);
  }

  const kindOf = new Map(records.map((r) => [r.stixId, r.type]));
  for (const r of records.filter((x) => x.type === 'relationship' && x.relationshipType !== 'revoked-by')) {
    const from = entityOf.get(r.sourceRef!);
    const to = entityOf.get(r.targetRef!);
    if (!from || !to) {
      const missing = !from ? r.sourceRef! : r.targetRef!;
      ctx.count(`relationships skipped: ${r.relationshipType} refers to an object not imported (${missing.split('--')[0]})`);
      continue;
    }
    if (from === to) continue;
    const sources = sourcesOf(r);
    const targetType = kindOf.get(r.targetRef!);
    const sourceType = kindOf.get(r.sourceRef!);
    const common = { create: { confidence: 'reported', basis: `STIX ${r.relationshipType} relationship`, description: r.description }, union: { sources, stixIds: [r.stixId] } };
    if (r.relationshipType === 'uses' && targetType && SOFTWARE_TYPES.has(targetType)) {
      ctx.plan.relationship('USES', from, to, `uses:${from}:${to}`, common);
    } else if (r.relationshipType === 'targets' && sourceType && ACTOR_TYPES.has(sourceType)) {
      ctx.plan.relationship('TARGETS', from, to, `targets:${from}:${to}`, common);
    } else if (r.relationshipType === 'attributed-to' && sourceType && ACTOR_TYPES.has(sourceType) && targetType && ACTOR_TYPES.has(targetType)) {
      ctx.plan.relationship('ATTRIBUTED_TO', from, to, `attributed-to:${from}:${to}`, common);
    } else {
      ctx.count(`relationships skipped: ${r.relationshipType} from ${sourceType} to ${targetType}`);
    }
  }

  // After the bundle's own `uses`, so a stated relationship keeps its 'reported' confidence.
  for (const e of eponymous) {
    const id = `uses:${e.actor}:${e.software}`;
    if (ctx.plan.relationships.has(id)) continue;
    ctx.plan.relationship('USES', e.actor, e.software, id, { create: { confidence: 'derived', basis: e.reason }, union: { sources: e.sources } });
    ctx.count('software linked to the actor named after it (USES, derived)');
  }
}

/** `"APT34" (G0057)`, or the STIX id without an ATT&CK id. */
function label(r: StixRecord): string {
  return `"${r.name}" (${r.attackId ?? r.stixId})`;
}

function newActorId(r: StixRecord): string {
  return r.attackId ? `actor-attack-${r.attackId.toLowerCase()}` : `actor-stix-${r.stixId.split('--')[1]}`;
}

export const stix: ImportFormat<StixRecord> = {
  name: 'stix',
  describe: (file) => ({
    publisher: 'The MITRE Corporation (ATT&CK, STIX 2.1)',
    licence:
      'ATT&CK licence: royalty-free; reproduce MITRE\'s copyright designation and licence. "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation."',
    reliability: 'curated_threat_intel',
    title: `STIX bundle ${file}`,
    url: 'https://attack.mitre.org/',
  }),
  parse: (text) => parseStix(text),
  needs: ['actors', 'products'],
  plan: planStix,
};
