// The importers against the shared test Neo4j (seed loaded): every fixture format end to end, provenance, entity
// resolution against the seed, idempotence, dry runs, --strict and all-or-nothing files. The graph is snapshotted
// first and restored afterwards, so the other test files see the seed unchanged.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { importFile, type ImportOptions, type ImportResult } from '../../server/import/run.ts';
import { graphCounts, restoreGraph, rows, snapshotGraph, type GraphCounts, type GraphSnapshot } from '../fixtures/import/graph-snapshot.ts';
import { testDb } from '../helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

let db: Db;
let snapshot: GraphSnapshot;
let before: GraphCounts;
const results = new Map<string, ImportResult>();

async function run(file: string, options: ImportOptions, target: Db = db): Promise<ImportResult> {
  const result = await importFile(target, join(FIXTURES, file), options);
  if (!options.dryRun && !result.error) results.set(file, result);
  return result;
}

async function one<T = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const [row] = await rows<T>(db, cypher, params);
  return row as T;
}

beforeAll(async () => {
  db = testDb();
  snapshot = await snapshotGraph(db);
  before = await graphCounts(db);
});

afterAll(async () => {
  await restoreGraph(db, snapshot);
  expect(await graphCounts(db)).toEqual(before);
  await db.close();
});

describe('hhs-ocr', () => {
  it('--dry-run reports what it would do and leaves the graph as it was', async () => {
    const r = await run('breach-archive.csv', { format: 'hhs-ocr', dryRun: true });
    expect(r.error).toBeUndefined();
    expect(r.committed).toBe(false);
    expect(r.nodes.created).toBeGreaterThan(10);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('--strict fails a file with a rejected row and writes nothing', async () => {
    const r = await run('breach-archive.csv', { format: 'hhs-ocr', strict: true });
    expect(r.error).toBe('--strict: 3 row(s) rejected; nothing written');
    expect(await graphCounts(db)).toEqual(before);
  });

  it('imports the Archive export: one BreachReport per report, REPORTED by its organisation, citing the file', async () => {
    const r = await run('breach-archive.csv', { format: 'hhs-ocr' });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ rowsRead: 14, rowsAccepted: 11, committed: true });
    expect(r.rejects.map((x) => x.line)).toEqual([7, 8, 9]);
    expect(r.sourceId).toMatch(/^dataset:hhs-ocr:[0-9a-f]{16}$/);
    expect(r.derived['duplicate rows (same report twice in the export)']).toBe(1);

    const source = await one<{ s: Record<string, unknown> }>('MATCH (s:Entity:Source {id: $id}) RETURN properties(s) AS s', { id: r.sourceId });
    expect(source.s).toMatchObject({ kind: 'SOURCE', dataset: 'breach-archive.csv', format: 'hhs-ocr', rowCount: 14, sha256: r.sha256, reliability: 'official' });
    expect(typeof source.s.importedAt).toBe('string');
    expect(String(source.s.licence)).toMatch(/public domain/);

    const report = await one<{ b: Record<string, unknown>; labels: string[] }>(
      'MATCH (b:BreachReport {id: $id}) RETURN properties(b) AS b, labels(b) AS labels',
      { id: 'hhs:tx:quillfeather-regional-clinic:2022-03-14' },
    );
    expect(report.labels.sort()).toEqual(['BreachReport', 'Entity']);
    expect(report.b).toMatchObject({
      kind: 'BREACH_REPORT',
      name: 'Quillfeather Regional Clinic',
      state: 'TX',
      coveredEntityType: 'Healthcare Provider',
      individualsAffected: 1200,
      submitted: '2022-03-14',
      breachType: 'Hacking/IT Incident',
      location: 'Network Server',
      businessAssociatePresent: false,
      sources: [r.sourceId],
      valuesFrom: r.sourceId,
    });
    expect(String(report.b.narrative)).toContain('\nIt notified 1,200 patients');

    // Both Texas spellings are one organisation; Oklahoma's namesake is another, flagged for review.
    const tx = await one<{ id: string; reports: number; aliases: string[] }>(
      "MATCH (o:Organization {id: 'org-us-tx-quillfeather-regional-clinic'})-[:REPORTED]->(b) RETURN o.id AS id, count(b) AS reports, o.aliases AS aliases",
    );
    expect(tx).toEqual({ id: 'org-us-tx-quillfeather-regional-clinic', reports: 2, aliases: ['Quillfeather Regional Clinic, Inc.'] });
    const possible = await one<{ score: number; reason: string }>(
      "MATCH (:Organization {id: 'org-us-ok-quillfeather-regional-clinic'})-[p:POSSIBLE_SAME_AS]->(:Organization {id: 'org-us-tx-quillfeather-regional-clinic'}) RETURN p.score AS score, p.reason AS reason",
    );
    expect(possible.score).toBe(0.6);
    expect(possible.reason).toMatch(/another state/);

    // d/b/a: "Larkspur Care" is the trading name of "Larkspur Health Plan", a health plan.
    const larkspur = await one<{ labels: string[]; reports: number }>(
      "MATCH (o:Organization)-[:REPORTED]->(b:BreachReport) WHERE b.name STARTS WITH 'Larkspur' RETURN labels(o) AS labels, count(DISTINCT o) AS orgs, count(b) AS reports",
    );
    expect(larkspur).toMatchObject({ reports: 2, orgs: 1 });
    expect(larkspur.labels).toContain('HealthPlan');

    // Matched to the seed's Scripps Health (no duplicate organisation), linked to the seed's incident.
    const scripps = await one<{ org: string; resolution: string; incident: string; basis: string }>(
      "MATCH (o)-[r:REPORTED]->(b:BreachReport {id: 'hhs:ca:scripps-health:2021-06-01'})-[c:CONCERNS]->(i:Incident) RETURN o.id AS org, r.resolution AS resolution, i.id AS incident, c.basis AS basis",
    );
    expect(scripps).toEqual({ org: 'org-scripps', resolution: 'merged into an existing organisation', incident: 'inc-scripps-2021', basis: "the reporting organisation is the incident's primary_victim" });
    const blackbaud = await one<{ incident: string; evidence: string; confidence: string }>(
      "MATCH (:BreachReport {id: 'hhs:oh:st-wendeline-hospice-foundation:2020-08-20'})-[c:CONCERNS]->(i) RETURN i.id AS incident, c.evidence AS evidence, c.confidence AS confidence",
    );
    expect(blackbaud.incident).toBe('inc-blackbaud-2020');
    expect(blackbaud.confidence).toBe('derived');
    expect(blackbaud.evidence).toMatch(/^The covered entity \(CE\) reported that its business associate \(BA\), Blackbaud, Inc\., experienced a ransomware attack/);

    // Provenance: every relationship this import wrote cites the file.
    const uncited = await one<{ n: number }>(
      'MATCH ()-[r]->() WHERE r.id STARTS WITH $prefix1 OR r.id STARTS WITH $prefix2 OR r.id STARTS WITH $prefix3 WITH r WHERE NOT $src IN r.sources RETURN count(r) AS n',
      { prefix1: 'reported:', prefix2: 'concerns:', prefix3: 'possible-same-as:org-us-ok', src: r.sourceId },
    );
    expect(uncited.n).toBe(0);
  });

  it('importing the same file again creates nothing and changes nothing', async () => {
    const counts = await graphCounts(db);
    const r = await run('breach-archive.csv', { format: 'hhs-ocr' });
    expect(r.nodes.created + r.nodes.updated + r.relationships.created + r.relationships.updated).toBe(0);
    expect(r.nodes.matched).toBeGreaterThan(10);
    expect(await graphCounts(db)).toEqual(counts);
  });

  it('a newer Windows-1252 export with the broken UIPanel header updates values, adds rows, and writes no mojibake', async () => {
    const r = await run('breach-investigation-cp1252.csv', { format: 'hhs-ocr' });
    expect(r.error).toBeUndefined();
    expect(r.encoding).toBe('windows-1252 (detected)');
    expect(r.rejects).toEqual([{ line: 4, reason: 'unexpected text after a closing quote in field 1', record: expect.any(Array) }]);
    const updated = await one<{ count: number; narrative: string; sources: string[] }>(
      "MATCH (b:BreachReport {id: 'hhs:tx:quillfeather-regional-clinic:2022-03-14'}) RETURN b.individualsAffected AS count, b.narrative AS narrative, b.sources AS sources",
    );
    expect(updated.count).toBe(1300);
    expect(updated.narrative).toContain('file server'); // an empty narrative does not erase one
    expect(updated.sources).toEqual([results.get('breach-archive.csv')!.sourceId, r.sourceId]);
    const names = await rows<{ name: string }>(db, "MATCH (b:BreachReport) WHERE b.state IN ['VT', 'ME'] RETURN b.name AS name ORDER BY name");
    expect(names.map((n) => n.name)).toEqual(['Montréal Street Clinic', 'St. Brigid’s Infirmary']);
    const bad = await one<{ n: number }>("MATCH (n:Entity) WHERE n.name =~ '.*[\\u0080-\\u009f\\ufffd].*' OR n.name CONTAINS 'Ã' OR n.name CONTAINS 'â€' RETURN count(n) AS n");
    expect(bad.n).toBe(0);
    const change = await one<{ org: string; incident: string }>(
      "MATCH (o)-[:REPORTED]->(:BreachReport {id: 'hhs:mn:change-healthcare:2024-08-01'})-[:CONCERNS]->(i) RETURN o.id AS org, i.id AS incident",
    );
    expect(change).toEqual({ org: 'vendor-change-healthcare', incident: 'inc-change-healthcare-2024' });
  });
});

describe('lantern and fhir-endpoints', () => {
  it('links each listed customer to the developer: a new Vendor for an unknown developer, Oracle Health for Cerner', async () => {
    const oracleBefore = await one<{ n: number }>("MATCH (:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) RETURN count(r) AS n");
    const q = await run('lantern/Quartzline_Health_Systems_EndpointSources.json', { format: 'lantern' });
    expect(q).toMatchObject({ rowsRead: 7, rowsAccepted: 5 });
    const vendor = await one<{ v: Record<string, unknown>; customers: string[] }>(
      "MATCH (v:Vendor {id: 'vendor-quartzline-health'}) RETURN properties(v) AS v, [(c)-[:CUSTOMER_OF]->(v) | c.id] AS customers",
    );
    expect(vendor.v).toMatchObject({ kind: 'VENDOR', name: 'Quartzline Health Systems', sources: [q.sourceId] });
    expect(vendor.customers.sort()).toEqual([
      'org-npi-1234567893',
      'org-quartzline-health-galloway-hills-medical-center',
      'org-us-tx-pebblebrook-family-medicine',
      'org-us-tx-quillfeather-regional-clinic', // the HHS organisation: same name, ZIP 75001 is in Texas
    ]);
    const quill = await one<{ endpoints: string[]; sources: string[]; postalCodes: string[] }>(
      "MATCH (o {id: 'org-us-tx-quillfeather-regional-clinic'})-[r:CUSTOMER_OF]->() RETURN r.endpoints AS endpoints, r.sources AS sources, o.postalCodes AS postalCodes",
    );
    expect(quill.endpoints).toHaveLength(2);
    expect(quill.sources).toEqual([q.sourceId]);
    expect(quill.postalCodes).toEqual(['75001']);

    const c = await run('lantern/Cerner_Corporation_EndpointSources.json', { format: 'lantern' });
    expect(c.error).toBeUndefined();
    const glens = await one<{ confidence: string; sources: string[] }>(
      "MATCH (:Organization {id: 'org-glens-falls'})-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) RETURN r.confidence AS confidence, r.sources AS sources",
    );
    expect(glens.confidence).toBe('derived'); // the seed's edge, now also backed by the vendor's list
    expect(glens.sources.at(-1)).toBe(c.sourceId);
    const oracleAfter = await one<{ n: number }>("MATCH (:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) RETURN count(r) AS n");
    expect(oracleAfter.n - oracleBefore.n).toBe(2); // Heronsgate and Tallow Creek
  });

  it('reads the FHIR Bundle leniently, infers Oracle Health from the host, and matches Lantern’s organisations', async () => {
    const r = await run('fhir-endpoints.json', { format: 'fhir-endpoints' });
    expect(r).toMatchObject({ rowsRead: 6, rowsAccepted: 3 });
    expect(r.rejects.map((x) => x.at)).toEqual(['entry[3]', 'entry[4]', 'entry[5]']);
    const heron = await one<{ n: number; sources: string[]; city: string }>(
      "MATCH (o:Organization)-[r:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) WHERE o.name = 'Heronsgate Medical Center' RETURN count(o) AS n, r.sources AS sources, o.city AS city",
    );
    expect(heron.n).toBe(1);
    expect(heron.sources).toEqual([results.get('lantern/Cerner_Corporation_EndpointSources.json')!.sourceId, r.sourceId]);
    const created = await rows<{ id: string }>(db, "MATCH (o)-[:CUSTOMER_OF]->(:Vendor {id: 'vendor-oracle-health'}) WHERE o.id IN $ids RETURN o.id AS id", {
      ids: ['org-us-wa-marrowstone-community-hospital', 'org-us-ga-ashby-lane-clinic'],
    });
    expect(created).toHaveLength(2);
  });

  it('says so when the vendor cannot be told, or --vendor names none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-fhir-'));
    const file = join(dir, 'bundle.json');
    const org = { resourceType: 'Organization', id: 'O1', name: 'Elsewhere Clinic', address: [{ state: 'NV', postalCode: '89501' }] };
    writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Endpoint', id: '1', address: 'https://fhir.example.org/1', contained: [org], managingOrganization: { reference: '#O1' } } }] }));
    const counts = await graphCounts(db);
    const unknown = await importFile(db, file, { format: 'fhir-endpoints' });
    expect(unknown.error).toMatch(/pass --vendor/);
    const missing = await importFile(db, file, { format: 'fhir-endpoints', vendor: 'vendor-nobody' });
    expect(missing.error).toBe('--vendor vendor-nobody: no Vendor with that id in the graph');
    expect(await graphCounts(db)).toEqual(counts);
  });
});

describe('stix', () => {
  it('matches actors by name and alias, links BlackCat to ALPHV with the reason, and skips what it does not know', async () => {
    const r = await run('stix-bundle.json', { format: 'stix' });
    expect(r.error).toBeUndefined();
    expect(r.skipped['unknown object type "x-fixture-widget"']).toBe(1);
    const lazarus = await rows<{ id: string }>(
      db,
      "MATCH (a:ThreatActor) WHERE a.name IN ['Lazarus Group', 'HIDDEN COBRA'] OR any(x IN a.aliases WHERE x IN ['Lazarus Group', 'HIDDEN COBRA']) RETURN a.id AS id",
    );
    expect(lazarus).toEqual([{ id: 'actor-lazarus' }]);
    const alphv = await rows<{ id: string }>(db, "MATCH (a:ThreatActor) WHERE a.name IN ['ALPHV', 'BlackCat', 'Noberus'] OR any(x IN a.aliases WHERE x IN ['ALPHV', 'BlackCat', 'Noberus']) RETURN a.id AS id");
    expect(alphv).toEqual([{ id: 'actor-alphv' }]);
    const uses = await one<{ labels: string[]; confidence: string; basis: string; sources: string[] }>(
      "MATCH (:ThreatActor {id: 'actor-alphv'})-[u:USES]->(m {id: 'software-attack-s9001'}) RETURN labels(m) AS labels, u.confidence AS confidence, u.basis AS basis, u.sources AS sources",
    );
    expect(uses.labels.sort()).toEqual(['Entity', 'Malware', 'Product']);
    expect(uses.confidence).toBe('derived');
    expect(uses.basis).toMatch(/"BlackCat".*ALPHV/);
    expect(uses.sources).toEqual([r.sourceId, 'src-attack-s9001']);
    const heron = await one<{ tool: string; toolSources: string[]; attributed: string; targets: string; possible: string }>(
      `MATCH (h:ThreatActor {id: 'actor-attack-g9002'})
       MATCH (h)-[u:USES]->(t:Tool) MATCH (h)-[:ATTRIBUTED_TO]->(a) MATCH (h)-[:TARGETS]->(v:Vulnerability)
       OPTIONAL MATCH (a)-[p:POSSIBLE_SAME_AS]-(h)
       RETURN t.name AS tool, u.sources AS toolSources, a.name AS attributed, v.id AS targets, p.reason AS possible`,
    );
    expect(heron).toMatchObject({ tool: 'Fernsplitter', attributed: 'Glass Wren Crew', targets: 'CVE-2099-20001', possible: 'shares the alias "glass wren" with Quartz Heron' });
    expect(heron.toolSources[0]).toBe(r.sourceId);
    expect(heron.toolSources[1]).toMatch(/^src-ext-[0-9a-f]{16}$/);
    const citation = await one<{ url: string; publisher: string }>('MATCH (s:Source {id: $id}) RETURN s.url AS url, s.publisher AS publisher', { id: heron.toolSources[1] });
    expect(citation).toEqual({ url: 'https://reports.example/quartz-heron', publisher: 'Fixture Report 2024' });
  });

  it('imports every group with its ATT&CK status: deprecated as an actor, revoked as aliases of its replacement (or its own actor when that is absent)', async () => {
    const r = results.get('stix-bundle.json')!;
    expect(r.derived).toMatchObject({
      'groups deprecated in ATT&CK, imported with attackStatus deprecated': 1,
      'groups revoked in ATT&CK, merged into the group that replaced them': 1,
      'groups revoked in ATT&CK, imported as their own actor (replacement not in the file)': 1,
    });
    // Every intrusion set of the file answers to exactly one actor (by its STIX id).
    const groups = Array.from({ length: 6 }, (_, i) => `intrusion-set--00000000-0000-4000-8000-00000000001${i}`).filter((id) => !id.endsWith('12'));
    const owners = await rows<{ stixId: string; actors: string[] }>(
      db,
      'UNWIND $ids AS stixId OPTIONAL MATCH (a:ThreatActor) WHERE stixId IN a.stixIds RETURN stixId, collect(a.id) AS actors ORDER BY stixId',
      { ids: groups },
    );
    expect(owners.map((o) => [o.stixId.slice(-2), o.actors])).toEqual([
      ['10', ['actor-lazarus']],
      ['11', ['actor-attack-g9002']],
      ['13', ['actor-attack-g9002']], // Old Heron, revoked by Quartz Heron
      ['14', ['actor-attack-g9004']],
      ['15', ['actor-attack-g9005']],
    ]);
    type Actor = { id: string; name: string; attackId: string; attackStatus: string; aliases: string[]; sources: string[]; revokedIds: string[] | null; revokedBasis: string[] | null };
    const actors = await rows<Actor>(
      db,
      `MATCH (a:ThreatActor) WHERE a.id IN ['actor-lazarus', 'actor-attack-g9002', 'actor-attack-g9004', 'actor-attack-g9005']
       RETURN a.id AS id, a.name AS name, a.attackId AS attackId, a.attackStatus AS attackStatus, a.aliases AS aliases, a.sources AS sources,
              a.attackRevokedIds AS revokedIds, a.attackRevokedBasis AS revokedBasis ORDER BY id`,
    );
    const byId = Object.fromEntries(actors.map((a) => [a.id, a]));
    expect(byId['actor-lazarus']).toMatchObject({ attackId: 'G9001', attackStatus: 'active', revokedIds: null });
    expect(byId['actor-attack-g9002']).toMatchObject({ name: 'Quartz Heron', attackId: 'G9002', attackStatus: 'active', revokedIds: ['G9003'] });
    expect(byId['actor-attack-g9002']!.aliases).toEqual(expect.arrayContaining(['Glass Wren', 'Old Heron', 'Slate Egret']));
    expect(byId['actor-attack-g9002']!.sources).toEqual(expect.arrayContaining([r.sourceId, 'src-attack-g9002', 'src-attack-g9003']));
    expect(byId['actor-attack-g9002']!.revokedBasis).toEqual([
      'ATT&CK revoked "Old Heron" (G9003) and replaced it by "Quartz Heron" (G9002) (STIX revoked-by relationship--00000000-0000-4000-8000-000000000054): another name of the same group',
    ]);
    expect(byId['actor-attack-g9004']).toMatchObject({ name: 'Marsh Lantern', attackId: 'G9004', attackStatus: 'deprecated', aliases: ['Fen Light'], sources: [r.sourceId, 'src-attack-g9004'] });
    expect(byId['actor-attack-g9005']).toMatchObject({ name: 'Lost Kestrel', attackId: 'G9005', attackStatus: 'revoked', aliases: [], sources: [r.sourceId, 'src-attack-g9005'] });
    // No second actor for the revoked group's names.
    const oldHeron = await rows<{ id: string }>(db, "MATCH (a:ThreatActor) WHERE a.name IN ['Old Heron', 'Slate Egret'] OR a.attackId = 'G9003' OR any(x IN a.aliases WHERE x IN ['Old Heron', 'Slate Egret']) RETURN a.id AS id");
    expect(oldHeron).toEqual([{ id: 'actor-attack-g9002' }]);
  });
});

describe('kev', () => {
  it('links CVEs to the graph’s vendors and products and keeps the seed’s own facts', async () => {
    const r = await run('kev.json', { format: 'kev' });
    expect(r.error).toBeUndefined();
    const affects = await rows<{ cve: string; product: string; vendor: string }>(
      db,
      "MATCH (v:Vulnerability)-[:AFFECTS]->(p:Product)<-[:MAKES]-(m:Vendor) WHERE v.id STARTS WITH 'CVE-2099-' OR v.id = 'CVE-2023-34362' RETURN v.id AS cve, p.id AS product, m.id AS vendor ORDER BY cve, product",
    );
    expect(affects).toEqual([
      { cve: 'CVE-2023-34362', product: 'prod-moveit-transfer', vendor: 'vendor-progress' },
      { cve: 'CVE-2099-10001', product: 'prod-moveit-transfer', vendor: 'vendor-progress' },
      { cve: 'CVE-2099-10002', product: 'prod-ivanti-epmm', vendor: 'vendor-ivanti' },
      { cve: 'CVE-2099-10003', product: 'prod-quartzline-gateway-appliance', vendor: 'vendor-quartzline' },
      { cve: 'CVE-2099-10004', product: 'prod-qnap-qts', vendor: 'vendor-qnap' },
      { cve: 'CVE-2099-10005', product: 'prod-qnap-qts', vendor: 'vendor-qnap' },
    ]);
    const moveit = await one<{ v: Record<string, unknown> }>("MATCH (v:Vulnerability {id: 'CVE-2023-34362'}) RETURN properties(v) AS v");
    expect(moveit.v.summary).not.toBe('Fixture text for a CVE the seed already holds.');
    expect(moveit.v).toMatchObject({ kevDateAdded: '2099-01-05', knownRansomwareCampaignUse: 'Known', cwes: ['CWE-89'] });
    const makes = await one<{ sources: string[] }>("MATCH (:Vendor {id: 'vendor-progress'})-[m:MAKES]->(:Product {id: 'prod-moveit-transfer'}) RETURN m.sources AS sources");
    expect(makes.sources.at(-1)).toBe(r.sourceId);

    // The CSV of the same catalogue adds its source and nothing else.
    const counts = await graphCounts(db);
    const csv = await run('kev.csv', { format: 'kev' });
    expect(csv.rejects).toHaveLength(2);
    expect(csv.nodes.created).toBe(1); // its Source
    expect(csv.relationships.created).toBe(0);
    expect(await graphCounts(db)).toEqual({ nodes: counts.nodes + 1, relationships: counts.relationships });
  });
});

describe('all or nothing', () => {
  it('a failure part-way through a file leaves the graph as it was', async () => {
    const counts = await graphCounts(db);
    const snap = await snapshotGraph(db);
    let batches = 0;
    const failing = {
      read: db.read.bind(db),
      writeTx: (work: Parameters<Db['writeTx']>[0]) =>
        db.writeTx((runner, tx) =>
          work(async (name, params) => {
            if (name === 'import-merge-relationships' && ++batches === 1) throw new Error('simulated crash after the nodes were written');
            return runner(name, params);
          }, tx),
        ),
    } as unknown as Db;
    const r = await run('breach-investigation-cp1252.csv', { format: 'hhs-ocr' }, failing);
    expect(r.error).toBe('simulated crash after the nodes were written');
    expect(r.committed).toBe(false);
    expect(await graphCounts(db)).toEqual(counts);
    expect(await snapshotGraph(db)).toEqual(snap);
  });

  it('plans again when the graph changed between planning and writing', async () => {
    let fingerprints = 0;
    const changing = {
      read: async (name: string, params?: Record<string, unknown>) => {
        const result = await db.read(name, params);
        // The first fingerprint (taken before planning) is off by one: as if another import had added a node.
        if (name === 'import-read-fingerprint' && ++fingerprints === 1) return [{ ...result[0], nodes: Number(result[0]!.nodes) - 1 }];
        return result;
      },
      writeTx: db.writeTx.bind(db),
    } as unknown as Db;
    const steps: string[] = [];
    const r = await run('kev.json', { format: 'kev', progress: { step: (m) => steps.push(m), start() {}, tick() {}, done() {} } }, changing);
    expect(r.error).toBeUndefined();
    expect(steps.some((m) => m.includes('the graph changed while kev.json was being planned (another import?); planning again'))).toBe(true);
  });

  it('importing every fixture again creates and updates nothing', async () => {
    const counts = await graphCounts(db);
    for (const [file, first] of results) {
      const again = await run(file, { format: first.format });
      expect({ file, created: again.nodes.created + again.relationships.created, updated: again.nodes.updated + again.relationships.updated }).toEqual({ file, created: 0, updated: 0 });
    }
    expect(await graphCounts(db)).toEqual(counts);
  });
});
