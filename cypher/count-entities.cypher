// How many entities the database holds; 0 means "empty: load the seed".
// Parameters: none.
MATCH (n:Entity) RETURN count(n) AS count
