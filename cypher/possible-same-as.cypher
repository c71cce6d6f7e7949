// Candidate duplicates left for review by the importers' entity resolution, by descending score (a missing
// score counts as 0), ties by relationship id; one page in that keyset order, plus how many there are in all.
// Parameters: $afterKey, $afterId (cursor or null), $first (page size; one more is fetched).
CALL () {
  MATCH (:Entity)-[r:POSSIBLE_SAME_AS]->(:Entity)
  RETURN count(r) AS totalCount
}
CALL () {
  MATCH (a:Entity)-[r:POSSIBLE_SAME_AS]->(b:Entity)
  WITH a, r, b, -toFloat(coalesce(r.score, 0)) AS key
  WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND r.id > $afterId)
  WITH a, r, b, key ORDER BY key, r.id
  LIMIT toInteger($first) + 1
  RETURN collect({ rel: r { .*, type: type(r) }, from: a { .*, labels: labels(a) }, to: b { .*, labels: labels(b) }, key: key }) AS rows
}
RETURN totalCount, rows
