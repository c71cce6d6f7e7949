// A cheap fingerprint of the graph (entity and relationship counts, from the count store): an import plans against
// what it read, and checks inside its write transaction that nothing was added meanwhile.
// Parameters: none.
CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
