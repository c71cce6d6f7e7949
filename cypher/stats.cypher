// Counts of nodes by label and relationships by type, read from Neo4j's count store (no graph scan).
// Parameters: none.
CALL () {
  CALL db.labels() YIELD label
  CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count }
  RETURN collect({ key: label, count: count }) AS nodes
}
CALL () {
  CALL db.relationshipTypes() YIELD relationshipType AS type
  CALL (type) { MATCH ()-[r:$(type)]->() RETURN count(r) AS count }
  RETURN collect({ key: type, count: count }) AS relationships
}
RETURN nodes, relationships
