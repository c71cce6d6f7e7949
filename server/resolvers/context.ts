// What every resolver gets: the database and per-request batch loaders (so nested fields never query N+1).
import type { Db, Row } from '../db/db.ts';
import { BatchLoader } from '../db/batch.ts';

export interface EntityRow extends Row {
  id: string;
  labels: string[];
  name?: string;
}

export interface RelationshipRow {
  rel: Row & { id: string; type: string };
  from: EntityRow;
  to: EntityRow;
  /** The entity this relationship was reached from, if any. */
  viewerId?: string;
}

export interface RelationshipsPage {
  items: RelationshipRow[];
  totalCount: number;
}

/** Who is asking: whether writes are enabled on this server and whether this request may write. */
export interface Auth {
  writesEnabled: boolean;
  authorized: boolean;
  /** A label for the edit log; never the token itself. */
  actor: string;
}

export const READ_ONLY: Auth = { writesEnabled: false, authorized: false, actor: 'anonymous' };

export interface Context {
  db: Db;
  auth: Auth;
  /** Relationship items this request may still resolve (nested relationship lists multiply). */
  budget: { remaining: number; max: number };
  entities: BatchLoader<string, EntityRow>;
  relationships: BatchLoader<string, RelationshipsPage>;
}

/** What cypher/relationships-of.cypher (and node-with-relationships.cypher) return for one entity. */
export interface RelsFields {
  total: number;
  rels: { rel: RelationshipRow['rel']; outgoing: boolean; other: EntityRow }[];
}

interface RelsRecord extends Row, RelsFields {
  id: string;
}

/** The page of relationships of entity `id`, each seen from it. */
export function relationshipsPage(id: string, { rels, total }: RelsFields): RelationshipsPage {
  const self = { id, labels: [] } as EntityRow;
  const items = rels.map((r) => ({
    rel: r.rel,
    from: r.outgoing ? self : r.other,
    to: r.outgoing ? r.other : self,
    viewerId: id,
  }));
  return { items, totalCount: total };
}

export type Direction = 'OUT' | 'IN' | 'BOTH';

/** Key for the relationships loader: same types, direction and cap batch together. */
export function relationshipsKey(id: string, types: string[] | null, direction: Direction, limit: number): string {
  return JSON.stringify([id, types, direction, limit]);
}

export function createContext(db: Db, auth: Auth = READ_ONLY, maxItems = 10_000): Context {
  const entities = new BatchLoader<string, EntityRow>(async (ids) => {
    const rows = await db.read<{ node: EntityRow }>('entities-by-ids', { ids });
    return new Map(rows.map((r) => [r.node.id, r.node]));
  });

  const relationships = new BatchLoader<string, RelationshipsPage>(async (keys) => {
    // Group keys by (types, limit) so each group is one query.
    const groups = new Map<string, { types: string[] | null; direction: Direction; limit: number; ids: string[] }>();
    for (const key of keys) {
      const [id, types, direction, limit] = JSON.parse(key) as [string, string[] | null, Direction, number];
      const g = JSON.stringify([types, direction, limit]);
      const group = groups.get(g) ?? { types, direction, limit, ids: [] };
      group.ids.push(id);
      groups.set(g, group);
    }
    const out = new Map<string, RelationshipsPage>();
    for (const { types, direction, limit, ids } of groups.values()) {
      const rows = await db.read<RelsRecord>('relationships-of', { ids, types, direction, limit });
      for (const row of rows) out.set(relationshipsKey(row.id, types, direction, limit), relationshipsPage(row.id, row));
    }
    return out;
  });

  return { db, auth, budget: { remaining: maxItems, max: maxItems }, entities, relationships };
}
