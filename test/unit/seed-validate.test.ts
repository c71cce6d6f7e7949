// The committed seed validates and matches the fact sheet; hand-made bad seeds are rejected with precise problems.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSeed } from '../../scripts/build-seed.ts';
import type { Seed, SeedNode, SeedRelationship } from '../../server/seed/format.ts';
import { SEED_DIR } from '../../server/seed/load.ts';
import { formatProblems, readSeed, SeedReadError, validateSeed, type SeedProblem } from '../../server/seed/validate.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const MINI_DIR = join(HERE, '..', 'fixtures', 'seed-mini');
/** The fact sheet beside the checkout (../shared); absent on some machines, so the tests that need it skip. */
const FACT_SHEET = join(HERE, '..', '..', '..', 'shared', 'data', 'facts', 'healthcare-incidents.json');

const allNodes = (seed: Seed): SeedNode[] => Object.values(seed.nodes).flat();
const allRels = (seed: Seed): SeedRelationship[] => Object.values(seed.relationships).flat();
const withLabel = (seed: Seed, label: string): SeedNode[] => allNodes(seed).filter((n) => n.labels.includes(label));
const ofType = (seed: Seed, type: string): SeedRelationship[] => allRels(seed).filter((r) => r.type === type);

/** A fresh copy of the mini fixture seed to break. */
const mini = (): Seed => structuredClone(readSeed(MINI_DIR));

function node(seed: Seed, id: string): SeedNode {
  const found = allNodes(seed).find((n) => n.id === id);
  if (!found) throw new Error(`fixture has no node ${id}`);
  return found;
}
function rel(seed: Seed, id: string): SeedRelationship {
  const found = allRels(seed).find((r) => r.id === id);
  if (!found) throw new Error(`fixture has no relationship ${id}`);
  return found;
}
const problemsFor = (problems: SeedProblem[], id: string): SeedProblem[] => problems.filter((p) => p.id === id);

describe('the committed seed', () => {
  const seed = readSeed(SEED_DIR);

  it('validates with zero problems', () => {
    const problems = validateSeed(seed);
    expect(problems, formatProblems(problems)).toEqual([]);
  });

  it("has the fact sheet's counts", () => {
    expect(withLabel(seed, 'Incident')).toHaveLength(36);
    expect(withLabel(seed, 'Organization')).toHaveLength(133);
    expect(withLabel(seed, 'Vendor')).toHaveLength(34);
    expect(withLabel(seed, 'Product')).toHaveLength(27);
    expect(withLabel(seed, 'ThreatActor')).toHaveLength(18);
    expect(withLabel(seed, 'Vulnerability')).toHaveLength(13);
    expect(withLabel(seed, 'Source')).toHaveLength(220);
    expect(withLabel(seed, 'Entity')).toHaveLength(allNodes(seed).length);
    expect(ofType(seed, 'ACQUIRED')).toHaveLength(14);
  });

  it('cites at least one Source with a url on every relationship and every non-Source node', () => {
    const sources = new Map(withLabel(seed, 'Source').map((s) => [s.id, s]));
    for (const r of allRels(seed)) {
      const ids = r.props.sources as string[];
      expect(ids.length, r.id).toBeGreaterThan(0);
      for (const id of ids) expect(sources.get(id)?.props.url, `${r.id} cites ${id}`).toMatch(/^https?:\/\//);
    }
    for (const n of allNodes(seed)) {
      if (n.labels.includes('Source')) continue;
      expect((n.props.sources as string[]).length, n.id).toBeGreaterThan(0);
    }
  });

  it('keeps every reported Oracle-Cerner price with its sources', () => {
    const acq = ofType(seed, 'ACQUIRED').find((r) => r.id === 'acq-oracle-cerner')!;
    expect(acq).toMatchObject({ from: 'vendor-oracle', to: 'vendor-oracle-health' });
    expect(acq.props).toMatchObject({ announced: '2021-12-20', closed: '2022-06-08', validFrom: '2022-06-08' });
    const prices = JSON.parse(acq.props.pricesJson as string) as { amount: number; asReportedBy: string[] }[];
    expect(prices.map((p) => p.amount).sort()).toEqual([28_000_000_000, 28_300_000_000, 28_500_000_000]);
    for (const p of prices) {
      expect(p.asReportedBy.length).toBeGreaterThan(0);
      for (const s of p.asReportedBy) expect(acq.props.sources).toContain(s);
    }
  });

  it('gives incidents a sortable ISO date: the earliest start, refined within a coarse month', () => {
    const date = (id: string) => {
      const { props } = withLabel(seed, 'Incident').find((n) => n.id === id)!;
      return [props.date, props.datePrecision, props.dateDerivedFrom];
    };
    expect(date('inc-oracle-health-cerner-2025')).toEqual(['2025-01-22', 'day', 'dates.attack_start']);
    expect(date('inc-anthem-2015')).toEqual(['2014-12-02', 'day', 'dates.attack_window']);
    // Disclosed "2024-07" (month), attack 2024-07-29 (day): the day wins over a padded 1 July.
    expect(date('inc-oneblood-2024')).toEqual(['2024-07-29', 'day', 'date_discovered']);
    expect(date('inc-oracle-cloud-classic-2025')).toEqual(['2025-03-01', 'month', 'date_disclosed']);
    for (const n of withLabel(seed, 'Incident')) expect(n.props.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is sorted by id in every file', () => {
    for (const records of [...Object.values(seed.nodes), ...Object.values(seed.relationships)]) {
      const ids = records.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it.skipIf(!existsSync(FACT_SHEET))('is what scripts/build-seed.ts makes of the fact sheet (rebuild it if this fails)', () => {
    const facts = JSON.parse(readFileSync(FACT_SHEET, 'utf8')) as Parameters<typeof buildSeed>[0];
    const rebuilt = buildSeed(structuredClone(facts));
    expect(rebuilt).toEqual(seed);
    // The Oracle incident's downstream victims, counted from the fact sheet itself.
    const inc = (facts.incidents as { id: string; victims: { ref: string; role: string }[] }[]).find((i) => i.id === 'inc-oracle-health-cerner-2025')!;
    const downstream = inc.victims.filter((v) => v.role === 'affected_via_vendor').map((v) => v.ref).sort();
    const edges = ofType(seed, 'AFFECTED')
      .filter((r) => r.from === 'inc-oracle-health-cerner-2025' && r.props.role === 'affected_via_vendor')
      .map((r) => r.to)
      .sort();
    expect(edges).toEqual(downstream);
  });
});

describe('validateSeed on the mini fixture', () => {
  it('accepts the fixture as written (including a Source with a dataset instead of a url)', () => {
    const problems = validateSeed(mini());
    expect(problems, formatProblems(problems)).toEqual([]);
  });

  it('reports an unknown reference in from/to, naming the record and the missing id', () => {
    const seed = mini();
    rel(seed, 'affected:inc-mini-acme-2024:org-mini-hospital:affected_via_vendor').to = 'org-mini-nowhere';
    const problems = validateSeed(seed);
    expect(problems).toEqual([
      {
        file: 'relationships/AFFECTED.json',
        id: 'affected:inc-mini-acme-2024:org-mini-hospital:affected_via_vendor',
        field: 'to',
        message: expect.stringContaining('unknown reference "org-mini-nowhere"'),
      },
    ]);
  });

  it('reports unknown source ids in sources, keySources and inside *Json properties', () => {
    const seed = mini();
    const inc = node(seed, 'inc-mini-acme-2024');
    inc.props.keySources = ['src-mini-missing'];
    node(seed, 'org-mini-clinic').props.sources = ['src-mini-gone'];
    inc.props.figuresJson = JSON.stringify([{ count: 5, unit: 'individuals', sources: ['src-mini-phantom'] }]);
    const problems = validateSeed(seed);
    expect(problemsFor(problems, 'org-mini-clinic')).toEqual([
      { file: 'nodes/organization.json', id: 'org-mini-clinic', field: 'props.sources', message: expect.stringContaining('"src-mini-gone"') },
    ]);
    const incProblems = problemsFor(problems, 'inc-mini-acme-2024');
    expect(incProblems.map((p) => p.field).sort()).toEqual(['props.figuresJson[0].sources', 'props.keySources']);
    expect(incProblems.every((p) => /unknown reference "src-mini-(missing|phantom)"/.test(p.message))).toBe(true);
  });

  it('reports a source id inside a *Json property that the record does not list in its sources', () => {
    const seed = mini();
    const inc = node(seed, 'inc-mini-acme-2024');
    inc.props.sources = ['src-mini-trade-press', 'src-mini-bulletin'];
    const problems = validateSeed(seed);
    expect(problems.map((p) => [p.id, p.field])).toEqual([
      ['inc-mini-acme-2024', 'props.figuresJson[0].sources'],
      ['inc-mini-acme-2024', 'props.figuresJson[1].sources'],
    ]);
    expect(problems[0]!.message).toContain(`source "src-mini-breach-list" is not in the record's sources`);
  });

  it('reports a relationship with no source and a node with no source', () => {
    const seed = mini();
    rel(seed, 'makes:vendor-mini-acme:prod-mini-acme-ehr').props.sources = [];
    delete (node(seed, 'prod-mini-acme-ehr').props as Record<string, unknown>).sources;
    const problems = validateSeed(seed);
    expect(problems).toEqual([
      { file: 'nodes/product.json', id: 'prod-mini-acme-ehr', field: 'props.sources', message: expect.stringContaining('no source') },
      { file: 'relationships/MAKES.json', id: 'makes:vendor-mini-acme:prod-mini-acme-ehr', field: 'props.sources', message: 'relationship has no source' },
    ]);
  });

  it('reports a cited Source that has neither url nor dataset', () => {
    const seed = mini();
    delete (node(seed, 'src-mini-bulletin').props as Record<string, unknown>).url;
    const problems = validateSeed(seed);
    expect(problemsFor(problems, 'src-mini-bulletin')).toHaveLength(1);
    const citing = problems.filter((p) => p.id !== 'src-mini-bulletin');
    expect(citing.length).toBeGreaterThan(0);
    for (const p of citing) expect(p.message).toBe('source "src-mini-bulletin" has neither a url nor a dataset');
    expect(citing.map((p) => p.id)).toContain('part-of:org-mini-hospital:org-mini-system');
  });

  it('reports bad dates in date properties and inside *Json, naming the field', () => {
    const seed = mini();
    node(seed, 'inc-mini-acme-2024').props.date = '2024-13-01';
    node(seed, 'actor-mini-crew').props.firstSeen = 'late 2023';
    rel(seed, 'part-of:org-mini-hospital:org-mini-system').props.validFrom = '2024-02-30';
    node(seed, 'inc-mini-acme-2024').props.datesJson = JSON.stringify([
      { name: 'attack_window', value: '2024-03-05/2024-03-01', precision: 'day-range', sources: ['src-mini-bulletin'] },
    ]);
    const inc = node(seed, 'inc-mini-acme-2024');
    inc.props.figuresJson = JSON.stringify([{ count: 1, asOf: 'April 2024', sources: ['src-mini-breach-list'] }]);
    const problems = validateSeed(seed);
    expect(problems.map((p) => `${p.id} ${p.field}`).sort()).toEqual([
      'actor-mini-crew props.firstSeen',
      'inc-mini-acme-2024 props.date',
      'inc-mini-acme-2024 props.datesJson[0].value',
      'inc-mini-acme-2024 props.figuresJson[0].asOf',
      'part-of:org-mini-hospital:org-mini-system props.validFrom',
    ]);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    expect(byField['props.date']).toContain('"2024-13-01" is not an ISO date');
    expect(byField['props.validFrom']).toContain('not a calendar date');
    expect(byField['props.datesJson[0].value']).toContain('ends before it starts');
  });

  it('reports a duplicate id, naming both files', () => {
    const seed = mini();
    const copy = structuredClone(node(seed, 'org-mini-clinic'));
    copy.labels = ['Entity', 'Product'];
    copy.props.kind = 'PRODUCT';
    seed.nodes['nodes/product.json']!.push(copy);
    const problems = validateSeed(seed);
    expect(problems).toEqual([
      { file: 'nodes/product.json', id: 'org-mini-clinic', field: 'id', message: 'duplicate id (also in nodes/organization.json)' },
    ]);
    const relSeed = mini();
    relSeed.relationships['relationships/MAKES.json']!.push(structuredClone(rel(relSeed, 'makes:vendor-mini-acme:prod-mini-acme-ehr')));
    expect(validateSeed(relSeed).map((p) => [p.id, p.field, p.message])).toEqual([
      ['makes:vendor-mini-acme:prod-mini-acme-ehr', 'id', 'duplicate id (also in relationships/MAKES.json)'],
    ]);
  });

  it('reports unknown labels and types, and endpoints of the wrong label', () => {
    const seed = mini();
    node(seed, 'org-mini-clinic').labels.push('Clinic');
    rel(seed, 'makes:vendor-mini-acme:prod-mini-acme-ehr').from = 'org-mini-system';
    const bogus = structuredClone(rel(seed, 'affects:CVE-2099-0001:prod-mini-acme-ehr'));
    bogus.id = 'pwned:CVE-2099-0001:prod-mini-acme-ehr';
    bogus.type = 'PWNED';
    seed.relationships['relationships/AFFECTS.json']!.push(bogus);
    const problems = validateSeed(seed);
    // Files are read in name order: AFFECTS.json comes before MAKES.json.
    expect(problems.map((p) => `${p.id} ${p.field}`)).toEqual([
      'org-mini-clinic labels',
      'pwned:CVE-2099-0001:prod-mini-acme-ehr type',
      'makes:vendor-mini-acme:prod-mini-acme-ehr from',
    ]);
    expect(problems[0]!.message).toBe('unknown label "Clinic"');
    expect(problems[1]!.message).toContain('unknown relationship type "PWNED"');
    expect(problems[2]!.message).toContain('"org-mini-system" is not a Vendor');
  });

  it('reports property values Neo4j cannot store', () => {
    const seed = mini();
    const org = node(seed, 'org-mini-clinic').props as Record<string, unknown>;
    org.address = { street: '1 High St' };
    org.codes = ['A', 1];
    org.closedOn = null;
    const problems = validateSeed(seed);
    expect(problems.map((p) => p.field)).toEqual(['props.address', 'props.codes', 'props.closedOn']);
    expect(problems[0]!.message).toContain('nested object');
    expect(problems[1]!.message).toContain('mixed list');
    expect(problems[2]!.message).toContain('null');
  });

  it('formats problems for humans with file, id and field', () => {
    const seed = mini();
    rel(seed, 'exploited:inc-mini-acme-2024:CVE-2099-0001').to = 'CVE-2099-9999';
    const text = formatProblems(validateSeed(seed));
    expect(text).toContain('relationships/EXPLOITED.json  exploited:inc-mini-acme-2024:CVE-2099-0001  to: unknown reference "CVE-2099-9999"');
  });
});

describe('readSeed', () => {
  it('names the file and line of a JSON syntax error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-bad-json-'));
    try {
      mkdirSync(join(dir, 'nodes'));
      writeFileSync(join(dir, 'nodes', 'source.json'), '[\n  {\n    "id": "src-x",\n    "labels": ["Entity", "Source"],\n    "props": { "kind": "SOURCE", }\n  }\n]\n');
      let error: unknown;
      try {
        readSeed(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(SeedReadError);
      expect((error as SeedReadError).file).toBe('nodes/source.json');
      expect((error as SeedReadError).line).toBe(5);
      expect((error as Error).message).toMatch(/^seed: nodes\/source\.json:5:\d+: invalid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an unexpected token on its line too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-bad-json-'));
    try {
      mkdirSync(join(dir, 'nodes'));
      writeFileSync(join(dir, 'nodes', 'incident.json'), '[\n  {"id": "inc-x"},\n  {"id": oops}\n]\n');
      expect(() => readSeed(dir)).toThrow(/nodes\/incident\.json:3:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
