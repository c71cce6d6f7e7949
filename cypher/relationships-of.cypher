// The relationships of several entities at once, each with the entity at the other end.
// Parameters: $ids (list of entity ids), $types (list of relationship types or null for all),
// $direction ('OUT', 'IN' or 'BOTH', seen from each entity), $limit (cap per entity).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = n))
  WITH r, m ORDER BY type(r), m.id, r.id
  LIMIT toInteger($limit)
  RETURN collect({
    rel: r { .*, type: type(r) },
    outgoing: startNode(r) = n,
    other: m { .*, labels: labels(m) }
  }) AS rels
}
CALL (n) {
  MATCH (n)-[r]-()
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = n))
  RETURN count(r) AS total
}
RETURN id, rels, total
