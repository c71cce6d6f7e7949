// Schema: uniqueness of every entity's stable id, lookup indexes, and the full-text index behind search.
// Idempotent (IF NOT EXISTS); applied at every start by server/db/schema.ts. One statement per `;`.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT vendor_id IF NOT EXISTS FOR (n:Vendor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT incident_id IF NOT EXISTS FOR (n:Incident) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT threat_actor_id IF NOT EXISTS FOR (n:ThreatActor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT vulnerability_id IF NOT EXISTS FOR (n:Vulnerability) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT breach_report_id IF NOT EXISTS FOR (n:BreachReport) REQUIRE n.id IS UNIQUE;

// Relationship ids are stable too (acq-oracle-cerner is the ACQUIRED edge); lookups by id go through this index.
CREATE INDEX rel_id_acquired IF NOT EXISTS FOR ()-[r:ACQUIRED]-() ON (r.id);

// Customer relationships out of their validity at a date: cypher/blast-radius.cypher asks whether any exists before
// checking each of a vendor's (often tens of thousands of) customer relationships. Only relationships that have the
// property are in an index, so these stay as small as the bounded relationships are few.
CREATE INDEX customer_of_valid_from IF NOT EXISTS FOR ()-[r:CUSTOMER_OF]-() ON (r.validFrom);
CREATE INDEX customer_of_valid_to IF NOT EXISTS FOR ()-[r:CUSTOMER_OF]-() ON (r.validTo);

// The incidents list reads its unfiltered pages in the order of these two (incidents-page-all.cypher).
CREATE INDEX incident_date IF NOT EXISTS FOR (n:Incident) ON (n.date);
CREATE INDEX incident_individuals IF NOT EXISTS FOR (n:Incident) ON (n.individualsAffected);
CREATE INDEX organization_state IF NOT EXISTS FOR (n:Organization) ON (n.state);

// Search over names and aliases. aliasText holds the aliases joined by " | " (full-text indexes take strings).
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Organization|Vendor|Product|Incident|ThreatActor|Vulnerability|Source|BreachReport)
ON EACH [n.name, n.aliasText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
