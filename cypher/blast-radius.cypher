// Who is exposed by an incident or a vendor, and why: organisations reached within {{maxHops}} hops along
// exposure edges, each with a shortest path that explains it (ties broken by the ids along the path), marked
// confirmed when one of the incidents names it as affected. Exposure flows from supplier to customer (vendor →
// product → user, vendor ← customer), across ownership (subsidiaries, acquired companies and the acquirer), and
// from a health system to its members. Organisations named as affected "via vendor" are reached through the
// supply chain when the graph knows it, otherwise through the incident that names them.
// @variants maxHops 1..4
// @cache: answers are kept until the next write to the database (server/db/result-cache.ts).
// Parameters: $from (incident or vendor id), $asOf (ISO date or null), $supplier, $ownership, $membership
// (booleans: which exposure edges to follow), $limit (max organisations returned).
//
// How (docs/performance.md, "Blast radius"): breadth-first, one hop per level, keeping only the set of nodes
// first reached at each level (no paths), so the work grows with what is reached, not with the number of paths.
// Totals and summaries count every organisation reached; only the page (≤ $limit) gets its explaining path,
// found afterwards by walking back from each organisation through the levels, one typed hop at a time.
MATCH (origin:Entity {id: $from})
// The organisations named as affected by the incidents below (so confirmed, whether the traversal reaches them or
// not), in id order. Sorted here, first, because a sort holds its rows, and Neo4j charges each held row with every
// list in scope: after the traversal (lists of 100,000 nodes) the same sort would need gigabytes.
CALL (origin) {
  CALL (origin) {
    WITH origin WHERE origin:Incident
    RETURN origin AS i
    UNION
    MATCH (origin)<-[:AFFECTED {role: 'breached_vendor'}]-(i:Incident)
    WHERE $asOf IS NULL OR i.date IS NULL OR i.date <= $asOf
    RETURN i
  }
  MATCH (i)-[:AFFECTED]->(m:Organization)
  WHERE m <> origin
  WITH DISTINCT m ORDER BY m.id
  RETURN collect(m) AS named
}
// The incidents whose victims count as confirmed: the origin itself, or the incidents that breached the origin.
CALL (origin) {
  OPTIONAL MATCH (origin)<-[:AFFECTED {role: 'breached_vendor'}]-(i:Incident)
  WHERE $asOf IS NULL OR i.date IS NULL OR i.date <= $asOf
  WITH origin, collect(DISTINCT i) AS breaches
  RETURN CASE WHEN origin:Incident THEN [origin] ELSE breaches END AS incidents
}
// Whether any customer relationship is out of its validity at $asOf (two seeks in the relationship indexes of
// cypher/schema.cypher). Usually none is: then the most numerous edges skip reading two properties each (at scale
// 100, 85,565 customers of the top vendor: 70 → 30 ms for that step). Other types are always checked.
WITH origin, named, incidents, [origin] AS f0, [origin] AS seen0,
     $asOf IS NOT NULL AND (EXISTS { MATCH ()-[c:CUSTOMER_OF]->() WHERE c.validFrom > $asOf }
                            OR EXISTS { MATCH ()-[c:CUSTOMER_OF]->() WHERE c.validTo <= $asOf }) AS checkCustomers
// @repeat
// Level {{k}}: the exposure edges out of the nodes first reached at level {{k-1}}, to nodes not reached before.
CALL (f{{k-1}}, seen{{k-1}}, checkCustomers) {
  CALL (f{{k-1}}, checkCustomers) {
    // Vendors, products and incidents: typed, directed expansions (a vendor's products, what it owns and what
    // owns it; a product's users; an incident's victims). A vendor's customers come last, below.
    UNWIND f{{k-1}} AS x
    WITH x WHERE NOT x:Organization OR x:Vendor
    CALL (x) {
      MATCH (x:Vendor)-[r:MAKES|BUSINESS_ASSOCIATE_OF]->(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x:Product)<-[r:USES]-(y) WHERE $supplier RETURN r, y
      UNION ALL
      MATCH (x:Incident)-[r:AFFECTED]->(y) WHERE r.role <> 'affected_via_vendor' RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:ACQUIRED]-(y:Organization) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]-(y:Vendor) WHERE $ownership RETURN r, y
      UNION ALL
      MATCH (x:Vendor)-[r:PART_OF]->(y:Organization) WHERE $ownership AND NOT y:Vendor RETURN r, y
    }
    RETURN r, y, true AS check
    UNION ALL
    // Other organisations (often tens of thousands): their members, and the covered entities they serve as
    // business associates. When the frontier is larger than a quarter of all relationships of that type (a
    // count-store read), one scan of those relationships replaces expanding every node.
    WITH [x IN f{{k-1}} WHERE x:Organization AND NOT x:Vendor] AS orgs
    CALL (orgs) {
      WITH orgs WHERE $supplier AND size(orgs) * 4 <= COUNT { ()-[:BUSINESS_ASSOCIATE_OF]->() }
      UNWIND orgs AS x
      MATCH (x)-[r:BUSINESS_ASSOCIATE_OF]->(y) RETURN r, y
      UNION ALL
      WITH orgs WHERE $supplier AND size(orgs) * 4 > COUNT { ()-[:BUSINESS_ASSOCIATE_OF]->() }
      CALL (orgs) { MATCH (x)-[r:BUSINESS_ASSOCIATE_OF]->(y) WHERE x IN orgs RETURN r, y }
      RETURN r, y
      UNION ALL
      WITH orgs WHERE $membership AND size(orgs) * 4 <= COUNT { ()-[:PART_OF]->() }
      UNWIND orgs AS x
      MATCH (x)<-[r:PART_OF]-(y) RETURN r, y
      UNION ALL
      WITH orgs WHERE $membership AND size(orgs) * 4 > COUNT { ()-[:PART_OF]->() }
      CALL (orgs) { MATCH (y)-[r:PART_OF]->(x) WHERE x IN orgs RETURN r, y }
      RETURN r, y
    }
    RETURN r, y, true AS check
    UNION ALL
    // A vendor's customers: most of the rows. Rows of a UNION's last branch pass through one union operator,
    // those of its first through all of them, so the largest expansions come last (here and above).
    UNWIND f{{k-1}} AS x
    MATCH (x:Vendor)<-[r:CUSTOMER_OF]-(y) WHERE $supplier
    // Whether this edge's validity must be read (type(r) in the filter below would cost a read per row).
    RETURN r, y, checkCustomers AS check
  }
  WITH r, y, check
  WHERE NOT y IN seen{{k-1}}
    AND CASE WHEN $asOf IS NULL OR NOT check THEN true
             ELSE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf) END
  WITH DISTINCT y
  RETURN collect(y) AS f{{k}}, collect(CASE WHEN y:Organization THEN y END) AS o{{k}}
}
// Lists are built with collect(): a concatenation is lazy in Cypher, and the memory tracker re-measures a nested
// one (seen3 = seen2 + f3 = …) for every row an operator holds, which at 100,000 reached nodes costs gigabytes.
CALL (seen{{k-1}}, f{{k}}) { UNWIND [seen{{k-1}}, f{{k}}] AS part UNWIND part AS n RETURN collect(n) AS seen{{k}} }
// @end
CALL (named, seen{{maxHops}}) {
  UNWIND named AS m
  WITH m WHERE NOT m IN seen{{maxHops}}
  RETURN collect(m) AS namedOnly
}
// Summaries over everything reached, not only the page returned: one pass, grouped by state and kind.
CALL (namedOnly, f0, seen{{maxHops}}) {
  UNWIND [seen{{maxHops}}, namedOnly] AS part
  UNWIND part AS m
  WITH m WHERE m <> f0[0]
  // Grouped by the label list (one read per node), mapped to a kind once per group.
  WITH coalesce(m.state, 'unknown') AS state, labels(m) AS labels, count(*) AS count
  WHERE 'Organization' IN labels
  RETURN collect({
    state: state,
    kind: CASE WHEN 'Vendor' IN labels THEN 'Vendor' WHEN 'Hospital' IN labels THEN 'Hospital'
               WHEN 'HealthSystem' IN labels THEN 'HealthSystem' WHEN 'HealthPlan' IN labels THEN 'HealthPlan'
               ELSE 'Organization' END,
    count: count
  }) AS cells
}
CALL (cells) {
  UNWIND cells AS c
  WITH c.state AS key, sum(c.count) AS count ORDER BY count DESC, key
  RETURN collect({ key: key, count: count }) AS byState, sum(count) AS total
}
CALL (cells) {
  UNWIND cells AS c
  WITH c.kind AS key, sum(c.count) AS count ORDER BY count DESC, key
  RETURN collect({ key: key, count: count }) AS byKind
}
// The page: confirmed organisations first, then by hops, then by id. Hops = the level an organisation was first
// reached at; a confirmed organisation the traversal did not reach is explained through the incident naming it.
// Confirmed ones come from the named list, already in id order, so a class is a filter of it.
CALL (*) {
  WITH CASE WHEN origin:Incident THEN 1 ELSE 2 END AS viaHops,
       [m IN named | { m: m, level: CASE
         // @repeat
         WHEN m IN o{{k}} THEN {{k}}
         // @end
       END }] AS levelled
  WITH [x IN levelled | { m: x.m, hops: coalesce(x.level, viaHops), viaIncident: x.level IS NULL, confirmed: true }] AS hits
  RETURN []
    // @repeat
    + [h IN hits WHERE h.hops = {{k}}]
    // @end
    AS confirmedHits
}
// Then the potential ones, class by class while the page has room: one pass over organisations in id order (the
// index provides the order, so nothing is sorted or held), which stops as soon as the page is full.
WITH *, confirmedHits[0..toInteger($limit)] AS page0
// @repeat
WITH *, size(page{{k-1}}) < toInteger($limit)
        AND size(o{{k}}) > size([h IN confirmedHits WHERE h.hops = {{k}} AND NOT h.viaIncident]) AS scan{{k}}
CALL (*) {
  // An UNWIND, not a WHERE: the planner would test a WHERE on every row of the scan instead of skipping it.
  UNWIND CASE WHEN scan{{k}} THEN [true] ELSE [] END AS go
  CALL (o{{k}}, named) {
    MATCH (m:Organization) WHERE m.id IS NOT NULL
    WITH * ORDER BY m.id
    WITH m WHERE m IN o{{k}} AND NOT m IN named
    RETURN m LIMIT toInteger($limit)
  }
  RETURN collect({ m: m, hops: {{k}}, viaIncident: false, confirmed: false }) AS potential{{k}}
}
WITH *, (page{{k-1}} + potential{{k}})[0..toInteger($limit)] AS page{{k}}
// @end
WITH *, page{{maxHops}} AS pageHits
// The explaining path of each organisation on the page: back from it to the origin, one level at a time, along
// exposure edges read in reverse (from the exposed end), keeping only steps into the level before; of the
// shortest paths found, the one whose ids from the origin come first.
// The level lists f0, f1, … are imported with * (their number depends on the variant): a membership test against
// a list held in a variable is a hash lookup, while one against levels[i] would scan the list each time.
CALL (*) {
  UNWIND range(0, size(pageHits) - 1) AS rank
  WITH *, pageHits[rank] AS hit
  CALL (*) {
    WITH * WHERE NOT hit.viaIncident
    WITH *, [{ nodes: [hit.m], rels: [], level: hit.hops }] AS chains0
    // @repeat
    CALL (*) {
      UNWIND chains{{k-1}} AS c
      CALL (*) {
        WITH c WHERE c.level = 0
        RETURN c AS next
        UNION ALL
        WITH *, c.nodes[0] AS y WHERE c.level > 0
        CALL (y) {
          MATCH (y)<-[r:MAKES]-(x:Vendor) WHERE $supplier RETURN r, x
          UNION ALL
          MATCH (y)<-[r:BUSINESS_ASSOCIATE_OF]-(x:Organization) WHERE $supplier RETURN r, x
          UNION ALL
          MATCH (y)-[r:USES]->(x:Product) WHERE $supplier RETURN r, x
          UNION ALL
          MATCH (y)<-[r:AFFECTED]-(x:Incident) WHERE r.role <> 'affected_via_vendor' RETURN r, x
          UNION ALL
          MATCH (y:Organization)-[r:ACQUIRED]-(x:Vendor) WHERE $ownership RETURN r, x
          UNION ALL
          MATCH (y:Vendor)-[r:PART_OF]-(x:Vendor) WHERE $ownership RETURN r, x
          UNION ALL
          MATCH (y:Organization)<-[r:PART_OF]-(x:Vendor) WHERE $ownership AND NOT y:Vendor RETURN r, x
          UNION ALL
          MATCH (y)-[r:PART_OF]->(x:Organization) WHERE $membership AND NOT x:Vendor RETURN r, x
          UNION ALL
          // An organisation's vendors: most of the rows, so last (see the levels above).
          MATCH (y)-[r:CUSTOMER_OF]->(x:Vendor) WHERE $supplier RETURN r, x
        }
        WITH *
        WHERE CASE c.level
            // @repeat
            WHEN {{k}} THEN x IN f{{k-1}}
            // @end
          END
          AND CASE WHEN $asOf IS NULL OR (NOT checkCustomers AND type(r) = 'CUSTOMER_OF') THEN true
                   ELSE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf) END
        RETURN { nodes: [x] + c.nodes, rels: [r] + c.rels, level: c.level - 1 } AS next
      }
      RETURN collect(next) AS chains{{k}}
    }
    // @end
    UNWIND chains{{maxHops}} AS c
    WITH c WHERE c.level = 0
    RETURN c.nodes AS nodes, c.rels AS rels ORDER BY [n IN c.nodes | n.id] LIMIT 1
    UNION ALL
    // Confirmed but not reached along exposure edges: origin → the incident (with the smallest id) naming it.
    WITH origin, incidents, hit, hit.m AS m WHERE hit.viaIncident
    MATCH (m)<-[r:AFFECTED]-(i:Incident) WHERE i IN incidents
    OPTIONAL MATCH (i)-[rb:AFFECTED {role: 'breached_vendor'}]->(origin)
    WITH origin, hit, i, r, rb ORDER BY i.id, r.role LIMIT 1
    RETURN CASE WHEN i = origin THEN [i, hit.m] ELSE [origin, i, hit.m] END AS nodes,
           CASE WHEN i = origin THEN [r] ELSE [rb, r] END AS rels
  }
  WITH rank, hit, nodes, rels, hit.m AS m, incidents
  // Rows keep their order through CALL; rank lets the caller check it (a sort here would hold every row).
  RETURN collect({
    rank: rank,
    node: m { .*, labels: labels(m) },
    hops: hit.hops,
    confirmed: hit.confirmed,
    namedBy: COLLECT { MATCH (i:Incident)-[:AFFECTED]->(m) WHERE i IN incidents RETURN DISTINCT i.id AS id ORDER BY id },
    pathNodes: [n IN nodes | n { .id, .name, .kind, labels: labels(n) }],
    pathEdges: [r IN rels | r { .*, type: type(r), source: startNode(r).id, target: endNode(r).id }]
  }) AS page
}
RETURN origin { .*, labels: labels(origin) } AS origin,
       [i IN incidents | i { .*, labels: labels(i) }] AS incidents,
       total, size(named) AS confirmedTotal, byState, byKind, page
