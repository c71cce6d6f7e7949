// Full-text search over names and aliases, re-ranked so an exact name or alias match comes first and the
// things people look for (vendors, organisations, actors) come before products, incidents and sources.
// Parameters: $query (Lucene query built by server/model/lucene.ts from words only), $exact (the
// user's string, lower-cased and trimmed), $kinds (list of kinds or null for all), $first (max hits).
CALL db.index.fulltext.queryNodes('entity_search', $query, { limit: 200 }) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score,
     CASE WHEN toLower(node.name) = $exact OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $exact) THEN 3.0 ELSE 1.0 END AS exactBoost,
     CASE node.kind WHEN 'VENDOR' THEN 1.25 WHEN 'ORGANIZATION' THEN 1.2 WHEN 'THREAT_ACTOR' THEN 1.2
                    WHEN 'SOURCE' THEN 0.5 WHEN 'BREACH_REPORT' THEN 0.7 ELSE 1.0 END AS kindWeight
WITH node, score * exactBoost * kindWeight AS rank
ORDER BY rank DESC, node.id
LIMIT toInteger($first)
RETURN node { .*, labels: labels(node) } AS node, rank AS score
