// ONC Lantern `<Developer>_EndpointSources.json` lists: each customer organisation of the developer becomes
// (:Organization)-[:CUSTOMER_OF]->(:Vendor), the vendor named by the file (or --vendor).
import { basename } from 'node:path';
import { resolveVendor, upsertOrganization } from './organizations.ts';
import { cleanText, simplify, slug, splitStatePrefix, stateOfZip, vendorKey, zip5 } from './resolve.ts';
import { FileError, type ImportFormat, type ParsedFile, type PlanContext, type Reject } from './types.ts';

export interface EndpointRow {
  at: string;
  name: string;
  state?: string;
  postalCode?: string;
  npi?: string;
  url: string;
  /** Developer named by the file name (e.g. "Epic Systems Corporation"). */
  developer: string;
}

/** CHPL developer names (see lantern-endpoints/README.md) and the ids new Vendor nodes get. */
export const KNOWN_DEVELOPERS: { name: string; id: string }[] = [
  { name: 'Cerner Corporation', id: 'vendor-cerner' },
  { name: 'Epic Systems Corporation', id: 'vendor-epic' },
  { name: 'Medical Information Technology, Inc. (MEDITECH)', id: 'vendor-meditech' },
  { name: 'Altera Digital Health Inc.', id: 'vendor-altera' },
  { name: 'Veradigm', id: 'vendor-veradigm' },
  { name: 'MEDHOST', id: 'vendor-medhost' },
  { name: 'athenahealth, Inc.', id: 'vendor-athenahealth' },
  { name: 'eClinicalWorks, LLC', id: 'vendor-eclinicalworks' },
  { name: 'NextGen Healthcare', id: 'vendor-nextgen-healthcare' },
  { name: 'Greenway Health, LLC', id: 'vendor-greenway' },
  { name: 'TruBridge, Inc.', id: 'vendor-trubridge' },
  { name: 'Netsmart Technologies', id: 'vendor-netsmart' },
];

/** "Epic_Systems_Corporation_1_EndpointSources.json" → "Epic Systems Corporation". */
export function developerOfFile(file: string): string {
  const stem = basename(file)
    .replace(/_EndpointSources\.json$/i, '')
    .replace(/\.json$/i, '')
    .replace(/_\d+$/, '');
  const spaced = stem.replace(/_/g, ' ').trim();
  const key = simplify(spaced);
  const known = KNOWN_DEVELOPERS.find((d) => simplify(d.name) === key || simplify(d.name.replace(/[(),.]/g, ' ')) === key);
  return known?.name ?? spaced;
}

/** Hosts of test and internal endpoints (Altera's QA hosts, testclinic.com, *.services.local). */
const TEST_HOSTS = [/(^|\.)testclinic\.com$/i, /\.rd\.allscripts\.com$/i, /\.services\.local$/i, /(^|\.)prostage\./i, /(^|\.)localhost$/i];
const TEST_NAMES = [/\btest\b/i, /^[a-z]?\d*test\d*$/i, /\bsandbox\b/i, /\bdemo\b/i];

/** Why an endpoint row names no real customer, or undefined when it does. */
export function notACustomer(name: string, url: string): string | undefined {
  if (name === '') return 'the organisation name is empty (a generic endpoint of the vendor, no customer)';
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return `URL "${url}" is not a URL`;
  }
  if (TEST_HOSTS.some((re) => re.test(host))) return `test or internal endpoint (host ${host})`;
  if (TEST_NAMES.some((re) => re.test(name))) return `test organisation name "${name}"`;
  if (/^[\d\s.-]+$/.test(name)) return `organisation name "${name}" is only digits`;
  return undefined;
}

function parseLantern(text: string, file: string): ParsedFile<EndpointRow> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FileError(`not JSON: ${(err as Error).message}`);
  }
  const endpoints = (doc as { Endpoints?: unknown })?.Endpoints;
  if (!Array.isArray(endpoints)) throw new FileError('not a Lantern endpoint list: no "Endpoints" array at the top level');
  const developer = developerOfFile(file);
  const records: EndpointRow[] = [];
  const rejects: Reject[] = [];
  const warnings: string[] = [];
  let badZips = 0;
  endpoints.forEach((raw, i) => {
    const at = `Endpoints[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      rejects.push({ at, reason: 'not an object', record: raw });
      return;
    }
    const e = raw as Record<string, unknown>;
    const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : e[k] === undefined || e[k] === null ? '' : String(e[k]));
    const url = str('URL').trim();
    const split = splitStatePrefix(cleanText(str('OrganizationName')));
    const why = notACustomer(split.name, url);
    if (why) {
      rejects.push({ at, reason: why, record: raw });
      return;
    }
    const zipRaw = str('OrganizationZipCode').trim();
    const postalCode = zip5(zipRaw);
    if (zipRaw !== '' && !postalCode) badZips++;
    const npi = str('NPIID').trim();
    records.push({
      at,
      name: split.name,
      state: split.state ?? stateOfZip(postalCode),
      postalCode,
      npi: /^\d{10}$/.test(npi) ? npi : undefined,
      url,
      developer,
    });
  });
  if (badZips > 0) warnings.push(`${badZips} ZIP code(s) are malformed (imported without a ZIP)`);
  return { records, rejects, warnings, rowsRead: endpoints.length };
}

/** Plans CUSTOMER_OF edges from endpoint rows to `vendorId`; shared with the FHIR Bundle importer. */
export function planCustomers(
  ctx: PlanContext,
  vendorId: string,
  rows: readonly { name: string; state?: string; postalCode?: string; npi?: string; city?: string; country?: string; url: string }[],
  basis: string,
): void {
  const scope = vendorId.replace(/^vendor-/, '');
  for (const row of rows) {
    const org = upsertOrganization(
      ctx,
      {
        name: row.name,
        state: row.state,
        postalCodes: row.postalCode ? [row.postalCode] : [],
        npi: row.npi,
        city: row.city,
        country: row.country ?? (row.state || row.postalCode ? 'US' : undefined),
      },
      scope,
    );
    if (org.id === vendorId) continue; // a vendor listing itself
    ctx.plan.relationship('CUSTOMER_OF', org.id, vendorId, `customer-of:${org.id}:${vendorId}`, {
      create: { confidence: 'reported', basis },
      union: { sources: [ctx.sourceId], endpoints: [row.url] },
    });
  }
}

/** The Vendor id for `--vendor`, which must name a vendor the graph holds. */
export function vendorFromOption(ctx: PlanContext): string | undefined {
  const id = ctx.options.vendor;
  if (id === undefined) return undefined;
  const entry = ctx.orgs.get(id);
  if (!entry?.vendor) throw new FileError(`--vendor ${id}: no Vendor with that id in the graph`);
  ctx.plan.node(id, { union: { sources: [ctx.sourceId] } });
  return id;
}

function planLantern(parsed: ParsedFile<EndpointRow>, ctx: PlanContext): void {
  const developer = parsed.records[0]?.developer ?? developerOfFile(ctx.file);
  if (parsed.records.length === 0) return;
  const known = KNOWN_DEVELOPERS.find((d) => d.name === developer);
  const vendorId =
    vendorFromOption(ctx) ??
    resolveVendor(ctx, developer, { newId: known?.id ?? `vendor-${slug(vendorKey(developer))}`, vendorType: 'certified health IT developer (ONC CHPL)' });
  planCustomers(ctx, vendorId, parsed.records, `listed in ${developer}'s published FHIR endpoint list (ONC Lantern)`);
}

export const lantern: ImportFormat<EndpointRow> = {
  name: 'lantern',
  describe: (file) => ({
    publisher: `ONC Lantern (onc-healthit/lantern-back-end), endpoint list of ${developerOfFile(file)}`,
    licence: 'Apache-2.0 (lantern-back-end); endpoint lists published by the developer under 45 CFR 170.404(b)(2)',
    reliability: 'vendor_published',
    title: `ONC Lantern endpoint list ${file}`,
    url: 'https://github.com/onc-healthit/lantern-back-end',
  }),
  parse: (text, file) => parseLantern(text, file),
  needs: ['organizations'],
  plan: planLantern,
};
