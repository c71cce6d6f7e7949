// The entities within {{depth}} hops of one entity (breadth-first: each reached once, by a shortest path),
// and the relationships among them; bounded by $limit nodes. As of $asOf, only relationships valid then
// are followed and only incidents dated up to then are reached.
// @variants depth 1..3
// Parameters: $id (start entity id), $kinds (list of kinds or null: kinds allowed on the way and at the end),
// $asOf (ISO date string or null), $limit (max nodes besides the start), $maxEdges (max relationships).
//
// Breadth-first one level at a time with collected node sets (no paths): the work grows with what is reached.
// Of the nodes reached, the $limit nearest are kept (by hops, then id); a large neighbourhood (a vendor with
// tens of thousands of customers two hops away) is ranked in one id-ordered index pass, which holds no rows.
MATCH (start:Entity {id: $id})
WITH start, [start] AS f0, [start] AS seen0, [] AS levels0
// @repeat
CALL (f{{k-1}}, seen{{k-1}}) {
  UNWIND f{{k-1}} AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE NOT b IN seen{{k-1}}
    AND ($kinds IS NULL OR b.kind IN $kinds)
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
         AND (NOT b:Incident OR b.date IS NULL OR b.date <= $asOf)))
  WITH DISTINCT b
  RETURN collect(b) AS f{{k}}
}
// Collected, not concatenated: a nested lazy concatenation is re-measured for every row an operator holds.
CALL (seen{{k-1}}, f{{k}}) { UNWIND [seen{{k-1}}, f{{k}}] AS part UNWIND part AS n RETURN collect(n) AS seen{{k}} }
CALL (levels{{k-1}}, f{{k}}) { UNWIND [levels{{k-1}}, [f{{k}}]] AS part UNWIND part AS l RETURN collect(l) AS levels{{k}} }
// @end
WITH *, size(seen{{depth}}) - 1 AS reachable
OPTIONAL CALL (*) {
  // A small neighbourhood: sort it.
  WITH * WHERE reachable <= 1000
  UNWIND range(1, {{depth}}) AS hops
  UNWIND levels{{depth}}[hops - 1] AS m
  WITH hops, m ORDER BY hops, m.id LIMIT toInteger($limit)
  RETURN m, hops
  UNION ALL
  // A large one: walk the id index in order; each node reached falls into its level, in id order.
  WITH * WHERE reachable > 1000
  MATCH (m:Entity) WHERE m.id IS NOT NULL
  WITH *, null AS level0 ORDER BY m.id
  // @repeat
  WITH *, CASE WHEN level{{k-1}} IS NULL AND m IN f{{k}} THEN {{k}} ELSE level{{k-1}} END AS level{{k}}
  // @end
  WITH m, level{{depth}} AS hops WHERE level{{depth}} IS NOT NULL
  WITH hops, collect(m)[0..toInteger($limit)] AS members ORDER BY hops
  UNWIND members AS m
  WITH hops, m LIMIT toInteger($limit)
  RETURN m, hops
}
WITH start, reachable, collect(CASE WHEN m IS NOT NULL THEN { node: m, hops: hops } END) AS reached
WITH start, reachable, [start] + [x IN reached | x.node] AS kept, [{ node: start, hops: 0 }] + reached AS keptHops
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b)
  WHERE b IN kept
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  WITH r, a, b ORDER BY r.id
  LIMIT toInteger($maxEdges)
  RETURN collect(r { .*, type: type(r), source: a.id, target: b.id }) AS edges
}
CALL (keptHops) {
  UNWIND keptHops AS x
  WITH x.node AS n, x.hops AS hops
  RETURN collect(n { .*, labels: labels(n), hops: hops }) AS nodes
}
RETURN nodes, edges, reachable
