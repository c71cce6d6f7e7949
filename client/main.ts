// The one place that wires API, data graph, layout, renderer and panels together.
import Graph from 'graphology';
import { ApiError, graphql } from './api.ts';
import { mergeNeighbourhood, type EdgeAttributes, type EntitySummary, type NodeAttributes, type RelationshipSummary } from './graph/payload.ts';
import { runLayout } from './graph/layout.ts';
import { createRenderer } from './renderer/sigma.ts';
import { renderDetails, renderMessage, type EntityDetails } from './views/details.ts';

const START_ID = 'inc-oracle-health-cerner-2025';

const NEIGHBOURHOOD = /* GraphQL */ `
  query Neighbourhood($id: ID!) {
    node(id: $id) {
      id kind name
      relationships(first: 200) {
        totalCount truncated
        items { id type confidence sources { id } from { id kind name } to { id kind name } }
      }
    }
  }`;

const DETAILS = /* GraphQL */ `
  query Details($id: ID!) {
    node(id: $id) {
      id kind name aliases notes
      sources { id ... on Source { title publisher date url } }
    }
  }`;

interface NeighbourhoodData {
  node: (EntitySummary & { relationships: { totalCount: number; truncated: boolean; items: RelationshipSummary[] } }) | null;
}

const status = document.getElementById('status')!;
const container = document.getElementById('graph')!;
const panel = document.getElementById('details')!;

const graph = new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed' });

async function showDetails(id: string): Promise<void> {
  renderMessage(panel, 'Loading…');
  try {
    const { node } = await graphql<{ node: EntityDetails | null }>(DETAILS, { id });
    if (!node) return renderMessage(panel, `No entity with id ${id}`, true);
    renderDetails(panel, node);
  } catch (err) {
    renderMessage(panel, err instanceof Error ? err.message : String(err), true);
  }
}

async function start(): Promise<void> {
  const startId = new URLSearchParams(location.search).get('focus') ?? START_ID;
  let data: NeighbourhoodData;
  try {
    data = await graphql<NeighbourhoodData>(NEIGHBOURHOOD, { id: startId });
  } catch (err) {
    status.textContent = err instanceof ApiError ? `Could not load the graph: ${err.message} (${err.code})` : 'Could not reach the server';
    status.classList.add('error');
    return;
  }
  if (!data.node) {
    status.textContent = `No entity with id ${startId}; the database may not hold the seed yet.`;
    return;
  }
  mergeNeighbourhood(graph, data.node, data.node.relationships.items);
  const { totalCount, truncated } = data.node.relationships;
  status.textContent = `${data.node.name}: ${graph.order} entities, ${graph.size} relationships${truncated ? ` (showing ${graph.size} of ${totalCount})` : ''}`;

  const renderer = createRenderer(container, graph, (id) => {
    renderer.select(id);
    void showDetails(id);
  });
  renderer.select(startId);
  void showDetails(startId);
  const stopLayout = runLayout(graph, 2500, () => {
    document.body.dataset.layout = 'done';
  });
  document.body.dataset.ready = 'true';
  // Expose a read-only handle for end-to-end tests and the console.
  (window as unknown as { __explorer: unknown }).__explorer = { graph, sigma: renderer.sigma };
  window.addEventListener('pagehide', () => {
    stopLayout();
    renderer.kill();
  });
}

void start();
