// HHS OCR breach portal exports (Archive with narratives; "Under investigation" with the broken UIPanel header):
// one BreachReport per report, (:Organization)-[:REPORTED]->(:BreachReport), and (:BreachReport)-[:CONCERNS]->(:Incident)
// where the report is evidently about an incident in the graph.
import { createHash } from 'node:crypto';
import { parseCsv } from './csv.ts';
import { looksLikeMojibake, repairMojibake } from './encoding.ts';
import { upsertOrganization } from './organizations.ts';
import { cleanText, nameKeys, normaliseName, simplify, slug, US_STATES } from './resolve.ts';
import { FileError, type ImportFormat, type IncidentEntry, type ParsedFile, type PlanContext, type Reject } from './types.ts';

export interface BreachRow {
  line: number;
  name: string;
  state?: string;
  coveredEntityType?: string;
  individualsAffected?: number;
  /** ISO date (the submission date, not the breach date). */
  submitted: string;
  breachType?: string;
  location?: string;
  businessAssociatePresent?: boolean;
  narrative?: string;
}

/** Column headers by position; the "Under investigation" export replaces 1 and 8 with javax.faces UIPanel@<hex>. */
export const HHS_COLUMNS = [
  'Name of Covered Entity',
  'State',
  'Covered Entity Type',
  'Individuals Affected',
  'Breach Submission Date',
  'Type of Breach',
  'Location of Breached Information',
  'Business Associate Present',
  'Web Description',
] as const;

const UIPANEL = /^javax\.faces\.component\.UIPanel@[0-9a-f]+$/i;

/** "07/19/2024" → "2024-07-19"; undefined when not a real MM/DD/YYYY date. */
export function usDateToIso(raw: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(raw);
  if (!m) return undefined;
  const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseHhs(text: string): ParsedFile<BreachRow> {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new FileError('the file is empty');
  const warnings: string[] = [];
  const cells = header.fields.map((c) => c.trim());
  if (cells.length < 8 || cells.length > 9) {
    throw new FileError(`not an HHS OCR breach export: the header has ${cells.length} columns, expected 9 (${HHS_COLUMNS.join(', ')})`);
  }
  const placeholders: number[] = [];
  cells.forEach((cell, i) => {
    if (UIPANEL.test(cell)) placeholders.push(i + 1);
    else if (cell.toLowerCase() !== HHS_COLUMNS[i]!.toLowerCase()) {
      throw new FileError(`not an HHS OCR breach export: column ${i + 1} is "${cell}", expected "${HHS_COLUMNS[i]}"`);
    }
  });
  if (placeholders.length > 0) {
    warnings.push(`header cell(s) ${placeholders.join(' and ')} read "javax.faces.component.UIPanel@…" (the portal's broken header); columns are read by position`);
  }
  const rows: BreachRow[] = [];
  const rejects: Reject[] = [];
  let blankCounts = 0;
  let repaired = 0;
  const fix = (value: string): string => {
    if (!looksLikeMojibake(value)) return value;
    const fixed = repairMojibake(value);
    if (fixed === undefined) return value;
    repaired++;
    return fixed;
  };
  for (const rec of records.slice(1)) {
    const reject = (reason: string) => rejects.push({ line: rec.line, reason, record: rec.fields });
    if (rec.error) {
      reject(rec.error);
      continue;
    }
    const f = rec.fields.map(fix);
    if (f.length !== cells.length) {
      reject(`has ${f.length} fields, expected ${cells.length}`);
      continue;
    }
    const name = cleanText(f[0]!);
    if (name === '') {
      reject(`"${HHS_COLUMNS[0]}" is empty`);
      continue;
    }
    const state = f[1]!.trim().toUpperCase();
    if (state !== '' && !US_STATES.has(state)) {
      reject(`"State" is "${f[1]}", expected a two-letter US state code`);
      continue;
    }
    const rawCount = f[3]!.trim();
    let individualsAffected: number | undefined;
    if (rawCount === '') blankCounts++;
    else if (/^\d{1,3}(,\d{3})+$|^\d+$/.test(rawCount)) individualsAffected = Number(rawCount.replace(/,/g, ''));
    else {
      reject(`"Individuals Affected" is "${rawCount}", expected a number`);
      continue;
    }
    const submitted = usDateToIso(f[4]!);
    if (!submitted) {
      reject(`"Breach Submission Date" is "${f[4]}", expected MM/DD/YYYY`);
      continue;
    }
    const ba = f[7]!.trim().toLowerCase();
    if (ba !== '' && ba !== 'yes' && ba !== 'no') {
      reject(`"Business Associate Present" is "${f[7]}", expected Yes or No`);
      continue;
    }
    const opt = (v: string | undefined) => {
      const c = cleanText(v ?? '');
      return c === '' ? undefined : c;
    };
    const rawNarrative = (f[8] ?? '').replace(/\r\n?/g, '\n').trim();
    // A few archive rows hold a literal "\N" (a database null) instead of a narrative.
    const narrative = rawNarrative === '\\N' ? '' : rawNarrative;
    rows.push({
      line: rec.line,
      name,
      state: state || undefined,
      coveredEntityType: opt(f[2]),
      individualsAffected,
      submitted,
      breachType: opt(f[5]),
      location: opt(f[6]),
      businessAssociatePresent: ba === '' ? undefined : ba === 'yes',
      narrative: narrative === '' ? undefined : narrative,
    });
  }
  if (blankCounts > 0) warnings.push(`${blankCounts} row(s) have no "Individuals Affected" (imported without a count)`);
  if (repaired > 0) warnings.push(`${repaired} field(s) held double-encoded text ("â€™") and were repaired`);
  return { records: rows, rejects, warnings, rowsRead: records.length - 1 };
}

/** The metadata that tells two reports of one organisation on one day apart. */
function metaKey(r: BreachRow): string {
  return JSON.stringify([r.individualsAffected ?? null, r.breachType ?? null, r.location ?? null, r.coveredEntityType ?? null, r.businessAssociatePresent ?? null]);
}

/** Everything a row says (besides its spelling of the name): rows equal in this are one report listed twice. */
function fullKey(r: BreachRow): string {
  return JSON.stringify([metaKey(r), r.narrative ?? null]);
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/**
 * Stable ids: `hhs:<state>:<name>:<submitted>`. When one organisation has several different reports on one day
 * (the 2023 archive has 26 such groups), the count is appended, then the breach type and location, then a hash of
 * the narrative; rows equal in everything are one report listed twice (exact duplicates) and share an id.
 */
export function breachReportIds(rows: readonly BreachRow[]): string[] {
  const base = rows.map((r) => `hhs:${(r.state ?? 'xx').toLowerCase()}:${slug(normaliseName(r.name) || r.name)}:${r.submitted}`);
  const ids = [...base];
  for (const [b, members] of group([...rows.keys()], (i) => base[i]!)) {
    if (new Set(members.map((i) => fullKey(rows[i]!))).size < 2) continue;
    for (const [count, byCount] of group(members, (i) => String(rows[i]!.individualsAffected ?? 'na'))) {
      const sameMeta = new Set(byCount.map((i) => metaKey(rows[i]!))).size < 2;
      for (const byMeta of group(byCount, (i) => metaKey(rows[i]!)).values()) {
        const r0 = rows[byMeta[0]!]!;
        const prefix = sameMeta ? `${b}:${count}` : `${b}:${count}:${slug(`${r0.breachType ?? 'na'} ${r0.location ?? 'na'}`, 80)}`;
        const distinctNarratives = new Set(byMeta.map((i) => fullKey(rows[i]!))).size > 1;
        for (const i of byMeta) {
          const narrative = rows[i]!.narrative ?? '';
          ids[i] = distinctNarratives ? `${prefix}:${createHash('sha256').update(narrative).digest('hex').slice(0, 8)}` : prefix;
        }
      }
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// Linking reports to incidents

/** A report counts as about an incident when submitted from 30 days before to two years after the incident date. */
const WINDOW_BEFORE_DAYS = 30;
const WINDOW_AFTER_DAYS = 730;
/** Roles whose organisation's own report is a report of the incident. */
export const REPORTING_ROLES = ['primary_victim', 'breached_vendor'];
/** Short names narratives use for products in the graph ("MOVEit" for MOVEit Transfer). */
const PRODUCT_SHORT_NAMES: Record<string, string[]> = { 'prod-moveit-transfer': ['MOVEit'] };
/** One-word names too common in narratives to count as naming a vendor. */
const COMMON_WORDS = new Set(['advanced', 'progress', 'change', 'health', 'oracle', 'optum', 'microsoft', 'citrix']);

interface IncidentTerms {
  incident: IncidentEntry;
  start: number;
  end: number;
  orgIds: Map<string, string>;
  terms: { term: string; what: string }[];
}

function dayNumber(iso: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2] ?? '1') - 1, Number(m[3] ?? '1')) / 86_400_000;
}

function incidentTerms(incidents: readonly IncidentEntry[]): IncidentTerms[] {
  const out: IncidentTerms[] = [];
  for (const incident of incidents) {
    const day = incident.date ? dayNumber(incident.date) : undefined;
    if (day === undefined) continue;
    const terms = new Map<string, string>();
    const addTerm = (spelling: string, what: string) => {
      for (const key of [simplify(spelling), ...nameKeys(spelling).strong]) {
        const words = key.split(' ');
        if (key === '' || (words.length === 1 && (key.length < 5 || COMMON_WORDS.has(key)))) continue;
        if (!terms.has(key)) terms.set(key, what);
      }
    };
    for (const o of incident.orgs) {
      if (o.role !== 'breached_vendor') continue;
      for (const n of [o.name, ...o.aliases]) addTerm(n, `the breached vendor ${o.name}`);
    }
    for (const p of incident.products) {
      for (const n of [p.name, ...p.aliases, ...(PRODUCT_SHORT_NAMES[p.id] ?? [])]) addTerm(n, `the product ${p.name}`);
    }
    out.push({
      incident,
      start: day - WINDOW_BEFORE_DAYS,
      end: day + WINDOW_AFTER_DAYS,
      orgIds: new Map(incident.orgs.map((o) => [o.id, o.role])),
      terms: [...terms].map(([term, what]) => ({ term, what })),
    });
  }
  return out;
}

/** The sentence of `text` that contains `term` (matched on simplified words), cut to 300 characters. */
export function evidenceSentence(text: string, term: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  const hit = sentences.find((s) => ` ${simplify(s)} `.includes(` ${term} `));
  if (!hit) return undefined;
  const t = hit.trim();
  return t.length <= 300 ? t : `${t.slice(0, 297)}…`;
}

/** The incidents a report is about, with the evidence: its reporter is the incident's victim/breached vendor, or its narrative names the vendor or product. */
export interface ReportLink {
  incidentId: string;
  /** 'derived' (the reporter is the incident's organisation, or the narrative names it); 'possible' (the reporter only may be). */
  confidence: 'derived' | 'possible';
  basis: string;
  evidence: string;
  matchedTerm?: string;
}

export function linkReport(
  row: Pick<BreachRow, 'name' | 'submitted' | 'narrative'>,
  orgId: string,
  incidents: readonly IncidentTerms[],
  possibleOrgs: readonly { id: string; reason: string }[] = [],
): ReportLink[] {
  const day = dayNumber(row.submitted)!;
  const narrative = row.narrative ? ` ${simplify(row.narrative)} ` : '';
  const links: ReportLink[] = [];
  for (const it of incidents) {
    if (day < it.start || day > it.end) continue;
    const role = it.orgIds.get(orgId);
    const days = Math.round(day - (it.start + WINDOW_BEFORE_DAYS));
    const when = `submitted ${row.submitted}, ${Math.abs(days)} days ${days >= 0 ? 'after' : 'before'} the incident date ${it.incident.date}`;
    if (role) {
      links.push({ incidentId: it.incident.id, confidence: 'derived', basis: `the reporting organisation is the incident's ${role}`, evidence: `HHS OCR report by "${row.name}", ${when}` });
      continue;
    }
    const maybe = possibleOrgs.find((p) => it.orgIds.has(p.id));
    if (maybe) {
      links.push({
        incidentId: it.incident.id,
        confidence: 'possible',
        basis: `the reporting organisation may be the incident's ${it.orgIds.get(maybe.id)} (${maybe.id}: ${maybe.reason})`,
        evidence: `HHS OCR report by "${row.name}", ${when}`,
      });
      continue;
    }
    if (narrative === '') continue;
    const hit = it.terms.find((t) => narrative.includes(` ${t.term} `));
    if (hit) {
      links.push({
        incidentId: it.incident.id,
        confidence: 'derived',
        basis: `the narrative names ${hit.what}`,
        evidence: `${evidenceSentence(row.narrative!, hit.term) ?? hit.term} (${when})`,
        matchedTerm: hit.term,
      });
    }
  }
  return links;
}

function planHhs(parsed: ParsedFile<BreachRow>, ctx: PlanContext): void {
  const ids = breachReportIds(parsed.records);
  const incidents = incidentTerms(ctx.incidents);
  const seen = new Set<string>();
  parsed.records.forEach((row, i) => {
    const reportId = ids[i]!;
    if (seen.has(reportId)) {
      // The export repeats the report: the first row (the newest listing) stands.
      ctx.count('duplicate rows (same report twice in the export)');
      return;
    }
    seen.add(reportId);
    const type = row.coveredEntityType;
    const org = upsertOrganization(
      ctx,
      {
        name: row.name,
        state: row.state,
        country: 'US',
        orgType: type?.toLowerCase(),
        labels: type === 'Health Plan' ? ['HealthPlan'] : [],
      },
      'hhs',
    );
    ctx.plan.node(reportId, {
      labels: ['BreachReport'],
      create: { kind: 'BREACH_REPORT', aliasText: '' },
      set: {
        name: row.name,
        state: row.state,
        coveredEntityType: row.coveredEntityType,
        individualsAffected: row.individualsAffected,
        submitted: row.submitted,
        breachType: row.breachType,
        location: row.location,
        businessAssociatePresent: row.businessAssociatePresent,
        narrative: row.narrative,
      },
      union: { sources: [ctx.sourceId], aliases: [] },
      valuesFrom: ctx.sourceId,
    });
    const r = org.resolution;
    ctx.plan.relationship('REPORTED', org.id, reportId, `reported:${org.id}:${reportId}`, {
      create: {
        confidence: 'reported',
        basis: 'named as the covered entity of the HHS OCR breach report',
        resolution: r.kind === 'new' ? 'created from this report' : r.kind === 'self' ? 'organisation imported before under this name' : 'merged into an existing organisation',
        matchScore: r.kind === 'merge' ? r.score : undefined,
        matchReason: r.kind === 'merge' ? r.reason : undefined,
      },
      union: { sources: [ctx.sourceId] },
    });
    const possible = r.kind === 'new' ? r.possible : [];
    for (const link of linkReport(row, org.id, incidents, possible)) {
      ctx.plan.relationship('CONCERNS', reportId, link.incidentId, `concerns:${reportId}:${link.incidentId}`, {
        create: { confidence: link.confidence, basis: link.basis, evidence: link.evidence, matchedTerm: link.matchedTerm },
        union: { sources: [ctx.sourceId] },
      });
      ctx.count('breach reports linked to incidents (CONCERNS)');
    }
  });
}

export const hhsOcr: ImportFormat<BreachRow> = {
  name: 'hhs-ocr',
  describe: (file) => ({
    publisher: 'U.S. Department of Health and Human Services, Office for Civil Rights (breach portal export)',
    licence: 'U.S. federal government work: public domain in the U.S. (17 U.S.C. §105)',
    reliability: 'official',
    title: `HHS OCR breach portal export ${file}`,
    url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf',
  }),
  parse: (text) => parseHhs(text),
  needs: ['organizations', 'incidents'],
  plan: planHhs,
};
