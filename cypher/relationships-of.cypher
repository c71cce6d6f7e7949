// The relationships of several entities at once, each with the entity at the other end.
// Parameters: $ids (list of entity ids), $types (list of relationship types or null for all), $limit (cap per entity).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE $types IS NULL OR type(r) IN $types
  WITH r, m ORDER BY type(r), m.id
  LIMIT toInteger($limit)
  RETURN collect({
    rel: r { .*, type: type(r) },
    outgoing: startNode(r) = n,
    other: m { .*, labels: labels(m) }
  }) AS rels
}
CALL (n) {
  MATCH (n)-[r]-()
  WHERE $types IS NULL OR type(r) IN $types
  RETURN count(r) AS total
}
RETURN id, rels, total
