// Reads nothing: the bookmark of this read transaction names the last transaction committed to the database,
// which is all the result cache needs to know (server/db/result-cache.ts). No parameters.
RETURN 1 AS one
