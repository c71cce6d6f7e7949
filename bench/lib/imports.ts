// Import throughput: the project's importers (server/import: HHS OCR CSV, ONC Lantern JSON) and the seed loader,
// each against a one-statement baseline writing the same rows (LOAD CSV for the CSV, UNWIND $rows for the JSON),
// on a throw-away Neo4j holding the seed (as `npm run import` would find it).
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Db } from '../../server/db/db.ts';
import { readSchemaStatements } from '../../server/db/cypher.ts';
import { loadSeed } from '../../server/seed/load.ts';
import { Rng } from './common.ts';

export interface ImportFigure {
  name: string;
  rows: number;
  ms: number;
  rowsPerSec: number;
  baseline: string;
  baselineMs: number | null;
  baselineRowsPerSec: number | null;
  /** baseline rows/s ÷ ours: how many times longer ours takes for the same rows (1 = as fast). */
  ratio: number | null;
  note: string;
  /** Every measured run, in ms (the figures above are medians). */
  runs?: { ours: number[]; baseline: number[] };
  /** Where the importer's time went (median ms per phase, see ImportResult.phases). */
  phases?: Record<string, number>;
}

const PLACES = ['Springfield', 'Riverside', 'Fairview', 'Franklin', 'Greenville', 'Clinton', 'Madison', 'Georgetown', 'Salem', 'Bristol', 'Oakland', 'Ashland', 'Burlington', 'Manchester', 'Milton', 'Newport', 'Oxford', 'Arlington', 'Jackson', 'Lexington', 'Dayton', 'Marion', 'Auburn', 'Dover', 'Hudson', 'Kingston', 'Lebanon', 'Princeton', 'Richmond', 'Shelby', 'Troy', 'Winchester', 'Bedford', 'Columbia', 'Florence', 'Glendale', 'Hamilton', 'Lancaster', 'Lincoln', 'Monroe'];
const PREFIX = ['St. Mary', 'Mercy', 'St. Joseph', 'Good Samaritan', 'Providence', 'Baptist', 'Methodist', 'Sacred Heart', 'Memorial', 'Trinity', 'Valley', 'Community', 'University', 'Regional', 'Northside', 'Lakeside'];
const SUFFIX = ['Medical Center', 'Regional Hospital', 'Community Hospital', 'Family Clinic', 'Medical Group', 'Health Plan', 'Orthopedics', 'Pediatrics', 'Dental Care', 'Diagnostics'];
const STATES = ['CA', 'TX', 'FL', 'NY', 'PA', 'IL', 'OH', 'GA', 'NC', 'MI', 'NJ', 'VA', 'WA', 'AZ', 'TN', 'MA', 'IN', 'MO', 'MD', 'WI'];
const ZIP_OF: Record<string, string> = { CA: '90012', TX: '73301', FL: '32301', NY: '12208', PA: '17101', IL: '62701', OH: '43215', GA: '30303', NC: '27601', MI: '48933', NJ: '08608', VA: '23219', WA: '98501', AZ: '85001', TN: '37219', MA: '02108', IN: '46204', MO: '65101', MD: '21401', WI: '53703' };
const BREACH_TYPES = ['Hacking/IT Incident', 'Unauthorized Access/Disclosure', 'Theft', 'Loss', 'Improper Disposal'];
const LOCATIONS = ['Network Server', 'Email', 'Electronic Medical Record', 'Paper/Films', 'Laptop', 'Other'];
const ENTITY_TYPES = ['Healthcare Provider', 'Healthcare Provider', 'Healthcare Provider', 'Health Plan', 'Business Associate', 'Healthcare Clearing House'];
/** Names of seed vendors and products, so some narratives link to seed incidents (the importer's matching work). */
const NARRATIVE_NAMES = ['Change Healthcare', 'MOVEit', 'Oracle Health', 'Accellion', 'Blackbaud', 'Welltok', 'HCA Healthcare'];

function csvField(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

function orgName(rng: Rng): string {
  return `${rng.pick(PREFIX)} ${rng.pick(PLACES)} ${rng.pick(SUFFIX)}`;
}

/** An HHS OCR breach-portal style export of `rows` generated reports (the columns the importer expects). */
export function hhsCsv(rows: number, seed: string): string {
  const rng = new Rng(`${seed}:hhs`);
  const header = ['Name of Covered Entity', 'State', 'Covered Entity Type', 'Individuals Affected', 'Breach Submission Date', 'Type of Breach', 'Location of Breached Information', 'Business Associate Present', 'Web Description'];
  const lines = [header.map(csvField).join(',')];
  for (let i = 0; i < rows; i++) {
    const state = rng.pick(STATES);
    const year = 2019 + rng.int(6);
    const date = `${String(1 + rng.int(12)).padStart(2, '0')}/${String(1 + rng.int(28)).padStart(2, '0')}/${year}`;
    const count = Math.max(500, Math.round(Math.exp(8 + 1.8 * rng.gauss())));
    const ba = rng.chance(0.3);
    const narrative = rng.chance(0.3)
      ? `On ${date} the covered entity learned that its vendor ${rng.pick(NARRATIVE_NAMES)} had been compromised. ${count.toLocaleString('en-US')} individuals were notified and offered credit monitoring.`
      : rng.chance(0.5)
        ? `An unauthorized party accessed ${rng.pick(LOCATIONS).toLowerCase()} systems. The entity notified ${count.toLocaleString('en-US')} individuals, HHS and the media.`
        : '';
    lines.push(
      [orgName(rng), state, rng.pick(ENTITY_TYPES), count.toLocaleString('en-US'), date, rng.pick(BREACH_TYPES), rng.pick(LOCATIONS), ba ? 'Yes' : 'No', narrative].map(csvField).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** An ONC Lantern `<Developer>_EndpointSources.json` list of `rows` endpoints of generated customers. */
export function lanternJson(rows: number, seed: string): string {
  const rng = new Rng(`${seed}:lantern`);
  const endpoints = [];
  for (let i = 0; i < rows; i++) {
    const state = rng.pick(STATES);
    endpoints.push({
      URL: `https://fhir.epic.example/${i.toString(36)}/api/FHIR/R4/`,
      OrganizationName: `${orgName(rng)} ${i}`,
      NPIID: rng.chance(0.5) ? String(1_000_000_000 + rng.int(899_999_999)) : '',
      OrganizationZipCode: ZIP_OF[state]!,
    });
  }
  return JSON.stringify({ Endpoints: endpoints }, null, 1);
}

const HHS_BASELINE = `LOAD CSV WITH HEADERS FROM $url AS row
WITH row, toUpper(trim(row.State)) AS st, trim(row.\`Name of Covered Entity\`) AS name, split(trim(row.\`Breach Submission Date\`), '/') AS d
WITH row, st, name, d[2] + '-' + right('0' + d[0], 2) + '-' + right('0' + d[1], 2) AS submitted,
     'org-' + toLower(st) + '-' + replace(toLower(name), ' ', '-') AS orgId
MERGE (o:Entity {id: orgId})
  ON CREATE SET o:Organization, o.kind = 'ORGANIZATION', o.name = name, o.state = st, o.country = 'US',
                o.orgType = toLower(row.\`Covered Entity Type\`), o.aliases = [], o.aliasText = '', o.sources = [$source]
WITH row, st, name, submitted, o, 'hhs:' + toLower(st) + ':' + replace(toLower(name), ' ', '-') + ':' + submitted AS reportId
MERGE (b:Entity {id: reportId})
  ON CREATE SET b:BreachReport, b.kind = 'BREACH_REPORT', b.aliases = [], b.aliasText = ''
SET b.name = name, b.state = st, b.coveredEntityType = row.\`Covered Entity Type\`,
    b.individualsAffected = toInteger(replace(row.\`Individuals Affected\`, ',', '')), b.submitted = submitted,
    b.breachType = row.\`Type of Breach\`, b.location = row.\`Location of Breached Information\`,
    b.businessAssociatePresent = row.\`Business Associate Present\` = 'Yes', b.narrative = row.\`Web Description\`, b.sources = [$source]
MERGE (o)-[r:REPORTED {id: 'reported:' + o.id + ':' + b.id}]->(b)
  ON CREATE SET r.sources = [$source], r.confidence = 'reported'
RETURN count(*) AS rows`;

const HHS_UNWIND = HHS_BASELINE.replace('LOAD CSV WITH HEADERS FROM $url AS row', 'UNWIND $rows AS row');

const LANTERN_BASELINE = `MERGE (v:Entity {id: $vendor})
  ON CREATE SET v:Organization:Vendor, v.kind = 'VENDOR', v.name = $vendorName, v.aliases = [], v.aliasText = '', v.sources = [$source]
WITH v
UNWIND $rows AS row
MERGE (o:Entity {id: row.id})
  ON CREATE SET o:Organization, o.kind = 'ORGANIZATION', o.name = row.name, o.state = row.state, o.postalCodes = [row.zip],
                o.npi = row.npi, o.country = 'US', o.aliases = [], o.aliasText = '', o.sources = [$source]
MERGE (o)-[r:CUSTOMER_OF {id: 'customer-of:' + row.id + ':' + $vendor}]->(v)
  ON CREATE SET r.sources = [$source], r.confidence = 'reported', r.endpoints = [row.url]
RETURN count(*) AS rows`;

async function wipe(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

async function autoCommit(driver: Driver, text: string, params: Record<string, unknown>): Promise<number> {
  const session = driver.session();
  try {
    const result = await session.run(text, params);
    return Number(result.records[0]?.get('rows') ?? 0);
  } finally {
    await session.close();
  }
}

async function freshSeeded(db: Db, driver: Driver): Promise<void> {
  await wipe(driver);
  await loadSeed(db);
}

/** The CSV's rows parsed the simple way (header → object), for the UNWIND fallback of LOAD CSV. */
function naiveCsvRows(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      records.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  const [header, ...rest] = records;
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * Runs the one-statement baseline of a generated file (on a database holding the seed): LOAD CSV for the HHS CSV (or
 * UNWIND of the naively parsed rows when the server cannot read the file), UNWIND $rows for the Lantern JSON (parsed
 * in this process, inside the timing).
 */
export async function runImportBaseline(
  driver: Driver,
  format: 'hhs-ocr' | 'lantern',
  text: string,
  path: string,
  opts: { log?: (line: string) => void; reset?: () => Promise<void> } = {},
): Promise<{ ms: number; written: number; baseline: string }> {
  const log = opts.log ?? (() => undefined);
  if (format === 'hhs-ocr') {
    const name = basename(path);
    // The embedded Neo4j reports its home as the import directory but reads absolute file URLs; try both, else UNWIND.
    for (const url of [`file://${path}`, `file:///${name}`]) {
      const t = performance.now();
      try {
        const written = await autoCommit(driver, HHS_BASELINE, { url, source: 'dataset:bench-hhs' });
        const baseline = `LOAD CSV FROM '${url.startsWith('file:///bench') ? url : 'file:///<absolute path>'}' (one statement, one transaction)`;
        return { ms: performance.now() - t, written, baseline };
      } catch (err) {
        log(`imports: LOAD CSV could not read ${url} (${(err as Error).message.split('\n')[0]})`);
        await opts.reset?.();
      }
    }
    log('imports: using UNWIND $rows instead of LOAD CSV');
    const t = performance.now();
    const written = await autoCommit(driver, HHS_UNWIND, { rows: naiveCsvRows(text), source: 'dataset:bench-hhs' });
    return { ms: performance.now() - t, written, baseline: 'UNWIND $rows (one statement; LOAD CSV could not read the file)' };
  }
  const t = performance.now();
  const doc = JSON.parse(text) as { Endpoints: { URL: string; OrganizationName: string; NPIID: string; OrganizationZipCode: string }[] };
  const params = doc.Endpoints.map((e) => ({
    id: `org-${e.OrganizationName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${e.OrganizationZipCode}`,
    name: e.OrganizationName,
    zip: e.OrganizationZipCode,
    state: Object.entries(ZIP_OF).find(([, z]) => z === e.OrganizationZipCode)?.[0] ?? null,
    npi: e.NPIID || null,
    url: e.URL,
  }));
  const written = await autoCommit(driver, LANTERN_BASELINE, { rows: params, vendor: 'vendor-epic', vendorName: 'Epic Systems Corporation', source: 'dataset:bench-lantern' });
  return { ms: performance.now() - t, written, baseline: 'UNWIND $rows (one statement, one transaction; JSON parsed in the same process)' };
}

export interface ImportBenchOptions {
  rows: number;
  seedRuns: number;
  seed: string;
  /** The throw-away Neo4j's import directory (its home): LOAD CSV reads file:///<name> from there. */
  importDir: string;
  log: (line: string) => void;
  /** Measured runs per importer (after a warm-up); default 3. */
  runs?: number;
}

export async function importBenchmarks(db: Db, driver: Driver, opts: ImportBenchOptions): Promise<{ imports: ImportFigure[]; seedLoadMs: number[] }> {
  const { importFile } = await import('../../server/import/run.ts');
  await db.runStatements(readSchemaStatements());
  const figures: ImportFigure[] = [];

  // Seed loader: an empty database each time.
  const seedLoadMs: number[] = [];
  let seedCounts = { nodes: 0, relationships: 0 };
  for (let i = 0; i < opts.seedRuns; i++) {
    await wipe(driver);
    const t = performance.now();
    const r = await loadSeed(db);
    seedLoadMs.push(Math.round(performance.now() - t));
    seedCounts = { nodes: r.nodes, relationships: r.relationships };
  }
  const seedMs = [...seedLoadMs].sort((a, b) => a - b)[Math.floor(seedLoadMs.length / 2)]!;
  const seedRows = seedCounts.nodes + seedCounts.relationships;
  figures.push({
    name: 'seed loader (server/seed/load.ts)',
    rows: seedRows,
    ms: seedMs,
    rowsPerSec: Math.round(seedRows / (seedMs / 1000)),
    baseline: 'none (validation + MERGE in one transaction)',
    baselineMs: null,
    baselineRowsPerSec: null,
    ratio: null,
    note: `${seedCounts.nodes} nodes + ${seedCounts.relationships} relationships into an empty database, median of ${opts.seedRuns}`,
  });
  opts.log(`imports: seed ${seedRows} records in ${seedMs} ms (runs ${seedLoadMs.join(', ')} ms)`);

  // The importers against their baselines. Both sides are warmed up first on a smaller file (JIT, query plans, page
  // cache), then alternate on `runs` files generated with different seeds (the same file for both sides within a run,
  // a new one each run so no cache of the importer's carries over), each on a database freshly holding the seed;
  // medians are reported.
  const runs = opts.runs ?? 3;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const sides = [
    { format: 'hhs-ocr' as const, name: 'HHS OCR CSV (npm run import -- hhs-ocr)', file: 'bench-hhs-ocr.csv', make: hhsCsv },
    { format: 'lantern' as const, name: 'ONC Lantern JSON (npm run import -- lantern)', file: 'Epic_Systems_Corporation_EndpointSources.json', make: lanternJson },
  ];
  for (const side of sides) {
    const path = join(opts.importDir, side.file);
    const reset = () => freshSeeded(db, driver);
    const once = async (rows: number, seed: string) => {
      const text = side.make(rows, seed);
      writeFileSync(path, text);
      await reset();
      const ours = await importFile(db, path, { format: side.format });
      if (ours.error) throw new Error(`imports: ${side.format} import failed: ${ours.error}`);
      await reset();
      const base = await runImportBaseline(driver, side.format, text, path, { log: opts.log, reset });
      if (base.written !== rows) opts.log(`imports: warning: the ${side.format} baseline wrote ${base.written} of ${rows} rows`);
      return { ours, base };
    };
    const warm = await once(Math.max(100, Math.round(opts.rows / 5)), `${opts.seed}:warm-up`);
    opts.log(`imports: ${side.format} warm-up: ours ${warm.ours.ms} ms, baseline ${Math.round(warm.base.ms)} ms`);
    const measured: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < runs; i++) {
      const m = await once(opts.rows, i === 0 ? opts.seed : `${opts.seed}:run-${i + 1}`);
      measured.push(m);
      const { ours, base } = m;
      opts.log(
        `imports: ${side.format} run ${i + 1}: ours ${ours.ms} ms ${JSON.stringify(ours.phases)} (${ours.nodes.created} nodes, ${ours.relationships.created} relationships created, ` +
          `${ours.rejects.length} rejected); baseline ${Math.round(base.ms)} ms; ratio ${(ours.ms / base.ms).toFixed(2)}`,
      );
    }
    const oursMs = median(measured.map((m) => m.ours.ms));
    const baseMs = median(measured.map((m) => m.base.ms));
    const rows = measured[0]!.ours.rowsRead;
    const first = measured[0]!.ours;
    const rate = rows / (oursMs / 1000);
    const baseRate = opts.rows / (baseMs / 1000);
    const phaseMedians = Object.fromEntries(Object.keys(first.phases ?? {}).map((k) => [k, median(measured.map((m) => (m.ours.phases as unknown as Record<string, number>)[k] ?? 0))]));
    const entities = first.nodes.created + first.relationships.created;
    const baselineEntities = side.format === 'hhs-ocr' ? '≤ 5,000 organisations + 5,000 reports + 5,000 REPORTED' : '≤ 5,000 organisations + the vendor + 5,000 CUSTOMER_OF';
    const what =
      side.format === 'hhs-ocr'
        ? 'importer: parse and validate, entity resolution against the organisations in the graph and within the file, incident linking, the Source node, CREATE of what is new and MERGE of what exists, with change counts'
        : 'importer: parse and validate, test-endpoint filtering, entity resolution, the Source node, CREATE of what is new and MERGE of what exists, with change counts';
    figures.push({
      name: side.name,
      rows,
      ms: oursMs,
      rowsPerSec: Math.round(rate),
      baseline: measured[0]!.base.baseline,
      baselineMs: Math.round(baseMs),
      baselineRowsPerSec: Math.round(baseRate),
      ratio: Math.round((baseRate / rate) * 100) / 100,
      note:
        `${what} (writes ${first.nodes.created.toLocaleString('en-US')} nodes + ${first.relationships.created.toLocaleString('en-US')} relationships = ${entities.toLocaleString('en-US')}, ` +
        `${Object.entries(first.derived).map(([k, v]) => `${v} ${k}`).join(', ')}); baseline: MERGE by computed ids (${baselineEntities}), no resolution, linking or change counts. ` +
        `Median of ${runs} alternating runs after a warm-up of both (ours ${measured.map((m) => m.ours.ms).join(', ')} ms; baseline ${measured.map((m) => Math.round(m.base.ms)).join(', ')} ms); ` +
        `ours by phase (median ms): ${Object.entries(phaseMedians).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      runs: { ours: measured.map((m) => m.ours.ms), baseline: measured.map((m) => Math.round(m.base.ms)) },
      phases: phaseMedians,
    });
  }
  return { imports: figures, seedLoadMs };
}

