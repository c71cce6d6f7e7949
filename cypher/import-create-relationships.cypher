// Creates a batch of imported relationships with at least one end created by this import's transaction: such a
// relationship cannot exist yet (nobody else sees that node before the commit), so it is created without a merge.
// Parameters: $rows: list of {type: string, from: string, to: string, props: map}; type comes from the allow-list
//   in server/import/plan.ts and props hold exactly what import-merge-relationships.cypher would set on creation,
//   id included (createRelRow).
// Rows whose endpoints are missing match nothing: the caller compares count with the batch size and rolls back.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS count
