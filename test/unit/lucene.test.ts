import { describe, expect, it } from 'vitest';
import { escapeLucene, luceneQuery, searchWords } from '../../server/model/lucene.ts';

describe('search query building', () => {
  it('keeps only words: no Lucene syntax survives', () => {
    expect(searchWords('AT&T (')).toEqual(['at', 't']);
    expect(searchWords('name:* OR "x"~2')).toEqual(['name', 'or', 'x', '2']);
    expect(searchWords('Hôpital Saint-Éloi')).toEqual(['hopital', 'saint', 'eloi']);
    expect(luceneQuery('\\ * ~ " ( )')).toBeNull();
    expect(luceneQuery('')).toBeNull();
  });

  it('matches each word exactly, as a prefix and with a typo, and boosts the phrase', () => {
    const q = luceneQuery('Oracle Health')!;
    expect(q).toContain('+(oracle^3 oracle* oracle~1)');
    expect(q).toContain('+(health^3 health* health~1)');
    expect(q).toContain('"oracle health"^4');
  });

  it('makes stop words optional and one-letter words exact', () => {
    expect(luceneQuery('the cerner')).toBe('(the^3 the*) +(cerner^3 cerner* cerner~1) "the cerner"^4');
    expect(luceneQuery('t')).toBe('+(t)');
  });

  it('escapes every special character', () => {
    expect(escapeLucene('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t')).toBe('a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t');
  });
});
