// Every real file under ../shared/data imported into a fresh graph (seed loaded), in the order a user would
// (HHS, Lantern, FHIR, ATT&CK, KEV), checked against the counts in the dataset READMEs. Skipped without the data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Db } from '../../server/db/db.ts';
import { importFile, type ImportResult } from '../../server/import/run.ts';
import type { FormatName } from '../../server/import/types.ts';

const dataDir = inject('sharedDataDir');
const uri = inject('dataNeo4jUri');

let db: Db;
const figures: string[] = [];

async function imp(format: FormatName, path: string): Promise<ImportResult> {
  const r = await importFile(db, join(dataDir, path), { format });
  expect(r.error, `${path}: ${r.error}`).toBeUndefined();
  expect(r.committed).toBe(true);
  figures.push(
    `${r.file.padEnd(68)} ${String(r.rowsRead).padStart(6)} rows ${String(r.rejects.length).padStart(4)} rej  ` +
      `nodes +${r.nodes.created}/=${r.nodes.matched}/~${r.nodes.updated}  rels +${r.relationships.created}/=${r.relationships.matched}/~${r.relationships.updated}  ` +
      `${(r.ms / 1000).toFixed(1)} s ${Math.round(r.rowsRead / Math.max(r.ms / 1000, 0.001))} rows/s`,
  );
  return r;
}

async function value<T = number>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const session = db.driver.session({ database: db.database });
  try {
    const result = await session.run(cypher, params);
    return result.records[0]!.get(0) as T;
  } finally {
    await session.close();
  }
}

describe.skipIf(dataDir === '')('importing the real datasets', () => {
  beforeAll(() => {
    db = new Db({ uri, database: 'neo4j', queryTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    if (figures.length > 0) console.log(`[data] import figures:\n${figures.join('\n')}`);
    await db?.close();
  });

  it('hhs-ocr: the 2023 Archive (4,518 records, 1 exact duplicate) and the 2026 "Under investigation" export (733, 2 duplicates)', async () => {
    const archive = await imp('hhs-ocr', 'hhs-ocr/breach_report_archive_2023-05-25.csv');
    expect(archive.rowsRead).toBe(4518);
    expect(archive.rejects).toEqual([]);
    expect(archive.sha256.slice(0, 16)).toBe('31699bcc54cdbcb4');
    const reports = (src: string) => value('MATCH (b:BreachReport) WHERE $src IN b.sources RETURN count(b)', { src });
    expect(await reports(archive.sourceId)).toBe(4517);
    expect(await value('MATCH (b:BreachReport) WHERE $src IN b.sources AND b.individualsAffected IS NULL RETURN count(b)', { src: archive.sourceId })).toBe(1);
    expect(await value('MATCH (b:BreachReport) WHERE $src IN b.sources RETURN max(b.individualsAffected)', { src: archive.sourceId })).toBe(78_800_000);
    const sum = await value('MATCH (b:BreachReport) WHERE $src IN b.sources RETURN sum(b.individualsAffected)', { src: archive.sourceId });
    expect(Math.round(sum / 100_000) / 10).toBe(331.6); // "The sum is 331.6 M"
    // No mojibake: the narratives' typographic quotes and dashes survive as themselves.
    expect(await value("MATCH (b:BreachReport) WHERE b.narrative CONTAINS 'â€' OR b.narrative =~ '(?s).*[\\u0080-\\u009f].*' RETURN count(b)")).toBe(0);
    expect(await value("MATCH (b:BreachReport) WHERE b.narrative CONTAINS '’' RETURN count(b) > 1000")).toBe(true);

    const active = await imp('hhs-ocr', 'hhs-ocr/breach_active_2026-07-15.csv');
    expect(active.rowsRead).toBe(733);
    expect(active.warnings.join(' ')).toMatch(/UIPanel/);
    expect(await reports(active.sourceId)).toBe(731);
    expect(await value('MATCH (b:BreachReport) WHERE $src IN b.sources RETURN max(b.individualsAffected)', { src: active.sourceId })).toBe(192_700_000);
    expect(await value("MATCH (:Organization {id: 'vendor-change-healthcare'})-[:REPORTED]->(:BreachReport)-[:CONCERNS]->(i:Incident {id: 'inc-change-healthcare-2024'}) RETURN count(i)")).toBe(1);
  });

  it('lantern: 19 endpoint lists, 31,686 rows; customers linked to their developer (Cerner → Oracle Health)', async () => {
    const files = readdirSync(join(dataDir, 'lantern-endpoints')).filter((f) => f.endsWith('_EndpointSources.json')).sort();
    expect(files).toHaveLength(19);
    const byFile = new Map<string, ImportResult>();
    for (const f of files) byFile.set(f, await imp('lantern', `lantern-endpoints/${f}`));
    const rowsOf = (f: string) => byFile.get(f)!.rowsRead;
    expect([...byFile.values()].reduce((n, r) => n + r.rowsRead, 0)).toBe(31_686);
    expect(rowsOf('athenahealth_Inc_EndpointSources.json')).toBe(17_136);
    expect(rowsOf('Veradigm_EndpointSources.json')).toBe(3_344);
    expect(rowsOf('Cerner_Corporation_EndpointSources.json')).toBe(3_305);
    expect(rowsOf('eClinicalWorks_LLC_EndpointSources.json')).toBe(2_541);
    expect(rowsOf('Altera_Digital_Health_Inc_EndpointSources.json')).toBe(1_510);
    // NextGen and TruBridge publish only generic URLs: no customer organisations.
    for (const f of ['NextGen_Healthcare_EndpointSources.json', 'NextGen_Healthcare_1_EndpointSources.json', 'NextGen_Healthcare_2_EndpointSources.json', 'TruBridge_Inc_EndpointSources.json']) {
      expect(byFile.get(f)!.rowsAccepted, f).toBe(0);
    }
    // Altera: at least 382 test/internal endpoints and 20 empty names.
    expect(byFile.get('Altera_Digital_Health_Inc_EndpointSources.json')!.rejects.length).toBeGreaterThanOrEqual(402);
    expect(await value("MATCH (o:Organization) WHERE o.npi IS NOT NULL RETURN count(o) >= 130")).toBe(true); // MEDHOST: 138 NPIs
    expect(await value("MATCH (v:Vendor) WHERE v.name IN ['Cerner Corporation', 'Cerner'] RETURN count(v)")).toBe(0);
    const oracle = await value("MATCH (:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) RETURN count(r)");
    expect(oracle).toBeGreaterThan(1_400); // 1,536 distinct names in the Millennium list, some in several places
    figures.push(`Oracle Health customers after Lantern: ${oracle}`);
    for (const v of ['vendor-epic', 'vendor-meditech', 'vendor-athenahealth', 'vendor-eclinicalworks', 'vendor-veradigm', 'vendor-altera', 'vendor-greenway', 'vendor-medhost', 'vendor-netsmart']) {
      expect(await value('MATCH (:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: $v}) RETURN count(r) > 50', { v }), v).toBe(true);
    }
  });

  it('fhir-endpoints: the Soarian Bundle (19 entries, total 34) adds nothing Lantern’s Cerner_Corporation_1 did not list', async () => {
    const before = await value("MATCH (:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) RETURN count(r)");
    const r = await imp('fhir-endpoints', 'fhir-endpoint-bundles/soarian_patient_r4_endpoints.json');
    expect(r.rowsRead).toBe(19);
    expect(r.warnings.join(' ')).toMatch(/Bundle.total says 34, the bundle has 19 entries/);
    expect(r.rejects.map((x) => x.reason)).toEqual(['test organisation name "R0SE - Soarian Clinicals Public Sandbox"']);
    expect(r.relationships.created).toBe(0);
    expect(r.relationships.updated).toBe(18);
    const after = await value("MATCH (:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) RETURN count(r)");
    expect(after).toBe(before);
    figures.push(`Oracle Health customers after Lantern + FHIR: ${after}`);
  });

  it('stix: ATT&CK v18.1 (187 groups, 696 malware, 91 tools, 1,112 relationships), every group an actor, matched to the seed’s actors', async () => {
    const path = 'mitre-attack/enterprise-attack-18.1-groups-software.json';
    const r = await imp('stix', path);
    expect(r.rowsRead).toBe(2_088);
    // Groups are all kept (with their status); revoked or deprecated software and the software's revoked-by are not.
    expect(r.skipped).toEqual({ 'metadata (identity)': 1, 'metadata (marking-definition)': 1, 'revoked or deprecated malware': 3, 'relationship type "revoked-by"': 2 });
    expect(r.derived).toMatchObject({
      'groups deprecated in ATT&CK, imported with attackStatus deprecated': 9,
      'groups revoked in ATT&CK, merged into the group that replaced them': 6,
      'actors created': 180, // 171 active + 9 deprecated; Lazarus Group merged into actor-lazarus
      'actors merged into existing actors': 1,
      // BlackCat, Black Basta, Clop, Conti, LockBit 2.0 and 3.0, Qilin, RansomHub, REvil, Ryuk, AppleJeus (11, as before), and
      // now the deprecated groups Taidoor and Gelsemium, named after their malware
      'software linked to the actor named after it (USES, derived)': 13,
    });
    expect(r.derived['groups revoked in ATT&CK, imported as their own actor (replacement not in the file)']).toBeUndefined();
    // "187 intrusion sets import": each of the file's 187 intrusion-set ids belongs to exactly one actor. 172 active +
    // 9 deprecated are actors of their own (Lazarus Group on the seed's actor-lazarus); the 6 revoked are names of
    // the groups that replaced them (APT34 → OilRig, MONSOON → Patchwork, Charming Kitten → Magic Hound,
    // Stolen Pencil → Kimsuky, UNC2452 → APT29, Dragonfly 2.0 → Dragonfly): 181 actors.
    const bundle = JSON.parse(readFileSync(join(dataDir, path), 'utf8')) as { objects: { type: string; id: string }[] };
    const groups = bundle.objects.filter((o) => o.type === 'intrusion-set').map((o) => o.id);
    expect(groups).toHaveLength(187);
    const notOne = 'UNWIND $ids AS sid OPTIONAL MATCH (a:ThreatActor) WHERE sid IN a.stixIds WITH sid, count(a) AS actors WHERE actors <> 1 RETURN collect(sid)';
    expect(await value(notOne, { ids: groups })).toEqual([]);
    expect(await value('MATCH (a:ThreatActor) WHERE any(s IN a.stixIds WHERE s IN $ids) RETURN count(a)', { ids: groups })).toBe(181);
    expect(await value('MATCH (a:ThreatActor) WHERE a.attackId IS NOT NULL RETURN count(a)')).toBe(181);
    expect(await value("MATCH (a:ThreatActor {attackStatus: 'active'}) RETURN count(a)")).toBe(172);
    expect(await value("MATCH (a:ThreatActor {attackStatus: 'deprecated'}) RETURN collect(a.name)")).toEqual(
      expect.arrayContaining(['Night Dragon', 'Operation Wocao', 'Taidoor', 'Sharpshooter', 'Frankenstein', 'Gelsemium', 'Dust Storm', 'CostaRicto', 'Honeybee']),
    );
    expect(await value("MATCH (a:ThreatActor {attackStatus: 'deprecated'}) RETURN count(a)")).toBe(9);
    expect(await value("MATCH (a:ThreatActor) WHERE a.attackStatus = 'revoked' OR a.attackId IN ['G0057', 'G0042', 'G0058', 'G0086', 'G0118', 'G0074'] RETURN count(a)")).toBe(0);
    const revoked = await value<string[]>(
      'MATCH (a:ThreatActor) WHERE a.attackRevokedIds IS NOT NULL UNWIND a.attackRevokedIds AS g RETURN collect(a.attackId + \' ← \' + g) AS x',
    );
    expect(revoked.sort()).toEqual(['G0016 ← G0118', 'G0035 ← G0074', 'G0040 ← G0042', 'G0049 ← G0057', 'G0059 ← G0058', 'G0094 ← G0086']);
    expect(await value("MATCH (a:ThreatActor {attackId: 'G0049'}) RETURN [a.name, 'APT34' IN a.aliases, a.attackRevokedBasis[0]]")).toEqual([
      'OilRig',
      true,
      expect.stringMatching(/^ATT&CK revoked "APT34" \(G0057\) and replaced it by "OilRig" \(G0049\) \(STIX revoked-by relationship--/),
    ]);
    expect(await value("MATCH (a:ThreatActor {attackId: 'G0035'}) RETURN all(x IN ['Dragonfly 2.0', 'IRON LIBERTY', 'DYMALLOY', 'Berserk Bear'] WHERE x IN a.aliases)")).toBe(true);
    expect(await value('MATCH (p:Product) WHERE p:Malware OR p:Tool RETURN count(p)')).toBe(693 + 91);
    expect(await value("MATCH (a:ThreatActor) WHERE a.name IN ['Lazarus Group', 'HIDDEN COBRA'] OR any(x IN a.aliases WHERE x IN ['Lazarus Group', 'HIDDEN COBRA']) RETURN collect(a.id)")).toEqual(['actor-lazarus']);
    expect(await value("MATCH (a:ThreatActor) WHERE any(n IN [a.name] + a.aliases WHERE n IN ['ALPHV', 'BlackCat', 'Noberus']) RETURN collect(a.id)")).toEqual(['actor-alphv']);
    expect(await value("MATCH (:ThreatActor {id: 'actor-alphv'})-[u:USES]->(m:Malware {name: 'BlackCat'}) RETURN u.basis")).toMatch(/BlackCat/);
    expect(await value("MATCH (:ThreatActor {id: 'actor-conti'})-[:USES]->(m:Malware {name: 'Conti'}) RETURN count(m)")).toBe(1);
    expect(await value('MATCH (:ThreatActor)-[u:USES]->() RETURN count(u) > 1000')).toBe(true);
    // Provenance: every relationship an ATT&CK group or software has from this file cites it (the seed has no USES).
    expect(await value('MATCH (:ThreatActor)-[u:USES|TARGETS]->() WHERE NOT $src IN u.sources RETURN count(u)', { src: r.sourceId })).toBe(0);
    expect(await value("MATCH (s:Source) WHERE s.id STARTS WITH 'src-attack-' RETURN count(s) > 900")).toBe(true);
    // Idempotent: the same file again creates and updates nothing.
    const again = await imp('stix', path);
    expect([again.nodes.created, again.nodes.updated, again.relationships.created, again.relationships.updated]).toEqual([0, 0, 0, 0]);
  });

  it('kev: 1,404 CVEs (293 with known ransomware use) from the JSON; the CSV of the same catalogue adds only its Source', async () => {
    const json = await imp('kev', 'cisa-kev/known_exploited_vulnerabilities.json');
    expect(json.rowsRead).toBe(1_404);
    expect(json.rejects).toEqual([]);
    expect(await value('MATCH (v:Vulnerability) WHERE v.kevDateAdded IS NOT NULL RETURN count(v)')).toBe(1_404);
    expect(await value("MATCH (v:Vulnerability {knownRansomwareCampaignUse: 'Known'}) RETURN count(v)")).toBe(293);
    expect(await value("MATCH (:Vulnerability {id: 'CVE-2023-34362'})-[:AFFECTS]->(p:Product) RETURN collect(p.id)")).toContain('prod-moveit-transfer');
    expect(await value("MATCH (:Vulnerability {id: 'CVE-2025-4427'})-[:AFFECTS]->(p:Product) RETURN collect(p.id)")).toContain('prod-ivanti-epmm');
    // KEV's vendor names land on the seed's vendors ("Progress" = Progress Software Corporation), not on new ones.
    const seedVendors = ['vendor-progress', 'vendor-ivanti', 'vendor-citrix', 'vendor-microsoft', 'vendor-oracle', 'vendor-fortinet'];
    expect(await value("MATCH (v:Vendor) WHERE any(n IN [v.name] + v.aliases WHERE n IN ['Progress', 'Ivanti', 'Citrix', 'Microsoft', 'Oracle', 'Fortinet']) RETURN collect(v.id)")).toEqual(
      expect.arrayContaining(seedVendors.slice(0, 5)),
    );
    expect(await value("MATCH (v:Vendor) WHERE any(n IN [v.name] + v.aliases WHERE n IN ['Progress', 'Ivanti', 'Citrix', 'Microsoft', 'Oracle', 'Fortinet']) AND NOT v.id IN $ids RETURN count(v)", { ids: seedVendors })).toBe(0);
    const csv = await imp('kev', 'cisa-kev/known_exploited_vulnerabilities.csv');
    expect(csv.rowsRead).toBe(1_404);
    expect(csv.nodes.created).toBe(1);
    expect(csv.relationships.created).toBe(0);
  });

  it("blastRadius of the Oracle Health incident reaches Cerner's customers: 13 confirmed hospitals, over 1,500 potential, cut by limit", async () => {
    const app = createApp({ db, config: { graphiql: false, env: 'test', rateLimitPerMinute: 0 }, logError: (e) => console.error(e) });
    const res = await app.fetch('http://data/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ blastRadius(from: "inc-oracle-health-cerner-2025", limit: 1000) { truncated omitted reached { confirmed entity { id } } summary { organizations confirmed potential } } }',
      }),
    });
    const body = (await res.json()) as {
      errors?: unknown[];
      data: { blastRadius: { truncated: boolean; omitted: number; reached: { confirmed: boolean }[]; summary: { organizations: number; confirmed: number; potential: number } } };
    };
    expect(body.errors).toBeUndefined();
    const br = body.data.blastRadius;
    figures.push(`Blast radius of the Oracle Health incident: ${br.summary.organizations} organisations, ${br.summary.confirmed} confirmed, ${br.summary.potential} potential`);
    expect(br.summary.confirmed).toBeGreaterThanOrEqual(15);
    expect(br.summary.potential).toBeGreaterThan(1_500);
    expect(br.reached.length).toBe(1000);
    expect(br.truncated).toBe(true);
    expect(br.omitted).toBe(br.summary.organizations - 1000);
  });

  it('imports are idempotent: the Archive again creates and changes nothing', async () => {
    const r = await imp('hhs-ocr', 'hhs-ocr/breach_report_archive_2023-05-25.csv');
    expect(r.nodes.created + r.nodes.updated + r.relationships.created + r.relationships.updated).toBe(0);
  });
});

describe.runIf(dataDir === '')('without ../shared/data', () => {
  it('is skipped (see the message above)', () => {
    console.log('[data] ../shared/data is absent: nothing to import; the real-data suite was skipped.');
  });
});
