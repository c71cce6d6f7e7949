// Which of the entities an import is about to write exist already (read inside its write transaction): the others
// are created outright (import-create-nodes), these are merged (import-merge-nodes).
// Parameters: $ids (list of entity ids). Each lookup is a seek in the entity_id constraint's index.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id
