// The one place that wires stores, data graph, layout, renderer and panels together, and keeps the URL in step.
import { appearanceStore, setColorBy, setSizeBy } from './core/appearance/index.ts';
import type { Legend } from './core/appearance/types.ts';
import { buildLegend, nodeMetrics } from './core/appearance/utils.ts';
import { canRelayout, dataStore, graph, loadView, relayout, stopLayout } from './core/data/index.ts';
import { omittedByNode } from './core/data/utils.ts';
import { filtersStore, resetFilters, setConfidenceHidden, setKindHidden } from './core/filters/index.ts';
import { visibleGraph } from './core/filters/utils.ts';
import { BLAST_ORIGIN_KINDS } from './core/kinds.ts';
import { layoutStore } from './core/layout/index.ts';
import { fromQuery, toQuery } from './core/share/utils.ts';
import {
  canUndo,
  collapse,
  expand,
  historyStore,
  loadMore,
  openBlastRadius,
  openEntity,
  openPaths,
  pin,
  restoreView,
  select,
  setAsOf,
  setBlastOptions,
  setDepth,
  takeCamera,
  undo,
  unpin,
  viewStore,
} from './core/view/index.ts';
import type { Selection } from './core/view/types.ts';
import { canLoadMore, dataKey, expansionLabel, isExpanded } from './core/view/utils.ts';
import { edgesCsv, nodesCsv } from './export/csv.ts';
import { download, fileStem } from './export/download.ts';
import { toGexf } from './export/gexf.ts';
import { toGraphml } from './export/graphml.ts';
import { composePng } from './export/png.ts';
import { snapshot, sourceIdsOf } from './export/snapshot.ts';
import { killLayoutWorker } from './graph/layout.ts';
import { viewDocument } from './graph/queries.ts';
import { ringGuides, radialPositions } from './graph/radial-layout.ts';
import { citation, resolveSources } from './graph/sources.ts';
import { createRenderer, type RenderContext, type Renderer } from './renderer/sigma.ts';
import { createAppearancePanel, renderLegend } from './views/appearance.ts';
import { renderBlastSummary } from './views/blast-summary.ts';
import { refreshEntity, renderMessage, showEntity, showRelationship, type DetailsActions } from './views/details.ts';
import { button, formatDate, h } from './views/dom.ts';
import { copyText, createExportPanel, type ExportFormat } from './views/export.ts';
import { createFiltersPanel } from './views/filters.ts';
import { renderList } from './views/list.ts';
import { createPathQuestion, renderPaths } from './views/paths.ts';
import { createSearchBox } from './views/search.ts';

const START_ID = 'inc-oracle-health-cerner-2025';
/** The whole graph with a margin for labels, which sigma's framing does not count (labels point both ways on rings). */
// Blast rings and path lanes are drawn a little smaller and higher than a neighbourhood, so the outer ring's labels fit
// the pane and the legend (bottom left) covers none of them.
const fit = () => (viewStore.get().mode === 'explore' ? { x: 0.5, y: 0.5, ratio: 1.12, angle: 0 } : { x: 0.5, y: 0.42, ratio: 1.6, angle: 0 });

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const statusEl = $('status');
const container = $('graph');
const detailsPanel = $('details');
const viewPanel = $('view-panel');
const notice = $('notice');
const legendEl = $('legend');
const listEl = $('list');
const listBody = $('list-body');
const undoButton = $<HTMLButtonElement>('undo');
const layoutButton = $<HTMLButtonElement>('layout-toggle');

// ---- state from the link ----------------------------------------------------------------------------------
const shared = fromQuery(location.search);
if (!shared.view.focus) shared.view.focus = START_ID;
// A link without a selection focuses its entity (the origin of a blast radius, the entity opened).
if (!shared.view.selection && shared.view.mode !== 'paths' && !new URLSearchParams(location.search).has('sel')) {
  shared.view.selection = { type: 'node', id: shared.view.focus };
}
filtersStore.set(shared.filters);
appearanceStore.set(shared.appearance);
restoreView(shared.view);

let renderer: Renderer | null = null;
let highlightedPath: number | null = null;
let listShown = false;

// ---- derived drawing context ------------------------------------------------------------------------------
function renderContext(): RenderContext {
  const view = viewStore.get();
  const data = dataStore.get();
  const paths = data.paths ?? [];
  const chosen = highlightedPath === null ? paths : paths.filter((_, i) => i === highlightedPath);
  const rings = view.mode === 'blast' && view.focus ? ringGuides(radialPositions(graph, view.focus)) : [];
  return {
    mode: view.mode,
    focus: view.mode === 'paths' ? null : view.focus,
    filters: filtersStore.get(),
    appearance: appearanceStore.get(),
    selection: view.selection,
    highlightEdges: new Set(chosen.flatMap((p) => p.edges.map((e) => e.id))),
    highlightNodes: new Set(chosen.flatMap((p) => p.nodes.map((n) => n.id))),
    omitted: omittedByNode(data.truncations),
    rings,
  };
}

/** The legends for what is drawn (the canvas and the PNG export share them). */
function legends(): Legend[] {
  const visible = visibleGraph(graph, filtersStore.get());
  const appearance = appearanceStore.get();
  const nodes = visible.nodes.map((n) => graph.getNodeAttributes(n));
  return buildLegend(appearance, nodes, visible.nodes.map((n) => nodeMetrics(graph, n, appearance)), viewStore.get().mode);
}

function redraw(): void {
  renderer?.setContext(renderContext());
  renderLegend(legendEl, legends());
  if (listShown) drawList();
  filtersPanel.update(graph, filtersStore.get(), viewStore.get());
  updateStatus();
}

function drawList(): void {
  const visible = visibleGraph(graph, filtersStore.get());
  renderList(listBody, graph, visible, { nodes: graph.order - visible.nodes.length, edges: graph.size - visible.edges.length }, {
    selectNode: (id) => select({ type: 'node', id }),
    selectEdge: (id) => select({ type: 'edge', id }),
    expand: (id) => expand(id),
    collapse: (id) => collapse(id),
    isExpanded: (id) => isExpanded(viewStore.get(), id),
  });
}

// ---- status line and the "N more" notice --------------------------------------------------------------------
function viewTitle(): string {
  const view = viewStore.get();
  const name = (id: string | null) => (id && (dataStore.get().names[id] ?? (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id))) || '';
  const date = view.asOf ? ` as of ${formatDate(view.asOf)}` : '';
  if (view.mode === 'blast') return `Blast radius of ${name(view.focus)}${date}`;
  if (view.mode === 'paths') return `How ${name(view.focus)} and ${name(view.target)} are connected${date}`;
  return `${name(view.focus)}${date}`;
}

function updateStatus(): void {
  const data = dataStore.get();
  const layout = layoutStore.get();
  statusEl.classList.toggle('error', data.status.status === 'error');
  if (data.status.status === 'loading') {
    statusEl.textContent = `Loading ${data.status.done + 1 > data.status.total ? data.status.total : data.status.done + 1} of ${data.status.total}: ${data.status.step}…`;
  } else if (data.status.status === 'error') {
    statusEl.textContent = `Could not load the view: ${data.status.message} (${data.status.code}).`;
  } else if (data.status.status === 'ready') {
    const visible = visibleGraph(graph, filtersStore.get());
    const hidden = graph.order - visible.nodes.length;
    const layoutText =
      layout.status === 'running'
        ? ` · laying out (${layout.iterations} iterations)`
        : layout.status === 'error'
          ? ` · ${layout.message}`
          : layout.status === 'done' && layout.reason === 'stopped'
            ? ' · layout stopped'
            : '';
    statusEl.textContent = `${viewTitle()}: ${visible.nodes.length} entities and ${visible.edges.length} relationships shown${hidden > 0 ? ` (filters hide ${hidden} entities)` : ''}${layoutText}.`;
  }
  const truncations = data.status.status === 'ready' ? data.truncations : [];
  const view = viewStore.get();
  notice.hidden = truncations.length === 0;
  notice.replaceChildren(
    ...truncations.map((t) =>
      h(
        'p',
        { dataset: { origin: t.origin } },
        `The server left out ${t.omitted.toLocaleString('en-US')} ${t.unit} of “${t.label}”${t.limit && !t.label.includes('cap') ? ` (cap ${t.limit})` : ''}. `,
        // Offered only where it can act: below the server's largest cap for that kind of answer.
        canLoadMore(view, t.origin)
          ? button('Load more', () => loadMore(t.origin), { className: 'small', dataset: { action: 'load-more' } })
          : h('span', { className: 'hint' }, 'That is the most the server gives in one answer.'),
      ),
    ),
  );
  updateLayoutButton();
  const busy = data.status.status === 'loading' || layout.status === 'running';
  document.body.dataset.busy = String(busy);
  if (layout.status === 'done' || layout.status === 'error') document.body.dataset.layout = 'done';
  else if (layout.status === 'running') document.body.dataset.layout = 'running';
}

/** The layout control beside the status line: Stop while ForceAtlas2 runs, Resume once it has stopped. */
function updateLayoutButton(): void {
  const running = layoutStore.get().status === 'running';
  const ready = dataStore.get().status.status === 'ready';
  layoutButton.textContent = running ? 'Stop layout' : 'Resume layout';
  layoutButton.dataset.state = running ? 'running' : 'stopped';
  const movable = ready && canRelayout(viewStore.get());
  layoutButton.disabled = !running && !movable;
  layoutButton.title = running
    ? 'Stop the layout where it is (R)'
    : movable
      ? 'Run the layout again from where the nodes are (R)'
      : 'Nothing to lay out: rings, lanes and pinned nodes stay where they are';
}

function toggleLayout(): void {
  if (layoutStore.get().status === 'running') stopLayout();
  else if (dataStore.get().status.status === 'ready' && canRelayout(viewStore.get())) void relayout(viewStore.get());
}

// ---- the right column: the view's own panel and the selection -----------------------------------------------
function drawViewPanel(): void {
  const view = viewStore.get();
  const data = dataStore.get();
  const expansions =
    view.expansions.length > 0 || view.collapsed.length > 0
      ? h(
          'section',
          { className: 'expansions-section' },
          h('h3', null, 'Expanded in this view'),
          h(
            'ul',
            { className: 'expansions', id: 'expansions' },
            ...view.expansions.map((e) =>
              h(
                'li',
                { dataset: { id: e.id } },
                h('span', null, `${graph.hasNode(e.id) ? graph.getNodeAttribute(e.id, 'label') : e.id}: ${expansionLabel(e)}`),
                button('Collapse', () => collapse(e.id), { className: 'small' }),
              ),
            ),
            ...view.collapsed.map((id) => h('li', null, h('span', null, `${graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id}: collapsed`), button('Expand', () => expand(id), { className: 'small' }))),
          ),
        )
      : null;
  if (view.mode === 'blast' && data.blast) {
    renderBlastSummary(viewPanel, data.blast, { hops: view.hops, follow: view.follow, asOf: view.asOf }, {
      selectNode: (id) => select({ type: 'node', id }),
      setOptions: setBlastOptions,
    });
    if (expansions) viewPanel.append(expansions);
    viewPanel.hidden = false;
  } else if (view.mode === 'paths' && data.paths && view.focus && view.target) {
    renderPaths(viewPanel, data.paths, { from: data.names[view.focus] ?? view.focus, to: data.names[view.target] ?? view.target, asOf: view.asOf }, {
      selectEdge: (id) => select({ type: 'edge', id }),
      selectNode: (id) => select({ type: 'node', id }),
      highlight(index) {
        highlightedPath = index;
        renderer?.setContext(renderContext());
      },
    });
    if (expansions) viewPanel.append(expansions);
    viewPanel.hidden = false;
  } else if (expansions) {
    viewPanel.replaceChildren(expansions);
    viewPanel.hidden = false;
  } else {
    viewPanel.replaceChildren();
    viewPanel.hidden = true;
  }
}

const detailsActions: DetailsActions = {
  selectNode: (id) => select({ type: 'node', id }),
  selectEdge: (id) => select({ type: 'edge', id }),
  expand: (id, types) => expand(id, types),
  collapse,
  undo,
  canUndo,
  loadMore,
  blastRadius: openBlastRadius,
  pathFrom(id, name) {
    pathQuestion.set('from', id, name);
    pathQuestion.focus('to');
  },
  pathTo(id, name) {
    pathQuestion.set('to', id, name);
    pathQuestion.focus('from');
  },
  pin(id) {
    if (!graph.hasNode(id)) return;
    // Pinned where it is drawn now; the layout then leaves it alone, like a dragged node.
    const { x, y } = graph.getNodeAttributes(id);
    graph.setNodeAttribute(id, 'pinned', true);
    pin(id, x, y);
  },
  unpin(id) {
    unpin(id);
    if (graph.hasNode(id)) graph.setNodeAttribute(id, 'pinned', false);
    void relayout(viewStore.get());
  },
  centre(id) {
    if (!renderer || !graph.hasNode(id)) return;
    const display = renderer.sigma.getNodeDisplayData(id);
    if (display) renderer.setCamera({ x: display.x, y: display.y, ratio: 0.6, angle: 0 }, true);
  },
  nodeState(id) {
    const view = viewStore.get();
    const omitted = dataStore.get().truncations.filter((t) => t.origin === id);
    return {
      inView: graph.hasNode(id),
      expanded: isExpanded(view, id),
      pinned: view.pins.some((p) => p.id === id),
      canLoadMore: canLoadMore(view, id),
      omitted: omitted.reduce((n, t) => n + t.omitted, 0),
      omittedUnit: omitted[0]?.unit ?? 'entities',
    };
  },
  edgeInView: (id) => graph.hasEdge(id),
};

function showSelection(selection: Selection): void {
  if (!selection) {
    delete detailsPanel.dataset.entity;
    delete detailsPanel.dataset.relationship;
    renderMessage(detailsPanel, 'Click a node or an edge, or pick one from the list, to see what it is and who says so.');
    return;
  }
  if (selection.type === 'node') void showEntity(detailsPanel, selection.id, detailsActions);
  else void showRelationship(detailsPanel, selection.id, detailsActions);
}

// ---- panels -------------------------------------------------------------------------------------------------
const search = createSearchBox('Search entities', 'Search a vendor, hospital, incident, actor, CVE… (/)', (hit) => openEntity(hit.id), { compact: true });
search.input.id = 'search';
search.input.setAttribute('aria-keyshortcuts', '/');
$('search-slot').append(search.element);

const pathQuestion = createPathQuestion((from, to) => openPaths(from, to));
$('path-question').append(pathQuestion.element);

const filtersPanel = createFiltersPanel({
  setAsOf,
  setDepth,
  setKindHidden,
  setConfidenceHidden,
  reset: resetFilters,
});
$('filters').append(filtersPanel.element);

const appearancePanel = createAppearancePanel(setSizeBy, setColorBy);
$('appearance').append(appearancePanel.element);
appearancePanel.update(appearanceStore.get());

const exportPanel = createExportPanel(
  (format) => void exportView(format),
  () => {
    writeUrl(true);
    void copyText(location.href, $<HTMLInputElement>('share-url')).then((ok) => exportPanel.setMessage(ok ? 'Link copied.' : 'Select the link above and copy it.'));
  },
);
$('export').append(exportPanel.element);

// ---- URL ----------------------------------------------------------------------------------------------------
let urlTimer: ReturnType<typeof setTimeout> | undefined;
function writeUrl(now = false): void {
  clearTimeout(urlTimer);
  const write = () => {
    const view = viewStore.get();
    const camera = view.camera ?? renderer?.getCamera() ?? null;
    const query = toQuery({ view, filters: filtersStore.get(), appearance: appearanceStore.get() }, camera);
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
    exportPanel.setUrl(location.href);
  };
  if (now) write();
  else urlTimer = setTimeout(write, 250);
}

// ---- exports ------------------------------------------------------------------------------------------------
async function exportView(format: ExportFormat): Promise<void> {
  const view = viewStore.get();
  const stem = fileStem([view.mode, view.focus, view.target, view.asOf]);
  if (format === 'graphql') {
    const dialog = $<HTMLDialogElement>('query-dialog');
    $<HTMLTextAreaElement>('query-text').value = viewDocument(dataStore.get().parts);
    $('query-copied').textContent = '';
    dialog.showModal();
    return;
  }
  exportPanel.setBusy(format);
  try {
    const snap = snapshot(graph, filtersStore.get(), appearanceStore.get());
    const sources = await resolveSources(sourceIdsOf(snap));
    const description = `${viewTitle()} — ${location.href}`;
    if (format === 'gexf') download(`${stem}.gexf`, toGexf(snap, sources, description), 'application/gexf+xml');
    else if (format === 'graphml') download(`${stem}.graphml`, toGraphml(snap, sources, description), 'application/graphml+xml');
    else if (format === 'csv-nodes') download(`${stem}-entities.csv`, nodesCsv(snap, sources), 'text/csv;charset=utf-8');
    else if (format === 'csv-edges') download(`${stem}-relationships.csv`, edgesCsv(snap, sources), 'text/csv;charset=utf-8');
    else if (format === 'png' && renderer) {
      const edgeSources = [...new Set(snap.edges.flatMap((e) => e.sources))];
      const caption = [
        `${snap.nodes.length} entities and ${snap.edges.length} relationships; exported ${new Date().toISOString().slice(0, 10)} from ${location.href}`,
        `Sources of the ${snap.edges.length} relationships shown (${edgeSources.length}):`,
        ...edgeSources.map((id, i) => `${i + 1}. ${citation(sources.get(id)!)}`),
      ];
      const r = renderer;
      const blob = await composePng({
        container,
        render: () => r.sigma.refresh(),
        title: viewTitle(),
        legends: legends(),
        caption,
      });
      download(`${stem}.png`, blob);
    }
    exportPanel.setMessage(`Exported ${snap.nodes.length} entities and ${snap.edges.length} relationships.`);
  } catch (err) {
    exportPanel.setMessage(`Export failed: ${err instanceof Error ? err.message : String(err)}`, true);
  } finally {
    exportPanel.setBusy(null);
  }
}

$('query-copy').addEventListener('click', () => {
  const text = $<HTMLTextAreaElement>('query-text');
  void copyText(text.value, text).then((ok) => ($('query-copied').textContent = ok ? 'Copied.' : 'Select the text and copy it.'));
});

// ---- graph / list tabs --------------------------------------------------------------------------------------
function showList(show: boolean, focus = false): void {
  listShown = show;
  listEl.hidden = !show;
  legendEl.hidden = show;
  const graphTab = $('tab-graph');
  const listTab = $('tab-list');
  graphTab.setAttribute('aria-selected', String(!show));
  listTab.setAttribute('aria-selected', String(show));
  graphTab.tabIndex = show ? -1 : 0;
  listTab.tabIndex = show ? 0 : -1;
  if (show) drawList();
  if (focus) (show ? listTab : graphTab).focus();
}
$('tab-graph').addEventListener('click', () => showList(false));
$('tab-list').addEventListener('click', () => showList(true));
for (const tab of [$('tab-graph'), $('tab-list')]) {
  tab.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      showList(!listShown, true);
    }
  });
}
document.querySelector('.skip')?.addEventListener('click', () => showList(true));

// ---- keyboard shortcuts -------------------------------------------------------------------------------------
const NOT_TEXT_INPUTS = ['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file'];

function selectedNode(): string | null {
  const s = viewStore.get().selection;
  return s?.type === 'node' ? s.id : null;
}

document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  // Keys go to text fields; a focused checkbox, radio, slider or button (just used in a panel) leaves them to us.
  const field = t.closest('input, textarea, select, [contenteditable="true"]');
  const typing = field !== null && !(field instanceof HTMLInputElement && NOT_TEXT_INPUTS.includes(field.type));
  if (e.key === 'Escape' && !typing && !document.querySelector('dialog[open]')) {
    select(null);
    return;
  }
  if (typing || e.altKey || e.metaKey) return;
  if (e.ctrlKey) {
    if (e.key === 'z') {
      e.preventDefault();
      undo();
    }
    return;
  }
  const node = selectedNode();
  const actions: Record<string, () => void> = {
    '/': () => search.input.focus(),
    '?': () => $<HTMLDialogElement>('shortcuts').showModal(),
    e: () => node && expand(node),
    c: () => node && collapse(node),
    u: () => undo(),
    b: () => node && graph.hasNode(node) && BLAST_ORIGIN_KINDS.includes(graph.getNodeAttribute(node, 'kind')) && openBlastRadius(node),
    p: () => {
      if (node) pathQuestion.set('from', node, graph.hasNode(node) ? graph.getNodeAttribute(node, 'label') : node);
      pathQuestion.focus(node ? 'to' : 'from');
    },
    l: () => showList(!listShown, true),
    g: () => {
      showList(false);
      container.focus();
    },
    f: () => renderer?.setCamera(fit(), true),
    r: () => toggleLayout(),
  };
  const action = actions[e.key];
  if (action && !(t === container && ['+', '-', '=', '0'].includes(e.key))) {
    e.preventDefault();
    action();
  }
});
$('shortcuts-button').addEventListener('click', () => $<HTMLDialogElement>('shortcuts').showModal());
undoButton.addEventListener('click', () => undo());
layoutButton.addEventListener('click', () => toggleLayout());

// ---- bindings -----------------------------------------------------------------------------------------------
let loads = 0;
async function reload(): Promise<void> {
  const mine = ++loads;
  renderer?.unfreeze();
  highlightedPath = null;
  const outcome = await loadView(viewStore.get());
  if (mine !== loads) return;
  if (!outcome.ok) {
    updateStatus();
    document.body.dataset.busy = 'false';
    return;
  }
  const camera = takeCamera();
  if (camera) renderer?.setCamera(camera);
  else if (outcome.fresh) renderer?.setCamera(fit());
  redraw();
  writeUrl();
  document.body.dataset.ready = 'true';
}

viewStore.subscribe((view, previous) => {
  if (dataKey(view) !== dataKey(previous)) void reload();
  if (view.selection !== previous.selection) showSelection(view.selection);
  else if (view.selection?.type === 'node') refreshEntity(detailsPanel, view.selection.id, detailsActions);
  renderer?.setContext(renderContext());
  filtersPanel.update(graph, filtersStore.get(), view);
  drawViewPanel();
  updateLayoutButton();
  // A change of view is discrete: the address follows at once (only camera moves are debounced).
  writeUrl(true);
});

dataStore.subscribe((data, previous) => {
  if (data.status !== previous.status) updateStatus();
  if (data.key !== previous.key || data.blast !== previous.blast || data.paths !== previous.paths) {
    const view = viewStore.get();
    if (view.mode === 'paths' && view.focus && view.target) {
      pathQuestion.set('from', view.focus, data.names[view.focus] ?? view.focus);
      pathQuestion.set('to', view.target, data.names[view.target] ?? view.target);
    }
    drawViewPanel();
    redraw();
    const sel = viewStore.get().selection;
    if (sel?.type === 'node') refreshEntity(detailsPanel, sel.id, detailsActions);
  }
});

layoutStore.subscribe((status, previous) => {
  updateStatus();
  if (status.status === 'done' && previous.status === 'running' && listShown) drawList();
});

filtersStore.subscribe(() => {
  redraw();
  writeUrl();
});

appearanceStore.subscribe((state) => {
  appearancePanel.update(state);
  redraw();
  writeUrl();
});

historyStore.subscribe(() => {
  undoButton.disabled = !canUndo();
});

// ---- start --------------------------------------------------------------------------------------------------
function start(): void {
  renderer = createRenderer(container, graph, renderContext(), {
    onSelect: (selection) => select(selection),
    onExpand: (node) => expand(node),
    onDragStart: () => stopLayout(),
    onPin: (node, x, y) => {
      graph.setNodeAttribute(node, 'pinned', true);
      pin(node, x, y);
    },
    fitCamera: fit,
  });
  renderer.sigma.getCamera().on('updated', () => writeUrl());
  showSelection(viewStore.get().selection);
  drawViewPanel();
  void reload();
  // A read-only handle for end-to-end tests and the console.
  (window as unknown as { __explorer: unknown }).__explorer = {
    graph,
    sigma: renderer.sigma,
    visible: () => visibleGraph(graph, filtersStore.get()),
    state: () => ({ view: viewStore.get(), filters: filtersStore.get(), appearance: appearanceStore.get(), data: dataStore.get(), layout: layoutStore.get() }),
  };
  window.addEventListener('pagehide', () => {
    stopLayout();
    killLayoutWorker();
    renderer?.kill();
    search.destroy();
  });
}

start();
