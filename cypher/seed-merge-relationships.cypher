// Merges a batch of seed relationships on their id between the two endpoint entities, then sets their properties.
// Parameters: $rows: list of {id: string, type: string, from: string, to: string, props: map}; type comes from the
// allow-list in server/seed/format.ts. Rows whose endpoints are missing match nothing; the caller compares the count.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r += row.props
RETURN count(r) AS count
