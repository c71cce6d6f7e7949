// Reads the seed files and checks them before anything touches the database: every problem names file, record, field.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATE_PRECISIONS,
  ENTITY_LABEL,
  JSON_SOURCE_KEYS,
  KIND_LABELS,
  NODE_KINDS,
  NODE_LABELS,
  NODE_REF_PROPS,
  ORGANIZATION_SUBTYPE_LABELS,
  RELATIONSHIP_TYPES,
  SOURCE_LIST_PROPS,
  isDateProp,
  isIsoDate,
  nodeFileFor,
  relationshipFileFor,
  type NodeKind,
  type Seed,
  type SeedNode,
  type SeedRelationship,
} from './format.ts';

export interface SeedProblem {
  /** Path of the file relative to the seed directory, e.g. `relationships/AFFECTED.json`. */
  file: string;
  /** The record's id (or `#index` when it has none). */
  id: string;
  /** The offending field, e.g. `from`, `props.sources`, `props.figuresJson[2].sources`. */
  field: string;
  message: string;
}

/** A seed file that cannot be read as JSON: names the file and the line. */
export class SeedReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    detail: string,
  ) {
    super(`seed: ${file}${line !== null ? `:${line}:${column ?? 1}` : ''}: ${detail}`);
    this.name = 'SeedReadError';
  }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** Offset of the first JSON syntax error in `text` (JSON.parse's own message may not give one). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
            i += k;
            fail();
          }
          i += 5;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++;
        else fail();
      } else if (ch < ' ') fail();
      else i++;
    }
    fail();
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
  return -1;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}

function parseFile(dir: string, file: string): unknown {
  const text = readFileSync(join(dir, file), 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, offset >= 0 ? offset : text.length);
    throw new SeedReadError(file, line, column, `invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
}

function readDir<T>(dir: string, sub: string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  const path = join(dir, sub);
  if (!existsSync(path)) return out;
  for (const name of readdirSync(path).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = `${sub}/${name}`;
    const data = parseFile(dir, file);
    if (!Array.isArray(data)) throw new SeedReadError(file, 1, 1, 'expected a JSON array of records');
    out[file] = data as T[];
  }
  return out;
}

/** Reads `<dir>/nodes/*.json` and `<dir>/relationships/*.json`; throws SeedReadError on unreadable JSON. */
export function readSeed(dir: string): Seed {
  if (!existsSync(join(dir, 'nodes'))) throw new SeedReadError('nodes/', null, null, `no seed found at ${dir} (missing nodes/ directory)`);
  return { nodes: readDir<SeedNode>(dir, 'nodes'), relationships: readDir<SeedRelationship>(dir, 'relationships') };
}

// ---------------------------------------------------------------------------------------------
// Validation.

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Why Neo4j cannot store `value` as a property, or null when it can. */
function unstorable(value: unknown): string | null {
  if (value === null || value === undefined) return 'null is not stored by Neo4j; omit the property';
  if (typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'not a finite number';
  if (Array.isArray(value)) {
    const kinds = new Set<string>();
    for (const item of value) {
      if (item === null || typeof item === 'object') return 'a list may hold only strings, numbers or booleans (no nulls, objects or lists); store it as a *Json string';
      kinds.add(typeof item);
    }
    return kinds.size > 1 ? `mixed list (${[...kinds].sort().join(', ')}); a list must hold one type` : null;
  }
  if (typeof value === 'object') return 'nested object; Neo4j cannot store it (store it as a *Json string property)';
  return `unsupported value type ${typeof value}`;
}

/** Why `value` is not an ISO `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD` date, or null when it is one. */
export function badDate(value: unknown): string | null {
  if (typeof value !== 'string') return `expected an ISO date string, got ${describe(value)}`;
  if (!isIsoDate(value)) return `"${value}" is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD)`;
  const parts = value.split('/');
  for (const part of parts) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(part);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return `"${value}" is not a calendar date`;
  }
  if (parts.length === 2 && (parts[0] as string) > (parts[1] as string)) return `"${value}" is a range that ends before it starts`;
  return null;
}

interface Index {
  nodes: Map<string, { file: string; node: SeedNode }>;
}

export function validateSeed(seed: Seed): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const add = (file: string, id: string, field: string, message: string): void => {
    problems.push({ file, id, field, message });
  };
  const index: Index = { nodes: new Map() };

  // Pass 1: node shapes, ids, labels.
  for (const [file, records] of Object.entries(seed.nodes)) {
    records.forEach((raw, i) => {
      const rec = raw as unknown;
      if (!isObject(rec)) return add(file, `#${i}`, '', 'record is not an object');
      const id = typeof rec.id === 'string' && rec.id !== '' ? rec.id : null;
      const rid = id ?? `#${i}`;
      if (!id) add(file, rid, 'id', 'missing or empty id');
      if (!Array.isArray(rec.labels) || rec.labels.some((l) => typeof l !== 'string')) add(file, rid, 'labels', 'labels must be a list of strings');
      if (!isObject(rec.props)) add(file, rid, 'props', 'props must be an object');
      if (!id || !Array.isArray(rec.labels) || !isObject(rec.props)) return;
      const prior = index.nodes.get(id);
      if (prior) add(file, id, 'id', `duplicate id (also in ${prior.file})`);
      else index.nodes.set(id, { file, node: rec as unknown as SeedNode });
    });
  }

  const nodeSources = (id: string): { ok: boolean; why: string } => {
    const entry = index.nodes.get(id);
    if (!entry) return { ok: false, why: `unknown reference "${id}" (no such node)` };
    if (!entry.node.labels.includes('Source')) return { ok: false, why: `"${id}" is not a Source node` };
    const { url, dataset } = entry.node.props;
    if ((typeof url !== 'string' || url === '') && (typeof dataset !== 'string' || dataset === '')) {
      return { ok: false, why: `source "${id}" has neither a url nor a dataset` };
    }
    return { ok: true, why: '' };
  };

  /** Checks the props shared by nodes and relationships: storable values, dates, source and node references, *Json. */
  const checkProps = (file: string, id: string, props: Record<string, unknown>): void => {
    const own = Array.isArray(props.sources) ? (props.sources as unknown[]) : [];
    for (const [key, value] of Object.entries(props)) {
      const field = `props.${key}`;
      if (key === 'id') {
        add(file, id, field, 'props must not repeat id (the record id is the node/relationship id)');
        continue;
      }
      const why = unstorable(value);
      if (why) {
        add(file, id, field, why);
        continue;
      }
      if (isDateProp(key)) {
        const bad = badDate(value);
        if (bad) add(file, id, field, bad);
      }
      if ((SOURCE_LIST_PROPS as readonly string[]).includes(key) || /Sources$/.test(key)) {
        if (!Array.isArray(value)) add(file, id, field, 'expected a list of source ids');
        else
          for (const s of value) {
            const res = nodeSources(String(s));
            if (!res.ok) add(file, id, field, res.why);
            else if (key !== 'sources' && !own.includes(s)) add(file, id, field, `source "${String(s)}" is not in the record's sources`);
          }
      }
      if ((NODE_REF_PROPS as readonly string[]).includes(key)) {
        for (const ref of Array.isArray(value) ? value : [value]) {
          if (!index.nodes.has(String(ref))) add(file, id, field, `unknown reference "${String(ref)}" (no such node)`);
        }
      }
      if (key.endsWith('Json')) {
        if (typeof value !== 'string') {
          add(file, id, field, 'a *Json property must be a JSON string');
          continue;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch (err) {
          add(file, id, field, `not valid JSON: ${(err as Error).message}`);
          continue;
        }
        checkJson(file, id, field, parsed, own);
      }
    }
  };

  const checkJson = (file: string, id: string, path: string, value: unknown, own: unknown[]): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => checkJson(file, id, `${path}[${i}]`, v, own));
      return;
    }
    if (!isObject(value)) return;
    if ('value' in value && typeof value.precision === 'string' && (DATE_PRECISIONS as readonly string[]).includes(value.precision)) {
      const bad = badDate(value.value);
      if (bad) add(file, id, `${path}.value`, bad);
    }
    for (const [k, v] of Object.entries(value)) {
      const sub = `${path}.${k}`;
      if ((JSON_SOURCE_KEYS as readonly string[]).includes(k)) {
        for (const s of Array.isArray(v) ? v : [v]) {
          const res = nodeSources(String(s));
          if (!res.ok) add(file, id, sub, res.why);
          else if (!own.includes(s)) add(file, id, sub, `source "${String(s)}" is not in the record's sources`);
        }
      } else if (k === 'asOf' && v !== null) {
        const bad = badDate(v);
        if (bad) add(file, id, sub, bad);
      } else checkJson(file, id, sub, v, own);
    }
  };

  // Pass 2: node labels, kind, props.
  for (const [file, records] of Object.entries(seed.nodes)) {
    for (const raw of records) {
      const rec = raw as unknown;
      if (!isObject(rec) || typeof rec.id !== 'string' || !Array.isArray(rec.labels) || !isObject(rec.props)) continue;
      const { id } = rec;
      const labels = rec.labels as string[];
      const props = rec.props;
      for (const l of labels) if (!NODE_LABELS.includes(l)) add(file, id, 'labels', `unknown label "${l}"`);
      if (!labels.includes(ENTITY_LABEL)) add(file, id, 'labels', `every node needs the label ${ENTITY_LABEL}`);
      const kind = props.kind;
      if (typeof kind !== 'string' || !(NODE_KINDS as readonly string[]).includes(kind)) {
        add(file, id, 'props.kind', `unknown kind ${describe(kind)} (one of ${NODE_KINDS.join(', ')})`);
      } else {
        const expected = KIND_LABELS[kind as NodeKind];
        for (const l of expected) if (!labels.includes(l)) add(file, id, 'labels', `a ${kind} node needs the label ${l}`);
        const allowed = new Set<string>([ENTITY_LABEL, ...expected, ...(kind === 'ORGANIZATION' ? ORGANIZATION_SUBTYPE_LABELS : [])]);
        for (const l of labels) if (NODE_LABELS.includes(l) && !allowed.has(l)) add(file, id, 'labels', `label "${l}" does not fit a ${kind} node`);
        if (file !== nodeFileFor(kind as NodeKind)) add(file, id, 'props.kind', `a ${kind} node belongs in ${nodeFileFor(kind as NodeKind)}`);
      }
      if (typeof props.name !== 'string' || props.name === '') add(file, id, 'props.name', 'missing name');
      if (kind !== 'SOURCE') {
        if (!Array.isArray(props.sources) || props.sources.length === 0) add(file, id, 'props.sources', 'no source: every node but a Source needs at least one source id');
      } else {
        const res = nodeSources(id);
        if (!res.ok) add(file, id, 'props.url', res.why);
      }
      checkProps(file, id, props);
    }
  }

  // Relationships.
  const relIds = new Map<string, string>();
  for (const [file, records] of Object.entries(seed.relationships)) {
    records.forEach((raw, i) => {
      const rec = raw as unknown;
      if (!isObject(rec)) return add(file, `#${i}`, '', 'record is not an object');
      const id = typeof rec.id === 'string' && rec.id !== '' ? rec.id : null;
      const rid = id ?? `#${i}`;
      if (!id) add(file, rid, 'id', 'missing or empty id');
      else if (relIds.has(id)) add(file, id, 'id', `duplicate id (also in ${relIds.get(id) as string})`);
      else relIds.set(id, file);
      const type = rec.type;
      const spec = typeof type === 'string' ? RELATIONSHIP_TYPES[type] : undefined;
      if (!spec) add(file, rid, 'type', `unknown relationship type ${describe(type)}`);
      else if (file !== relationshipFileFor(type as string)) add(file, rid, 'type', `a ${String(type)} relationship belongs in ${relationshipFileFor(type as string)}`);
      for (const end of ['from', 'to'] as const) {
        const ref = rec[end];
        if (typeof ref !== 'string' || ref === '') {
          add(file, rid, end, `missing ${end}`);
          continue;
        }
        const target = index.nodes.get(ref);
        if (!target) add(file, rid, end, `unknown reference "${ref}" (no such node)`);
        else if (spec && !target.node.labels.includes(spec[end])) {
          add(file, rid, end, `"${ref}" is not a ${spec[end]} (labels ${target.node.labels.join(':')}); ${String(type)} goes (:${spec.from})->(:${spec.to})`);
        }
      }
      if (!isObject(rec.props)) {
        add(file, rid, 'props', 'props must be an object (with sources and confidence)');
        return;
      }
      const props = rec.props;
      if (!Array.isArray(props.sources) || props.sources.length === 0) add(file, rid, 'props.sources', 'relationship has no source');
      if (typeof props.confidence !== 'string' || props.confidence === '') add(file, rid, 'props.confidence', 'missing confidence');
      checkProps(file, rid, props);
    });
  }
  return problems;
}

/** One line per problem, for humans; at most `limit` lines plus a count of the rest. */
export function formatProblems(problems: SeedProblem[], limit = 50): string {
  const lines = problems.slice(0, limit).map((p) => `  ${p.file}  ${p.id}${p.field ? `  ${p.field}` : ''}: ${p.message}`);
  if (problems.length > limit) lines.push(`  ... and ${problems.length - limit} more`);
  return lines.join('\n');
}
