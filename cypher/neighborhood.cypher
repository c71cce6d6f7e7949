// The entities within {{depth}} hops of one entity (breadth-first: each reached once, by a shortest path),
// and the relationships among them; bounded by $limit nodes. As of $asOf, only relationships valid then
// are followed and only incidents dated up to then are reached.
// @variants depth 1..3
// @cache: answers are kept until the next write to the database (server/db/result-cache.ts).
// Parameters: $id (start entity id), $kinds (list of kinds or null: kinds allowed on the way and at the end),
// $asOf (ISO date string or null), $limit (max nodes besides the start), $maxEdges (max relationships).
//
// Breadth-first one level at a time with collected node sets (no paths): the work grows with what is reached.
// Of the nodes reached, the $limit nearest are kept (by hops, then id); a large level (a vendor's tens of
// thousands of customers) is read in id order from the index, which holds no rows and stops at $limit.
MATCH (start:Entity {id: $id})
// Whether any customer relationship is out of its validity at $asOf (two seeks in the relationship indexes of
// cypher/schema.cypher; cypher/blast-radius.cypher does the same). Usually none is: then customer relationships, most
// of what a vendor's neighbourhood crosses, skip reading their bounds.
WITH start, [start] AS f0, [start] AS seen0,
     $asOf IS NOT NULL AND (EXISTS { MATCH ()-[c:CUSTOMER_OF]->() WHERE c.validFrom > $asOf }
                            OR EXISTS { MATCH ()-[c:CUSTOMER_OF]->() WHERE c.validTo <= $asOf }) AS checkCustomers
// @repeat
CALL (f{{k-1}}, seen{{k-1}}, checkCustomers) {
  UNWIND f{{k-1}} AS a
  CALL (a, checkCustomers) {
    MATCH (a)-[r:!CUSTOMER_OF]-(b:Entity) RETURN r, b, true AS check
    UNION ALL
    // A customer relationship joins two organisations (never an incident, whose date would need a look).
    MATCH (a)-[r:CUSTOMER_OF]-(b:Entity) RETURN r, b, checkCustomers AS check
  }
  WITH r, b, check
  WHERE NOT b IN seen{{k-1}}
    // CASE, not "IS NULL OR …": with the OR form Neo4j still evaluates the parts on every row when the parameter is null.
    AND CASE WHEN $kinds IS NULL THEN true ELSE b.kind IN $kinds END
    AND CASE WHEN $asOf IS NULL OR NOT check THEN true
             ELSE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)
                  AND (NOT b:Incident OR b.date IS NULL OR b.date <= $asOf) END
  WITH DISTINCT b
  RETURN collect(b) AS f{{k}}
}
// Collected, not concatenated: a nested lazy concatenation is re-measured for every row an operator holds.
CALL (seen{{k-1}}, f{{k}}) { UNWIND [seen{{k-1}}, f{{k}}] AS part UNWIND part AS n RETURN collect(n) AS seen{{k}} }
// While everything reached is small, a level is sorted by id right away (a sort holds its rows, and Neo4j charges
// each held row with every list in scope, so later, beside large levels, it could cost gigabytes).
WITH *, size(seen{{k}}) <= 1000 AS small{{k}}
CALL (small{{k}}, f{{k}}) {
  UNWIND CASE WHEN small{{k}} THEN f{{k}} ELSE [] END AS m
  WITH m ORDER BY m.id
  RETURN collect(m) AS sorted{{k}}
}
// @end
WITH *, size(seen{{depth}}) - 1 AS reachable, [] AS page0
// The $limit nearest (by hops, then id), level by level while the page has room: a level sorted above is taken as
// it is; a larger one comes from a walk of the id index in order, which stops once it has found $limit of its nodes.
// @repeat
WITH *, size(page{{k-1}}) < toInteger($limit) AND NOT small{{k}} AS scan{{k}}
CALL (*) {
  // An UNWIND, not a WHERE: the planner would test a WHERE on every row of the scan instead of skipping it.
  UNWIND CASE WHEN scan{{k}} THEN [true] ELSE [] END AS go
  CALL (f{{k}}) {
    MATCH (m:Entity) WHERE m.id IS NOT NULL
    WITH * ORDER BY m.id
    WITH m WHERE m IN f{{k}}
    RETURN m LIMIT toInteger($limit)
  }
  RETURN collect(m) AS scanned{{k}}
}
WITH *, (page{{k-1}} + [m IN CASE WHEN small{{k}} THEN sorted{{k}} ELSE scanned{{k}} END | { node: m, hops: {{k}} }])[0..toInteger($limit)] AS page{{k}}
// @end
// An aggregation, not a plain WITH: it leaves the large level lists behind (the edge sort below holds rows, and
// rows that still carried them exhausted the transaction memory); [null] keeps one row when the page is empty.
UNWIND CASE WHEN size(page{{depth}}) = 0 THEN [null] ELSE page{{depth}} END AS x
WITH start, reachable, collect(x) AS reached
WITH start, reachable, [start] + [x IN reached | x.node] AS kept, [{ node: start, hops: 0 }] + reached AS keptHops
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b)
  WHERE b IN kept
    AND CASE WHEN $asOf IS NULL THEN true ELSE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf) END
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
