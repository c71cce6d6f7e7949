// Creates a batch of imported nodes that do not exist yet (import-read-existing said so, inside the same write
// transaction): the fast path of an import, one CREATE per row, no merge and no before/after comparison.
// Parameters: $labels (list<string>: the batch's labels, from the allow-list in server/import/plan.ts, Entity
//   included); $shared (map: the property values every node of the batch has); $rows (list of maps: each node's
//   other properties, its id included). Together they are exactly what import-merge-nodes.cypher would set on
//   creation (createdNodeProps). The entity_id constraint still guards against a duplicate id.
// Returns count (the caller compares it with the batch size).
UNWIND $rows AS props
CREATE (n:$($labels))
SET n = props, n += $shared
RETURN count(n) AS count
