// Import throughput: the project's importers (server/import: HHS OCR CSV, ONC Lantern JSON) and the seed loader,
// each against a one-statement baseline writing the same rows (LOAD CSV for the CSV, UNWIND $rows for the JSON),
// on a throw-away Neo4j holding the seed (as `npm run import` would find it). With `--real-data`, also on the real
// HHS OCR archive export and the largest Lantern list under ../shared/data (never copied into the repository).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Db } from '../../server/db/db.ts';
import { readSchemaStatements } from '../../server/db/cypher.ts';
import { loadSeed } from '../../server/seed/load.ts';
import { ROOT, Rng } from './common.ts';

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

/** Empties the throw-away database between runs. */
export async function wipe(driver: Driver): Promise<void> {
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
  opts: { log?: (line: string) => void; reset?: () => Promise<void>; csv?: { url: string; label: string } } = {},
): Promise<{ ms: number; written: number; baseline: string }> {
  const log = opts.log ?? (() => undefined);
  if (format === 'hhs-ocr') {
    const name = basename(path);
    // The embedded Neo4j reports its home as the import directory but reads absolute file URLs; try both, else UNWIND.
    // A real file comes with the one URL found readable beforehand (probeLoadCsv).
    const candidates = opts.csv ? [opts.csv] : [`file://${path}`, `file:///${name}`].map((url) => ({ url, label: url.startsWith('file:///bench') ? url : 'file:///<absolute path>' }));
    for (const { url, label } of candidates) {
      const t = performance.now();
      try {
        const written = await autoCommit(driver, HHS_BASELINE, { url, source: 'dataset:bench-hhs' });
        const baseline = `LOAD CSV FROM '${label}' (one statement, one transaction)`;
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
  // The state from a `TX - ` name prefix (athenahealth) or, in generated files, the ZIP; nothing else is cleaned.
  const params = doc.Endpoints.map((e) => ({
    id: `org-${e.OrganizationName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${e.OrganizationZipCode}`,
    name: e.OrganizationName,
    zip: e.OrganizationZipCode,
    state: /^([A-Z]{2}) - /.exec(e.OrganizationName)?.[1] ?? Object.entries(ZIP_OF).find(([, z]) => z === e.OrganizationZipCode)?.[0] ?? null,
    npi: e.NPIID || null,
    url: e.URL,
  }));
  // The developer from the file name, as the importer does (Epic_Systems_Corporation_1_… → vendor-epic).
  const developer = basename(path).replace(/(_\d+)?_EndpointSources\.json$/, '').replace(/_/g, ' ');
  const vendor = `vendor-${developer.split(' ')[0]!.toLowerCase().replace(/[^a-z0-9]+/g, '')}`;
  const written = await autoCommit(driver, LANTERN_BASELINE, { rows: params, vendor, vendorName: developer, source: 'dataset:bench-lantern' });
  return { ms: performance.now() - t, written, baseline: 'UNWIND $rows (one statement, one transaction; JSON parsed in the same process)' };
}

/** ../shared/data next to the repository, or SHARED_DATA_DIR (as `npm run test:data`), or HCGRAPH_SHARED_DATA. */
export function sharedDataDir(): string {
  return resolve(process.env.SHARED_DATA_DIR ?? process.env.HCGRAPH_SHARED_DATA ?? join(ROOT, '..', 'shared', 'data'));
}

export interface RealFiles {
  /** The HHS OCR Archive export (hhs-ocr/*archive*.csv; the newest by name when several). */
  hhs: { path: string; bytes: number };
  /** The Lantern list with the most endpoints (ties: the larger file). */
  lantern: { path: string; rows: number; bytes: number; largestInBytes: boolean };
}

/** The real files under `dir`, or why there are none. Reads only: nothing is copied. */
export function findRealFiles(dir: string): RealFiles | { missing: string } {
  const hhsDir = join(dir, 'hhs-ocr');
  const lanternDir = join(dir, 'lantern-endpoints');
  const archive = existsSync(hhsDir) ? readdirSync(hhsDir).filter((f) => /archive.*\.csv$/i.test(f)).sort().pop() : undefined;
  if (!archive) return { missing: `${hhsDir} holds no HHS OCR archive export (*archive*.csv)` };
  const lists = existsSync(lanternDir) ? readdirSync(lanternDir).filter((f) => f.endsWith('_EndpointSources.json')) : [];
  if (lists.length === 0) return { missing: `${lanternDir} holds no Lantern *_EndpointSources.json` };
  const sized = lists.map((f) => {
    const path = join(lanternDir, f);
    const text = readFileSync(path, 'utf8');
    let rows = 0;
    try {
      rows = (JSON.parse(text) as { Endpoints?: unknown[] }).Endpoints?.length ?? 0;
    } catch {
      // not a list: never the largest
    }
    return { path, rows, bytes: statSync(path).size };
  });
  sized.sort((a, b) => b.rows - a.rows || b.bytes - a.bytes);
  const hhsPath = join(hhsDir, archive);
  const largestInBytes = sized.every((f) => f.bytes <= sized[0]!.bytes);
  return { hhs: { path: hhsPath, bytes: statSync(hhsPath).size }, lantern: { ...sized[0]!, largestInBytes } };
}

/**
 * How the LOAD CSV baseline can read a real HHS export, found once before timing (a read-only count, no writes):
 * the file itself when the server parses it; else a copy in the throw-away Neo4j's temporary directory with every
 * backslash that precedes a quote removed. Neo4j's default db.import.csv.legacy_quote_escaping=true (not dynamic)
 * reads `\"` as an escaped quote, and 102 narratives of the 2023-05-25 archive end in a backslash, so LOAD CSV stops
 * on the original; the copy has the same records and values but those trailing backslashes.
 */
async function probeLoadCsv(driver: Driver, path: string, tmpDir: string, log: (line: string) => void): Promise<{ url: string; label: string; rows: number; how: string } | { error: string }> {
  const count = (url: string) => autoCommit(driver, 'LOAD CSV WITH HEADERS FROM $url AS row RETURN count(*) AS rows', { url });
  const name = basename(path);
  try {
    const rows = await count(`file://${path}`);
    return { url: `file://${path}`, label: `file:///<absolute path>/${name}`, rows, how: `LOAD CSV WITH HEADERS of the file itself, read by the server (UTF-8, columns by header name)` };
  } catch (err) {
    const first = (err as Error).message.split('\n')[0]!.replaceAll(path, name).slice(0, 160);
    log(`imports: LOAD CSV cannot read ${name} as it is (${first}…); using a copy without the backslashes before quotes`);
    const text = readFileSync(path, 'utf8');
    const changed = (text.match(/\\+"/g) ?? []).length;
    const copy = join(tmpDir, `loadcsv-${name}`);
    writeFileSync(copy, text.replace(/\\+"/g, '"'));
    try {
      const rows = await count(`file://${copy}`);
      return {
        url: `file://${copy}`,
        label: `file:///<neo4j temp dir>/loadcsv-${name}`,
        rows,
        how:
          `LOAD CSV WITH HEADERS of a copy of the file in the throw-away Neo4j's temporary directory (written before timing) with the backslashes before ${changed} quotes removed: ` +
          `Neo4j's default db.import.csv.legacy_quote_escaping=true reads \\" as an escaped quote and stops on the original ("${first.slice(0, 80)}…"); ` +
          `the copy gives the same records and fields (${changed} narratives without their trailing backslashes); UTF-8 as the file, columns by header name (the archive's header has the real names)`,
      };
    } catch (err2) {
      return { error: (err2 as Error).message.split('\n')[0]! };
    }
  }
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
  /** Also measure the real files under this directory (see findRealFiles); skipped with a line when absent. */
  realDataDir?: string;
}

type ImportFileFn = (typeof import('../../server/import/run.ts'))['importFile'];

interface Side {
  format: 'hhs-ocr' | 'lantern';
  name: string;
  /** The file of the warm-up and of measured run i (0-based): its text and path. */
  warmInput: () => { text: string; path: string };
  input: (run: number) => { text: string; path: string };
  csv?: { url: string; label: string };
  /** What the baseline does, for the note. */
  baselineNote: (rows: number) => string;
  /** A prefix of the note (which file, how it was chosen). */
  about?: string;
  /** Names the row once the row count is known. */
  rename?: (rows: number) => string;
}

/** Both sides warmed up, then `runs` alternating runs on a database freshly holding the seed; medians reported. */
async function measureSide(db: Db, driver: Driver, importFile: ImportFileFn, side: Side, opts: ImportBenchOptions): Promise<ImportFigure> {
  const runs = opts.runs ?? 3;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const reset = () => freshSeeded(db, driver);
  const once = async ({ text, path }: { text: string; path: string }) => {
    await reset();
    const ours = await importFile(db, path, { format: side.format });
    if (ours.error) throw new Error(`imports: ${side.format} import of ${basename(path)} failed: ${ours.error}`);
    await reset();
    const base = await runImportBaseline(driver, side.format, text, path, { log: opts.log, reset, ...(side.csv ? { csv: side.csv } : {}) });
    if (base.written !== ours.rowsRead) opts.log(`imports: warning: the ${side.format} baseline wrote ${base.written} rows of the ${ours.rowsRead} the importer read`);
    return { ours, base };
  };
  const label = side.rename ? basename(side.warmInput().path) : side.format;
  const warm = await once(side.warmInput());
  opts.log(`imports: ${label} warm-up: ours ${warm.ours.ms} ms, baseline ${Math.round(warm.base.ms)} ms`);
  const measured: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await once(side.input(i));
    measured.push(m);
    const { ours, base } = m;
    opts.log(
      `imports: ${label} run ${i + 1}: ours ${ours.ms} ms ${JSON.stringify(ours.phases)} (${ours.nodes.created} nodes, ${ours.relationships.created} relationships created, ` +
        `${ours.rejects.length} rejected); baseline ${Math.round(base.ms)} ms; ratio ${(ours.ms / base.ms).toFixed(2)}`,
    );
  }
  const oursMs = median(measured.map((m) => m.ours.ms));
  const baseMs = median(measured.map((m) => m.base.ms));
  const first = measured[0]!.ours;
  const rows = first.rowsRead;
  const rate = rows / (oursMs / 1000);
  const baseRate = rows / (baseMs / 1000);
  const phaseMedians = Object.fromEntries(Object.keys(first.phases ?? {}).map((k) => [k, median(measured.map((m) => (m.ours.phases as unknown as Record<string, number>)[k] ?? 0))]));
  const entities = first.nodes.created + first.relationships.created;
  const what =
    side.format === 'hhs-ocr'
      ? 'importer: parse and validate, entity resolution against the organisations in the graph and within the file, incident linking, the Source node, CREATE of what is new and MERGE of what exists, with change counts'
      : 'importer: parse and validate, test-endpoint filtering, entity resolution, the Source node, CREATE of what is new and MERGE of what exists, with change counts';
  const warmWhat = side.rename ? 'a warm-up of both on the same file' : 'a warm-up of both';
  return {
    name: side.rename ? side.rename(rows) : side.name,
    rows,
    ms: oursMs,
    rowsPerSec: Math.round(rate),
    baseline: measured[0]!.base.baseline,
    baselineMs: Math.round(baseMs),
    baselineRowsPerSec: Math.round(baseRate),
    ratio: Math.round((baseRate / rate) * 100) / 100,
    note:
      (side.about ? `${side.about}; ` : '') +
      `${what} (${first.rejects.length > 0 ? `${first.rejects.length} rows rejected; ` : ''}writes ${first.nodes.created.toLocaleString('en-US')} nodes + ${first.relationships.created.toLocaleString('en-US')} relationships = ${entities.toLocaleString('en-US')}, ` +
      `${Object.entries(first.derived).map(([k, v]) => `${v} ${k}`).join(', ')}); baseline: ${side.baselineNote(rows)}. ` +
      `Median of ${runs} alternating runs after ${warmWhat} (ours ${measured.map((m) => m.ours.ms).join(', ')} ms; baseline ${measured.map((m) => Math.round(m.base.ms)).join(', ')} ms); ` +
      `ours by phase (median ms): ${Object.entries(phaseMedians).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    runs: { ours: measured.map((m) => m.ours.ms), baseline: measured.map((m) => Math.round(m.base.ms)) },
    phases: phaseMedians,
  };
}

export async function importBenchmarks(db: Db, driver: Driver, opts: ImportBenchOptions): Promise<{ imports: ImportFigure[]; seedLoadMs: number[]; notes: string[] }> {
  const { importFile } = await import('../../server/import/run.ts');
  await db.runStatements(readSchemaStatements());
  const figures: ImportFigure[] = [];
  const notes: string[] = [];

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
  const generated = (format: 'hhs-ocr' | 'lantern', name: string, file: string, make: (rows: number, seed: string) => string, entities: string): Side => {
    const path = join(opts.importDir, file);
    const write = (rows: number, seed: string) => {
      const text = make(rows, seed);
      writeFileSync(path, text);
      return { text, path };
    };
    return {
      format,
      name,
      warmInput: () => write(Math.max(100, Math.round(opts.rows / 5)), `${opts.seed}:warm-up`),
      input: (i) => write(opts.rows, i === 0 ? opts.seed : `${opts.seed}:run-${i + 1}`),
      baselineNote: () => `MERGE by computed ids (${entities}), no resolution, linking or change counts`,
    };
  };
  const sides: Side[] = [
    generated('hhs-ocr', 'HHS OCR CSV (npm run import -- hhs-ocr)', 'bench-hhs-ocr.csv', hhsCsv, '≤ 5,000 organisations + 5,000 reports + 5,000 REPORTED'),
    generated('lantern', 'ONC Lantern JSON (npm run import -- lantern)', 'Epic_Systems_Corporation_EndpointSources.json', lanternJson, '≤ 5,000 organisations + the vendor + 5,000 CUSTOMER_OF'),
  ];

  // The real files (opt-in): measured exactly as the generated ones, except that every run (and the warm-up) reads
  // the same file, in place; the importer keeps no cache between files, and each run starts from the seed.
  if (opts.realDataDir !== undefined) {
    const found = findRealFiles(opts.realDataDir);
    if ('missing' in found) {
      const line = `imports: real-data rows skipped: ${found.missing} (set SHARED_DATA_DIR to the data folder)`;
      opts.log(line);
      notes.push(line.replace(/^imports: /, 'Imports: '));
    } else {
      const hhsName = basename(found.hhs.path);
      const lanternName = basename(found.lantern.path);
      const read = (path: string) => () => ({ text: readFileSync(path, 'utf8'), path });
      const probe = await probeLoadCsv(driver, found.hhs.path, opts.importDir, opts.log);
      if ('error' in probe) opts.log(`imports: LOAD CSV cannot read ${hhsName} nor its copy (${probe.error}): its baseline is UNWIND of the parsed rows`);
      else opts.log(`imports: LOAD CSV reads ${probe.rows} rows of ${hhsName}`);
      sides.push({
        format: 'hhs-ocr',
        name: hhsName,
        warmInput: read(found.hhs.path),
        input: read(found.hhs.path),
        ...('error' in probe ? {} : { csv: { url: probe.url, label: probe.label } }),
        about: `real file ${hhsName} (${found.hhs.bytes.toLocaleString('en-US')} bytes, the HHS OCR Archive export), read in place by both sides`,
        baselineNote: (rows) =>
          ('error' in probe ? `UNWIND of the rows parsed in this process (LOAD CSV could not read the file: ${probe.error})` : `${probe.how} (${probe.rows.toLocaleString('en-US')} rows)`) +
          `; then MERGE organisation (trimmed name + state) + report + REPORTED by computed ids for each of the ${rows.toLocaleString('en-US')} rows. ` +
          'It does not validate or reject rows, detect the encoding or repair double-encoded text, resolve organisations (POSSIBLE_SAME_AS, merges into seed organisations), ' +
          'link incidents, write a Source, count changes, or read the "Under investigation" export (whose broken header needs columns by position)',
        rename: (rows) => `HHS OCR CSV (real file: ${hhsName}, ${rows.toLocaleString('en-US')} rows)`,
      });
      sides.push({
        format: 'lantern',
        name: lanternName,
        warmInput: read(found.lantern.path),
        input: read(found.lantern.path),
        about: `real file ${lanternName} (${found.lantern.bytes.toLocaleString('en-US')} bytes), the Lantern list with the most endpoints (${found.lantern.rows.toLocaleString('en-US')}; ${found.lantern.largestInBytes ? 'also' : 'not'} the largest in bytes), read in place by both sides`,
        baselineNote: (rows) =>
          `the file parsed in this process inside the timing, then one UNWIND of its ${rows.toLocaleString('en-US')} rows: MERGE organisation (id from the raw name + ZIP, state from a "TX - " prefix) + the vendor + CUSTOMER_OF. ` +
          'It does not reject test endpoints or empty names, normalise names, merge repeated organisations beyond identical names, resolve against the graph or write POSSIBLE_SAME_AS, a Source or change counts',
        rename: (rows) => `ONC Lantern JSON (real file: ${lanternName}, ${rows.toLocaleString('en-US')} rows)`,
      });
    }
  }
  for (const side of sides) figures.push(await measureSide(db, driver, importFile, side, opts));
  return { imports: figures, seedLoadMs, notes };
}
