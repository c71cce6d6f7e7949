// PROPOSED replacement for cypher/blast-radius.cypher (docs/performance.md, bench/check-proposals.ts): same parameters,
// same single row, same organisations, hops, paths (ties by ids), confirmed; namedBy ordered by incident id.
// base: cypher/blast-radius.cypher sha256 6eb3a8e8b3aa4453 (the file this rewrites; bench refuses a proposal whose base changed)
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
// Breadth-first along the exposure edges, one level per hop: typed, directed expansions from the nodes first reached
// at the previous level to nodes not reached before. Each node keeps one shortest path, the one whose ids come first
// (as ORDER BY length(p), [n IN nodes(p) | n.id] would pick). Unlike a quantified path pattern whose predicates
// compare r with x (startNode(r) = x), typed directed expansions need no per-step predicate evaluation and
// never enumerate alternative paths to the same node.
WITH origin, incidents, [{ n: origin, nodes: [origin], rels: [] }] AS f0, [origin] AS seen0
CALL (f0, seen0) {
  UNWIND (CASE WHEN {{maxHops}} >= 1 THEN f0 ELSE [] END) AS f
  WITH f, f.n AS x
    CALL (x) {
      MATCH (x)<-[r:CUSTOMER_OF]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:MAKES]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)<-[r:USES]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:BUSINESS_ASSOCIATE_OF]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x:Incident)-[r:AFFECTED]->(y) WHERE r.role <> 'affected_via_vendor' RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:ACQUIRED]-(y:Organization) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]-(y:Vendor) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]->(y:Organization) WHERE $ownership AND NOT y:Vendor RETURN r, y
      UNION ALL
      MATCH (x)<-[r:PART_OF]-(y) WHERE $membership AND NOT x:Vendor RETURN r, y
    }
  WITH f, r, y
  WHERE NOT y IN seen0
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  WITH f, r, y ORDER BY [n IN f.nodes | n.id]
  WITH y, head(collect({ n: y, nodes: f.nodes + y, rels: f.rels + r })) AS e
  RETURN collect(e) AS f1
}
WITH origin, incidents, f1, seen0 + [e IN f1 | e.n] AS seen1
CALL (f1, seen1) {
  UNWIND (CASE WHEN {{maxHops}} >= 2 THEN f1 ELSE [] END) AS f
  WITH f, f.n AS x
    CALL (x) {
      MATCH (x)<-[r:CUSTOMER_OF]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:MAKES]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)<-[r:USES]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:BUSINESS_ASSOCIATE_OF]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x:Incident)-[r:AFFECTED]->(y) WHERE r.role <> 'affected_via_vendor' RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:ACQUIRED]-(y:Organization) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]-(y:Vendor) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]->(y:Organization) WHERE $ownership AND NOT y:Vendor RETURN r, y
      UNION ALL
      MATCH (x)<-[r:PART_OF]-(y) WHERE $membership AND NOT x:Vendor RETURN r, y
    }
  WITH f, r, y
  WHERE NOT y IN seen1
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  WITH f, r, y ORDER BY [n IN f.nodes | n.id]
  WITH y, head(collect({ n: y, nodes: f.nodes + y, rels: f.rels + r })) AS e
  RETURN collect(e) AS f2
}
WITH origin, incidents, f1, f2, seen1 + [e IN f2 | e.n] AS seen2
CALL (f2, seen2) {
  UNWIND (CASE WHEN {{maxHops}} >= 3 THEN f2 ELSE [] END) AS f
  WITH f, f.n AS x
    CALL (x) {
      MATCH (x)<-[r:CUSTOMER_OF]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:MAKES]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)<-[r:USES]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:BUSINESS_ASSOCIATE_OF]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x:Incident)-[r:AFFECTED]->(y) WHERE r.role <> 'affected_via_vendor' RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:ACQUIRED]-(y:Organization) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]-(y:Vendor) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]->(y:Organization) WHERE $ownership AND NOT y:Vendor RETURN r, y
      UNION ALL
      MATCH (x)<-[r:PART_OF]-(y) WHERE $membership AND NOT x:Vendor RETURN r, y
    }
  WITH f, r, y
  WHERE NOT y IN seen2
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  WITH f, r, y ORDER BY [n IN f.nodes | n.id]
  WITH y, head(collect({ n: y, nodes: f.nodes + y, rels: f.rels + r })) AS e
  RETURN collect(e) AS f3
}
WITH origin, incidents, f1, f2, f3, seen2 + [e IN f3 | e.n] AS seen3
CALL (f3, seen3) {
  UNWIND (CASE WHEN {{maxHops}} >= 4 THEN f3 ELSE [] END) AS f
  WITH f, f.n AS x
    CALL (x) {
      MATCH (x)<-[r:CUSTOMER_OF]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:MAKES]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)<-[r:USES]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x)-[r:BUSINESS_ASSOCIATE_OF]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x:Incident)-[r:AFFECTED]->(y) WHERE r.role <> 'affected_via_vendor' RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:ACQUIRED]-(y:Organization) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]-(y:Vendor) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]->(y:Organization) WHERE $ownership AND NOT y:Vendor RETURN r, y
      UNION ALL
      MATCH (x)<-[r:PART_OF]-(y) WHERE $membership AND NOT x:Vendor RETURN r, y
    }
  WITH f, r, y
  WHERE NOT y IN seen3
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
  WITH f, r, y ORDER BY [n IN f.nodes | n.id]
  WITH y, head(collect({ n: y, nodes: f.nodes + y, rels: f.rels + r })) AS e
  RETURN collect(e) AS f4
}
WITH origin, incidents, f1, f2, f3, f4, seen3 + [e IN f4 | e.n] AS seen4
WITH origin, incidents, [e IN f1 + f2 + f3 + f4 WHERE 'Organization' IN labels(e.n) | { m: e.n, nodes: e.nodes, rels: e.rels }] AS traversed
CALL (origin, incidents) {
  UNWIND incidents AS i
  MATCH (i)-[r:AFFECTED]->(m:Organization)
  WHERE m <> origin
  OPTIONAL MATCH (i)-[rb:AFFECTED {role: 'breached_vendor'}]->(origin)
  RETURN collect({
    m: m, fallback: true, namedBy: i.id,
    nodes: CASE WHEN i = origin THEN [i, m] ELSE [origin, i, m] END,
    rels: CASE WHEN i = origin THEN [r] ELSE [rb, r] END
  }) AS named
}
// One row per organisation, grouped (not looked up in lists, which grows with reached × named): its traversed path
// when it has one, else the shortest through a naming incident; namedBy = the incidents naming it, by id.
WITH origin, incidents, traversed + named AS candidates
UNWIND (CASE WHEN size(candidates) = 0 THEN [null] ELSE candidates END) AS c
WITH origin, incidents, c.m AS m, c
ORDER BY coalesce(c.fallback, false), size(c.rels), c.namedBy
WITH origin, incidents, m, head(collect(c)) AS best, collect(DISTINCT c.namedBy) AS namedBy
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
