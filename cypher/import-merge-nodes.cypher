// Merges a batch of imported nodes on (:Entity {id}) and counts what happened to them.
// Parameters: $rows: list of {id: string, labels: list<string>, create: map, set: map, union: map of lists,
//   valuesFrom: string or null}. labels (from the allow-list in server/import/plan.ts) and create apply only to
//   nodes this batch creates; set applies always, except when the row's file (valuesFrom) was imported before and
//   another file's values have replaced its own since (a re-import of an older export does not roll values back);
//   every list in union is extended with the values it lacks (an alias equal to the name is skipped).
// Rows carry distinct ids (the plan merges duplicates first). Returns count, created and updated
// (an existing node whose properties changed); the rest were matched unchanged.
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, properties(old) AS before
WITH row, before,
     row.valuesFrom IS NOT NULL AND before IS NOT NULL AND before.valuesFrom IS NOT NULL
       AND before.valuesFrom <> row.valuesFrom AND row.valuesFrom IN coalesce(before.sources, []) AS superseded
MERGE (n:Entity {id: row.id})
ON CREATE SET n += row.create
SET n += CASE WHEN superseded THEN {} ELSE row.set END
FOREACH (_ IN CASE WHEN row.valuesFrom IS NULL OR superseded THEN [] ELSE [1] END | SET n.valuesFrom = row.valuesFrom)
FOREACH (k IN keys(row.union) |
  SET n[k] = coalesce(n[k], []) + [x IN row.union[k] WHERE NOT x IN coalesce(n[k], []) AND NOT (k = 'aliases' AND x = n.name)]
)
FOREACH (_ IN CASE WHEN before IS NULL THEN [1] ELSE [] END | SET n:$(row.labels))
FOREACH (_ IN CASE WHEN n.aliases IS NULL THEN [] ELSE [1] END |
  SET n.aliasText = reduce(text = '', a IN n.aliases | CASE WHEN text = '' THEN a ELSE text + ' | ' + a END)
)
WITH n, before
RETURN count(n) AS count,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> properties(n) THEN 1 ELSE 0 END) AS updated
