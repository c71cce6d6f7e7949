// The shortest few ways two entities are connected, skipping the "is reported in" links to sources so paths
// go through facts, each relationship with its cited sources. The caller picks the variant from
// path-length.cypher, so every path found has that (shortest) length; among them the better evidenced come first.
// @variants maxHops 1..6
// @cache: answers are kept until the next write to the database (server/db/result-cache.ts).
// Parameters: $from, $to (entity ids), $asOf (ISO date or null), $first (how many paths, at most 5).
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = SHORTEST 5 (a) ((x)-[r]-(y)
      WHERE type(r) <> 'REPORTED_IN' AND type(r) <> 'POSSIBLE_SAME_AS'
        AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    ){1,{{maxHops}}} (b)
  // Among equally short paths, prefer the better evidenced: more verified links, then fewer derived ones.
  WITH p,
       size([r IN relationships(p) WHERE r.confidence IN ['verified', 'confirmed_by_victim', 'government_assessment']]) AS strong,
       size([r IN relationships(p) WHERE r.confidence = 'derived']) AS derived
  ORDER BY length(p), strong DESC, derived, [n IN nodes(p) | n.id]
  LIMIT toInteger($first)
  RETURN collect({
    nodes: [n IN nodes(p) | n { .*, labels: labels(n) }],
    edges: [r IN relationships(p) | r {
      .*, type: type(r), source: startNode(r).id, target: endNode(r).id,
      citations: COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (s:Source {id: sid}) RETURN s { .id, .title, .publisher, .date, .url, .reliability, .dataset } }
    }]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths
