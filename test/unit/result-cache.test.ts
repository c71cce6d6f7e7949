// The result cache on its own: least-recently-used eviction by estimated bytes, frozen answers, one read for
// concurrent identical requests. (Invalidation by bookmark needs a database: test/integration/result-cache.test.ts.)
import { describe, expect, it } from 'vitest';
import { deepFreeze, ResultCache } from '../../server/db/result-cache.ts';

const rows = (n: number, text = 'x') => Array.from({ length: n }, (_, i) => ({ id: `${text}-${i}`, list: [i, { deep: text }] }));

describe('ResultCache', () => {
  it('estimates bytes from strings, slots and keys, and freezes every level', () => {
    const value = { a: 'abcd', list: [1, { b: 'xy' }] };
    const small = deepFreeze({ a: 'a' });
    const bytes = deepFreeze(value);
    expect(bytes).toBeGreaterThan(small);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.list)).toBe(true);
    expect(Object.isFrozen(value.list[1])).toBe(true);
    expect(() => {
      'use strict';
      (value.list[1] as { b: string }).b = 'changed';
    }).toThrow(TypeError);
  });

  it('serves what it stored under the same key only, and counts hits', () => {
    const cache = new ResultCache(1024 * 1024);
    const key = ResultCache.key('blast-radius@3', { from: 'v' }, 'FB:1');
    cache.set(key, rows(3));
    expect(cache.get(key)).toEqual(rows(3));
    expect(cache.get(ResultCache.key('blast-radius@3', { from: 'v' }, 'FB:2'))).toBeUndefined();
    expect(cache.get(ResultCache.key('blast-radius@3', { from: 'w' }, 'FB:1'))).toBeUndefined();
    expect(cache.get(ResultCache.key('blast-radius@2', { from: 'v' }, 'FB:1'))).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, entries: 1 });
  });

  it('evicts the least recently used answers when over its bytes, and never stores one larger than a quarter', () => {
    const one = deepFreeze(rows(10, 'a'));
    const cache = new ResultCache(one * 4.5);
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, rows(10, 'a'));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    cache.set('e', rows(10, 'a'));
    expect(cache.get('b')).toBeUndefined();
    for (const k of ['a', 'c', 'd', 'e']) expect(cache.get(k)).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(one * 4.5);
    cache.set('huge', rows(20, 'a'));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.stats().entries).toBe(4);
  });

  it('runs one read for concurrent callers of the same key, and a new one after it settled', async () => {
    const cache = new ResultCache(1024 * 1024);
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 20));
      return rows(1);
    };
    const answers = await Promise.all([cache.once('k', read), cache.once('k', read), cache.once('k', read), cache.once('other', read)]);
    expect(reads).toBe(2);
    expect(answers[0]).toBe(answers[1]);
    expect(cache.stats()).toMatchObject({ misses: 2, joined: 2 });
    await cache.once('k', read);
    expect(reads).toBe(3);
  });

  it('does not keep a failed read: the next caller tries again', async () => {
    const cache = new ResultCache(1024 * 1024);
    await expect(cache.once('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(cache.once('k', async () => [])).resolves.toEqual([]);
  });
});
