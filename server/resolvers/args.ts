// Argument checks and keyset cursors shared by the root resolvers: out-of-range values get BAD_USER_INPUT
// naming the allowed range.
import { codedError } from '../db/errors.ts';

export function intInRange(argument: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw codedError('BAD_USER_INPUT', `${argument} must be between ${min} and ${max}; got ${v}`, { argument, min, max });
  }
  return v;
}

export const MAX_ID_LENGTH = 512;

export function checkId(id: string, argument = 'id'): string {
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw codedError('BAD_USER_INPUT', `${argument} must be 1 to ${MAX_ID_LENGTH} characters long`, { argument });
  }
  return id;
}

/** A keyset cursor: the sort key and id of the last item, bound to the ordering it was made for. */
export interface Cursor {
  order: string;
  key: number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.order, c.key, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, order: string): Cursor | null {
  if (cursor === null || cursor === undefined) return null;
  const bad = () => codedError('BAD_USER_INPUT', 'after is not a cursor this query returned (cursors are opaque; pass pageInfo.endCursor)', { argument: 'after' });
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [o, key, id] = parsed as unknown[];
  if (typeof o !== 'string' || typeof key !== 'number' || !Number.isFinite(key) || typeof id !== 'string') throw bad();
  if (o !== order) {
    throw codedError('BAD_USER_INPUT', `after was made for another ordering (${o}); page again from the start with orderBy ${order}`, { argument: 'after' });
  }
  return { order: o, key, id };
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Pads a Date argument to a full day so it compares with stored YYYY-MM-DD strings (end of period for "to"). */
export function dayOf(date: string | null | undefined, end = false): string | null {
  if (date === null || date === undefined) return null;
  if (!DATE.test(date)) throw codedError('BAD_USER_INPUT', `dates must be YYYY, YYYY-MM or YYYY-MM-DD; got ${date.slice(0, 40)}`);
  if (date.length === 10) return date;
  if (date.length === 7) return end ? `${date}-31` : `${date}-01`;
  return end ? `${date}-12-31` : `${date}-01-01`;
}

/**
 * The date a traversal is evaluated at: the one asked for, else today, so relationships that have ended
 * (a parent link closed by a later sale) are not followed "as of now".
 */
export function asOfDay(date: string | null | undefined, today: Date = new Date()): string {
  return dayOf(date, true) ?? today.toISOString().slice(0, 10);
}
