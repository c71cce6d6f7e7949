// How many hops the shortest connection between two entities takes (null when there is none within
// {{maxHops}}), over the same relationships as paths.cypher. `paths` asks this first and then enumerates paths
// of exactly that length: asking SHORTEST k up to {{maxHops}} hops directly makes Neo4j look for k paths at
// every longer length when fewer exist at the shortest, which through a vendor with 85,000 customers never ends.
// @variants maxHops 1..6
// @cache: answers are kept until the next write to the database (server/db/result-cache.ts).
// Parameters: $from, $to (entity ids), $asOf (ISO date or null).
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
OPTIONAL CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = ANY SHORTEST (a) ((x)-[r]-(y)
      WHERE type(r) <> 'REPORTED_IN' AND type(r) <> 'POSSIBLE_SAME_AS'
        AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo > $asOf)))
    ){1,{{maxHops}}} (b)
  RETURN length(p) AS hops
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, hops
