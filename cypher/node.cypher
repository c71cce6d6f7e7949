// node(id): one entity by its stable id with its labels and, when $withSources, the Source records it cites,
// so `node(id) { sources { … } }` needs no second round trip (the resolver primes its batch loader with them).
// Parameters: $id (string), $withSources (boolean).
MATCH (n:Entity {id: $id})
RETURN n { .*, labels: labels(n) } AS node,
  CASE WHEN $withSources
    THEN [s IN COLLECT { MATCH (s:Source) WHERE s.id IN n.sources RETURN s } | s { .*, labels: labels(s) }]
    ELSE []
  END AS sources
