import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../server/db/convert.ts';

describe('toPlain (driver values to JSON-safe values)', () => {
  it('passes primitives through and turns undefined into null', () => {
    expect(toPlain('a')).toBe('a');
    expect(toPlain(3)).toBe(3);
    expect(toPlain(true)).toBe(true);
    expect(toPlain(null)).toBeNull();
    expect(toPlain(undefined)).toBeNull();
    expect(toPlain(12n)).toBe(12);
  });

  it('converts integers, temporals, nodes and relationships nested in lists and maps', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity', 'Vendor'], { id: 'v', n: neo4j.int(7) }, 'e1');
    const rel = new neo4j.types.Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'MAKES', { since: new neo4j.types.Date(2020, 1, 2) }, 'r', 's', 'e');
    const value = {
      count: neo4j.int(42),
      when: new neo4j.types.DateTime(2024, 5, 6, 7, 8, 9, 0, 0),
      list: [neo4j.int(1), 'x', null, undefined, { deep: [neo4j.int(2)] }],
      node,
      rel,
      nothing: undefined,
    };
    expect(toPlain(value)).toEqual({
      count: 42,
      when: '2024-05-06T07:08:09Z',
      list: [1, 'x', null, null, { deep: [2] }],
      node: { id: 'v', n: 7 },
      rel: { since: '2020-01-02' },
      nothing: null,
    });
    // A node's own property map is left as the driver made it.
    expect(node.properties.n).toEqual(neo4j.int(7));
  });

  it('copies other class instances field by field and keeps null-prototype maps', () => {
    const point = new neo4j.types.Point(neo4j.int(4326), 1.5, 2.5);
    expect(toPlain(point)).toEqual({ srid: 4326, x: 1.5, y: 2.5, z: null });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: neo4j.int(1) });
    expect(toPlain(bare)).toEqual({ a: 1 });
  });
});
