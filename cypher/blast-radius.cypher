// Who is exposed by an incident or a vendor, and why: organisations reached within {{maxHops}} hops along
// exposure edges, each with a shortest path that explains it (ties broken by the ids along the path), marked confirmed when one of the incidents
// names it as affected. Exposure flows from supplier to customer (vendor → product → user, vendor ←
// customer), across ownership (subsidiaries, acquired companies and the acquirer), and from a health
// system to its members. Organisations named as affected "via vendor" are reached through the supply
// chain when the graph knows it, otherwise through the incident that names them.
// @variants maxHops 1..4
// Parameters: $from (incident or vendor id), $asOf (ISO date or null), $supplier, $ownership, $membership
// (booleans: which exposure edges to follow), $limit (max organisations returned).
MATCH (origin:Entity {id: $from})
// The incidents whose victims count as confirmed: the origin itself, or the incidents that breached the origin.
CALL (origin) {
  OPTIONAL MATCH (origin)<-[:AFFECTED {role: 'breached_vendor'}]-(i:Incident)
  WHERE $asOf IS NULL OR i.date IS NULL OR i.date <= $asOf
  WITH origin, collect(DISTINCT i) AS breaches
  RETURN CASE WHEN origin:Incident THEN [origin] ELSE breaches END AS incidents
}
// Every path along exposure edges (relationships distinct within a path), then the shortest per
// organisation. Enumerating and grouping is ~100× faster here than ANY SHORTEST to all targets, whose
// per-step predicate evaluation dominated (3.5 s vs 38 ms for ~1,000 organisations; docs/performance.md).
CALL (origin) {
  OPTIONAL MATCH p = (origin) ((x)-[r:AFFECTED|CUSTOMER_OF|MAKES|USES|BUSINESS_ASSOCIATE_OF|ACQUIRED|PART_OF]-(y:Entity)
      WHERE ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
        AND (
          (type(r) = 'AFFECTED' AND x:Incident AND startNode(r) = x AND r.role <> 'affected_via_vendor')
          OR ($supplier AND (
               (type(r) = 'CUSTOMER_OF' AND endNode(r) = x)
            OR (type(r) = 'MAKES' AND startNode(r) = x)
            OR (type(r) = 'USES' AND endNode(r) = x)
            OR (type(r) = 'BUSINESS_ASSOCIATE_OF' AND startNode(r) = x)))
          OR ($ownership AND x:Vendor AND y:Organization AND (
               type(r) = 'ACQUIRED' OR (type(r) = 'PART_OF' AND (y:Vendor OR startNode(r) = x))))
          OR ($membership AND type(r) = 'PART_OF' AND endNode(r) = x AND NOT x:Vendor)
        )
    ){1,{{maxHops}}} (m:Organization)
  WHERE m <> origin
  WITH m, p WHERE m IS NOT NULL
  ORDER BY length(p), [n IN nodes(p) | n.id]
  WITH m, head(collect(p)) AS p
  RETURN collect({ m: m, nodes: nodes(p), rels: relationships(p) }) AS traversed
}
CALL (origin, incidents) {
  UNWIND incidents AS i
  MATCH (i)-[r:AFFECTED]->(m:Organization)
  WHERE m <> origin
  OPTIONAL MATCH (i)-[rb:AFFECTED {role: 'breached_vendor'}]->(origin)
  RETURN collect({
    m: m,
    nodes: CASE WHEN i = origin THEN [i, m] ELSE [origin, i, m] END,
    rels: CASE WHEN i = origin THEN [r] ELSE [rb, r] END
  }) AS named
}
WITH origin, incidents, traversed + [x IN named WHERE NOT x.m IN [t IN traversed | t.m]] AS candidates
UNWIND (CASE WHEN size(candidates) = 0 THEN [null] ELSE candidates END) AS c
WITH origin, incidents, c.m AS m, c
ORDER BY size(c.rels)
WITH origin, incidents, m, head(collect(c)) AS best
WITH origin, incidents, m, best,
     CASE WHEN m IS NULL THEN [] ELSE [i IN incidents WHERE EXISTS { (i)-[:AFFECTED]->(m) } | i.id] END AS namedBy
ORDER BY size(namedBy) > 0 DESC, size(best.rels), m.id
WITH origin, incidents, collect(CASE WHEN m IS NULL THEN null ELSE { m: m, best: best, namedBy: namedBy } END) AS hits
WITH origin, incidents, hits, size(hits) AS total, size([h IN hits WHERE size(h.namedBy) > 0]) AS confirmedTotal
// Summaries over everything reached, not only the page returned.
CALL (hits) {
  UNWIND hits AS h
  WITH coalesce(h.m.state, 'unknown') AS key, count(*) AS count ORDER BY count DESC, key
  RETURN collect({ key: key, count: count }) AS byState
}
CALL (hits) {
  UNWIND hits AS h
  WITH CASE WHEN h.m:Vendor THEN 'Vendor' WHEN h.m:Hospital THEN 'Hospital' WHEN h.m:HealthSystem THEN 'HealthSystem'
            WHEN h.m:HealthPlan THEN 'HealthPlan' ELSE 'Organization' END AS key, count(*) AS count
  ORDER BY count DESC, key
  RETURN collect({ key: key, count: count }) AS byKind
}
// One row: the origin and incidents once, and the page of hits as a list.
CALL (hits) {
  UNWIND hits[0..toInteger($limit)] AS hit
  WITH hit, hit.m AS m
  RETURN collect({
    node: m { .*, labels: labels(m) },
    hops: size(hit.best.rels),
    confirmed: size(hit.namedBy) > 0,
    namedBy: hit.namedBy,
    pathNodes: [n IN hit.best.nodes | n { .id, .name, .kind, labels: labels(n) }],
    pathEdges: [r IN hit.best.rels | r { .*, type: type(r), source: startNode(r).id, target: endNode(r).id }]
  }) AS page
}
RETURN origin { .*, labels: labels(origin) } AS origin,
       [i IN incidents | i { .*, labels: labels(i) }] AS incidents,
       total, confirmedTotal, byState, byKind, page
