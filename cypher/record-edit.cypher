// Records who wrote what and when, as an (:Edit) node linked to nothing (so it never joins a traversal).
// Parameters: $id (edit id), $actor (who: the token's label, never the token), $action, $target (entity or
// relationship id), $input (the mutation input as JSON text).
CREATE (e:Edit { id: $id, at: datetime(), actor: $actor, action: $action, target: $target, input: $input })
RETURN e.id AS id
