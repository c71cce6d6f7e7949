// One page of incidents matching a filter, in a stable keyset order (sort key, then id), plus the total.
// Parameters: $from, $to (ISO dates or null), $country (ISO code or null), $vendor, $actor (ids or null),
// $incidentType (substring or null), $minIndividuals (number or null), $byIndividuals (true: order by
// individuals affected, false: by date), $descending (boolean), $afterKey, $afterId (cursor or null),
// $first (page size; one more is fetched to know whether another page exists).
CALL () {
  MATCH (n:Incident)
  WHERE ($from IS NULL OR n.date >= $from) AND ($to IS NULL OR n.date <= $to)
    AND ($country IS NULL OR $country IN n.country)
    AND ($minIndividuals IS NULL OR n.individualsAffected >= $minIndividuals)
    AND ($incidentType IS NULL OR toLower(n.incidentType) CONTAINS toLower($incidentType))
    AND ($vendor IS NULL OR EXISTS { (n)-[:AFFECTED]->(:Entity {id: $vendor}) })
    AND ($actor IS NULL OR EXISTS { (n)-[:ATTRIBUTED_TO]->(:Entity {id: $actor}) })
  RETURN count(n) AS totalCount
}
CALL () {
  MATCH (n:Incident)
  WHERE ($from IS NULL OR n.date >= $from) AND ($to IS NULL OR n.date <= $to)
    AND ($country IS NULL OR $country IN n.country)
    AND ($minIndividuals IS NULL OR n.individualsAffected >= $minIndividuals)
    AND ($incidentType IS NULL OR toLower(n.incidentType) CONTAINS toLower($incidentType))
    AND ($vendor IS NULL OR EXISTS { (n)-[:AFFECTED]->(:Entity {id: $vendor}) })
    AND ($actor IS NULL OR EXISTS { (n)-[:ATTRIBUTED_TO]->(:Entity {id: $actor}) })
  // A numeric key for either order: yyyymmdd for dates, the count for individuals; negated for descending.
  WITH n, CASE WHEN $byIndividuals THEN toFloat(coalesce(n.individualsAffected, -1))
               ELSE toFloat(toInteger(replace(coalesce(n.date, '0000-00-00'), '-', ''))) END AS raw
  WITH n, CASE WHEN $descending THEN -raw ELSE raw END AS key
  WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
  ORDER BY key, n.id
  LIMIT toInteger($first) + 1
  RETURN collect({ node: n { .*, labels: labels(n) }, key: key }) AS rows
}
RETURN totalCount, rows
