// The format parsers on the fixtures in test/fixtures/import (invented data with each dataset's quirks), and the
// pure parts of planning: breach-report ids, linking reports to incidents, the write plan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../server/import/encoding.ts';
import { developerOfHost, fhirEndpoints } from '../../server/import/fhir-endpoints.ts';
import { breachReportIds, evidenceSentence, hhsOcr, linkReport, usDateToIso, type BreachRow } from '../../server/import/hhs-ocr.ts';
import { kev, type KevRow } from '../../server/import/kev.ts';
import { developerOfFile, lantern, notACustomer } from '../../server/import/lantern.ts';
import { Plan, PlanError } from '../../server/import/plan.ts';
import { stix } from '../../server/import/stix.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const text = (name: string) => decodeBytes(readFileSync(join(FIXTURES, name))).text;

describe('hhs-ocr', () => {
  it('reads the Archive export, rejecting malformed rows with their line and reason', () => {
    const parsed = hhsOcr.parse(text('breach-archive.csv'), 'breach-archive.csv', {});
    expect(parsed.rowsRead).toBe(14);
    expect(parsed.records).toHaveLength(11);
    expect(parsed.rejects.map((r) => [r.line, r.reason])).toEqual([
      [7, '"Individuals Affected" is "n/a", expected a number'],
      [8, '"Breach Submission Date" is "02/30/2021", expected MM/DD/YYYY'],
      [9, 'has 8 fields, expected 9'],
    ]);
    const first = parsed.records[0]!;
    expect(first).toMatchObject({
      line: 2,
      name: 'Quillfeather Regional Clinic',
      state: 'TX',
      individualsAffected: 1200,
      submitted: '2022-03-14',
      businessAssociatePresent: false,
    });
    // The CRLF inside the quoted narrative is kept as a line break; the record after it starts on line 4.
    expect(first.narrative).toBe('The covered entity’s file server was accessed by an unknown party.\nIt notified 1,200 patients and offered credit monitoring.');
    expect(parsed.records[1]!.line).toBe(4);
    expect(parsed.records[1]!.name).toBe('Quillfeather Regional Clinic, Inc.');
    expect(parsed.records.find((r) => r.name === 'Fernhollow Fire District')!.individualsAffected).toBeUndefined();
    expect(parsed.warnings).toContain('1 row(s) have no "Individuals Affected" (imported without a count)');
  });

  it('reads the "Under investigation" export by position despite its UIPanel header, in Windows-1252 with CRLF', () => {
    const decoded = decodeBytes(readFileSync(join(FIXTURES, 'breach-investigation-cp1252.csv')));
    expect(decoded.encoding).toBe('windows-1252');
    const parsed = hhsOcr.parse(decoded.text, 'x.csv', {});
    expect(parsed.warnings[0]).toMatch(/UIPanel/);
    expect(parsed.records.map((r) => r.name)).toEqual(['Montréal Street Clinic', 'St. Brigid’s Infirmary', 'Change Healthcare, Inc.', 'Quillfeather Regional Clinic']);
    expect(parsed.rejects).toEqual([{ line: 4, reason: 'unexpected text after a closing quote in field 1', record: expect.any(Array) }]);
  });

  it('refuses a file that is not an HHS export', () => {
    expect(() => hhsOcr.parse('"a","b"\n"1","2"\n', 'x.csv', {})).toThrow(/not an HHS OCR breach export/);
    expect(() => hhsOcr.parse(text('breach-archive.csv').replace('"State"', '"Province"'), 'x.csv', {})).toThrow(/column 2 is "Province"/);
  });

  it('converts MM/DD/YYYY and rejects impossible dates', () => {
    expect(usDateToIso('07/19/2024')).toBe('2024-07-19');
    expect(usDateToIso('7/4/2024')).toBe('2024-07-04');
    expect(usDateToIso('02/29/2023')).toBeUndefined();
    expect(usDateToIso('2024-07-19')).toBeUndefined();
  });

  it('gives stable ids, one per report: exact duplicates share one, same-day reports get the count appended', () => {
    const parsed = hhsOcr.parse(text('breach-archive.csv'), 'x.csv', {});
    const ids = breachReportIds(parsed.records);
    expect(ids[0]).toBe('hhs:tx:quillfeather-regional-clinic:2022-03-14');
    expect(ids[1]).toBe(ids[3]); // the exact duplicate
    expect(ids.filter((id) => id.startsWith('hhs:nc:tamarack-pediatrics:2018-04-04')).sort()).toEqual([
      'hhs:nc:tamarack-pediatrics:2018-04-04:1500',
      'hhs:nc:tamarack-pediatrics:2018-04-04:900',
    ]);
    // Same day, same metadata, different narratives: told apart by a hash of the narrative.
    const row = (narrative: string): BreachRow => ({ line: 1, name: 'Ecofield Benefits Plan', state: 'MN', submitted: '2016-02-26', individualsAffected: 1550, narrative });
    const twins = breachReportIds([row('Business associate A'), row('Business associate B')]);
    expect(twins[0]).not.toBe(twins[1]);
    expect(twins[0]).toMatch(/^hhs:mn:ecofield-benefits-plan:2016-02-26:1550:[0-9a-f]{8}$/);
  });

  it('links a report to an incident when its reporter is the victim or its narrative names the vendor, within the window', () => {
    const incidents = [{ incident: { id: 'inc-x', name: 'X', date: '2020-02-01', orgs: [], products: [] }, start: 0, end: 0, orgIds: new Map(), terms: [] }];
    expect(linkReport({ name: 'A', submitted: '2020-03-01' }, 'org-a', incidents)).toEqual([]);
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    const it2 = {
      incident: { id: 'inc-blackbaud', name: 'Blackbaud', date: '2020-02-01', orgs: [], products: [] },
      start: day('2020-02-01') - 30,
      end: day('2020-02-01') + 730,
      orgIds: new Map([['org-victim', 'primary_victim']]),
      terms: [{ term: 'blackbaud', what: 'the breached vendor Blackbaud, Inc.' }],
    };
    const narrative = 'Intro sentence. Its business associate, Blackbaud, Inc., was attacked. Closing.';
    expect(linkReport({ name: 'A', submitted: '2020-08-20', narrative }, 'org-a', [it2])).toEqual([
      {
        incidentId: 'inc-blackbaud',
        confidence: 'derived',
        basis: 'the narrative names the breached vendor Blackbaud, Inc.',
        evidence: 'Its business associate, Blackbaud, Inc., was attacked. (submitted 2020-08-20, 201 days after the incident date 2020-02-01)',
        matchedTerm: 'blackbaud',
      },
    ]);
    // Outside the window: a mention years later is not this incident.
    expect(linkReport({ name: 'A', submitted: '2023-01-01', narrative }, 'org-a', [it2])).toEqual([]);
    expect(linkReport({ name: 'V', submitted: '2020-03-01' }, 'org-victim', [it2])[0]).toMatchObject({ confidence: 'derived', basis: "the reporting organisation is the incident's primary_victim" });
    expect(linkReport({ name: 'V', submitted: '2020-03-01' }, 'org-new', [it2], [{ id: 'org-victim', reason: 'same name' }])[0]).toMatchObject({ confidence: 'possible' });
    expect(evidenceSentence('One. Two names Cerner here. Three.', 'cerner')).toBe('Two names Cerner here.');
  });
});

describe('lantern', () => {
  it('names the developer from the file name', () => {
    expect(developerOfFile('Epic_Systems_Corporation_1_EndpointSources.json')).toBe('Epic Systems Corporation');
    expect(developerOfFile('/x/Medical_Information_Technology_Inc_MEDITECH_EndpointSources.json')).toBe('Medical Information Technology, Inc. (MEDITECH)');
    expect(developerOfFile('Quartzline_Health_Systems_EndpointSources.json')).toBe('Quartzline Health Systems');
  });

  it('reads customers, their state (prefix or ZIP), NPI, and rejects generic and test endpoints', () => {
    const file = 'Quartzline_Health_Systems_EndpointSources.json';
    const parsed = lantern.parse(text(`lantern/${file}`), file, {});
    expect(parsed.rowsRead).toBe(7);
    expect(parsed.records.map((r) => [r.name, r.state, r.postalCode, r.npi])).toEqual([
      ['Quillfeather Regional Clinic', 'TX', '75001', undefined],
      ['Quillfeather Regional Clinic', 'TX', '75001', undefined],
      ['Pebblebrook Family Medicine', 'TX', undefined, undefined],
      ['Juniper Ridge Orthopedics', undefined, undefined, '1234567893'],
      ['Galloway Hills Medical Center', undefined, undefined, undefined],
    ]);
    expect(parsed.rejects.map((r) => [r.at, r.reason])).toEqual([
      ['Endpoints[4]', 'the organisation name is empty (a generic endpoint of the vendor, no customer)'],
      ['Endpoints[5]', 'test or internal endpoint (host qa1.testclinic.com)'],
    ]);
    expect(parsed.warnings).toEqual(['1 ZIP code(s) are malformed (imported without a ZIP)']);
    expect(notACustomer('A03Test', 'https://x.example/')).toMatch(/test organisation/);
    expect(notACustomer('12345', 'https://x.example/')).toMatch(/only digits/);
    expect(() => lantern.parse('{"endpoints": []}', 'x.json', {})).toThrow(/no "Endpoints" array/);
  });
});

describe('fhir-endpoints', () => {
  it('accepts the unambiguous quirks and reports the rest', () => {
    const parsed = fhirEndpoints.parse(text('fhir-endpoints.json'), 'fhir-endpoints.json', {});
    expect(parsed.rowsRead).toBe(6);
    expect(parsed.records.map((r) => [r.name, r.city, r.state, r.postalCode, r.country])).toEqual([
      ['Heronsgate Medical Center', 'Albany', 'NY', '12208', 'US'],
      ['Marrowstone Community Hospital', 'Nordland', 'WA', '98358', 'US'],
      ['Ashby Lane Clinic', 'Macon', 'GA', '31201', 'US'],
    ]);
    expect(parsed.rejects.map((r) => [r.at, r.reason])).toEqual([
      ['entry[3]', 'managingOrganization "#Oe-nope" matches no contained Organization'],
      ['entry[4]', 'resource is a Patient, not an Endpoint'],
      ['entry[5]', 'no managingOrganization and 2 contained Organizations: ambiguous'],
    ]);
    expect(parsed.warnings).toEqual([
      'Bundle.total says 40, the bundle has 6 entries (counted the entries)',
      '2 Endpoint(s) give managingOrganization as {"id": "#…"} instead of {"reference": "#…"} (read as the reference)',
      '1 Endpoint(s) have no managingOrganization; their only contained Organization was used',
      '4 Endpoint(s) lack connectionType (required in R4; accepted)',
    ]);
    expect(developerOfHost('https://fhir-myrecord-sc.cerner.com/r4/x/')).toBe('Cerner Corporation');
    expect(developerOfHost('https://fhir.example.org/')).toBeUndefined();
  });
});

describe('stix', () => {
  it('keeps actors (revoked and deprecated groups with their status), software, vulnerabilities and relationships, and counts what it skips', () => {
    const parsed = stix.parse(text('stix-bundle.json'), 'stix-bundle.json', {});
    expect(parsed.rowsRead).toBe(22);
    expect(parsed.records.filter((r) => r.type !== 'relationship').map((r) => `${r.type}:${r.name}:${r.attackStatus ?? ''}`)).toEqual([
      'intrusion-set:Lazarus Group:active',
      'intrusion-set:Quartz Heron:active',
      'threat-actor:Glass Wren Crew:',
      'intrusion-set:Old Heron:revoked',
      'intrusion-set:Marsh Lantern:deprecated',
      'intrusion-set:Lost Kestrel:revoked',
      'malware:BlackCat:',
      'tool:Fernsplitter:',
      'vulnerability:CVE-2099-20001:',
    ]);
    // The groups' revoked-by relationships are kept (they name the replacement); other revoked objects are left out.
    expect(parsed.records.filter((r) => r.relationshipType === 'revoked-by').map((r) => [r.sourceRef, r.targetRef])).toEqual([
      ['intrusion-set--00000000-0000-4000-8000-000000000013', 'intrusion-set--00000000-0000-4000-8000-000000000011'],
      ['intrusion-set--00000000-0000-4000-8000-000000000015', 'intrusion-set--00000000-0000-4000-8000-000000000099'],
    ]);
    expect(parsed.skipped).toEqual({
      'metadata (marking-definition)': 1,
      'metadata (identity)': 1,
      'revoked or deprecated malware': 1,
      'unknown object type "attack-pattern"': 1,
      'unknown object type "x-fixture-widget"': 1,
    });
    const lazarus = parsed.records[0]!;
    expect(lazarus).toMatchObject({ attackId: 'G9001', aliases: ['HIDDEN COBRA', 'Fixture Chollima'] });
    expect(parsed.records.find((r) => r.name === 'Old Heron')).toMatchObject({ attackId: 'G9003', aliases: ['Slate Egret'] });
    expect(parsed.records.find((r) => r.name === 'BlackCat')!.aliases).toEqual(['ALPHV', 'Noberus']);
  });
});

describe('kev', () => {
  it('reads the JSON and the CSV catalogue into the same rows', () => {
    const json = kev.parse(text('kev.json'), 'kev.json', {});
    const csv = kev.parse(text('kev.csv'), 'kev.csv', {});
    const strip = (r: KevRow) => ({ ...r, line: undefined, at: undefined });
    expect(csv.records.map(strip)).toEqual(json.records.map(strip));
    expect(json.warnings).toEqual(['"count" says 7, the catalog lists 6', '1 entry has a dueDate before its dateAdded (kept as published)']);
    expect(json.sourceProps).toEqual({ catalogVersion: '2099.01.10', dateReleased: '2099-01-10T12:00:00.000Z' });
    expect(json.records[1]!.cwes).toEqual(['CWE-288', 'CWE-94']);
    expect(csv.rejects.map((r) => [r.line, r.reason])).toEqual([
      [5, '"cveID" is "CVE-99-1", expected CVE-YYYY-NNNN'],
      [9, 'CVE-2099-10006: "knownRansomwareCampaignUse" is "Maybe", expected Known or Unknown'],
    ]);
  });
});

describe('Plan', () => {
  it('folds writes for one id together and refuses labels and types outside the allow-list', () => {
    const plan = new Plan();
    plan.node('n1', { labels: ['Organization'], create: { name: 'A', x: undefined }, union: { sources: ['s1'] } });
    plan.node('n1', { create: { name: 'B' }, set: { state: 'TX' }, union: { sources: ['s2', 's1'], aliases: ['A2'] } });
    expect(plan.nodes.get('n1')).toEqual({ id: 'n1', labels: ['Entity', 'Organization'], create: { name: 'A' }, set: { state: 'TX' }, union: { sources: ['s1', 's2'], aliases: ['A2'] } });
    plan.node('n1', { labels: ['HealthPlan'], create: { name: 'C', orgType: 'health plan', x: null }, set: { state: 'OK', npi: '1234567890' } });
    expect(plan.nodes.get('n1')).toMatchObject({ labels: ['Entity', 'Organization', 'HealthPlan'], create: { name: 'A', orgType: 'health plan' }, set: { state: 'OK', npi: '1234567890' } });
    expect(plan.nodes.get('n1')!.create).not.toHaveProperty('x');
    plan.relationship('USES', 'a', 'b', 'r1', { create: { basis: 'first' }, set: { v: 1 }, union: { sources: ['s1'] } });
    plan.relationship('USES', 'a', 'b', 'r1', { create: { basis: 'second', score: 0.7 }, set: { v: 2 }, union: { sources: ['s2'] } });
    expect(plan.relationships.get('r1')).toMatchObject({ create: { basis: 'first', score: 0.7 }, set: { v: 2 }, union: { sources: ['s1', 's2'] } });
    expect(() => plan.relationship('USES', 'a', 'c', 'r1', { union: { sources: ['s1'] } })).toThrow(/different ends/);
    expect(() => plan.node('n2', { labels: ['Hacker'] })).toThrow(PlanError);
    expect(() => plan.relationship('LIKES', 'a', 'b', 'r', { union: { sources: ['s'] } })).toThrow(/allow-list/);
    expect(() => plan.relationship('USES', 'a', 'b', 'r', {})).toThrow(/cites no source/);
  });
});
