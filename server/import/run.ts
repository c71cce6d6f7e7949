// Imports one file: read → checksum → decode → parse → read what the graph holds → resolve and plan → one write
// transaction with every batch → summary. Nothing is written unless the whole file commits; --dry-run rolls back at
// the end, so its figures are exactly what a real run would do.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db, Row, TxRunner } from '../db/db.ts';
import { decodeBytes, type TextEncodingName } from './encoding.ts';
import { fhirEndpoints } from './fhir-endpoints.ts';
import { hhsOcr, REPORTING_ROLES } from './hhs-ocr.ts';
import { kev } from './kev.ts';
import { lantern } from './lantern.ts';
import { createNodeBatches, createRelBatches, nodeRow, Plan, relRow, type RelWrite } from './plan.ts';
import type { Progress } from './progress.ts';
import { OrgIndex, type ActorEntry, type OrgEntry } from './resolve.ts';
import { stix } from './stix.ts';
import { FileError, type FormatName, type FormatOptions, type ImportFormat, type IncidentEntry, type PlanContext, type ProductEntry, type Reject } from './types.ts';

export const FORMATS: Record<FormatName, ImportFormat<unknown>> = {
  'hhs-ocr': hhsOcr as ImportFormat<unknown>,
  lantern: lantern as ImportFormat<unknown>,
  'fhir-endpoints': fhirEndpoints as ImportFormat<unknown>,
  stix: stix as ImportFormat<unknown>,
  kev: kev as ImportFormat<unknown>,
};

/** Rows per UNWIND statement. */
export const IMPORT_BATCH_SIZE = 2000;
/** Ids per existence check (import-read-existing). */
const IMPORT_READ_BATCH_SIZE = 20_000;

export interface ImportOptions extends FormatOptions {
  format: FormatName;
  dryRun?: boolean;
  strict?: boolean;
  encoding?: TextEncodingName;
  progress?: Progress;
  /** Test hook: wait this long after the last batch, before committing (to kill the process mid-import). */
  delayBeforeCommitMs?: number;
}

export interface Counts {
  created: number;
  matched: number;
  updated: number;
}

export interface ImportPhases {
  parse: number;
  read: number;
  plan: number;
  exists: number;
  nodes: number;
  relationships: number;
  commit: number;
}

export interface ImportResult {
  file: string;
  path: string;
  format: FormatName;
  sourceId: string;
  sha256: string;
  encoding: string;
  rowsRead: number;
  rowsAccepted: number;
  rejects: Reject[];
  warnings: string[];
  skipped: Record<string, number>;
  derived: Record<string, number>;
  nodes: Counts;
  relationships: Counts;
  ms: number;
  /**
   * Where the time went, in ms: reading, decoding and parsing the file; reading what the graph holds; resolving and
   * planning; in the write transaction, the existence check, the node and relationship batches; the commit.
   */
  phases?: ImportPhases;
  dryRun: boolean;
  committed: boolean;
  /** Set when the file failed (nothing of it was written). */
  error?: string;
}

class DryRunRollback extends Error {
  override readonly name = 'DryRunRollback';
  constructor(readonly counts: { nodes: Counts; rels: Counts }) {
    super('dry run: rolled back');
  }
}

class GraphChanged extends Error {
  override readonly name = 'GraphChanged';
}

export class StrictRejects extends Error {
  override readonly name = 'StrictRejects';
}

function sourceId(format: FormatName, sha256: string): string {
  return `dataset:${format}:${sha256.slice(0, 16)}`;
}

async function loadContext(run: TxRunner, format: ImportFormat<unknown>): Promise<{ orgs: OrgIndex; actors: ActorEntry[]; products: ProductEntry[]; incidents: IncidentEntry[] }> {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const orgs = new OrgIndex();
  if (format.needs.includes('organizations')) {
    for (const r of await run('import-read-organizations')) {
      const entry: OrgEntry = {
        id: String(r.id),
        name: String(r.name ?? r.id),
        aliases: list(r.aliases),
        state: str(r.state),
        postalCodes: list(r.postalCodes),
        npi: str(r.npi),
        country: str(r.country),
        vendor: r.vendor === true,
        importKeys: list(r.importKeys),
      };
      orgs.put(entry);
    }
  }
  const actors: (ActorEntry & { attackId?: string })[] = [];
  if (format.needs.includes('actors')) {
    for (const r of await run('import-read-actors')) actors.push({ id: String(r.id), name: String(r.name ?? r.id), aliases: list(r.aliases), attackId: str(r.attackId) });
  }
  const products: ProductEntry[] = [];
  if (format.needs.includes('products')) {
    for (const r of await run('import-read-products')) {
      products.push({ id: String(r.id), name: String(r.name ?? r.id), aliases: list(r.aliases), attackId: str(r.attackId), vendors: list(r.vendors) });
    }
  }
  const incidents: IncidentEntry[] = [];
  if (format.needs.includes('incidents')) {
    for (const r of await run('import-read-incidents', { roles: REPORTING_ROLES })) {
      const orgsOf = (Array.isArray(r.orgs) ? r.orgs : []) as Record<string, unknown>[];
      const productsOf = (Array.isArray(r.products) ? r.products : []) as Record<string, unknown>[];
      incidents.push({
        id: String(r.id),
        name: String(r.name ?? r.id),
        date: str(r.date),
        orgs: orgsOf.filter(Boolean).map((o) => ({ id: String(o.id), name: String(o.name ?? o.id), aliases: list(o.aliases), role: String(o.role) })),
        products: productsOf.filter(Boolean).map((p) => ({ id: String(p.id), name: String(p.name ?? p.id), aliases: list(p.aliases) })),
      });
    }
  }
  return { orgs, actors, products, incidents };
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Imports one file in one transaction; never throws for problems with the file (they are in `error`). */
export async function importFile(db: Db, path: string, options: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  const format = FORMATS[options.format];
  const file = basename(path);
  const progress = options.progress;
  const phases: ImportPhases = { parse: 0, read: 0, plan: 0, exists: 0, nodes: 0, relationships: 0, commit: 0 };
  const result: ImportResult = {
    file,
    path,
    format: options.format,
    sourceId: '',
    sha256: '',
    encoding: '',
    rowsRead: 0,
    rowsAccepted: 0,
    rejects: [],
    warnings: [],
    skipped: {},
    derived: {},
    nodes: { created: 0, matched: 0, updated: 0 },
    relationships: { created: 0, matched: 0, updated: 0 },
    ms: 0,
    dryRun: options.dryRun === true,
    committed: false,
    phases,
  };
  // What the graph holds is read (in read transactions) while the file is read and parsed: the database works while
  // this process parses. Attempts after the first (the graph changed meanwhile) read again.
  const read: TxRunner = (name, params) => db.read(name, params);
  const readGraph = async () => {
    const [fingerprint] = await read('import-read-fingerprint');
    return { fingerprint, graph: await loadContext(read, format) };
  };
  let early: ReturnType<typeof readGraph> | undefined = readGraph();
  early.catch(() => undefined); // a file that fails to parse never waits for it
  try {
    progress?.step(`${file}: reading`);
    const bytes = await readFile(path);
    result.sha256 = createHash('sha256').update(bytes).digest('hex');
    result.sourceId = sourceId(options.format, result.sha256);
    const decoded = decodeBytes(bytes, options.encoding);
    result.encoding = `${decoded.encoding}${decoded.detected ? ' (detected)' : ''}${decoded.bom ? ', BOM' : ''}`;
    const parsed = format.parse(decoded.text, file, options);
    result.rowsRead = parsed.rowsRead;
    result.rowsAccepted = parsed.records.length;
    result.rejects = [...parsed.rejects];
    result.warnings = [...parsed.warnings];
    result.skipped = { ...(parsed.skipped ?? {}) };
    phases.parse = Date.now() - started;
    progress?.step(
      `${file}: ${parsed.rowsRead} rows read (${decoded.encoding}), ${parsed.records.length} accepted, ${parsed.rejects.length} rejected (sha256 ${result.sha256.slice(0, 16)})`,
    );
    if (options.strict && parsed.rejects.length > 0) throw new StrictRejects(`--strict: ${parsed.rejects.length} row(s) rejected; nothing written`);

    const info = format.describe(file);
    // Plan outside the write transaction (reads in their own transactions), so the write transaction holds only the
    // batched writes and stays well inside the server's transaction timeout; a fingerprint taken before planning is
    // checked again inside the write transaction, and the import plans again if the graph changed meanwhile.
    for (let attempt = 1; ; attempt++) {
      let mark = Date.now();
      progress?.step(`${file}: reading what the graph holds`);
      const { fingerprint, graph } = await (early ?? readGraph());
      early = undefined;
      phases.read += Date.now() - mark;
      mark = Date.now();
      const planRejects: Reject[] = [];
      const planWarnings: string[] = [];
      const derived: Record<string, number> = {};
      const plan = new Plan();
      plan.node(result.sourceId, {
        labels: ['Source'],
        create: {
          kind: 'SOURCE',
          name: file,
          title: info.title,
          dataset: file,
          format: options.format,
          sha256: result.sha256,
          bytes: bytes.length,
          encoding: decoded.encoding,
          rowCount: parsed.rowsRead,
          rowsAccepted: parsed.records.length,
          rowsRejected: parsed.rejects.length,
          publisher: info.publisher,
          licence: info.licence,
          reliability: info.reliability,
          url: info.url,
          importedAt: new Date().toISOString(),
          aliasText: '',
          ...(parsed.sourceProps ?? {}),
        },
        union: { aliases: [] },
      });
      const ctx: PlanContext = {
        plan,
        sourceId: result.sourceId,
        file,
        options,
        ...graph,
        reject: (r) => planRejects.push(r),
        warn: (m) => planWarnings.push(m),
        count: (what, n = 1) => (derived[what] = (derived[what] ?? 0) + n),
      };
      progress?.step(`${file}: resolving ${parsed.records.length} records against ${graph.orgs.size} organisations, ${graph.actors.length} actors, ${graph.products.length} products`);
      format.plan(parsed, ctx);
      if (options.strict && planRejects.length > 0) throw new StrictRejects(`--strict: ${planRejects.length} record(s) rejected while resolving; nothing written`);
      result.rejects = [...parsed.rejects, ...planRejects];
      result.rowsAccepted = parsed.records.length - planRejects.length;
      result.warnings = [...parsed.warnings, ...planWarnings];
      result.derived = derived;

      const nodeWrites = [...plan.nodes.values()];
      const relWrites = [...plan.relationships.values()];
      phases.plan += Date.now() - mark;
      mark = Date.now();
      try {
        const written = await db.writeTx(async (run) => {
          // executeWrite may retry the whole unit on a transient error: start from nothing each time.
          const [now] = await run('import-read-fingerprint');
          if (Number(now?.nodes) !== Number(fingerprint?.nodes) || Number(now?.relationships) !== Number(fingerprint?.relationships)) {
            throw new GraphChanged(`the graph changed while ${file} was being planned (another import?)`);
          }
          const nodes: Counts = { created: 0, matched: 0, updated: 0 };
          const rels: Counts = { created: 0, matched: 0, updated: 0 };
          progress?.start(`${file}: writing`, nodeWrites.length + relWrites.length);
          // What exists already, read in this transaction: the rest is created outright (no merge, no before/after
          // comparison), which is most of a first import; what exists is merged with change counts as before.
          const existing = new Set<string>();
          for (const ids of batches(nodeWrites.map((w) => w.id), IMPORT_READ_BATCH_SIZE)) {
            for (const r of await run('import-read-existing', { ids })) existing.add(String(r.id));
          }
          phases.exists += Date.now() - mark;
          mark = Date.now();
          const toCreate = nodeWrites.filter((w) => !existing.has(w.id));
          const createdIds = new Set(toCreate.map((w) => w.id));
          // A relationship with an end created here cannot exist yet (no one else sees that node before the commit).
          const isNew = (w: RelWrite) => createdIds.has(w.from) || createdIds.has(w.to);
          // Every batch is sent without waiting for the previous one to answer: the driver pipelines them in the
          // transaction and the server runs them in order, so preparing and sending the next batch here overlaps with
          // the server writing the previous one. Each answer is checked; any failure fails the whole transaction.
          const answers: Promise<void>[] = [];
          const send = (name: string, params: { rows: unknown[] }, check: (row: Row | undefined) => void) => {
            answers.push(
              run(name, params).then(([row]) => {
                check(row);
                progress?.tick(params.rows.length);
              }),
            );
          };
          for (const batch of createNodeBatches(toCreate, IMPORT_BATCH_SIZE)) {
            send('import-create-nodes', batch, (row) => {
              if (Number(row?.count) !== batch.rows.length) throw new Error(`created ${String(row?.count)} of ${batch.rows.length} nodes in a batch`);
              nodes.created += batch.rows.length;
            });
          }
          for (const writes of batches(nodeWrites.filter((w) => existing.has(w.id)), IMPORT_BATCH_SIZE)) {
            send('import-merge-nodes', { rows: writes.map(nodeRow) }, (row) => {
              if (Number(row?.count) !== writes.length) throw new Error(`merged ${String(row?.count)} of ${writes.length} nodes in a batch`);
              nodes.created += Number(row?.created ?? 0);
              nodes.updated += Number(row?.updated ?? 0);
            });
          }
          const nodesSent = [...answers];
          for (const batch of createRelBatches(relWrites.filter(isNew), IMPORT_BATCH_SIZE)) {
            send('import-create-relationships', batch, (row) => {
              if (Number(row?.count) !== batch.rows.length) throw new Error(`created ${String(row?.count)} of ${batch.rows.length} relationships in a batch (an endpoint is missing)`);
              rels.created += batch.rows.length;
            });
          }
          for (const writes of batches(relWrites.filter((w) => !isNew(w)), IMPORT_BATCH_SIZE)) {
            send('import-merge-relationships', { rows: writes.map(relRow) }, (row) => {
              if (Number(row?.count) !== writes.length) throw new Error(`merged ${String(row?.count)} of ${writes.length} relationships in a batch (an endpoint is missing)`);
              rels.created += Number(row?.created ?? 0);
              rels.updated += Number(row?.updated ?? 0);
            });
          }
          let nodesDone = mark;
          void Promise.all(nodesSent).then(
            () => (nodesDone = Date.now()),
            () => undefined,
          );
          await Promise.all(answers);
          phases.nodes += nodesDone - mark;
          phases.relationships += Date.now() - nodesDone;
          progress?.done();
          nodes.matched = nodeWrites.length - nodes.created - nodes.updated;
          rels.matched = relWrites.length - rels.created - rels.updated;
          if (options.delayBeforeCommitMs) {
            progress?.step(`${file}: all batches written; waiting ${options.delayBeforeCommitMs} ms before committing (test hook)`);
            await new Promise((r) => setTimeout(r, options.delayBeforeCommitMs));
          }
          if (options.dryRun) throw new DryRunRollback({ nodes, rels });
          progress?.step(`${file}: committing`);
          mark = Date.now();
          return { nodes, rels };
        });
        result.nodes = written.nodes;
        result.relationships = written.rels;
        phases.commit += Date.now() - mark;
        break;
      } catch (err) {
        if (err instanceof DryRunRollback) {
          result.nodes = err.counts.nodes;
          result.relationships = err.counts.rels;
          throw err;
        }
        if (err instanceof GraphChanged && attempt < 3) {
          progress?.step(`${file}: ${err.message}; planning again`);
          continue;
        }
        throw err;
      }
    }
    result.committed = true;
  } catch (err) {
    if (!(err instanceof DryRunRollback)) {
      result.error = err instanceof FileError || err instanceof StrictRejects ? err.message : err instanceof Error ? err.message : String(err);
      result.nodes = { created: 0, matched: 0, updated: 0 };
      result.relationships = { created: 0, matched: 0, updated: 0 };
    }
  } finally {
    progress?.done();
  }
  result.ms = Date.now() - started;
  return result;
}
