// Entity resolution for imports: name normalisation, places, the merge/possible/never rules, actors and products,
// and precision on a small labelled set of organisation pairs (invented names).
import { describe, expect, it } from 'vitest';
import {
  actorKeys,
  coreKey,
  eponymousActor,
  familyKey,
  isDistinctive,
  matchOrganizations,
  MERGE_THRESHOLD,
  nameKeys,
  normaliseName,
  organizationId,
  OrgIndex,
  POSSIBLE_THRESHOLD,
  productKeys,
  resolveActor,
  slug,
  splitStatePrefix,
  stateOfZip,
  vendorKey,
  zip5,
  type OrgFacts,
} from '../../server/import/resolve.ts';

describe('name normalisation', () => {
  it('folds case, accents, punctuation, "&", legal suffixes and a leading "The"', () => {
    expect(normaliseName('The Acme Clinic, P.C.')).toBe('acme clinic');
    expect(normaliseName('ACME CLINIC PC')).toBe('acme clinic');
    expect(normaliseName('Acme Health, Inc. ')).toBe('acme health');
    expect(normaliseName('Acme Health L.L.C.')).toBe('acme health');
    expect(normaliseName('Clínica Santa Lucía')).toBe('clinica santa lucia');
    expect(normaliseName('Blue Cross & Blue Shield of Larkmoor')).toBe(normaliseName('Blue Cross and Blue Shield of Larkmoor'));
    expect(normaliseName("Children's Hospital")).toBe(normaliseName('Childrens Hospital'));
    expect(normaliseName('Saint Agnes Medical Centre')).toBe(normaliseName('St. Agnes Medical Center'));
    // A legal word inside a name stays: only trailing suffixes go.
    expect(normaliseName('Company Doctors of Ohio')).toBe('company doctors ohio');
  });

  it('splits "d/b/a" names into keys for both sides and keeps parenthetical remarks as weak keys', () => {
    const keys = nameKeys('Quillfeather Holdings, LLC d/b/a Quill Care Clinic');
    expect([...keys.strong]).toEqual(['quillfeather holdings', 'quill care clinic']);
    expect([...nameKeys('Larkmoor Health dba Larkmoor Pediatrics').strong]).toContain('larkmoor pediatrics');
    const paren = nameKeys('Prospect Harbor Holdings (Harbor Valley Health System)');
    expect([...paren.strong]).toEqual(['prospect harbor holdings']);
    expect([...paren.weak]).toEqual(['harbor valley health system']);
    // One-word parenthetical abbreviations are not keys.
    expect([...nameKeys('Ostrander Health Authority (OHA)').weak]).toEqual([]);
  });

  it('reads athenahealth-style state prefixes', () => {
    expect(splitStatePrefix('TX - Ngan T Nguyen MD')).toEqual({ state: 'TX', name: 'Ngan T Nguyen MD' });
    expect(splitStatePrefix('A - Test Clinic')).toEqual({ name: 'A - Test Clinic' });
    expect(splitStatePrefix('ZZ - Something')).toEqual({ name: 'ZZ - Something' });
  });

  it('tells distinctive names from generic ones', () => {
    expect(isDistinctive('davita')).toBe(true);
    expect(isDistinctive('quillfeather regional clinic')).toBe(true);
    expect(isDistinctive('mercy hospital')).toBe(false);
    expect(isDistinctive('family medical center')).toBe(false);
    expect(coreKey('albany medical center')).toBe('albany');
  });

  it('makes vendor brand keys and readable slugs', () => {
    expect(vendorKey('Progress Software Corporation')).toBe('progress');
    expect(vendorKey('Progress')).toBe('progress');
    expect(vendorKey('QNAP Systems')).toBe(vendorKey('QNAP'));
    expect(vendorKey('Oracle Health')).not.toBe(vendorKey('Oracle'));
    expect(vendorKey('Medical Information Technology, Inc. (MEDITECH)')).toBe('medical information');
    expect(slug('Albany Medical Center')).toBe('albany-medical-center');
    expect(slug('x'.repeat(100)).length).toBeLessThanOrEqual(60);
  });
});

describe('places', () => {
  it('maps ZIP codes to states by their prefix', () => {
    expect(zip5('12208-3412')).toBe('12208');
    expect(zip5('122083412')).toBe('12208');
    expect(zip5('1234')).toBeUndefined();
    expect(stateOfZip('12208')).toBe('NY');
    expect(stateOfZip('31792')).toBe('GA');
    expect(stateOfZip('75001')).toBe('TX');
    expect(stateOfZip('73301')).toBe('TX'); // 733 (Austin) sits inside Oklahoma's 730-749 block
    expect(stateOfZip('73101')).toBe('OK');
    expect(stateOfZip('00601')).toBe('PR');
    expect(stateOfZip('09012')).toBeUndefined(); // military mail
  });
});

describe('organisation matching rules', () => {
  it('merges an exact name in the same state, and never across states or countries', () => {
    expect(matchOrganizations({ name: 'Bellwether Clinic', state: 'NY' }, { name: 'The Bellwether Clinic, LLC', state: 'NY' })!.score).toBeGreaterThanOrEqual(MERGE_THRESHOLD);
    const otherState = matchOrganizations({ name: 'Bellwether Clinic', state: 'NY' }, { name: 'Bellwether Clinic', state: 'NJ' });
    expect(otherState === null || otherState.score < MERGE_THRESHOLD).toBe(true);
    expect(matchOrganizations({ name: 'Mercy Hospital', state: 'TX' }, { name: 'Mercy Hospital', state: 'CA' })).toBeNull();
    expect(matchOrganizations({ name: 'Acme Health', country: 'US' }, { name: 'Acme Health', country: 'GB' })).toBeNull();
  });

  it('flags a distinctive name in another state for review, without merging', () => {
    const m = matchOrganizations({ name: 'Quillfeather Regional Clinic', state: 'OK' }, { name: 'Quillfeather Regional Clinic', state: 'TX' })!;
    expect(m.score).toBeGreaterThanOrEqual(POSSIBLE_THRESHOLD);
    expect(m.score).toBeLessThan(MERGE_THRESHOLD);
    expect(m.reason).toMatch(/another state/);
  });

  it('uses NPI and ZIP when both sides have them', () => {
    expect(matchOrganizations({ name: 'Juniper Ridge Orthopedics', npi: '1234567893' }, { name: 'JUNIPER RIDGE ORTHO', npi: '1234567893' })!.score).toBe(1);
    expect(matchOrganizations({ name: 'Juniper Ridge Orthopedics', npi: '1234567893' }, { name: 'Juniper Ridge Orthopedics', npi: '1987654321' })).toBeNull();
    expect(matchOrganizations({ name: 'Tallow Creek Hospital', postalCodes: ['31792'] }, { name: 'Tallow Creek Hospital', postalCodes: ['31792-0001'] })!.score).toBe(0.98);
    expect(matchOrganizations({ name: 'Heronsgate Medical Center', postalCodes: ['12208'] }, { name: 'Heronsgate Medical Center', postalCodes: ['98358'] })!.score).toBeLessThan(MERGE_THRESHOLD);
  });

  it('merges a distinctive name without location, but only flags a generic one', () => {
    expect(matchOrganizations({ name: 'Pebblebrook Family Medicine', state: 'TX' }, { name: 'Pebblebrook Family Medicine' })!.score).toBe(0.9);
    const generic = matchOrganizations({ name: 'Community Hospital' }, { name: 'Community Hospital' })!;
    expect(generic.score).toBeLessThan(MERGE_THRESHOLD);
  });

  it('keeps near-names apart and says why', () => {
    const m = matchOrganizations({ name: 'Virtua Medical Group', state: 'NJ' }, { name: 'Virtua Health, Inc.', state: 'NJ' })!;
    expect(m.score).toBeLessThan(MERGE_THRESHOLD);
    expect(m.reason).toMatch(/generic words/);
    expect(matchOrganizations({ name: 'Minnesota Eye Consultants', state: 'MN' }, { name: 'Minnesota Community Care', state: 'MN' })).toBeNull();
    expect(matchOrganizations({ name: 'Sterling Clinic', state: 'KY' }, { name: 'Sterling Health Care' })).toBeNull();
  });
});

describe('OrgIndex.resolve', () => {
  const index = () =>
    new OrgIndex([
      { id: 'org-scripps', name: 'Scripps Health', aliases: [], country: 'US' },
      { id: 'org-a', name: 'Mercy Hospital', state: 'TX' },
      { id: 'org-b', name: 'Mercy Hospital', state: 'CA' },
      { id: 'org-c', name: 'Larkmoor Health' },
      { id: 'org-d', name: 'Larkmoor Health, Inc.' },
    ]);

  it('merges a confident match and then remembers its state', () => {
    const idx = index();
    const r = idx.resolve({ name: 'Scripps Health', state: 'CA', country: 'US' }, 'org-us-ca-scripps-health');
    expect(r).toMatchObject({ kind: 'merge', id: 'org-scripps' });
    idx.absorb('org-scripps', { name: 'Scripps Health', state: 'CA' }, 'org-us-ca-scripps-health');
    // The same name from another state no longer merges: it would join two states on name alone.
    const other = idx.resolve({ name: 'Scripps Health', state: 'NV', country: 'US' }, 'org-us-nv-scripps-health');
    expect(other.kind).toBe('new');
    // A re-import finds the earlier decision by the record's own id.
    expect(idx.resolve({ name: 'Scripps Health', state: 'CA' }, 'org-us-ca-scripps-health')).toEqual({ kind: 'self', id: 'org-scripps' });
  });

  it('does not merge when two organisations match equally well', () => {
    const r = index().resolve({ name: 'Larkmoor Health' }, 'org-hhs-larkmoor-health');
    expect(r.kind).toBe('new');
    if (r.kind === 'new') expect(r.possible.map((p) => p.id).sort()).toEqual(['org-c', 'org-d']);
  });

  it('gives stable ids to new organisations', () => {
    expect(organizationId({ name: 'Heronsgate Medical Center', postalCodes: ['12208-1111'] }, 'oracle-health')).toBe('org-us-ny-heronsgate-medical-center');
    expect(organizationId({ name: 'The Heronsgate Medical Center, Inc.', state: 'NY' }, 'hhs')).toBe('org-us-ny-heronsgate-medical-center');
    expect(organizationId({ name: 'Heronsgate Medical Center' }, 'epic')).toBe('org-epic-heronsgate-medical-center');
    expect(organizationId({ name: 'X', npi: '1234567893' }, 'medhost')).toBe('org-npi-1234567893');
  });
});

describe('actors and software', () => {
  const actors = [
    { id: 'actor-alphv', name: 'ALPHV', aliases: ['BlackCat', 'Noberus'] },
    { id: 'actor-lazarus', name: 'Lazarus Group', aliases: [] },
    { id: 'actor-clop', name: 'Cl0p', aliases: ['Clop', 'Lace Tempest (Microsoft name)', 'overlaps with TA505 and FIN11'] },
    { id: 'actor-lockbit', name: 'LockBit', aliases: [] },
    { id: 'actor-ryuk', name: 'Ryuk (ransomware operators)', aliases: ['linked to Wizard Spider'] },
  ];

  it('merges an intrusion set by name, not by a shared alias alone', () => {
    expect(resolveActor('Lazarus Group', ['HIDDEN COBRA'], actors)).toMatchObject({ kind: 'merge', id: 'actor-lazarus' });
    expect(resolveActor('Andariel', ['Silent Chollima'], actors).kind).toBe('new');
    expect(resolveActor('TA505', ['Hive0065'], actors).kind).toBe('new');
    expect(resolveActor('Lace Tempest', [], actors)).toMatchObject({ kind: 'merge', id: 'actor-clop' });
    const shared = resolveActor('Fixture Spider', ['Noberus'], actors);
    expect(shared.kind).toBe('new');
    if (shared.kind === 'new') expect(shared.possible[0]).toMatchObject({ id: 'actor-alphv' });
  });

  it('never merges two different ATT&CK groups', () => {
    const withIds = [{ id: 'actor-attack-g0030', name: 'Lotus Blossom', aliases: [], attackId: 'G0030' }];
    expect(resolveActor('Spring Dragon', ['Lotus Blossom'], withIds, 'G0060').kind).toBe('new');
  });

  it('links ransomware families to the actors named after them', () => {
    const blackcat = eponymousActor('BlackCat', ['ALPHV', 'Noberus'], actors);
    expect(blackcat?.id).toBe('actor-alphv');
    expect(blackcat?.reason).toMatch(/BlackCat/);
    expect(eponymousActor('LockBit 3.0', ['LockBit Black'], actors)?.id).toBe('actor-lockbit');
    expect(eponymousActor('Ryuk', [], actors)?.id).toBe('actor-ryuk');
    expect(eponymousActor('Clop', [], actors)?.id).toBe('actor-clop');
    expect(eponymousActor('Cobalt Strike', [], actors)).toBeUndefined();
    expect(familyKey('Akira _v2')).toBe('akira');
    expect([...actorKeys(['Lace Tempest (Microsoft name)'])]).toEqual(['lace tempest']);
  });

  it('compares product names without the vendor words', () => {
    expect([...productKeys('Ivanti Endpoint Manager Mobile (EPMM)', ['MobileIron Core'], ['Ivanti'])]).toEqual(['endpoint manager mobile', 'mobileiron core']);
    expect([...productKeys('Endpoint Manager Mobile (EPMM)', [], ['Ivanti'])]).toEqual(['endpoint manager mobile']);
    expect([...productKeys('MOVEit Transfer', [], ['Progress', 'Progress Software Corporation'])]).toEqual(['moveit transfer']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Precision on a labelled set: pairs of an imported record and an existing organisation, same or not (all invented).

const LABELLED: { a: OrgFacts; b: OrgFacts; same: boolean }[] = [
  { a: { name: 'Acme Health, Inc.', state: 'TX' }, b: { name: 'ACME HEALTH', state: 'TX' }, same: true },
  { a: { name: 'The Bellwether Clinic', state: 'NY' }, b: { name: 'Bellwether Clinic, LLC', state: 'NY' }, same: true },
  { a: { name: 'St. Agnes Medical Center', state: 'CA' }, b: { name: 'Saint Agnes Medical Center', state: 'CA' }, same: true },
  { a: { name: 'Ngan T Nguyen MD', state: 'TX' }, b: { name: 'Ngan T Nguyen MD', state: 'TX' }, same: true },
  { a: { name: 'Heronsgate Medical Center', postalCodes: ['12208-1111'] }, b: { name: 'Heronsgate Medical Center', state: 'NY' }, same: true },
  { a: { name: "Children's Hospital of Larkmoor" }, b: { name: 'Childrens Hospital of Larkmoor' }, same: true },
  { a: { name: 'Marrowstone Community Hospital', state: 'WA' }, b: { name: 'Marrowstone Community Hospital', postalCodes: ['98358'] }, same: true },
  { a: { name: 'Quillfeather Holdings d/b/a Quill Care', state: 'TX' }, b: { name: 'Quill Care', state: 'TX' }, same: true },
  { a: { name: 'Brightwater Health & Wellness' }, b: { name: 'Brightwater Health and Wellness' }, same: true },
  { a: { name: 'Juniper Ridge Orthopedics', npi: '1234567893' }, b: { name: 'JUNIPER RIDGE ORTHO', npi: '1234567893' }, same: true },
  { a: { name: 'Clínica Santa Lucía', state: 'PR' }, b: { name: 'Clinica Santa Lucia', state: 'PR' }, same: true },
  { a: { name: 'Ostrander Vision Partners, P.C.', state: 'WA' }, b: { name: 'Ostrander Vision Partners PC', state: 'WA' }, same: true },
  { a: { name: 'Harrowgate Dental Group, P.A.', state: 'NJ' }, b: { name: 'Harrowgate Dental Group' }, same: true },
  { a: { name: 'Tallow Creek Hospital', postalCodes: ['31792'] }, b: { name: 'Tallow Creek Hospital', postalCodes: ['31792-0001'] }, same: true },
  { a: { name: 'Fernhollow Medical Associates', state: 'OH' }, b: { name: 'Fernhollow Medical Associates, Inc.', country: 'US' }, same: true },
  { a: { name: 'Pebblebrook Family Medicine', state: 'TX' }, b: { name: 'Pebblebrook Family Medicine' }, same: true },
  { a: { name: 'Wrenfield Surgical Specialists', state: 'GA' }, b: { name: 'WRENFIELD SURGICAL SPECIALISTS LLC', state: 'GA' }, same: true },
  { a: { name: 'Kestrel Valley Health System', state: 'CO' }, b: { name: 'Kestrel Valley Health System (KVHS)', state: 'CO' }, same: true },
  // Same organisation, but the names differ too much to merge on: a miss (recall), not an error (precision).
  { a: { name: 'Kestrel Adventist Healthcare', state: 'OH' }, b: { name: 'Kestrel Health' }, same: true },
  { a: { name: 'Tamarind Health', state: 'MO' }, b: { name: 'Tamarind' }, same: true },
  { a: { name: 'Texas Tech Unversity Health Sciences Center', state: 'TX' }, b: { name: 'Texas Tech University Health Sciences Center', state: 'TX' }, same: true },
  // Different organisations.
  { a: { name: 'Mercy Hospital', state: 'TX' }, b: { name: 'Mercy Hospital', state: 'CA' }, same: false },
  { a: { name: 'Community Hospital' }, b: { name: 'Community Hospital' }, same: false },
  { a: { name: "St. Mary's Hospital", state: 'WI' }, b: { name: "St. Mark's Hospital", state: 'WI' }, same: false },
  { a: { name: 'Larkmoor Presbyterian Hospital Plano', state: 'TX' }, b: { name: 'Larkmoor Presbyterian Hospital Denton', state: 'TX' }, same: false },
  { a: { name: 'Orlando Vale Health', state: 'FL' }, b: { name: 'Orlando Vale Orthopaedic Center', state: 'FL' }, same: false },
  { a: { name: 'Juniper Ridge Orthopedics', npi: '1234567893' }, b: { name: 'Juniper Ridge Orthopedics', npi: '1987654321' }, same: false },
  { a: { name: 'Bellwether Clinic', state: 'NY' }, b: { name: 'Bellwether Clinic', state: 'NJ' }, same: false },
  { a: { name: 'Acme Health', country: 'US' }, b: { name: 'Acme Health', country: 'GB' }, same: false },
  { a: { name: 'University of Larkmoor' }, b: { name: 'University of Larkmoor Medical Center' }, same: false },
  { a: { name: 'Heronsgate Medical Center', postalCodes: ['12208'] }, b: { name: 'Heronsgate Medical Center', postalCodes: ['98358'] }, same: false },
  { a: { name: 'Minnesota Eye Consultants', state: 'MN' }, b: { name: 'Minnesota Community Care', state: 'MN' }, same: false },
  { a: { name: 'Greenway Pediatrics' }, b: { name: 'Greenway Family Practice' }, same: false },
  { a: { name: 'Quartz Heron Clinic East', state: 'AZ' }, b: { name: 'Quartz Heron Clinic', state: 'AZ' }, same: false },
  { a: { name: 'North Shore Medical Group', state: 'MA' }, b: { name: 'South Shore Medical Group', state: 'MA' }, same: false },
  { a: { name: 'Sterling Clinic', state: 'KY' }, b: { name: 'Sterling Health Care' }, same: false },
  { a: { name: 'Family Medicine Associates', state: 'TX' }, b: { name: 'Family Medicine Associates', state: 'OK' }, same: false },
  { a: { name: 'Premier Urgent Care', state: 'TX' }, b: { name: 'Premier Health Care Group', state: 'TX' }, same: false },
  { a: { name: 'Larkmoor Health Plan', state: 'IL' }, b: { name: 'Larkmoor Health System', state: 'IL' }, same: false },
];

describe('precision on a labelled set', () => {
  it('merges only true pairs (precision floor 0.95), and finds most of them (recall floor 0.7)', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let flagged = 0;
    const errors: string[] = [];
    for (const { a, b, same } of LABELLED) {
      const m = matchOrganizations(a, b);
      const merged = m !== null && m.score >= MERGE_THRESHOLD;
      if (m && !merged && m.score >= POSSIBLE_THRESHOLD) flagged++;
      if (merged && same) tp++;
      else if (merged && !same) {
        fp++;
        errors.push(`false merge: ${a.name} / ${b.name} (${m!.reason})`);
      } else if (!merged && same) fn++;
    }
    const precision = tp / Math.max(tp + fp, 1);
    const recall = tp / Math.max(tp + fn, 1);
    console.log(
      `[resolve] labelled pairs ${LABELLED.length}: merged ${tp + fp} (true ${tp}, false ${fp}), missed ${fn}, flagged POSSIBLE_SAME_AS ${flagged}; ` +
        `precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%`,
    );
    expect(errors).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.7);
  });
});
