// Vendors ranked by an aggregate (incidents that breached them, organisations confirmed or potentially
// exposed, individuals affected), one page in a stable keyset order, plus the total.
// @cache: answers are kept until the next write to the database (server/db/result-cache.ts).
// Parameters: $field (one of INCIDENTS, CONFIRMED_ORGANIZATIONS, POTENTIAL_ORGANIZATIONS,
// INDIVIDUALS_AFFECTED, NAME: chosen from the SDL enum), $descending (boolean), $nameDescending (true
// only for NAME DESC: the name tie-break then runs Z→A), $afterKey, $afterId (cursor or null), $first
// (page size; one more is fetched).
MATCH (v:Vendor)
CALL (v) {
  OPTIONAL MATCH (i:Incident)-[:AFFECTED {role: 'breached_vendor'}]->(v)
  WITH collect(DISTINCT i) AS incidents
  CALL (incidents) {
    UNWIND incidents AS i
    MATCH (i)-[:AFFECTED]->(o:Organization)
    RETURN collect(DISTINCT o) AS confirmedOrgs
  }
  RETURN size(incidents) AS incidentCount,
         reduce(total = 0, i IN incidents | total + coalesce(i.individualsAffected, 0)) AS individuals,
         confirmedOrgs
}
// Customers from the vendor's degree (CUSTOMER_OF starts at an Organization by the model, so no label check: the
// count store answers without reading the relationships), and the confirmed ones by checking the confirmed
// organisations (a few) instead of every customer (up to all organisations).
WITH v, incidentCount, individuals, [o IN confirmedOrgs WHERE o <> v] AS confirmedOrgs,
     COUNT { (v)<-[:CUSTOMER_OF]-() } AS customers
WITH v, incidentCount, individuals, size(confirmedOrgs) AS confirmed,
     customers - reduce(n = 0, o IN confirmedOrgs | n + COUNT { (o)-[:CUSTOMER_OF]->(v) }) AS potential
WITH v, incidentCount, individuals, confirmed, potential,
     CASE $field WHEN 'INCIDENTS' THEN toFloat(incidentCount) WHEN 'CONFIRMED_ORGANIZATIONS' THEN toFloat(confirmed)
                 WHEN 'POTENTIAL_ORGANIZATIONS' THEN toFloat(potential) WHEN 'INDIVIDUALS_AFFECTED' THEN toFloat(individuals)
                 ELSE 0.0 END AS raw
WITH v, incidentCount, individuals, confirmed, potential,
     CASE WHEN $descending THEN -raw ELSE raw END AS key,
     CASE WHEN $field = 'NAME' THEN toLower(v.name) + '|' + v.id ELSE v.id END AS tie
WITH collect({ v: v, incidents: incidentCount, individuals: individuals, confirmed: confirmed, potential: potential, key: key, tie: tie }) AS all_
WITH all_, size(all_) AS totalCount
UNWIND all_ AS x
WITH totalCount, x
WHERE $afterKey IS NULL OR x.key > $afterKey
   OR (x.key = $afterKey AND CASE WHEN $nameDescending THEN x.tie < $afterId ELSE x.tie > $afterId END)
// ORDER BY cannot take its direction from a parameter: one of the two tie-break keys is always null.
WITH totalCount, x ORDER BY x.key, CASE WHEN $nameDescending THEN null ELSE x.tie END ASC, CASE WHEN $nameDescending THEN x.tie END DESC
LIMIT toInteger($first) + 1
WITH totalCount, x, x.v AS v
RETURN totalCount, collect({
  node: v { .*, labels: labels(v) },
  incidents: x.incidents, individualsAffected: x.individuals,
  confirmedOrganizations: x.confirmed, potentialOrganizations: x.potential,
  key: x.key, tie: x.tie
}) AS rows
