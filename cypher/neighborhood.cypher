// The entities within {{depth}} hops of one entity (breadth-first: each reached once, by a shortest path),
// and the relationships among them; bounded by $limit nodes. As of $asOf, only relationships valid then
// are followed and only incidents dated up to then are reached.
// @variants depth 1..3
// Parameters: $id (start entity id), $kinds (list of kinds or null: kinds allowed on the way and at the end),
// $asOf (ISO date string or null), $limit (max nodes besides the start), $maxEdges (max relationships).
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH p = ANY SHORTEST (start) ((a)-[r]-(b:Entity)
      WHERE ($kinds IS NULL OR b.kind IN $kinds)
        AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
             AND (NOT b:Incident OR b.date IS NULL OR b.date <= $asOf)))
    ){1,{{depth}}} (m:Entity)
  WHERE m <> start
  WITH m, min(length(p)) AS hops
  ORDER BY hops, m.id
  RETURN collect({ node: m, hops: hops }) AS reached
}
WITH start, reached, size(reached) AS reachable
WITH start, reachable, [start] + [x IN reached[0..toInteger($limit)] | x.node] AS kept,
     [{ node: start, hops: 0 }] + reached[0..toInteger($limit)] AS keptHops
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
