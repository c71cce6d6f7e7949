// The same page as incidents-page when no filter is given, read in index order instead of sorting every
// incident: the newest (or largest) come first from the range index on date (or individualsAffected), ties by
// id, and the incidents without a value follow (or lead, ascending) in id order, exactly where incidents-page
// puts them. The total comes from the count store.
// Parameters (as incidents-page, without the filter): $byIndividuals, $descending, $afterKey, $afterId, $first.
// Order of the four branches below: date descending, date ascending, individuals descending, individuals
// ascending; an UNWIND of an empty list skips a branch before its index is read (a WHERE would be tested on
// every row of the scan instead).
CALL () {
  MATCH (n:Incident)
  RETURN count(n) AS totalCount
}
CALL () {
  CALL () {
    UNWIND CASE WHEN NOT $byIndividuals AND $descending THEN [true] ELSE [] END AS go
    CALL () {
      MATCH (n:Incident) WHERE n.date IS NOT NULL
      WITH n ORDER BY n.date DESC, n.id
      RETURN n
      UNION ALL
      MATCH (n:Incident) WHERE n.date IS NULL
      WITH n ORDER BY n.id
      RETURN n
    }
    RETURN n
    UNION ALL
    UNWIND CASE WHEN NOT $byIndividuals AND NOT $descending THEN [true] ELSE [] END AS go
    CALL () {
      MATCH (n:Incident) WHERE n.date IS NULL
      WITH n ORDER BY n.id
      RETURN n
      UNION ALL
      MATCH (n:Incident) WHERE n.date IS NOT NULL
      WITH n ORDER BY n.date, n.id
      RETURN n
    }
    RETURN n
    UNION ALL
    UNWIND CASE WHEN $byIndividuals AND $descending THEN [true] ELSE [] END AS go
    CALL () {
      MATCH (n:Incident) WHERE n.individualsAffected IS NOT NULL
      WITH n ORDER BY n.individualsAffected DESC, n.id
      RETURN n
      UNION ALL
      MATCH (n:Incident) WHERE n.individualsAffected IS NULL
      WITH n ORDER BY n.id
      RETURN n
    }
    RETURN n
    UNION ALL
    UNWIND CASE WHEN $byIndividuals AND NOT $descending THEN [true] ELSE [] END AS go
    CALL () {
      MATCH (n:Incident) WHERE n.individualsAffected IS NULL
      WITH n ORDER BY n.id
      RETURN n
      UNION ALL
      MATCH (n:Incident) WHERE n.individualsAffected IS NOT NULL
      WITH n ORDER BY n.individualsAffected, n.id
      RETURN n
    }
    RETURN n
  }
  // The cursor key as incidents-page computes it, so cursors of either statement work with the other.
  WITH n, CASE WHEN $byIndividuals THEN toFloat(coalesce(n.individualsAffected, -1))
               ELSE toFloat(toInteger(replace(coalesce(n.date, '0000-00-00'), '-', ''))) END AS raw
  WITH n, CASE WHEN $descending THEN -raw ELSE raw END AS key
  WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND n.id > $afterId)
  LIMIT toInteger($first) + 1
  RETURN collect({ node: n { .*, labels: labels(n) }, key: key }) AS rows
}
RETURN totalCount, rows
