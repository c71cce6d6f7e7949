// Bearer-token check for writes: constant-time comparison of digests, and the token never leaves this module.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Auth } from '../resolvers/context.ts';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function authOf(request: Request, apiToken: string | undefined): Auth {
  if (apiToken === undefined) return { writesEnabled: false, authorized: false, actor: 'anonymous' };
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // Comparing fixed-length digests keeps the time independent of where the strings differ.
  const authorized = match !== null && timingSafeEqual(digest(match[1]!), digest(apiToken));
  return { writesEnabled: true, authorized, actor: authorized ? 'api-token' : 'anonymous' };
}
