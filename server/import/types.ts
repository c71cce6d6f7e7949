// The contract between the import runner (run.ts) and one module per file format.
import type { Plan } from './plan.ts';
import type { ActorEntry, OrgIndex } from './resolve.ts';

export const FORMAT_NAMES = ['hhs-ocr', 'lantern', 'fhir-endpoints', 'stix', 'kev'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** A record that could not be read: where it is and why. */
export interface Reject {
  /** 1-based line in the file, when known (CSV; JSON records are located by `at`). */
  line?: number;
  /** Where in the file, for formats without lines: `Endpoints[12]`, `entry[3]`, `objects[40]`. */
  at?: string;
  reason: string;
  /** The record as read (fields or JSON), for --rejects. */
  record?: unknown;
}

export interface ParsedFile<R> {
  /** Records accepted by the parser. */
  records: R[];
  rejects: Reject[];
  /** Things worth saying that reject nothing ("Bundle.total says 34, the bundle has 19 entries"). */
  warnings: string[];
  /** Data rows/records in the file (accepted + rejected + skipped). */
  rowsRead: number;
  /** Records left out on purpose (revoked ATT&CK objects, unknown STIX types), by reason. */
  skipped?: Record<string, number>;
  /** Facts about the file itself for its Source node (KEV catalogVersion, a Bundle id). */
  sourceProps?: Record<string, string | number>;
}

export interface FormatOptions {
  /** --vendor: the Vendor id endpoint lists are attributed to. */
  vendor?: string;
}

export interface ProductEntry {
  id: string;
  name: string;
  aliases: string[];
  attackId?: string;
  vendors: string[];
}

export interface IncidentEntry {
  id: string;
  name: string;
  date?: string;
  orgs: { id: string; name: string; aliases: string[]; role: string }[];
  products: { id: string; name: string; aliases: string[] }[];
}

/** What the graph holds already (read inside the import's transaction) and where the plan goes. */
export interface PlanContext {
  plan: Plan;
  /** Id of this file's Source node; every relationship cites it. */
  sourceId: string;
  file: string;
  options: FormatOptions;
  orgs: OrgIndex;
  actors: ActorEntry[];
  products: ProductEntry[];
  incidents: IncidentEntry[];
  /** Rejects found while planning (an endpoint whose vendor is unknown…). */
  reject(r: Reject): void;
  warn(message: string): void;
  /** Counts a derived fact for the summary ("possible duplicates", "breach reports linked to incidents"). */
  count(what: string, n?: number): void;
}

export type ContextNeed = 'organizations' | 'actors' | 'products' | 'incidents';

export interface SourceInfo {
  publisher: string;
  licence: string;
  reliability: string;
  title: string;
  url?: string;
}

export interface ImportFormat<R> {
  name: FormatName;
  /** What the file's Source node says about who published it and on what terms. */
  describe(file: string): SourceInfo;
  parse(text: string, file: string, options: FormatOptions): ParsedFile<R>;
  needs: readonly ContextNeed[];
  plan(parsed: ParsedFile<R>, ctx: PlanContext): void;
}

export class FileError extends Error {
  override readonly name = 'FileError';
}
