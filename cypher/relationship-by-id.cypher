// One relationship by its stable id (e.g. acq-oracle-cerner), with both endpoints.
// Ids are found without scanning every relationship: ACQUIRED ids are free-form and indexed (schema.cypher), and
// every other id the seed, the importers and upsertRelationship write starts `<type>:<from id>:` — the from id may
// itself contain colons (breach reports: hhs:ca:name:date), so each prefix is tried as the start node's id, one
// index seek each, and only that node's outgoing relationships are looked at. Only an id of another shape (a
// custom id given to upsertRelationship) is looked for among all relationships.
// Parameters: $id (string).
WITH $id AS id, split($id, ':') AS parts
CALL (id, parts) {
  MATCH (a:Entity)-[r:ACQUIRED]->(b:Entity)
  WHERE r.id = id
  RETURN r, a, b
UNION
  UNWIND range(1, size(parts) - 2) AS last
  WITH id, reduce(s = parts[1], p IN parts[2..last + 1] | s + ':' + p) AS fromId
  MATCH (a:Entity {id: fromId})-[r]->(b:Entity)
  WHERE r.id = id
  RETURN r, a, b
UNION
  // Not `WHERE size(parts) < 3`: the planner would scan first and filter after; an empty UNWIND skips the scan.
  UNWIND CASE WHEN size(parts) < 3 THEN [true] ELSE [] END AS scan
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.id = id
  RETURN r, a, b
}
RETURN r { .*, type: type(r) } AS rel, a { .*, labels: labels(a) } AS from, b { .*, labels: labels(b) } AS to
LIMIT 1
