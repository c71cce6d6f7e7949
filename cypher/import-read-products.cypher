// Every product with its names and the vendors that make it, for matching CISA KEV products and ATT&CK software.
// Parameters: none.
MATCH (p:Product)
OPTIONAL MATCH (v:Vendor)-[:MAKES]->(p)
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases, p.attackId AS attackId, collect(v.id) AS vendors
