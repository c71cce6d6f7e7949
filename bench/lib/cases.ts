// The benchmark questions: our GraphQL request (selections as the explorer sends them, see client/graph/queries.ts),
// and where @neo4j/graphql can express the question, its closest equivalent over the same store.
import { luceneQuery } from '../../server/model/lucene.ts';
import type { Picks } from './graph-model.ts';
import { BLAST_SELECTION, PATHS_SELECTION, SUBGRAPH_FRAGMENT } from '../../client/graph/queries.ts';
import { BLAST_LIMIT } from '../../client/core/view/utils.ts';

export interface GqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

export interface BenchCase {
  name: string;
  /** What the request asks, in words (for the report). */
  what: string;
  api: GqlRequest;
  neo4jGraphql: GqlRequest | null;
  /** Why @neo4j/graphql has no equivalent, or how its equivalent differs. */
  note: string;
  /** Part of the scaling table (blast radius, neighbourhood). */
  scaling?: boolean;
}

export function benchCases(picks: Picks): BenchCase[] {
  const q = picks.searchCommon;
  const blast = (name: string, id: string, label: string): BenchCase => ({
    name,
    what: `blastRadius(from: ${label}, maxHops: 3, limit: ${BLAST_LIMIT}) with paths, summary and subgraph`,
    api: {
      query: `query($from: ID!) { blastRadius(from: $from, maxHops: 3, limit: ${BLAST_LIMIT}) ${BLAST_SELECTION} } ${SUBGRAPH_FRAGMENT}`,
      variables: { from: id },
    },
    neo4jGraphql: null,
    note: 'not expressible in @neo4j/graphql: variable-length traversal over typed exposure edges with one shortest explaining path per organisation, de-duplication and summaries over all reached',
    scaling: true,
  });
  return [
    {
      name: 'search',
      what: `search(query: "${q}", first: 10)`,
      api: { query: 'query($q: String!) { search(query: $q, first: 10) { score entity { id kind name aliases } } }', variables: { q } },
      neo4jGraphql: {
        query: `query($q: String!, $exact: String!) { search(query: $q, exact: $exact, first: 10) {
          ... on Organization { id kind name aliases } ... on Vendor { id kind name aliases } ... on Product { id kind name }
          ... on Incident { id kind name } ... on ThreatActor { id kind name aliases } } }`,
        variables: { q: luceneQuery(q), exact: q.toLowerCase() },
      },
      note: '@neo4j/graphql: a @cypher field with the same full-text call and re-ranking (no score in the result; the Lucene query is built by the client)',
    },
    {
      name: 'node',
      what: `node(id: hospital) with sources and its first 50 relationships`,
      api: {
        query: `query($id: ID!) { node(id: $id) { id kind name aliases notes sources { id name } ... on Organization { state orgType country }
          relationships(first: 50) { totalCount truncated items { id type confidence other { id kind name } } } } }`,
        variables: { id: picks.hospital.id },
      },
      neo4jGraphql: {
        query: `query($id: ID!) { organizations(where: { id: { eq: $id } }) { id kind name aliases sources state orgType country
          vendors(limit: 50) { id kind name } partOf(limit: 50) { id kind name } members(limit: 50) { id kind name } affectedBy(limit: 50) { id kind name } } }`,
        variables: { id: picks.hospital.id },
      },
      note: '@neo4j/graphql: organizations(where: {id: {eq}}) with its typed relationship fields (up to 50 each; no total count, source ids not resolved)',
    },
    {
      name: 'neighborhood-d2',
      what: 'neighborhood(id: hospital, depth: 2, limit: 200): nodes and edges for drawing',
      api: { query: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { ...SubgraphFields } } ${SUBGRAPH_FRAGMENT}`, variables: { id: picks.hospital.id } },
      neo4jGraphql: {
        query: `query($id: ID!) { organizations(where: { id: { eq: $id } }) { id kind name state
          vendors { id kind name customers(limit: 10) { id kind name } incidents(limit: 3) { id kind name } products { id kind name } }
          partOf { id kind name members(limit: 20) { id kind name } vendors(limit: 10) { id kind name } }
          affectedBy(limit: 10) { id kind name affected(limit: 5) { id kind name } actors { id kind name } } } }`,
        variables: { id: picks.hospital.id },
      },
      note: '@neo4j/graphql: nested selections two levels deep with per-level limits (~200 nodes, duplicates possible); it cannot pick the 200 nearest by shortest hops, count what was left out, or return the edges among them',
      scaling: true,
    },
    blast('blast-radius-top', picks.topVendor.id, `top vendor (${picks.topVendor.customers} customers, ${picks.topVendor.incidents} incidents)`),
    blast('blast-radius-small', picks.smallVendor.id, `small vendor (${picks.smallVendor.customers} customers, ${picks.smallVendor.incidents} incidents)`),
    {
      name: 'paths',
      what: 'paths(from: hospital, to: threat actor, maxHops: 6, first: 3) with sentences and citations',
      api: { query: `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 6, first: 3) ${PATHS_SELECTION} }`, variables: { from: picks.hospital.id, to: picks.actor.id } },
      neo4jGraphql: null,
      note: 'not expressible in @neo4j/graphql: shortest paths between two entities over any relationship type',
    },
    {
      name: 'incidents-page',
      what: 'incidents(first: 20) ordered by date, newest first, with totalCount',
      api: {
        query: `{ incidents(first: 20, orderBy: { field: DATE, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id name date incidentType verification individualsAffected { count unit reportedBy } } } } }`,
        variables: {},
      },
      neo4jGraphql: {
        query: `{ incidentsConnection(first: 20, sort: [{ date: DESC }, { id: ASC }]) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id name date incidentType verification individualsAffected figuresJson } } } }`,
        variables: {},
      },
      note: '@neo4j/graphql: incidentsConnection(first, sort) (offset cursors; figures left as JSON text)',
    },
    {
      name: 'vendor-ranking',
      what: 'vendors(first: 20) ranked by individuals affected, with incident and exposure counts',
      api: {
        query: `{ vendors(first: 20, orderBy: { field: INDIVIDUALS_AFFECTED, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { vendor { id name } incidents confirmedOrganizations potentialOrganizations individualsAffected } } } }`,
        variables: {},
      },
      neo4jGraphql: null,
      note: 'not expressible in @neo4j/graphql: sorting vendors by an aggregate over incidents and customers (connection aggregates cannot be sorted on)',
    },
  ];
}
