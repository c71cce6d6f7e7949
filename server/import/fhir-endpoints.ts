// A FHIR R4 Bundle of Endpoint resources, each with its customer Organization contained: the same CUSTOMER_OF edges
// as Lantern. Read leniently where the meaning is unambiguous (`managingOrganization.id` instead of `.reference`,
// a wrong `total`, no `connectionType`), and the rest reported.
import { notACustomer, planCustomers, vendorFromOption } from './lantern.ts';
import { resolveVendor } from './organizations.ts';
import { cleanText, countryCode, stateOfZip, US_STATES, zip5 } from './resolve.ts';
import { FileError, type ImportFormat, type ParsedFile, type PlanContext, type Reject } from './types.ts';

export interface FhirEndpointRow {
  at: string;
  endpointId?: string;
  url: string;
  status?: string;
  name: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Developers recognisable from their endpoint hosts, for bundles that do not name the vendor (override: --vendor). */
const HOST_DEVELOPERS: [RegExp, string][] = [
  [/(^|\.)cerner\.com$/i, 'Cerner Corporation'],
  [/(^|\.)oracle\.com$/i, 'Oracle Health'],
  [/(^|\.)epic\.com$/i, 'Epic Systems Corporation'],
  [/(^|\.)meditech\.(com|cloud)$/i, 'Medical Information Technology, Inc. (MEDITECH)'],
  [/(^|\.)athenahealth\.com$/i, 'athenahealth, Inc.'],
  [/(^|\.)eclinicalworks\.com$/i, 'eClinicalWorks, LLC'],
  [/(^|\.)allscripts\.com$/i, 'Veradigm'],
];

export function developerOfHost(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return HOST_DEVELOPERS.find(([re]) => re.test(host))?.[1];
  } catch {
    return undefined;
  }
}

function parseFhir(text: string): ParsedFile<FhirEndpointRow> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FileError(`not JSON: ${(err as Error).message}`);
  }
  if (!isObject(doc) || doc.resourceType !== 'Bundle') throw new FileError('not a FHIR Bundle (resourceType is not "Bundle")');
  const entries = Array.isArray(doc.entry) ? doc.entry : [];
  const warnings: string[] = [];
  if (typeof doc.total === 'number' && doc.total !== entries.length) {
    warnings.push(`Bundle.total says ${doc.total}, the bundle has ${entries.length} entries (counted the entries)`);
  }
  const records: FhirEndpointRow[] = [];
  const rejects: Reject[] = [];
  let idInsteadOfReference = 0;
  let noConnectionType = 0;
  let impliedOrganization = 0;
  entries.forEach((entry: unknown, i: number) => {
    const at = `entry[${i}]`;
    const reject = (reason: string) => rejects.push({ at, reason, record: entry });
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource)) return reject('entry has no resource');
    if (resource.resourceType !== 'Endpoint') return reject(`resource is a ${String(resource.resourceType)}, not an Endpoint`);
    const url = typeof resource.address === 'string' ? resource.address.trim() : '';
    if (url === '') return reject('Endpoint.address (the service base URL) is missing');
    if (!isObject(resource.connectionType)) noConnectionType++;
    const contained = (Array.isArray(resource.contained) ? resource.contained : []).filter((c): c is Json => isObject(c) && c.resourceType === 'Organization');
    const managing = resource.managingOrganization;
    let ref: string | undefined;
    if (isObject(managing)) {
      if (typeof managing.reference === 'string') ref = managing.reference;
      else if (typeof managing.id === 'string') {
        ref = managing.id;
        idInsteadOfReference++;
      }
    }
    let org: Json | undefined;
    if (ref !== undefined) {
      if (!ref.startsWith('#')) return reject(`managingOrganization points outside the bundle entry ("${ref}"); only contained organisations are read`);
      org = contained.find((c) => c.id === ref!.slice(1));
      if (!org) return reject(`managingOrganization "${ref}" matches no contained Organization`);
    } else if (contained.length === 1) {
      org = contained[0];
      impliedOrganization++;
    } else {
      return reject(contained.length === 0 ? 'no managingOrganization and no contained Organization' : `no managingOrganization and ${contained.length} contained Organizations: ambiguous`);
    }
    const name = cleanText(typeof org!.name === 'string' ? org!.name : '');
    const why = notACustomer(name, url);
    if (why) return reject(why);
    const address = Array.isArray(org!.address) && isObject(org!.address[0]) ? (org!.address[0] as Json) : {};
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
    const postalCode = zip5(str(address.postalCode));
    const rawState = str(address.state)?.toUpperCase();
    const state = rawState && US_STATES.has(rawState) ? rawState : stateOfZip(postalCode);
    records.push({
      at,
      endpointId: str(resource.id),
      url,
      status: str(resource.status),
      name,
      city: str(address.city),
      state,
      postalCode,
      country: countryCode(str(address.country)) ?? (state ? 'US' : undefined),
    });
  });
  if (idInsteadOfReference > 0) warnings.push(`${idInsteadOfReference} Endpoint(s) give managingOrganization as {"id": "#…"} instead of {"reference": "#…"} (read as the reference)`);
  if (impliedOrganization > 0) warnings.push(`${impliedOrganization} Endpoint(s) have no managingOrganization; their only contained Organization was used`);
  if (noConnectionType > 0) warnings.push(`${noConnectionType} Endpoint(s) lack connectionType (required in R4; accepted)`);
  return { records, rejects, warnings, rowsRead: entries.length };
}

function planFhir(parsed: ParsedFile<FhirEndpointRow>, ctx: PlanContext): void {
  if (parsed.records.length === 0) return;
  let vendorId = vendorFromOption(ctx);
  if (!vendorId) {
    const developers = new Set(parsed.records.map((r) => developerOfHost(r.url)));
    const [developer] = developers;
    if (developers.size !== 1 || developer === undefined) {
      throw new FileError('cannot tell which vendor publishes these endpoints from their hosts; pass --vendor <vendor id> (e.g. --vendor vendor-oracle-health)');
    }
    vendorId = resolveVendor(ctx, developer, { vendorType: 'certified health IT developer (ONC CHPL)' });
  }
  planCustomers(ctx, vendorId, parsed.records, 'listed in the vendor\'s published FHIR R4 endpoint Bundle');
}

export const fhirEndpoints: ImportFormat<FhirEndpointRow> = {
  name: 'fhir-endpoints',
  describe: (file) => ({
    publisher: 'EHR developer\'s published FHIR endpoint directory (45 CFR 170.404(b)(2))',
    licence: 'no licence file; a public directory the developer must publish at no charge (45 CFR 170.404(b)(2))',
    reliability: 'vendor_published',
    title: `FHIR R4 Endpoint Bundle ${file}`,
  }),
  parse: (text) => parseFhir(text),
  needs: ['organizations'],
  plan: planFhir,
};
