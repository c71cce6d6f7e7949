// Creates a batch of imported relationships with at least one end created by this import's transaction: such a
// relationship cannot exist yet (nobody else sees that node before the commit), so it is created without a merge.
// Parameters: $type (string, from the allow-list in server/import/plan.ts); $shared (map: the property values every
//   relationship of the batch has); $rows (list of {from: string, to: string, props: map}: the ends' ids and the
//   other properties, the id included). Together they are exactly what import-merge-relationships.cypher would set
//   on creation (createdRelProps).
// Rows whose endpoints are missing match nothing: the caller compares count with the batch size and rolls back.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$($type)]->(b)
SET r = row.props, r += $shared
RETURN count(r) AS count
