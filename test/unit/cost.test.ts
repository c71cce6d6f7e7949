import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachedQueryCost, queryCost } from '../../server/http/cost.ts';

describe('query cost', () => {
  it('charges one per field', () => {
    expect(queryCost(parse('{ stats { nodes { key count } } }'))).toBe(4);
  });

  it('multiplies list fields by their size argument, literal or variable, or the default', () => {
    const literal = queryCost(parse('{ incidents(first: 50) { totalCount } }'));
    const variable = queryCost(parse('query($n: Int) { incidents(first: $n) { totalCount } }'), { n: 50 });
    const omitted = queryCost(parse('{ incidents { totalCount } }'));
    expect(literal).toBe(1 + 50);
    expect(variable).toBe(literal);
    expect(omitted).toBe(1 + 20);
  });

  it('clamps sizes to the allowed range so an out-of-range value is left to BAD_USER_INPUT', () => {
    expect(queryCost(parse('{ incidents(first: 100000) { totalCount } }'))).toBe(1 + 100);
  });

  it('makes nested relationship lists expensive', () => {
    const one = queryCost(parse('{ node(id: "x") { relationships(first: 500) { items { id } } } }'));
    const three = queryCost(parse('{ node(id: "x") { relationships(first: 500) { items { other { relationships(first: 500) { items { other { relationships(first: 500) { items { id } } } } } } } } } }'));
    expect(one).toBeLessThan(2000);
    expect(three).toBeGreaterThan(100_000_000);
  });

  it('follows fragments once, even recursive ones', () => {
    const q = parse('query { node(id: "x") { ...F } } fragment F on Vendor { id relationships(first: 10) { items { id } } }');
    expect(queryCost(q)).toBe(1 + 1 + 1 + 10 * 2);
  });

  it('caches per document and list sizes without mixing up variables or operations', () => {
    const doc = parse('query A($n: Int, $q: String) { incidents(first: $n) { totalCount } search(query: $q) { score } } query B { stats { nodes { key } } }');
    for (const n of [5, 50, 5, 'x', undefined, 1e9]) {
      for (const q of ['a', 'b']) {
        const vars = { n, q };
        expect(cachedQueryCost(doc, vars, 'A')).toBe(queryCost(doc, vars, 'A'));
        expect(cachedQueryCost(doc, vars, 'B')).toBe(queryCost(doc, vars, 'B'));
      }
    }
    expect(cachedQueryCost(doc, { n: 50 }, 'A')).toBe(1 + 50 + 1 + 10);
    expect(cachedQueryCost(doc, { n: 5 }, 'A')).toBe(1 + 5 + 1 + 10);
  });
});
