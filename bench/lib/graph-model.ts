// The benchmark graph, built in memory from a seeded PRNG: the same scale and seed always give the same graph.
// Shape (per scale N; see docs/performance.md): ~1,000·N organisations (health systems with PART_OF members,
// hospitals, clinics, health plans, labs; each with a US state), clamp(3·N, 30, 300) vendors with products
// (MAKES) and acquisition chains (ACQUIRED + PART_OF with validFrom), ~10,000·N CUSTOMER_OF edges with a
// Zipf-skewed vendor market share (plus vendors that are customers of infrastructure vendors), 200·N incidents
// (date, individualsAffected, figuresJson) AFFECTED → breached vendors and named victims, 20·N threat actors
// (ATTRIBUTED_TO), 10·N sources (REPORTED_IN, and cited in `sources` on every node and relationship).
import neo4j from 'neo4j-driver';
import { deriveProps } from '../../server/seed/load.ts';
import type { SeedProps } from '../../server/seed/format.ts';
import { Rng, Zipf } from './common.ts';

export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 'hcgraph-bench-1';

export type Props = Record<string, unknown>;

export interface NodeGroup {
  /** Labels besides Entity, from the model's allow-list. */
  labels: string[];
  rows: Props[];
}

/** One relationship type, rows produced lazily in batches (CUSTOMER_OF has 10,000·N of them). */
export interface RelGroup {
  type: string;
  count: number;
  rows(start: number, end: number): { from: string; to: string; props: Props }[];
}

export interface Picks {
  topVendor: { id: string; name: string; customers: number; incidents: number };
  smallVendor: { id: string; name: string; customers: number; incidents: number };
  hospital: { id: string; name: string; vendors: number };
  incident: { id: string; name: string };
  actor: { id: string; name: string };
  searchCommon: string;
  searchVendor: string;
}

export interface BenchGraph {
  scale: number;
  seed: string;
  counts: { organizations: number; vendors: number; products: number; incidents: number; actors: number; sources: number };
  nodeGroups: NodeGroup[];
  relGroups: RelGroup[];
  picks: Picks;
}

const STATES: [string, number][] = [
  ['CA', 39], ['TX', 30], ['FL', 22], ['NY', 20], ['PA', 13], ['IL', 12.5], ['OH', 11.8], ['GA', 11], ['NC', 10.8], ['MI', 10],
  ['NJ', 9.3], ['VA', 8.7], ['WA', 7.8], ['AZ', 7.4], ['TN', 7.1], ['MA', 7], ['IN', 6.8], ['MO', 6.2], ['MD', 6.2], ['WI', 5.9],
  ['CO', 5.9], ['MN', 5.7], ['SC', 5.3], ['AL', 5.1], ['LA', 4.6], ['KY', 4.5], ['OR', 4.2], ['OK', 4], ['CT', 3.6], ['UT', 3.4],
  ['IA', 3.2], ['NV', 3.2], ['AR', 3], ['MS', 2.9], ['KS', 2.9], ['NM', 2.1], ['NE', 2], ['ID', 1.9], ['WV', 1.8], ['HI', 1.4],
  ['NH', 1.4], ['ME', 1.4], ['MT', 1.1], ['RI', 1.1], ['DE', 1], ['SD', 0.9], ['ND', 0.8], ['AK', 0.7], ['DC', 0.7], ['VT', 0.6], ['WY', 0.6],
];
const PLACES = [
  'Springfield', 'Riverside', 'Fairview', 'Franklin', 'Greenville', 'Clinton', 'Madison', 'Georgetown', 'Salem', 'Bristol',
  'Oakland', 'Ashland', 'Burlington', 'Manchester', 'Milton', 'Newport', 'Oxford', 'Arlington', 'Jackson', 'Lexington',
  'Dayton', 'Marion', 'Auburn', 'Dover', 'Hudson', 'Kingston', 'Lebanon', 'Mount Vernon', 'Princeton', 'Richmond',
  'Shelby', 'Troy', 'Winchester', 'Bedford', 'Cleveland', 'Columbia', 'Dallas', 'Denton', 'Easton', 'Florence',
  'Glendale', 'Hamilton', 'Harrison', 'Jefferson', 'Lancaster', 'Lincoln', 'Monroe', 'Norwood', 'Plymouth', 'Quincy',
  'Rochester', 'Sheridan', 'Sterling', 'Summit', 'Union', 'Vernon', 'Warren', 'Wayne', 'Wilson', 'York',
  'Cedar Falls', 'Pine Bluff', 'Elm Grove', 'Maple Valley', 'Lakeview', 'Brookfield', 'Westfield', 'Northfield', 'Southgate', 'Eastwood',
  'Bay City', 'Rock Hill', 'Sun Prairie', 'Clear Lake', 'Fort Hope', 'Grand Haven', 'Silver Spring', 'Stone Ridge', 'Twin Oaks', 'Willow Creek',
];
const HOSPITAL_PREFIX = ['St. Mary', 'Mercy', 'St. Joseph', 'Good Samaritan', 'Providence', 'Baptist', 'Methodist', 'Sacred Heart', 'Memorial', 'Trinity', 'Valley', 'Community', 'University', 'Children’s', 'Regional'];
const HOSPITAL_SUFFIX = ['Medical Center', 'Regional Hospital', 'Community Hospital', 'General Hospital', 'Memorial Hospital', 'Hospital'];
const CLINIC_SUFFIX = ['Family Clinic', 'Medical Group', 'Urgent Care', 'Pediatrics', 'Orthopedics', 'Dental Care', 'Cardiology Associates', 'Women’s Health'];
const SYSTEM_PREFIX = ['Mercy', 'Advent', 'Trinity', 'Providence', 'Covenant', 'Baptist', 'Methodist', 'Intermountain', 'Sutter', 'Unity', 'Beacon', 'Summit'];
const VENDOR_A = ['Medi', 'Cer', 'Epi', 'Allo', 'Nex', 'Velo', 'Heal', 'Cura', 'Vita', 'Opti', 'Clini', 'Pulse', 'Axi', 'Nova', 'Heli', 'Pax', 'Sana', 'Tera', 'Omni', 'Quan'];
const VENDOR_B = ['tech', 'soft', 'care', 'gen', 'sys', 'link', 'path', 'core', 'wave', 'logic', 'bridge', 'point', 'works', 'stream', 'scope'];
const VENDOR_TYPES = ['EHR', 'revenue cycle management', 'medical imaging (PACS)', 'secure file transfer', 'cloud hosting', 'managed IT services', 'telehealth', 'payment clearinghouse', 'laboratory information system', 'patient engagement'];
const INFRA_TYPES = new Set(['secure file transfer', 'cloud hosting', 'managed IT services']);
const PRODUCT_WORDS = ['EHR', 'Cloud', 'Connect', 'Imaging', 'Portal', 'Billing', 'Transfer', 'Analytics', 'Gateway', 'Scheduler'];
const ACTOR_A = ['Black', 'Dark', 'Lock', 'Cl', 'Rhy', 'Qil', 'Med', 'Hive', 'Ro', 'Vice', 'Akir', 'Bian', 'Play', 'Lap', 'Kar', 'Snat', 'Mau', 'Royal', 'Cuba', 'Avos'];
const ACTOR_B = ['Cat', 'Side', 'Bit', 'op', 'sida', 'in', 'usa', 'ransom', 'yal', 'Society', 'a', 'Lian', 'Crypt', 'sus', 'akurt', 'ch', 'i', 'Spider', 'Bear', 'Kitten'];
const PUBLISHERS = ['HIPAA Journal', 'Becker’s Hospital Review', 'HHS OCR breach portal', 'The Record', 'BleepingComputer', 'Healthcare Dive', 'Fierce Healthcare', 'SecurityWeek', 'State attorney general', 'Company press release'];
const RELIABILITY = ['official', 'trade_press', 'news', 'press_release', 'threat_intel_vendor', 'blog'];
const INCIDENT_TYPES = ['ransomware', 'data theft and extortion', 'hacking/IT incident', 'unauthorized access', 'business email compromise', 'mass exploitation of file-transfer software'];
const ATTRIBUTIONS = ['claimed_by_actor', 'confirmed_by_victim', 'government_assessment', 'researcher_assessment', 'reported_by_media', 'suspected'];
const VERIFICATION = ['verified', 'partially_verified', 'unverified'];

interface OrgType {
  orgType: string;
  labels: string[];
  weight: number;
  vendors: number;
}
const ORG_TYPES: OrgType[] = [
  { orgType: 'health system', labels: ['Organization', 'HealthSystem'], weight: 0.06, vendors: 20 },
  { orgType: 'hospital', labels: ['Organization', 'Hospital'], weight: 0.45, vendors: 14 },
  { orgType: 'clinic', labels: ['Organization'], weight: 0.4, vendors: 6 },
  { orgType: 'health plan', labels: ['Organization', 'HealthPlan'], weight: 0.05, vendors: 8 },
  { orgType: 'laboratory', labels: ['Organization'], weight: 0.04, vendors: 5 },
];

const DAY = 86_400_000;
const EPOCH = Date.UTC(2015, 0, 1);
const isoDay = (offset: number) => new Date(EPOCH + offset * DAY).toISOString().slice(0, 10);
const pad = (n: number, w = 6) => String(n).padStart(w, '0');
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function weighted<T>(rng: Rng, items: readonly T[], weightOf: (t: T) => number): T {
  let total = 0;
  for (const t of items) total += weightOf(t);
  let u = rng.next() * total;
  for (const t of items) {
    u -= weightOf(t);
    if (u < 0) return t;
  }
  return items[items.length - 1]!;
}

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** k distinct values drawn with `draw` (gives up after many repeats: a small pool). */
function distinct(k: number, draw: () => number, maxTries = k * 20 + 20): number[] {
  const seen = new Set<number>();
  for (let t = 0; t < maxTries && seen.size < k; t++) seen.add(draw());
  return [...seen];
}

export function buildGraph(scale: number, seed: string = DEFAULT_SEED): BenchGraph {
  const O = Math.max(50, Math.round(1000 * scale));
  const V = Math.min(300, Math.max(30, Math.round(3 * scale)));
  const I = Math.max(10, Math.round(200 * scale));
  const A = Math.max(5, Math.round(20 * scale));
  const S = Math.max(10, Math.round(10 * scale));
  const stream = (name: string) => new Rng(`${seed}:${scale}:${name}`);

  // ---- sources
  const rs = stream('sources');
  const sourceIds: string[] = [];
  const sourceRows: Props[] = [];
  for (let i = 0; i < S; i++) {
    const id = `src-${pad(i)}`;
    const date = isoDay(rs.int(3900));
    const publisher = rs.pick(PUBLISHERS);
    const title = `${publisher}: healthcare breach report ${i}`;
    sourceIds.push(id);
    sourceRows.push({ id, kind: 'SOURCE', name: title, aliases: [], aliasText: '', title, publisher, date, url: `https://news.example.org/${date.slice(0, 4)}/${id}`, reliability: rs.pick(RELIABILITY) });
  }
  const cite = (rng: Rng): string[] => {
    const a = sourceIds[rng.int(S)]!;
    if (!rng.chance(0.35)) return [a];
    const b = sourceIds[rng.int(S)]!;
    return a === b ? [a] : [a, b];
  };

  // ---- organisations
  const ro = stream('organizations');
  const orgType: OrgType[] = [];
  for (let i = 0; i < O; i++) orgType.push(weighted(ro, ORG_TYPES, (t) => t.weight));
  orgType[0] = ORG_TYPES[0]!; // at least one health system
  const systems = orgType.flatMap((t, i) => (t.orgType === 'health system' ? [i] : []));
  const orgState: string[] = new Array(O);
  const orgIds: string[] = new Array(O);
  const orgNames: string[] = new Array(O);
  const orgRows: Props[] = new Array(O);
  const partOf: { from: number; to: number }[] = [];
  const systemZipf = new Zipf(systems.length, 0.8);
  for (const i of systems) orgState[i] = weighted(ro, STATES, (s) => s[1])[0];
  for (let i = 0; i < O; i++) {
    const t = orgType[i]!;
    let parent: number | undefined;
    if (t.orgType === 'health system') {
      if (ro.chance(0.1)) {
        const p = systems[systemZipf.sample(ro)]!;
        if (p < i) parent = p;
      }
    } else if (t.orgType !== 'health plan' && ro.chance(0.6)) {
      parent = systems[systemZipf.sample(ro)]!;
    }
    if (orgState[i] === undefined) orgState[i] = parent !== undefined && ro.chance(0.8) ? orgState[parent]! : weighted(ro, STATES, (s) => s[1])[0];
    if (parent !== undefined && parent !== i) partOf.push({ from: i, to: parent });
    const place = ro.pick(PLACES);
    let name: string;
    let aliases: string[] = [];
    switch (t.orgType) {
      case 'health system': {
        name = `${ro.pick(SYSTEM_PREFIX)} ${place} Health System`;
        aliases = [name.split(/\s+/).map((w) => w[0]).join('').toUpperCase()];
        break;
      }
      case 'hospital':
        name = `${ro.pick(HOSPITAL_PREFIX)} ${place} ${ro.pick(HOSPITAL_SUFFIX)}`;
        break;
      case 'clinic':
        name = `${place} ${ro.pick(CLINIC_SUFFIX)}`;
        break;
      case 'health plan':
        name = `${place} ${ro.pick(['Health Plan', 'Care Plan', 'Health Partners'])}`;
        break;
      default:
        name = `${place} ${ro.pick(['Diagnostics', 'Laboratories', 'Pathology Lab'])}`;
    }
    const id = `org-${pad(i)}`;
    orgIds[i] = id;
    orgNames[i] = name;
    orgRows[i] = { id, kind: 'ORGANIZATION', name, aliases, aliasText: aliases.join(' | '), sources: cite(ro), orgType: t.orgType, country: 'US', state: orgState[i] };
  }

  // ---- vendors, products, acquisitions
  const rv = stream('vendors');
  const vendorNames = shuffle(rv, VENDOR_A.flatMap((a) => VENDOR_B.map((b) => `${a}${b}`))).slice(0, V);
  const vendorIds: string[] = [];
  const vendorType: string[] = [];
  const vendorRows: Props[] = [];
  for (let r = 0; r < V; r++) {
    const type = r < 3 ? 'EHR' : r === 3 ? 'managed IT services' : r === 4 ? 'secure file transfer' : r === 5 ? 'cloud hosting' : rv.pick(VENDOR_TYPES);
    const name = `${vendorNames[r]} ${rv.pick(['Health', 'Solutions', 'Systems', 'Inc.'])}`;
    const id = `vendor-${slug(vendorNames[r]!)}`;
    vendorIds.push(id);
    vendorType.push(type);
    const state = weighted(rv, STATES, (s) => s[1])[0];
    vendorRows.push({ id, kind: 'VENDOR', name, aliases: [vendorNames[r]!], aliasText: vendorNames[r]!, sources: cite(rv), vendorType: type, country: 'US', state, headquarters: `${rv.pick(PLACES)}, ${state}, US` });
  }
  const productRows: Props[] = [];
  const makes: { from: string; to: string; props: Props }[] = [];
  const vendorProducts: string[][] = vendorIds.map(() => []);
  for (let r = 0; r < V; r++) {
    const n = rv.range(1, 4);
    const words = shuffle(rv, [...PRODUCT_WORDS]).slice(0, n);
    for (let k = 0; k < n; k++) {
      const id = `prod-${vendorIds[r]!.slice('vendor-'.length)}-${k + 1}`;
      const sources = cite(rv);
      productRows.push({ id, kind: 'PRODUCT', name: `${vendorNames[r]} ${words[k]}`, aliases: [], aliasText: '', sources, category: vendorType[r] });
      vendorProducts[r]!.push(id);
      makes.push({ from: vendorIds[r]!, to: id, props: { id: `makes:${vendorIds[r]}:${id}`, sources, confidence: 'reported' } });
    }
  }
  const acquired: { from: string; to: string; props: Props }[] = [];
  const vendorPartOf: { from: string; to: string; props: Props }[] = [];
  for (let r = 5; r < V; r++) {
    if (!rv.chance(0.15)) continue;
    const acquirer = Math.floor(r * rv.next() * rv.next());
    const closedDay = rv.int(3000);
    const announced = isoDay(Math.max(0, closedDay - rv.range(30, 200)));
    const closed = isoDay(closedDay);
    const id = `acq-${vendorIds[acquirer]!.slice(7)}-${vendorIds[r]!.slice(7)}`;
    const sources = cite(rv);
    const price = Math.round(Math.exp(17 + 2 * rv.gauss()));
    acquired.push({
      from: vendorIds[acquirer]!,
      to: vendorIds[r]!,
      props: {
        id, sources, confidence: 'verified', verification: 'verified', dealType: 'acquisition', announced, announcedPrecision: 'day', closed, closedPrecision: 'day',
        validFrom: closed, validFromPrecision: 'day', pricesJson: JSON.stringify([{ amount: price, currency: 'USD', asReportedBy: sources }]),
      },
    });
    vendorPartOf.push({
      from: vendorIds[r]!,
      to: vendorIds[acquirer]!,
      props: { id: `part-of:${vendorIds[r]}:${vendorIds[acquirer]}`, sources, confidence: 'reported', validFrom: closed, validFromPrecision: 'day', validityBasis: id },
    });
  }

  // ---- CUSTOMER_OF: organisations pick k distinct vendors from a Zipf market share; vendors buy from infrastructure vendors.
  const rc = stream('customers');
  const market = new Zipf(V, 1.1);
  const custFrom: number[] = [];
  const custTo: number[] = [];
  for (let i = 0; i < O; i++) {
    const base = orgType[i]!.vendors;
    const k = Math.min(V - 1, Math.max(1, Math.round(base * (0.5 + rc.next()))));
    for (const v of distinct(k, () => market.sample(rc))) {
      custFrom.push(i);
      custTo.push(v);
    }
  }
  const infra = vendorType.flatMap((t, r) => (INFRA_TYPES.has(t) ? [r] : []));
  const vendorCust: { from: number; to: number }[] = [];
  for (let r = 0; r < V; r++) {
    if (INFRA_TYPES.has(vendorType[r]!) || !rc.chance(0.4)) continue;
    for (const x of distinct(rc.range(1, 3), () => infra[Math.floor(infra.length * rc.next() * rc.next())]!)) if (x !== r) vendorCust.push({ from: r, to: x });
  }
  const customersOf: number[][] = vendorIds.map(() => []);
  for (let e = 0; e < custFrom.length; e++) customersOf[custTo[e]!]!.push(custFrom[e]!);
  const vendorCountOf = new Int32Array(O);
  for (const f of custFrom) vendorCountOf[f]! += 1;
  const custSeed = `${seed}:${scale}:customer-props`;
  const customerRel: RelGroup = {
    type: 'CUSTOMER_OF',
    count: custFrom.length + vendorCust.length,
    rows(start, end) {
      // Each row's citation comes from its own index, so any batch boundary gives the same rows.
      const out: { from: string; to: string; props: Props }[] = [];
      for (let e = start; e < end; e++) {
        const rr = new Rng(`${custSeed}:${e}`);
        const orgSide = e < custFrom.length;
        const from = orgSide ? orgIds[custFrom[e]!]! : vendorIds[vendorCust[e - custFrom.length]!.from]!;
        const to = orgSide ? vendorIds[custTo[e]!]! : vendorIds[vendorCust[e - custFrom.length]!.to]!;
        out.push({ from, to, props: { id: `customer-of:${from}:${to}`, sources: cite(rr), confidence: rr.chance(0.2) ? 'derived' : 'reported', basis: 'generated benchmark contract' } });
      }
      return out;
    },
  };

  // ---- threat actors
  const ra = stream('actors');
  const actorIds: string[] = [];
  const actorRows: Props[] = [];
  const actorNames = new Set<string>();
  for (let i = 0; i < A; i++) {
    let name = `${ra.pick(ACTOR_A)}${ra.pick(ACTOR_B)}`;
    if (actorNames.has(name)) name = `${name} ${i}`;
    actorNames.add(name);
    const id = `actor-${slug(name)}`;
    const aliases = ra.chance(0.5) ? [`UNC${1000 + i}`] : [];
    if (ra.chance(0.3)) aliases.push(`${name} Team`);
    actorIds.push(id);
    actorRows.push({ id, kind: 'THREAT_ACTOR', name, aliases, aliasText: aliases.join(' | '), sources: cite(ra), actorType: ra.pick(['ransomware-as-a-service group', 'extortion group', 'state-sponsored group']), firstSeen: isoDay(ra.int(2500)).slice(0, 7), firstSeenPrecision: 'month' });
  }

  // ---- incidents
  const ri = stream('incidents');
  const breachZipf = new Zipf(V, 0.9);
  const actorZipf = new Zipf(A, 1.0);
  const incidentRows: Props[] = [];
  const affected: { from: string; to: string; props: Props }[] = [];
  const attributed: { from: string; to: string; props: Props }[] = [];
  const reportedIn: { from: string; to: string; props: Props }[] = [];
  const involved: { from: string; to: string; props: Props }[] = [];
  const incidentsOfVendor = new Int32Array(V);
  const actorOfVendorIncident: (string | undefined)[] = new Array(V);
  const systemMembers = new Map<number, number[]>();
  for (const p of partOf) {
    const list = systemMembers.get(p.to);
    if (list) list.push(p.from);
    else systemMembers.set(p.to, [p.from]);
  }
  let firstIncidentOfTop: { id: string; name: string } | undefined;
  for (let n = 0; n < I; n++) {
    const day = ri.int(3850);
    const date = isoDay(day);
    const year = date.slice(0, 4);
    const id = `inc-${pad(n)}-${year}`;
    const verification = ri.pick(VERIFICATION);
    const srcs = distinct(ri.range(1, 3), () => ri.int(S)).map((k) => sourceIds[k]!);
    const type = ri.pick(INCIDENT_TYPES);
    const aff = (org: string, role: string) =>
      affected.push({ from: id, to: org, props: { id: `affected:${id}:${org}:${role}`, role, sources: [srcs[0]!], confidence: verification } });
    let name: string;
    let breached: number | undefined;
    if (ri.chance(0.4)) {
      const v = breachZipf.sample(ri);
      breached = v;
      incidentsOfVendor[v]! += 1;
      name = `${vendorRows[v]!.name as string} ${type} ${year}`;
      aff(vendorIds[v]!, 'breached_vendor');
      const custs = customersOf[v]!;
      const m = Math.min(custs.length, Math.min(40, Math.floor(Math.exp(1.5 + ri.gauss()))));
      for (const k of distinct(m, () => ri.int(custs.length))) aff(orgIds[custs[k]!]!, 'affected_via_vendor');
      if (ri.chance(0.6)) {
        const prod = ri.pick(vendorProducts[v]!);
        involved.push({ from: id, to: prod, props: { id: `involved:${id}:${prod}`, sources: [srcs[0]!], confidence: verification } });
      }
      if (v === 0) firstIncidentOfTop ??= { id, name };
    } else {
      const victim = ri.int(O);
      name = `${orgNames[victim]} ${type} ${year}`;
      aff(orgIds[victim]!, 'primary_victim');
      const members = systemMembers.get(victim) ?? [];
      for (const k of distinct(Math.min(members.length, ri.int(4)), () => ri.int(members.length))) aff(orgIds[members[k]!]!, 'affected_subsidiary');
    }
    const count = Math.min(190_000_000, Math.max(500, Math.round(Math.exp(8.5 + 2 * ri.gauss()))));
    const figures: Props[] = [{ count, unit: 'individuals', reportedBy: 'HHS OCR', asOf: isoDay(day + ri.range(30, 400)), sources: [srcs[0]!] }];
    if (ri.chance(0.3)) figures.unshift({ count: 501, unit: 'individuals (placeholder)', reportedBy: 'HHS OCR (initial filing)', asOf: isoDay(day + 20), sources: [srcs[0]!] });
    if (ri.chance(0.2)) figures.push({ count: Math.round(count * ri.next() * 0.5) + 1, unit: 'individuals', reportedBy: 'state attorney general', sources: [srcs[srcs.length - 1]!] });
    const props = deriveProps(['Entity', 'Incident'], {
      id, kind: 'INCIDENT', name, aliases: [], aliasText: '', sources: srcs, keySources: [srcs[0]!], incidentType: type,
      summary: `Generated ${type} incident ${n} for benchmarks.`, country: ['US'], geographicScope: 'US', date, datePrecision: 'day', dateDerivedFrom: 'dates.discovered',
      figuresJson: JSON.stringify(figures), verification,
    } as SeedProps) as Props;
    if (typeof props.individualsAffected === 'number') props.individualsAffected = neo4j.int(props.individualsAffected);
    incidentRows.push(props);
    srcs.forEach((s, k) => reportedIn.push({ from: id, to: s, props: { id: `reported-in:${id}:${s}`, sources: [s], confidence: 'cited', keySource: k === 0 } }));
    if (ri.chance(0.6)) {
      const actors = distinct(ri.chance(0.1) ? 2 : 1, () => actorZipf.sample(ri));
      for (const a of actors) {
        const attribution = ri.pick(ATTRIBUTIONS);
        attributed.push({ from: id, to: actorIds[a]!, props: { id: `attributed-to:${id}:${actorIds[a]}`, attribution, confidence: attribution, basis: 'generated', sources: [srcs[0]!] } });
        if (breached !== undefined) actorOfVendorIncident[breached] ??= actorIds[a];
      }
    }
  }

  // ---- organisations' PART_OF rows
  const rp = stream('part-of');
  const orgPartOf = partOf.map((p) => ({ from: orgIds[p.from]!, to: orgIds[p.to]!, props: { id: `part-of:${orgIds[p.from]}:${orgIds[p.to]}`, sources: cite(rp), confidence: 'reported' } }));

  // ---- picks for the benchmark queries
  const custCount = customersOf.map((c) => c.length);
  const top = custCount.indexOf(Math.max(...custCount));
  const ranked = custCount.map((c, r) => ({ c, r })).filter((x) => x.c >= 5).sort((a, b) => a.c - b.c || a.r - b.r);
  const small = ranked[Math.floor(ranked.length * 0.1)]?.r ?? V - 1;
  // A typical hospital: a health-system member, customer of the median number of vendors.
  const members = new Set(partOf.map((p) => p.from));
  const hospitals = orgType.flatMap((t, i) => (t.orgType === 'hospital' && members.has(i) ? [i] : [])).slice(0, 200);
  hospitals.sort((a, b) => vendorCountOf[a]! - vendorCountOf[b]! || a - b);
  const hospital = hospitals[Math.floor(hospitals.length / 2)] ?? 0;
  const actor = actorOfVendorIncident[top] ?? actorIds[0]!;
  const vendorPick = (r: number) => ({ id: vendorIds[r]!, name: vendorRows[r]!.name as string, customers: custCount[r]!, incidents: incidentsOfVendor[r]! });

  const group = (labels: string[], rows: Props[]): NodeGroup => ({ labels, rows });
  const byLabels = new Map<string, NodeGroup>();
  for (let i = 0; i < O; i++) {
    const key = orgType[i]!.labels.join(':');
    if (!byLabels.has(key)) byLabels.set(key, group(orgType[i]!.labels, []));
    byLabels.get(key)!.rows.push(orgRows[i]!);
  }
  const fixed = (type: string, rows: { from: string; to: string; props: Props }[]): RelGroup => ({ type, count: rows.length, rows: (s, e) => rows.slice(s, e) });
  return {
    scale,
    seed,
    counts: { organizations: O, vendors: V, products: productRows.length, incidents: I, actors: A, sources: S },
    nodeGroups: [
      group(['Source'], sourceRows),
      ...byLabels.values(),
      group(['Organization', 'Vendor'], vendorRows),
      group(['Product'], productRows),
      group(['ThreatActor'], actorRows),
      group(['Incident'], incidentRows),
    ],
    relGroups: [
      fixed('MAKES', makes),
      fixed('ACQUIRED', acquired),
      fixed('PART_OF', [...vendorPartOf, ...orgPartOf]),
      customerRel,
      fixed('AFFECTED', affected),
      fixed('ATTRIBUTED_TO', attributed),
      fixed('REPORTED_IN', reportedIn),
      fixed('INVOLVED', involved),
    ],
    picks: {
      topVendor: vendorPick(top),
      smallVendor: vendorPick(small),
      hospital: { id: orgIds[hospital]!, name: orgNames[hospital]!, vendors: vendorCountOf[hospital]! },
      incident: firstIncidentOfTop ?? { id: incidentRows[0]!.id as string, name: incidentRows[0]!.name as string },
      actor: { id: actor, name: (actorRows.find((a) => a.id === actor)?.name as string) ?? '' },
      searchCommon: 'mercy regional',
      searchVendor: vendorNames[top]!,
    },
  };
}
