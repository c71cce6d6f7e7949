// Entity resolution for imports, as pure functions: name normalisation, US state and ZIP handling, and the rules
// that decide whether an imported organisation (or actor, vendor, product) is one the graph already holds.
//
// Organisations: an exact normalised name plus agreeing location (NPI, ZIP, state) merges; a name alone merges only
// when it is distinctive and nothing contradicts it; anything weaker is kept apart and linked as POSSIBLE_SAME_AS.
// Two organisations in different states (or countries) are never merged and never linked on name alone.

// ---------------------------------------------------------------------------------------------------------------
// Names

/** Legal-form words dropped from the end of a name ("Acme Health, Inc." → "acme health"). */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc', 'pc', 'pa',
  'pllc', 'psc', 'sc', 'lc', 'ag', 'gmbh', 'sa', 'nv', 'bv', 'ab', 'se', 'ps', 'apc', 'apmc', 'dpc', 'chtd', 'chartered',
]);

/** Words that do not tell one healthcare organisation from another ("Memorial Hospital" says little). */
const GENERIC_WORDS = new Set([
  'hospital', 'hospitals', 'medical', 'medicine', 'center', 'centers', 'clinic', 'clinics', 'health', 'healthcare',
  'care', 'system', 'systems', 'services', 'service', 'group', 'associates', 'association', 'partners', 'practice',
  'physicians', 'physician', 'family', 'community', 'regional', 'general', 'memorial', 'university', 'county', 'city',
  'valley', 'childrens', 'children', 'st', 'saint', 'mt', 'new', 'north', 'south', 'east', 'west', 'central',
  'network', 'plan', 'plans', 'insurance', 'dental', 'dentistry', 'surgery', 'surgical', 'specialists', 'specialty',
  'institute', 'foundation', 'trust', 'department', 'dept', 'office', 'offices', 'md', 'do', 'dds', 'dmd', 'od', 'np',
  'llc', 'inc', 'pc', 'pa', 'of', 'and', 'the', 'for', 'at', 'in', 'on', 'a', 'an', 'holdings', 'management',
  'solutions', 'inc', 'pharmacy', 'laboratory', 'laboratories', 'lab', 'labs', 'wellness', 'home', 'behavioral',
  'mental', 'rehabilitation', 'rehab', 'orthopedic', 'orthopaedic', 'orthopedics', 'pediatrics', 'pediatric',
  'eye', 'vision', 'imaging', 'radiology', 'therapy', 'physical', 'primary', 'urgent', 'hospice', 'nursing',
  'senior', 'living', 'benefits', 'benefit', 'welfare', 'employee', 'employees', 'life', 'mutual', 'national',
  'american', 'united', 'state', 'public', 'private', 'affiliated', 'affiliates', 'consultants', 'consulting', 'med',
  'school', 'sciences', 'science', 'district', 'authority', 'agency', 'company', 'corporation', 'centre', 'ltd',
]);

/** US state names: a name that differs from another only by them ("Minnesota Eye Consultants") says nothing. */
const STATE_NAMES = new Set([
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida', 'georgia',
  'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland',
  'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada', 'hampshire',
  'jersey', 'mexico', 'york', 'carolina', 'dakota', 'ohio', 'oklahoma', 'oregon', 'pennsylvania', 'rhode', 'island',
  'tennessee', 'texas', 'utah', 'vermont', 'virginia', 'washington', 'wisconsin', 'wyoming', 'puerto', 'rico',
]);

/** Words vendor names add around the brand ("Progress Software Corporation" is "Progress" in CISA KEV). */
const VENDOR_GENERIC_WORDS = new Set([
  'software', 'systems', 'system', 'technologies', 'technology', 'tech', 'solutions', 'networks', 'network',
  'communications', 'group', 'holdings', 'international', 'global', 'labs', 'computer', 'computers', 'enterprises',
  'enterprise', 'digital', 'data', 'products', 'industries', 'electronics', 'security', 'cloud', 'services',
]);

/** Stop words dropped from keys: "Blue Cross and Blue Shield" and "Blue Cross & Blue Shield" are one name. */
const STOP_WORDS = new Set(['and', 'the', 'of']);

const TOKEN_SYNONYMS: Record<string, string> = {
  saint: 'st',
  ste: 'st',
  mount: 'mt',
  centre: 'center',
  ctr: 'center',
  cntr: 'center',
  hosp: 'hospital',
  hlth: 'health',
  univ: 'university',
  dept: 'department',
  assoc: 'associates',
  svcs: 'services',
  svc: 'services',
  mgmt: 'management',
  intl: 'international',
  orthopaedic: 'orthopedic',
  orthopaedics: 'orthopedics',
  paediatric: 'pediatric',
};

/** "Doing business as" and friends: each side names the same organisation. */
const DBA = /\s+(?:d\s*\/\s*b\s*\/\s*a|d\.b\.a\.?|dba|doing business as|a\s*\/\s*k\s*\/\s*a|aka|f\s*\/\s*k\s*\/\s*a|fka|formerly known as|formerly)\s+/i;

/** Lower case, no accents, no punctuation, "&" → "and", apostrophes and dots closed up ("Children's", "P.C."). */
export function simplify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/['’‘`´.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Tokens of a normalised name: synonyms unified, stop words and a leading "the" dropped, legal suffixes cut. */
export function nameTokens(text: string): string[] {
  let tokens = simplify(text)
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => TOKEN_SYNONYMS[t] ?? t);
  // "l l c", "p c": single letters that spell a legal form.
  const joined: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length === 1 && i + 1 < tokens.length) {
      let run = t;
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.length === 1) run += tokens[j++]!;
      if (run.length > 1 && LEGAL_SUFFIXES.has(run) && j === tokens.length) {
        joined.push(run);
        i = j - 1;
        continue;
      }
    }
    joined.push(t);
  }
  tokens = joined;
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1]!)) tokens = tokens.slice(0, -1);
  tokens = tokens.filter((t) => !STOP_WORDS.has(t));
  return tokens;
}

/** The comparison key of one spelling: "The Acme Clinic, P.C." → "acme clinic". */
export function normaliseName(text: string): string {
  return nameTokens(text).join(' ');
}

/** "TX - Ngan T Nguyen MD" → { state: 'TX', name: 'Ngan T Nguyen MD' } (athenahealth's state prefixes). */
export function splitStatePrefix(raw: string): { state?: string; name: string } {
  const m = /^\s*([A-Za-z]{2})\s*-\s+(.+)$/.exec(raw);
  if (m && US_STATES.has(m[1]!.toUpperCase())) return { state: m[1]!.toUpperCase(), name: m[2]!.trim() };
  return { name: raw.trim() };
}

/** Collapses runs of white space and trims (HHS names carry trailing and doubled spaces). */
export function cleanText(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

export interface NameKeys {
  /** Keys of spellings that name the entity itself: the name, each side of a "d/b/a", each alias. */
  strong: Set<string>;
  /** Keys of parenthetical remarks ("Prospect Medical Holdings (Crozer-Keystone Health System)"): related, maybe not the same. */
  weak: Set<string>;
}

function withoutParentheses(text: string): { outer: string; inner: string[] } {
  const inner: string[] = [];
  const outer = text.replace(/[([]([^)\]]*)[)\]]/g, (_, body: string) => {
    inner.push(body);
    return ' ';
  });
  return { outer, inner };
}

/** The keys an entity answers to, from its name and aliases (see NameKeys). */
export function nameKeys(name: string, aliases: readonly string[] = []): NameKeys {
  const strong = new Set<string>();
  const weak = new Set<string>();
  for (const spelling of [name, ...aliases]) {
    const keys = spellingKeys(spelling);
    for (const key of keys.strong) strong.add(key);
    for (const key of keys.weak) weak.add(key);
  }
  for (const k of strong) weak.delete(k);
  return { strong, weak };
}

/**
 * Memoises a pure function of a string (an import asks for the keys of one spelling several times: its id, its
 * profile, its entry in the index). Bounded: the cache starts afresh past `max` entries.
 */
function memo<T>(fn: (text: string) => T, max = 200_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = fn(text);
      cache.set(text, value);
    }
    return value;
  };
}

/** The keys of one spelling, in order (nameKeys gathers them over a name and its aliases). */
const spellingKeys = memo((spelling: string): { strong: readonly string[]; weak: readonly string[] } => {
  const strong: string[] = [];
  const weak: string[] = [];
  const { name: bare } = splitStatePrefix(spelling);
  const { outer, inner } = withoutParentheses(bare);
  for (const part of outer.split(DBA)) {
    const key = normaliseName(part);
    if (key !== '') strong.push(key);
  }
  for (const remark of inner) {
    for (const part of remark.split(DBA)) {
      const key = normaliseName(part.replace(/["“”]/g, ''));
      if (key !== '' && key.split(' ').length >= 2) weak.push(key);
    }
  }
  return { strong, weak };
});

/** A key without generic words: "Albany Medical Center" → "albany". Empty when nothing specific is left. */
export function coreKey(key: string): string {
  return coreKeyOf(key);
}

const coreKeyOf = memo((key: string) =>
  key
    .split(' ')
    .filter((t) => !GENERIC_WORDS.has(t) && !/^\d+$/.test(t))
    .join(' '),
);

/**
 * True when a name alone is specific enough to identify an organisation: two specific words, or one specific
 * word of six letters or more ("DaVita", "Ascension"); "Mercy Hospital" or "Family Clinic" are not.
 */
export function isDistinctive(key: string): boolean {
  return distinctive(key);
}

const distinctive = memo((key: string) => {
  const core = coreKey(key).split(' ').filter((t) => t !== '');
  if (core.length >= 2) return true;
  return core.length === 1 && core[0]!.length >= 6;
});

/** True when a key's specific words are only US state names ("minnesota", "north carolina"). */
export function isPlaceOnly(key: string): boolean {
  const core = coreKey(key).split(' ').filter((t) => t !== '');
  return core.length > 0 && core.every((t) => STATE_NAMES.has(t));
}

/** Vendor comparison key: the brand without "Software", "Systems", legal forms ("Progress Software Corporation" → "progress"). */
export function vendorKey(name: string): string {
  const tokens = nameTokens(withoutParentheses(name).outer);
  const brand = tokens.filter((t) => !VENDOR_GENERIC_WORDS.has(t));
  return (brand.length > 0 ? brand : tokens).join(' ');
}

/** A readable id fragment: "Albany Medical Center" → "albany-medical-center" (at most `max` characters). */
export function slug(text: string, max = 60): string {
  const s = slugOf(text);
  if (s.length <= max) return s || 'unnamed';
  return s.slice(0, max).replace(/-[^-]*$/, '') || s.slice(0, max);
}

/** The whole slug of a text, memoised (ids are built from the same names again and again). */
const slugOf = memo((text: string) => simplify(text).replace(/ /g, '-'));

/** Dice coefficient of two token sets (1 = same words). */
export function tokenDice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let shared = 0;
  for (const t of sa) if (sb.has(t)) shared++;
  return (2 * shared) / (sa.size + sb.size);
}

// ---------------------------------------------------------------------------------------------------------------
// Places

export const US_STATES = new Set([
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI',
  'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'VI', 'GU', 'AS', 'MP',
]);

/** USPS three-digit ZIP prefixes by state (ranges, inclusive). Military (APO/FPO) prefixes are left out. */
const ZIP3_RANGES: [number, number, string][] = [
  [5, 5, 'NY'], [6, 7, 'PR'], [8, 8, 'VI'], [9, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'],
  [50, 54, 'VT'], [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'],
  [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'],
  [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 349, 'FL'], [350, 369, 'AL'],
  [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'],
  [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'],
  [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'],
  [700, 714, 'LA'], [716, 729, 'AR'], [730, 732, 'OK'], [733, 733, 'TX'], [734, 749, 'OK'], [750, 799, 'TX'],
  [800, 816, 'CO'], [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'],
  [885, 885, 'TX'], [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'], [969, 969, 'GU'], [970, 979, 'OR'],
  [980, 994, 'WA'], [995, 999, 'AK'],
];

/** "12208-3412" → "12208"; "122083412" → "12208"; anything else → undefined. */
export function zip5(raw: string | undefined): string | undefined {
  const m = /^\s*(\d{5})(?:-?\d{4})?\s*$/.exec(raw ?? '');
  return m ? m[1] : undefined;
}

/** The state a US ZIP code belongs to (by its three-digit prefix), or undefined. */
export function stateOfZip(raw: string | undefined): string | undefined {
  const z = zip5(raw);
  if (!z) return undefined;
  const p = Number(z.slice(0, 3));
  for (const [lo, hi, st] of ZIP3_RANGES) if (p >= lo && p <= hi) return st;
  return undefined;
}

/** "United States of America", "USA", "US" → "US"; other countries pass through upper-cased when already ISO. */
export function countryCode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const v = simplify(raw);
  if (['us', 'usa', 'united states', 'united states of america', 'america'].includes(v)) return 'US';
  if (['ca', 'canada'].includes(v)) return 'CA';
  if (['gb', 'uk', 'united kingdom', 'great britain'].includes(v)) return 'GB';
  return /^[a-z]{2}$/.test(v) ? v.toUpperCase() : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations

/** What an imported record or an existing node says about an organisation. */
export interface OrgFacts {
  name: string;
  aliases?: readonly string[];
  state?: string;
  postalCodes?: readonly string[];
  npi?: string;
  country?: string;
}

export interface OrgProfile {
  keys: NameKeys;
  cores: Set<string>;
  tokens: string[][];
  state?: string;
  zips: Set<string>;
  npi?: string;
  country?: string;
  distinctive: boolean;
}

export function orgProfile(f: OrgFacts): OrgProfile {
  const keys = nameKeys(f.name, f.aliases ?? []);
  const cores = new Set([...keys.strong].map(coreKey).filter((c) => c !== ''));
  const zips = new Set((f.postalCodes ?? []).map(zip5).filter((z): z is string => z !== undefined));
  const state = f.state?.toUpperCase() || (zips.size > 0 ? stateOfZip([...zips][0]) : undefined);
  return {
    keys,
    cores,
    tokens: [...keys.strong].map((k) => k.split(' ')),
    state,
    zips,
    npi: f.npi || undefined,
    country: f.country || (state ? 'US' : undefined),
    distinctive: [...keys.strong].some(isDistinctive),
  };
}

export interface MatchScore {
  /** 0-1; ≥ MERGE_THRESHOLD merges, ≥ POSSIBLE_THRESHOLD links as POSSIBLE_SAME_AS. */
  score: number;
  reason: string;
}

export const MERGE_THRESHOLD = 0.9;
export const POSSIBLE_THRESHOLD = 0.6;

function intersects<T>(a: Set<T>, b: Set<T>): T | undefined {
  for (const x of a) if (b.has(x)) return x;
  return undefined;
}

/**
 * How likely `a` (an imported record) and `b` (an existing entity) are the same organisation, and why; null when
 * nothing suggests it or something rules it out (different NPI, state or country).
 */
export function scoreProfiles(a: OrgProfile, b: OrgProfile): MatchScore | null {
  if (a.npi && b.npi) {
    if (a.npi === b.npi) return { score: 1, reason: `same NPI ${a.npi}` };
    return null;
  }
  if (a.country && b.country && a.country !== b.country) return null;
  const exact = intersects(a.keys.strong, b.keys.strong);
  if (a.state && b.state && a.state !== b.state) {
    // Never merged; a distinctive name in two states may still be one multi-state organisation: flag it for review.
    if (exact && isDistinctive(exact) && !isPlaceOnly(exact)) {
      return { score: 0.6, reason: `same name "${exact}" in another state (${a.state}, ${b.state}): one multi-state organisation or namesakes` };
    }
    return null;
  }

  const weak = exact ? undefined : (intersects(a.keys.strong, b.keys.weak) ?? intersects(a.keys.weak, b.keys.strong));
  const core = exact || weak ? undefined : intersects(a.cores, b.cores);
  let dice = 0;
  if (!exact && !weak && !core) {
    for (const ta of a.tokens) for (const tb of b.tokens) dice = Math.max(dice, tokenDice(ta, tb));
  }
  const sameZip = intersects(a.zips, b.zips);
  const location = sameZip ? `ZIP ${sameZip}` : a.state && a.state === b.state ? `state ${a.state}` : undefined;
  const where = location ? ` and ${location}` : ', no location to compare';

  if (exact) {
    const distinctive = isDistinctive(exact);
    const base = sameZip ? 0.98 : location ? (distinctive ? 0.95 : 0.9) : distinctive ? 0.9 : 0.7;
    return { score: base, reason: `same name "${exact}"${where}` };
  }
  if (weak) {
    if (!isDistinctive(weak)) return null;
    return { score: location ? 0.8 : 0.65, reason: `name "${weak}" appears in a parenthetical remark${where}` };
  }
  if (core) {
    if (!isDistinctive(core) || isPlaceOnly(core)) return null;
    const single = !core.includes(' ');
    // One specific word and nothing to place it ("Sterling", "Premier") is too weak even to flag.
    if (single && !location) return null;
    return { score: sameZip ? 0.85 : location ? (single ? 0.7 : 0.8) : 0.65, reason: `same name apart from generic words ("${core}")${where}` };
  }
  if (dice >= 0.8 && (a.distinctive || b.distinctive)) {
    const pct = Math.round(dice * 100);
    return { score: sameZip ? 0.8 : location ? 0.75 : 0.6, reason: `similar names (${pct}% shared words)${where}` };
  }
  return null;
}

/** Convenience for tests and one-off checks: scores two organisations described by their facts. */
export function matchOrganizations(a: OrgFacts, b: OrgFacts): MatchScore | null {
  return scoreProfiles(orgProfile(a), orgProfile(b));
}

export interface OrgEntry extends OrgFacts {
  id: string;
  vendor?: boolean;
  /** Ids that records merged into this entity would have had: a re-import finds its earlier decision by them. */
  importKeys?: readonly string[];
}

export type OrgResolution =
  | { kind: 'self'; id: string }
  | { kind: 'merge'; id: string; score: number; reason: string }
  | { kind: 'new'; possible: { id: string; score: number; reason: string }[] };

/** Orders ids as String.prototype.localeCompare does, without building a collator per comparison. */
const byId = new Intl.Collator();

/** At most this many POSSIBLE_SAME_AS links per new organisation (the strongest). */
export const MAX_POSSIBLE_LINKS = 3;
/** Tokens shared by more entries than this are too common to find fuzzy candidates with. */
const MAX_POSTINGS = 300;

/**
 * The organisations an import can match against: the graph's (read at the start of the import) and those the
 * import has created so far. Entries change as records merge into them (a state, a spelling, a ZIP is added).
 */
export class OrgIndex {
  private readonly entries = new Map<string, { entry: OrgEntry; profile: OrgProfile }>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byCore = new Map<string, Set<string>>();
  private readonly byToken = new Map<string, Set<string>>();
  /** The same postings split by the entry's state when posted ('' for none), to skip other states' entries quickly. */
  private readonly byTokenState = new Map<string, Map<string, Set<string>>>();
  private readonly byImportKey = new Map<string, string>();
  private lastResolved: { facts: OrgFacts; profile: OrgProfile } | undefined;

  constructor(entries: Iterable<OrgEntry> = []) {
    for (const e of entries) this.put(e);
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): OrgEntry | undefined {
    return this.entries.get(id)?.entry;
  }

  /** Every entry (in insertion order). */
  all(): OrgEntry[] {
    return [...this.entries.values()].map((e) => e.entry);
  }

  /**
   * Adds or replaces an entry. `resolvedAs`: the facts this entry was just resolved from (same name, aliases, state,
   * postal codes, NPI and country), whose profile resolve() already computed.
   */
  put(entry: OrgEntry, resolvedAs?: OrgFacts): void {
    const profile = (resolvedAs && this.lastResolved?.facts === resolvedAs ? this.lastResolved.profile : undefined) ?? orgProfile(entry);
    this.entries.set(entry.id, { entry, profile });
    const post = (map: Map<string, Set<string>>, key: string) => {
      let set = map.get(key);
      if (!set) map.set(key, (set = new Set()));
      set.add(entry.id);
    };
    for (const k of profile.keys.strong) post(this.byKey, k);
    for (const k of profile.keys.weak) post(this.byKey, k);
    for (const c of profile.cores) post(this.byCore, c);
    for (const tokens of profile.tokens) {
      for (const t of tokens) {
        if (GENERIC_WORDS.has(t)) continue;
        post(this.byToken, t);
        let byState = this.byTokenState.get(t);
        if (!byState) this.byTokenState.set(t, (byState = new Map()));
        post(byState, profile.state ?? '');
      }
    }
    for (const k of entry.importKeys ?? []) this.byImportKey.set(k, entry.id);
  }

  /** Records what a merged record adds to an entry: its spelling, and its state / ZIP / NPI where the entry had none. */
  absorb(id: string, facts: OrgFacts, importKey?: string): void {
    const current = this.entries.get(id)?.entry;
    if (!current) return;
    const importKeys = importKey && !(current.importKeys ?? []).includes(importKey) ? [...(current.importKeys ?? []), importKey] : current.importKeys;
    const aliases = [...(current.aliases ?? [])];
    if (facts.name !== current.name && !aliases.includes(facts.name)) aliases.push(facts.name);
    this.put({
      ...current,
      aliases,
      state: current.state ?? facts.state,
      postalCodes: [...new Set([...(current.postalCodes ?? []), ...(facts.postalCodes ?? [])])],
      npi: current.npi ?? facts.npi,
      country: current.country ?? facts.country,
      importKeys,
    });
  }

  /** Entries worth scoring against `profile` (sharing a key, a core key, or a rare word). */
  candidates(profile: OrgProfile): string[] {
    const ids = new Set<string>();
    for (const k of [...profile.keys.strong, ...profile.keys.weak]) for (const id of this.byKey.get(k) ?? []) ids.add(id);
    for (const c of profile.cores) for (const id of this.byCore.get(c) ?? []) ids.add(id);
    for (const tokens of profile.tokens) {
      let rarest: Set<string> | undefined;
      let rarestToken = '';
      for (const t of tokens) {
        if (GENERIC_WORDS.has(t)) continue;
        const postings = this.byToken.get(t);
        if (postings && postings.size <= MAX_POSTINGS && (!rarest || postings.size < rarest.size)) {
          rarest = postings;
          rarestToken = t;
        }
      }
      if (!rarest) continue;
      if (!profile.state || profile.npi) {
        for (const id of rarest) ids.add(id);
        continue;
      }
      // An entry found only by a shared word scores nothing when both name a state and the states differ (unless both
      // carry an NPI): only an exact name is flagged across states, and those entries are found by key above. So only
      // the entries posted under this state or under none are looked at (checked against their current state, which
      // a merged record may have filled in since they were posted).
      const byState = this.byTokenState.get(rarestToken)!;
      for (const bucket of [byState.get(profile.state), byState.get('')]) {
        for (const id of bucket ?? []) {
          const other = this.entries.get(id)!.profile;
          if (other.state && other.state !== profile.state) continue;
          ids.add(id);
        }
      }
    }
    return [...ids];
  }

  /**
   * Decides what `facts` is: the entity with `selfId` (or that absorbed `selfId` before) when there is one, else the one best
   * match scoring ≥ MERGE_THRESHOLD (ties are ambiguous: no merge), else new with its POSSIBLE_SAME_AS candidates.
   * `filter` limits the candidates (e.g. vendors only).
   */
  resolve(facts: OrgFacts, selfId: string, filter?: (e: OrgEntry) => boolean): OrgResolution {
    if (this.entries.has(selfId)) return { kind: 'self', id: selfId };
    const earlier = this.byImportKey.get(selfId);
    if (earlier) return { kind: 'self', id: earlier };
    const profile = orgProfile(facts);
    this.lastResolved = { facts, profile };
    const scored: { id: string; score: number; reason: string }[] = [];
    for (const id of this.candidates(profile)) {
      const e = this.entries.get(id)!;
      if (filter && !filter(e.entry)) continue;
      const s = scoreProfiles(profile, e.profile);
      if (s && s.score >= POSSIBLE_THRESHOLD) scored.push({ id, ...s });
    }
    scored.sort((x, y) => y.score - x.score || byId.compare(x.id, y.id));
    const best = scored[0];
    if (best && best.score >= MERGE_THRESHOLD) {
      const rivals = scored.filter((s) => s.score === best.score);
      if (rivals.length === 1) return { kind: 'merge', ...best };
      return {
        kind: 'new',
        possible: scored.slice(0, MAX_POSSIBLE_LINKS).map((s) => ({ ...s, score: Math.min(s.score, 0.85), reason: `${s.reason}; ${rivals.length} organisations match equally well` })),
      };
    }
    return { kind: 'new', possible: scored.slice(0, MAX_POSSIBLE_LINKS) };
  }
}

/** The id an imported organisation gets when it is new: stable across imports of the same facts. */
export function organizationId(facts: OrgFacts, scope: string): string {
  const key = [...nameKeys(facts.name).strong][0] ?? simplify(facts.name);
  if (facts.npi) return `org-npi-${facts.npi}`;
  const state = facts.state ?? stateOfZip(facts.postalCodes?.[0]);
  if (state) return `org-us-${state.toLowerCase()}-${slug(key)}`;
  return `org-${scope}-${slug(key)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Threat actors and software

export interface ActorEntry {
  id: string;
  name: string;
  aliases: readonly string[];
  /** ATT&CK group id (Gxxxx) when the actor came from, or was matched to, ATT&CK. */
  attackId?: string;
}

/** Keys of an actor's names: parenthetical remarks ("Lace Tempest (Microsoft name)") are dropped, not kept as names. */
export function actorKeys(names: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const n of names) {
    const key = normaliseName(withoutParentheses(n).outer);
    if (key !== '') keys.add(key);
  }
  return keys;
}

export type ActorResolution =
  | { kind: 'merge'; id: string; reason: string }
  | { kind: 'new'; possible: { id: string; score: number; reason: string }[] };

/**
 * Matches an actor described by `name` and `aliases` against `actors`. Its name equal to an actor's name or alias
 * (or an alias of it equal to an actor's name) merges, when exactly one actor matches that way; an alias shared
 * with an actor's alias only is kept apart as POSSIBLE_SAME_AS (vendors reuse names: Lazarus/APT38/Andariel).
 */
export function resolveActor(name: string, aliases: readonly string[], actors: readonly ActorEntry[], attackId?: string): ActorResolution {
  const own = actorKeys([name]);
  const alias = actorKeys(aliases);
  const strong: { id: string; reason: string }[] = [];
  const weak: { id: string; score: number; reason: string }[] = [];
  for (const a of actors) {
    const theirName = actorKeys([a.name]);
    const theirs = actorKeys([a.name, ...a.aliases]);
    const byName = intersects(own, theirs);
    const byAlias = byName ? undefined : intersects(alias, theirName);
    if ((byName || byAlias) && attackId && a.attackId && a.attackId !== attackId) {
      // ATT&CK keeps these apart on purpose (Lotus Blossom / Spring Dragon): never merge two ATT&CK groups.
      weak.push({ id: a.id, score: 0.7, reason: `shares the name "${byName ?? byAlias}" with ${a.name}, a different ATT&CK group (${a.attackId} vs ${attackId})` });
    } else if (byName) strong.push({ id: a.id, reason: `name "${name}" is ${theirName.has(byName) ? 'the name' : 'an alias'} of ${a.name}` });
    else if (byAlias) strong.push({ id: a.id, reason: `alias "${byAlias}" is the name of ${a.name}` });
    else {
      const shared = intersects(alias, theirs);
      if (shared) weak.push({ id: a.id, score: 0.7, reason: `shares the alias "${shared}" with ${a.name}` });
    }
  }
  if (strong.length === 1) return { kind: 'merge', ...strong[0]! };
  const possible = [
    ...strong.map((s) => ({ id: s.id, score: 0.8, reason: `${s.reason}; ${strong.length} actors match, so none is merged` })),
    ...weak,
  ];
  return { kind: 'new', possible: possible.slice(0, MAX_POSSIBLE_LINKS) };
}

/** "LockBit 3.0" → "lockbit", "Akira _v2" → "akira": a malware family's name without its version. */
export function familyKey(name: string): string {
  return normaliseName(name.replace(/[\s_]+v?\d+(?:\.\d+)*\s*$/i, ''));
}

/**
 * The actor a piece of software is named after (ransomware families and their operators share a name: ATT&CK's
 * BlackCat lists ALPHV and Noberus). Returns the one actor whose name or alias equals one of the software's names
 * (versions ignored), with the reason, or undefined when none or several match.
 */
export function eponymousActor(softwareName: string, softwareAliases: readonly string[], actors: readonly ActorEntry[]): { id: string; reason: string } | undefined {
  const names = [softwareName, ...softwareAliases];
  const found: { id: string; reason: string }[] = [];
  for (const a of actors) {
    const theirs = new Set([...actorKeys([a.name, ...a.aliases])].flatMap((k) => [k, familyKey(k)]));
    const hit = names.find((n) => theirs.has(familyKey(n)) || theirs.has(normaliseName(n)));
    if (hit) {
      const own = hit === softwareName ? `its name "${hit}"` : `its alias "${hit}"`;
      const actorName = [a.name, ...a.aliases].find((x) => [normaliseName(x), familyKey(x)].some((k) => k === familyKey(hit) || k === normaliseName(hit))) ?? a.name;
      const theirsSay = normaliseName(actorName) === normaliseName(a.name) ? `the actor's name` : `the actor's alias "${actorName}"`;
      found.push({
        id: a.id,
        reason: `ATT&CK software "${softwareName}"${softwareAliases.length ? ` (aliases ${softwareAliases.join(', ')})` : ''}: ${own} is ${theirsSay} (${a.name}); ransomware operators go by their malware's name`,
      });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Products

/**
 * Keys of a product name with the vendor's own words taken off the front ("Ivanti Endpoint Manager Mobile (EPMM)"
 * by Ivanti → "endpoint manager mobile").
 */
export function productKeys(name: string, aliases: readonly string[], vendorNames: readonly string[]): Set<string> {
  const vendorTokens = new Set(vendorNames.flatMap((v) => nameTokens(v)));
  const keys = new Set<string>();
  for (const spelling of [name, ...aliases]) {
    // Parenthetical abbreviations ("(ASA)") are left out: "ASA" and "ASA and FTD" are different products.
    let tokens = nameTokens(withoutParentheses(spelling).outer);
    while (tokens.length > 1 && vendorTokens.has(tokens[0]!)) tokens = tokens.slice(1);
    const key = tokens.join(' ');
    if (key !== '') keys.add(key);
  }
  return keys;
}
