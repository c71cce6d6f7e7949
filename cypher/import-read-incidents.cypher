// Incidents with their date, the organisations they hit as primary victim or breached vendor, and the products
// involved: what links an HHS breach report to an incident.
// Parameters: $roles (list of AFFECTED roles to follow).
MATCH (i:Incident)
OPTIONAL MATCH (i)-[a:AFFECTED]->(o:Organization) WHERE a.role IN $roles
WITH i, collect(DISTINCT CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name, aliases: coalesce(o.aliases, []), role: a.role} END) AS orgs
OPTIONAL MATCH (i)-[:INVOLVED]->(p:Product)
RETURN i.id AS id, i.name AS name, i.date AS date, orgs,
       collect(DISTINCT CASE WHEN p IS NULL THEN null ELSE {id: p.id, name: p.name, aliases: coalesce(p.aliases, [])} END) AS products
