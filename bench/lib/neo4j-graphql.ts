// The comparison API: @neo4j/graphql's generated schema over the same store and driver, typed for the labels the
// benchmark questions need. Search is a @cypher field over the same entity_search full-text index.
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';
import { createYoga } from 'graphql-yoga';

export const NEO4J_GRAPHQL_TYPEDEFS = /* GraphQL */ `
  type Organization @node(labels: ["Organization"]) {
    id: ID!
    kind: String
    name: String!
    aliases: [String!]
    sources: [String!]
    orgType: String
    state: String
    country: String
    vendors: [Vendor!]! @relationship(type: "CUSTOMER_OF", direction: OUT)
    partOf: [Organization!]! @relationship(type: "PART_OF", direction: OUT)
    members: [Organization!]! @relationship(type: "PART_OF", direction: IN)
    affectedBy: [Incident!]! @relationship(type: "AFFECTED", direction: IN)
  }

  type Vendor @node(labels: ["Vendor"]) {
    id: ID!
    kind: String
    name: String!
    aliases: [String!]
    sources: [String!]
    vendorType: String
    state: String
    customers: [Organization!]! @relationship(type: "CUSTOMER_OF", direction: IN)
    products: [Product!]! @relationship(type: "MAKES", direction: OUT)
    incidents: [Incident!]! @relationship(type: "AFFECTED", direction: IN)
    acquired: [Vendor!]! @relationship(type: "ACQUIRED", direction: OUT)
    partOf: [Organization!]! @relationship(type: "PART_OF", direction: OUT)
  }

  type Product @node(labels: ["Product"]) {
    id: ID!
    kind: String
    name: String!
    category: String
    makers: [Vendor!]! @relationship(type: "MAKES", direction: IN)
  }

  type Incident @node(labels: ["Incident"]) {
    id: ID!
    kind: String
    name: String!
    sources: [String!]
    incidentType: String
    date: String
    individualsAffected: Int
    figuresJson: String
    verification: String
    affected: [Organization!]! @relationship(type: "AFFECTED", direction: OUT)
    actors: [ThreatActor!]! @relationship(type: "ATTRIBUTED_TO", direction: OUT)
  }

  type ThreatActor @node(labels: ["ThreatActor"]) {
    id: ID!
    kind: String
    name: String!
    aliases: [String!]
    incidents: [Incident!]! @relationship(type: "ATTRIBUTED_TO", direction: IN)
  }

  union SearchResult = Organization | Vendor | Product | Incident | ThreatActor

  type Query {
    """The same full-text index and re-ranking as cypher/search.cypher, returning the nodes."""
    search(query: String!, exact: String!, first: Int! = 10): [SearchResult!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('entity_search', $query, { limit: 200 }) YIELD node, score
        WITH node, score,
             CASE WHEN toLower(node.name) = $exact OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = $exact) THEN 3.0 ELSE 1.0 END AS exactBoost,
             CASE node.kind WHEN 'VENDOR' THEN 1.25 WHEN 'ORGANIZATION' THEN 1.2 WHEN 'THREAT_ACTOR' THEN 1.2
                            WHEN 'SOURCE' THEN 0.5 WHEN 'BREACH_REPORT' THEN 0.7 ELSE 1.0 END AS kindWeight
        WITH node, score * exactBoost * kindWeight AS rank
        WHERE NOT node:Source
        ORDER BY rank DESC, node.id
        LIMIT toInteger($first)
        RETURN node
        """
        columnName: "node"
      )
  }
`;

export async function createNeo4jGraphqlApp(driver: Driver) {
  const neoSchema = new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPEDEFS, driver });
  const schema = await neoSchema.getSchema();
  return { schema, yoga: createYoga({ schema, graphqlEndpoint: '/graphql', graphiql: false, landingPage: false, logging: false, maskedErrors: false }) };
}
