// CISA Known Exploited Vulnerabilities (JSON or CSV): Vulnerability -[:AFFECTS]-> Product <-[:MAKES]- Vendor, with
// KEV's vendors and products matched to the graph's (Progress = Progress Software Corporation, Ivanti's
// "Endpoint Manager Mobile (EPMM)" = the graph's Ivanti EPMM…).
import { parseCsv } from './csv.ts';
import { resolveVendor } from './organizations.ts';
import { cleanText, nameTokens, productKeys, slug } from './resolve.ts';
import { FileError, type ImportFormat, type ParsedFile, type PlanContext, type ProductEntry, type Reject } from './types.ts';

export interface KevRow {
  line?: number;
  at?: string;
  cve: string;
  vendorProject: string;
  product: string;
  vulnerabilityName?: string;
  dateAdded: string;
  shortDescription?: string;
  requiredAction?: string;
  dueDate?: string;
  knownRansomwareCampaignUse: 'Known' | 'Unknown';
  notes?: string;
  cwes: string[];
}

export const KEV_COLUMNS = [
  'cveID',
  'vendorProject',
  'product',
  'vulnerabilityName',
  'dateAdded',
  'shortDescription',
  'requiredAction',
  'dueDate',
  'knownRansomwareCampaignUse',
  'notes',
  'cwes',
] as const;

const CVE = /^CVE-\d{4}-\d{4,}$/;
const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Validates one KEV entry (from JSON or a CSV row) into a row, or says why not. */
export function readKevEntry(e: Record<string, unknown>): KevRow | string {
  const str = (k: string) => (typeof e[k] === 'string' ? cleanText(e[k] as string) : '');
  const cve = str('cveID').toUpperCase();
  if (!CVE.test(cve)) return `"cveID" is "${str('cveID')}", expected CVE-YYYY-NNNN`;
  const vendorProject = str('vendorProject');
  const product = str('product');
  if (vendorProject === '') return `${cve}: "vendorProject" is empty`;
  if (product === '') return `${cve}: "product" is empty`;
  const dateAdded = str('dateAdded');
  if (!ISO_DAY.test(dateAdded)) return `${cve}: "dateAdded" is "${dateAdded}", expected YYYY-MM-DD`;
  const dueDate = str('dueDate');
  if (dueDate !== '' && !ISO_DAY.test(dueDate)) return `${cve}: "dueDate" is "${dueDate}", expected YYYY-MM-DD`;
  const ransomware = str('knownRansomwareCampaignUse');
  if (ransomware !== 'Known' && ransomware !== 'Unknown') return `${cve}: "knownRansomwareCampaignUse" is "${ransomware}", expected Known or Unknown`;
  const rawCwes = e.cwes;
  const cwes = Array.isArray(rawCwes)
    ? rawCwes.filter((c): c is string => typeof c === 'string').map((c) => c.trim())
    : typeof rawCwes === 'string'
      ? rawCwes.split(',').map((c) => c.trim())
      : [];
  const opt = (k: string) => str(k) || undefined;
  return {
    cve,
    vendorProject,
    product,
    vulnerabilityName: opt('vulnerabilityName'),
    dateAdded,
    shortDescription: typeof e.shortDescription === 'string' && e.shortDescription.trim() !== '' ? e.shortDescription.trim() : undefined,
    requiredAction: opt('requiredAction'),
    dueDate: dueDate || undefined,
    knownRansomwareCampaignUse: ransomware,
    notes: opt('notes'),
    cwes: cwes.filter((c) => c !== ''),
  };
}

function parseKev(text: string): ParsedFile<KevRow> {
  const records: KevRow[] = [];
  const rejects: Reject[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  let earlyDue = 0;
  const accept = (row: KevRow, where: string, reject: (reason: string) => void) => {
    const prior = seen.get(row.cve);
    if (prior) return reject(`duplicate ${row.cve} (also at ${prior})`);
    seen.set(row.cve, where);
    if (row.dueDate && row.dueDate < row.dateAdded) earlyDue++;
    records.push(row);
  };
  let rowsRead: number;
  let sourceProps: Record<string, string | number> | undefined;
  if (text.trimStart().startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new FileError(`not JSON: ${(err as Error).message}`);
    }
    const vulns = (doc as { vulnerabilities?: unknown }).vulnerabilities;
    if (!Array.isArray(vulns)) throw new FileError('not a KEV catalog: no "vulnerabilities" array');
    const d = doc as { count?: unknown; catalogVersion?: unknown; dateReleased?: unknown };
    if (typeof d.count === 'number' && d.count !== vulns.length) warnings.push(`"count" says ${d.count}, the catalog lists ${vulns.length}`);
    sourceProps = {};
    if (typeof d.catalogVersion === 'string') sourceProps.catalogVersion = d.catalogVersion;
    if (typeof d.dateReleased === 'string') sourceProps.dateReleased = d.dateReleased;
    rowsRead = vulns.length;
    vulns.forEach((v: unknown, i: number) => {
      const at = `vulnerabilities[${i}]`;
      const reject = (reason: string) => rejects.push({ at, reason, record: v });
      if (typeof v !== 'object' || v === null) return reject('not an object');
      const row = readKevEntry(v as Record<string, unknown>);
      if (typeof row === 'string') return reject(row);
      accept({ ...row, at }, at, reject);
    });
  } else {
    const csv = parseCsv(text);
    const header = csv[0]?.fields.map((h) => h.trim());
    if (!header || KEV_COLUMNS.some((c, i) => header[i] !== c)) {
      throw new FileError(`not a KEV CSV: expected the header ${KEV_COLUMNS.join(',')}`);
    }
    rowsRead = csv.length - 1;
    for (const rec of csv.slice(1)) {
      const reject = (reason: string) => rejects.push({ line: rec.line, reason, record: rec.fields });
      if (rec.error) {
        reject(rec.error);
        continue;
      }
      if (rec.fields.length !== header.length) {
        reject(`has ${rec.fields.length} fields, expected ${header.length}`);
        continue;
      }
      const entry = Object.fromEntries(header.map((h, i) => [h, rec.fields[i]]));
      const row = readKevEntry(entry);
      if (typeof row === 'string') {
        reject(row);
        continue;
      }
      accept({ ...row, line: rec.line }, `line ${rec.line}`, reject);
    }
  }
  if (earlyDue > 0) warnings.push(`${earlyDue} entr${earlyDue === 1 ? 'y has' : 'ies have'} a dueDate before its dateAdded (kept as published)`);
  return { records, rejects, warnings, rowsRead, sourceProps };
}

/** Finds the product `name` among those `vendorId` makes (names compared without the vendor's own words). */
export function findProduct(products: readonly ProductEntry[], vendorId: string, vendorNames: readonly string[], name: string): ProductEntry | undefined {
  const wanted = productKeys(name, [], vendorNames);
  const matches = products.filter((p) => p.vendors.includes(vendorId) && [...productKeys(p.name, p.aliases, vendorNames)].some((k) => wanted.has(k)));
  return matches.length === 1 ? matches[0] : undefined;
}

function planKev(parsed: ParsedFile<KevRow>, ctx: PlanContext): void {
  const vendors = new Map<string, string>();
  const products = [...ctx.products];
  for (const row of parsed.records) {
    let vendorId = vendors.get(row.vendorProject);
    if (!vendorId) {
      vendorId = resolveVendor(ctx, row.vendorProject, { vendorType: 'software or hardware vendor (CISA KEV)' });
      vendors.set(row.vendorProject, vendorId);
    }
    const vendor = ctx.orgs.get(vendorId);
    const vendorNames = [row.vendorProject, vendor?.name ?? '', ...(vendor?.aliases ?? [])].filter((n) => n !== '');
    // The id this product gets when new; a product with that id (an earlier import) is the one, before any matching.
    const id = `prod-${vendorId.replace(/^vendor-/, '')}-${slug([...productKeys(row.product, [], vendorNames)][0] ?? row.product)}`;
    let product = products.find((p) => p.id === id) ?? findProduct(products, vendorId, vendorNames, row.product);
    if (!product) {
      const startsWithVendor = nameTokens(row.product)[0] === nameTokens(row.vendorProject)[0];
      product = products.find((p) => p.id === id) ?? { id, name: startsWithVendor ? row.product : `${row.vendorProject} ${row.product}`, aliases: [], vendors: [vendorId] };
      if (!products.includes(product)) {
        products.push(product);
        ctx.plan.node(id, {
          labels: ['Product'],
          create: { kind: 'PRODUCT', name: product.name, category: 'product with known exploited vulnerabilities (CISA KEV)', aliasText: '' },
          union: { sources: [ctx.sourceId], aliases: [] },
        });
        ctx.count('products created');
      }
    } else {
      ctx.plan.node(product.id, { union: { sources: [ctx.sourceId] } });
    }
    if (!product.vendors.includes(vendorId)) product.vendors.push(vendorId);
    ctx.plan.relationship('MAKES', vendorId, product.id, `makes:${vendorId}:${product.id}`, {
      create: { confidence: 'reported', basis: 'CISA KEV vendorProject and product' },
      union: { sources: [ctx.sourceId] },
    });
    ctx.plan.node(row.cve, {
      labels: ['Vulnerability'],
      create: { kind: 'VULNERABILITY', name: row.cve, cve: row.cve, summary: row.shortDescription, aliasText: '' },
      set: {
        kevName: row.vulnerabilityName,
        kevVendorProject: row.vendorProject,
        kevProduct: row.product,
        kevDateAdded: row.dateAdded,
        kevDueDate: row.dueDate,
        kevShortDescription: row.shortDescription,
        kevRequiredAction: row.requiredAction,
        kevNotes: row.notes,
        knownRansomwareCampaignUse: row.knownRansomwareCampaignUse,
        cwes: row.cwes,
      },
      union: { sources: [ctx.sourceId], aliases: [] },
      valuesFrom: ctx.sourceId,
    });
    ctx.plan.relationship('AFFECTS', row.cve, product.id, `affects:${row.cve}:${product.id}`, {
      create: { confidence: 'reported', basis: 'CISA KEV entry' },
      union: { sources: [ctx.sourceId] },
    });
    if (row.knownRansomwareCampaignUse === 'Known') ctx.count('CVEs with known ransomware campaign use');
  }
}

export const kev: ImportFormat<KevRow> = {
  name: 'kev',
  describe: (file) => ({
    publisher: 'Cybersecurity and Infrastructure Security Agency (CISA), Known Exploited Vulnerabilities catalog',
    licence: 'CC0 1.0 Universal (cisagov/kev-data)',
    reliability: 'official',
    title: `CISA KEV catalog ${file}`,
    url: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog',
  }),
  parse: (text) => parseKev(text),
  needs: ['organizations', 'products'],
  plan: planKev,
};
