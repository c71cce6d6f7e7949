// One relationship by its stable id (e.g. acq-oracle-cerner), with both endpoints.
// Parameters: $id (string).
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.id = $id
RETURN r { .*, type: type(r) } AS rel, a { .*, labels: labels(a) } AS from, b { .*, labels: labels(b) } AS to
LIMIT 1
