// Incidents per time bucket (year, quarter or month of their date), with individuals affected summed from
// each incident's one figure for totals.
// Parameters: $bucketLength (4 for years, 7 for months, 0 for quarters), $from, $to (ISO dates or null),
// $country, $vendor, $actor, $incidentType, $minIndividuals (or null): the same filter as incidents-page.
MATCH (n:Incident)
WHERE n.date IS NOT NULL
  AND ($from IS NULL OR n.date >= $from) AND ($to IS NULL OR n.date <= $to)
  AND ($country IS NULL OR $country IN n.country)
  AND ($minIndividuals IS NULL OR n.individualsAffected >= $minIndividuals)
  AND ($incidentType IS NULL OR toLower(n.incidentType) CONTAINS toLower($incidentType))
  AND ($vendor IS NULL OR EXISTS { (n)-[:AFFECTED]->(:Entity {id: $vendor}) })
  AND ($actor IS NULL OR EXISTS { (n)-[:ATTRIBUTED_TO]->(:Entity {id: $actor}) })
WITH n, CASE WHEN $bucketLength = 0
             THEN left(n.date, 4) + '-Q' + toString((toInteger(substring(n.date, 5, 2)) + 2) / 3)
             ELSE left(n.date, $bucketLength) END AS bucket
WITH bucket, count(n) AS incidents, sum(coalesce(n.individualsAffected, 0)) AS individualsAffected, collect(n.id) AS ids
ORDER BY bucket
RETURN bucket, incidents, individualsAffected, ids
