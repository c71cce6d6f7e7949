// One entity by its stable id, with its labels (the API never exposes Neo4j element ids).
// Parameters: $id (string).
MATCH (n:Entity {id: $id})
RETURN n { .*, labels: labels(n) } AS node
