// Merges a batch of seed nodes on (:Entity {id}) (the entity_id constraint's index), then sets their properties and labels.
// Parameters: $rows: list of {id: string, labels: list<string>, props: map}; labels come from the allow-list in server/seed/format.ts.
// Idempotent: a second run with the same rows changes nothing.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props
SET n:$(row.labels)
RETURN count(n) AS count
