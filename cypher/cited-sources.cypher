// @cache
// The sources a blast radius answer cites (its path edges' and its incidents' figures'), by id, for its citations:
// entities-by-ids, but kept in the result cache, so a repeated blast radius (itself cached) reads nothing from
// Neo4j for them either. Cached by the exact list: the resolver sends it sorted.
// Parameters: $ids (list of strings).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n { .*, labels: labels(n) } AS node
