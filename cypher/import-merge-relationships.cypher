// Merges a batch of imported relationships on their id between two existing entities and counts what happened.
// Parameters: $rows: list of {id: string, type: string, from: string, to: string, create: map, set: map,
//   union: map of lists}; type comes from the allow-list in server/import/plan.ts. create is applied only when the
//   relationship is new, set always, and every list in union is extended with the values it lacks (sources…).
// Rows whose endpoints are missing match nothing: the caller compares count with the batch size and rolls back.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old]->(b) WHERE old.id = row.id
WITH row, a, b, properties(old) AS before
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
ON CREATE SET r += row.create
SET r += row.set
FOREACH (k IN keys(row.union) |
  SET r[k] = coalesce(r[k], []) + [x IN row.union[k] WHERE NOT x IN coalesce(r[k], [])]
)
WITH r, before
RETURN count(r) AS count,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> properties(r) THEN 1 ELSE 0 END) AS updated
