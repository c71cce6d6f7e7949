// Every organisation (vendors included) with what entity resolution compares: names, state, postal codes, NPI,
// country, and the import keys of records merged into it earlier.
// Parameters: none.
MATCH (n:Organization)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, n.state AS state,
       coalesce(n.postalCodes, []) AS postalCodes, n.npi AS npi, n.country AS country, n:Vendor AS vendor,
       coalesce(n.importKeys, []) AS importKeys
