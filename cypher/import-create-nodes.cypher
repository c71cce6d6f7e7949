// Creates a batch of imported nodes that do not exist yet (import-read-existing said so, inside the same write
// transaction): the fast path of an import, one CREATE per row, no merge and no before/after comparison.
// Parameters: $rows: list of {labels: list<string>, props: map}; labels come from the allow-list in
//   server/import/plan.ts (always with Entity) and props hold exactly what import-merge-nodes.cypher would set on
//   creation, id included (createNodeRow). The entity_id constraint still guards against a duplicate id.
// Returns count (the caller compares it with the batch size).
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN count(n) AS count
