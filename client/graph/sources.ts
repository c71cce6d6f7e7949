// Resolves source ids (as edges and entities carry them) to citable sources, in batches, cached for the session.
import { graphql } from '../api.ts';
import type { ApiSource } from './queries.ts';

const cache = new Map<string, ApiSource>();
// The server allows a limited number of aliases per request (MAX_ALIASES, 15 by default).
const BATCH = 12;

export function cachedSource(id: string): ApiSource | undefined {
  return cache.get(id);
}

/** Remembers sources the client already received in full (details, paths, figures). */
export function rememberSources(sources: ApiSource[]): void {
  for (const s of sources) cache.set(s.id, s);
}

export async function resolveSources(ids: Iterable<string>): Promise<Map<string, ApiSource>> {
  const wanted = [...new Set(ids)];
  const missing = wanted.filter((id) => !cache.has(id));
  for (let i = 0; i < missing.length; i += BATCH) {
    const chunk = missing.slice(i, i + BATCH);
    const query = `query Sources {\n${chunk.map((id, k) => `  s${k}: node(id: ${JSON.stringify(id)}) { id name ... on Source { title publisher date url } }`).join('\n')}\n}`;
    const data = await graphql<Record<string, { id: string; name: string; title?: string | null; publisher?: string | null; date?: string | null; url?: string | null } | null>>(query);
    chunk.forEach((id, k) => {
      const s = data[`s${k}`];
      cache.set(id, s ? { id, title: s.title ?? s.name, publisher: s.publisher ?? null, date: s.date ?? null, url: s.url ?? null } : { id, title: null, publisher: null, date: null, url: null });
    });
  }
  return new Map(wanted.map((id) => [id, cache.get(id)!]));
}

/** "Publisher, title (date) url", the way captions and CSV cells cite a source. */
export function citation(s: ApiSource): string {
  const head = [s.publisher, s.title ? `“${s.title}”` : null].filter(Boolean).join(', ') || s.id;
  return `${head}${s.date ? ` (${s.date})` : ''}${s.url ? ` ${s.url}` : ''}`;
}
