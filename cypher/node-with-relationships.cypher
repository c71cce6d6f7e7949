// node(id) with its relationships in one read: node.cypher and relationships-of.cypher for one entity, for the common
// `node(id) { … sources { … } relationships(…) { … } }` (one transaction and one round trip instead of two).
// Parameters: $id (string), $withSources (boolean), $types (list of relationship types or null for all),
// $direction ('OUT', 'IN' or 'BOTH'), $limit (cap on the relationships returned).
// No row when the entity does not exist.
MATCH (n:Entity {id: $id})
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
RETURN n { .*, labels: labels(n) } AS node,
  CASE WHEN $withSources
    THEN [s IN COLLECT { MATCH (s:Source) WHERE s.id IN n.sources RETURN s } | s { .*, labels: labels(s) }]
    ELSE []
  END AS sources,
  rels, total
