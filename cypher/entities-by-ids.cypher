// Entities by stable id, for batching nested fields (sources, endpoints) in one round trip per request.
// Parameters: $ids (list of strings).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n { .*, labels: labels(n) } AS node
