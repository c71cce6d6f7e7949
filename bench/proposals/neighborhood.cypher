// PROPOSED replacement for cypher/neighborhood.cypher (docs/performance.md, bench/check-proposals.ts): same
// parameters and row; only the edge cut changes (sort then slice instead of ORDER BY … LIMIT).
// base: cypher/neighborhood.cypher sha256 bb0344c5a32318be (the file this rewrites; bench refuses a proposal whose base changed)
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
  // Sort, then cut the collected list: ORDER BY … LIMIT (a Top) counts the memory of the imported `kept` list once
  // per buffered row, which exhausts the transaction memory pool (docs/performance.md); a plain sort does not.
  WITH r, a, b ORDER BY r.id
  RETURN collect(r { .*, type: type(r), source: a.id, target: b.id })[0..toInteger($maxEdges)] AS edges
}
CALL (keptHops) {
  UNWIND keptHops AS x
  WITH x.node AS n, x.hops AS hops
  RETURN collect(n { .*, labels: labels(n), hops: hops }) AS nodes
}
RETURN nodes, edges, reachable
