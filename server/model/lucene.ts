// Turns any user string into a safe full-text query: words only (no Lucene syntax survives), each word
// matched exactly, as a prefix and with one typo, and the whole phrase boosted.

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'in', 'is', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Lower-case, accent-free words of letters and digits (what the standard-folding analyzer indexes). */
export function searchWords(input: string): string[] {
  return input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12)
    .map((w) => w.slice(0, 64));
}

/** Escapes every character Lucene's query parser treats as syntax (defence in depth: words hold none). */
export function escapeLucene(term: string): string {
  return term.replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, '\\$&');
}

/**
 * The Lucene query for `input`, or null when it has no searchable word. Every significant word is
 * required (`+`), matched exactly (boosted), as a prefix, and fuzzily when long enough to allow a typo.
 */
export function luceneQuery(input: string): string | null {
  const words = searchWords(input);
  if (words.length === 0) return null;
  const significant = words.filter((w) => !STOP_WORDS.has(w));
  const clauses = words.map((w) => {
    const t = escapeLucene(w);
    // A one-letter prefix would match half the index; such words only match exactly.
    const alternatives = w.length >= 2 ? [`${t}^3`, `${t}*`] : [t];
    if (w.length >= 4) alternatives.push(`${t}~1`);
    const required = significant.length > 0 && !STOP_WORDS.has(w);
    return `${required ? '+' : ''}(${alternatives.join(' ')})`;
  });
  if (words.length > 1) clauses.push(`"${words.map(escapeLucene).join(' ')}"^4`);
  return clauses.join(' ');
}
