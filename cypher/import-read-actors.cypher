// Every threat actor with its names, for matching STIX intrusion sets and their software.
// Parameters: none.
MATCH (n:ThreatActor)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, n.attackId AS attackId
