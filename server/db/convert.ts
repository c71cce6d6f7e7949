// Turns driver values (integers, temporals, nodes, relationships) into plain JSON-safe values at the boundary.
//
// This runs on every value of every record, so it is written for speed: strings, numbers and booleans return at
// once, and the driver's own lists and maps (fresh arrays and plain objects that belong to this result alone) are
// converted in place instead of copied. Only class instances (temporals, graph entities, lossless integers, points)
// take the slower checks.
import neo4j from 'neo4j-driver';

const OBJECT_PROTO = Object.prototype;

/** Whether a value needs converting at all: null stays null, other primitives but bigint pass through. */
function needsWork(v: unknown): boolean {
  return v === undefined || (v !== null && (typeof v === 'object' || typeof v === 'bigint'));
}

function convertArray(list: unknown[]): unknown[] {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (needsWork(v)) list[i] = toPlain(v);
  }
  return list;
}

function convertMap(map: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(map)) {
    const v = map[k];
    if (needsWork(v)) map[k] = toPlain(v);
  }
  return map;
}

function convertInstance(value: object): unknown {
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value as never) || neo4j.isRelationship(value as never)) {
    return toPlain({ ...(value as { properties: Record<string, unknown> }).properties });
  }
  // Anything else (a point, a path): a copy of its own enumerable fields, converted.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}

/**
 * The plain value of a driver value. Arrays and plain objects are converted in place and returned; pass only
 * values the driver handed over for this result (Db.read and Db.writeTx do), never shared structures.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type !== 'object') return type === 'bigint' ? Number(value) : value;
  if (Array.isArray(value)) return convertArray(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === OBJECT_PROTO || proto === null) return convertMap(value as Record<string, unknown>);
  return convertInstance(value as object);
}
