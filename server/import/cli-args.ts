// Command-line arguments and the summary printed by `npm run import` (kept apart from cli.ts so tests can use them).
import { resolve } from 'node:path';
import { EncodingError, parseEncodingName, type TextEncodingName } from './encoding.ts';
import type { ImportResult } from './run.ts';
import { FORMAT_NAMES, type FormatName, type Reject } from './types.ts';

export const USAGE = `usage: npm run import -- <format> <file...> [options]

formats:
  hhs-ocr          HHS OCR breach portal CSV export (Archive or "Under investigation")
  lantern          ONC Lantern <Developer>_EndpointSources.json
  fhir-endpoints   FHIR R4 Bundle of Endpoint resources with contained Organizations
  stix             STIX 2.x bundle (MITRE ATT&CK groups, software, relationships)
  kev              CISA Known Exploited Vulnerabilities catalog (JSON or CSV)

options:
  --dry-run           do everything in a transaction, report the figures, roll back
  --vendor <id>       attribute endpoint lists to this Vendor (e.g. vendor-oracle-health)
  --encoding <enc>    utf-8 or windows-1252 (default: detected)
  --strict            fail a file (graph unchanged) if any row is rejected
  --rejects <file>    write rejected rows there, one JSON object per line

environment: NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE, or DATA_DIR + NEO4J_BOLT_PORT
for the local Neo4j (as for npm start). See docs/import.md.`;

export interface CliArgs {
  format: FormatName;
  files: string[];
  dryRun: boolean;
  strict: boolean;
  vendor?: string;
  encoding?: TextEncodingName;
  rejects?: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): CliArgs | 'help' {
  const positional: string[] = [];
  const args: Partial<CliArgs> = { dryRun: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--strict') args.strict = true;
    else if (a === '--vendor') args.vendor = value();
    else if (a === '--rejects') args.rejects = resolve(value());
    else if (a === '--encoding') {
      try {
        args.encoding = parseEncodingName(value());
      } catch (err) {
        throw new UsageError((err as EncodingError).message);
      }
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  const [format, ...files] = positional;
  if (format === undefined) throw new UsageError('missing <format>');
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (one of ${FORMAT_NAMES.join(', ')})`);
  if (files.length === 0) throw new UsageError('missing <file...>');
  return { ...args, format: format as FormatName, files } as CliArgs;
}

export function describeReject(file: string, r: Reject): string {
  const where = r.line !== undefined ? `line ${r.line}` : (r.at ?? 'record');
  return `${file} ${where}: ${r.reason}`;
}

export const n = (x: number) => x.toLocaleString('en-US');

export function summaryLines(r: ImportResult): string[] {
  const secs = r.ms / 1000;
  const rate = r.rowsRead / Math.max(secs, 0.001);
  const lines: string[] = [];
  const verb = r.error ? 'FAILED' : r.dryRun ? 'dry run (rolled back)' : 'imported';
  lines.push(`${r.file} (${r.format}): ${verb}`);
  lines.push(`  rows read ${n(r.rowsRead)}, accepted ${n(r.rowsAccepted)}, rejected ${n(r.rejects.length)}${Object.keys(r.skipped).length ? `, skipped ${n(Object.values(r.skipped).reduce((a, b) => a + b, 0))}` : ''}`);
  if (r.error) lines.push(`  error: ${r.error}`);
  else {
    const would = r.dryRun ? ' (would be)' : '';
    lines.push(`  entities${would}: ${n(r.nodes.created)} created, ${n(r.nodes.matched)} matched, ${n(r.nodes.updated)} updated`);
    lines.push(`  relationships${would}: ${n(r.relationships.created)} created, ${n(r.relationships.matched)} matched, ${n(r.relationships.updated)} updated`);
  }
  for (const [what, count] of Object.entries(r.skipped)) lines.push(`  skipped: ${n(count)} × ${what}`);
  for (const [what, count] of Object.entries(r.derived)) lines.push(`  ${what}: ${n(count)}`);
  for (const w of r.warnings) lines.push(`  note: ${w}`);
  if (r.sourceId) lines.push(`  source ${r.sourceId} (sha256 ${r.sha256.slice(0, 16)}…, ${r.encoding})`);
  lines.push(`  elapsed ${secs.toFixed(1)} s, ${n(Math.round(rate))} rows/s`);
  return lines;
}
