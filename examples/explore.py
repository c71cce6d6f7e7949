# %% [markdown]
# # Exploring the healthcare cyber-incident graph from Python
#
# What a data person does with the GraphQL API (see `docs/api.md`) using `requests`, `pandas` and
# `networkx`:
#
# 1. search for a vendor by name (or by its former name), with any text safe to search for,
# 2. page through **all** incidents into a DataFrame (keyset cursors, walked to the end), then the
#    incidents of one vendor,
# 3. load the blast radius of the Oracle Health (Cerner) breach into a networkx graph: who is
#    confirmed, who is only potentially exposed, and which individuals-affected figure counts,
# 4. rank vendors by individuals affected,
# 5. explain how the actor "Andrew" is connected to Oracle Corporation, one cited sentence per hop.
#
# The server URL comes from the environment variable `GRAPH_API`
# (default `http://127.0.0.1:4000/graphql`, what `npm start` serves). Every step checks what it got
# with `assert`, so running this file top to bottom is also a test of the API.
#
# This notebook and `examples/explore.py` hold the same code: `examples/sync_notebook.py` builds the
# notebook from the script, and `scripts/run-examples.sh` runs both against a fresh server.

# %%
import math
import os

import networkx as nx
import pandas as pd
import requests

GRAPH_API = os.environ.get("GRAPH_API", "http://127.0.0.1:4000/graphql")
pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 70)

session = requests.Session()


class GraphQLError(RuntimeError):
    """The API answered with errors; `codes` holds each error's extensions.code."""

    def __init__(self, errors):
        self.errors = errors
        self.codes = [e.get("extensions", {}).get("code") for e in errors]
        super().__init__("; ".join(f"{c}: {e['message']}" for c, e in zip(self.codes, errors)))


def gql(query, **variables):
    """POSTs one GraphQL operation and returns its `data`; raises GraphQLError when the answer has errors."""
    response = session.post(GRAPH_API, json={"query": query, "variables": variables}, timeout=60)
    try:
        body = response.json()
    except ValueError:
        response.raise_for_status()
        raise
    if body.get("errors"):
        raise GraphQLError(body["errors"])
    response.raise_for_status()
    return body["data"]


stats = gql("{ stats { nodes { key count } relationships { key count } } }")["stats"]
node_counts = {c["key"]: c["count"] for c in stats["nodes"]}
print({k: node_counts[k] for k in ["Entity", "Incident", "Vendor", "Organization", "Source"]})
assert node_counts["Incident"] > 0 and node_counts["Vendor"] > 0, "the graph is empty: was the seed loaded?"

# %% [markdown]
# ## 1. Find a vendor by name
#
# `search` is prefix and typo tolerant; an exact name or alias match ranks first. Oracle Health was
# Cerner until Oracle bought it, so both names find it.

# %%
SEARCH = """
query Search($q: String!) {
  search(query: $q, first: 5) { score entity { id kind name aliases } }
}
"""


def search(q):
    return gql(SEARCH, q=q)["search"]


hits = search("Oracle Health")
for h in hits:
    print(f"{h['score']:8.2f}  {h['entity']['kind']:<9} {h['entity']['id']:<40} {h['entity']['name'][:60]}")

top = hits[0]["entity"]
assert top["id"] == "vendor-oracle-health" and top["kind"] == "VENDOR", top
assert "Cerner" in top["aliases"]
scores = [h["score"] for h in hits]
assert scores == sorted(scores, reverse=True), "hits are ranked, best first"

cerner = search("Cerner")
print("Cerner ->", cerner[0]["entity"]["id"])
assert cerner[0]["entity"]["id"] == "vendor-oracle-health", "the former name finds the vendor first"

# %% [markdown]
# Any text is safe to search for: search syntax and punctuation are treated as words, and a query with no
# letters or digits simply finds nothing.

# %%
for q in ["AT&T (", "\\", ""]:
    found = search(q)  # raises GraphQLError if the API answered with an error
    print(f"{q!r:>10}: {len(found)} hits", [h["entity"]["id"] for h in found[:3]])
    assert isinstance(found, list), (q, found)
assert search("") == [], "an empty query finds nothing"

# %% [markdown]
# ## 2. Every incident, into a DataFrame
#
# `incidents` is paged with keyset cursors: ask for a page, then pass `pageInfo.endCursor` as `after`
# while `hasNextPage` is true. A cursor remembers the sort key and id of the last row, so pages stay
# consistent even if incidents are added while you walk. A small page size makes the walk visible.

# %%
INCIDENTS_PAGE = """
query Incidents($first: Int!, $after: String, $filter: IncidentFilter) {
  incidents(first: $first, after: $after, filter: $filter, orderBy: {field: DATE, direction: DESC}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name date datePrecision incidentType countries verification properties } }
  }
}
"""


def all_incidents(page_size=10, filter=None):
    """Walks every page of incidents (matching `filter`, an IncidentFilter); returns (rows, totalCount, pages)."""
    rows, after, pages, total = [], None, 0, None
    while True:
        page = gql(INCIDENTS_PAGE, first=page_size, after=after, filter=filter)["incidents"]
        pages += 1
        total = page["totalCount"]
        rows += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return rows, total, pages
        after = page["pageInfo"]["endCursor"]


def incidents_frame(nodes):
    frame = pd.DataFrame(
        {
            "id": n["id"],
            "date": n["date"],
            "name": n["name"],
            "type": n["incidentType"],
            "countries": ",".join(n["countries"]),
            # The incident's one figure for totals (largest people count; placeholders and claims excluded).
            "individuals": n["properties"].get("individualsAffected"),
            "verification": n["verification"],
        }
        for n in nodes
    )
    frame["individuals"] = frame["individuals"].astype("Int64")
    return frame


nodes, total_count, pages = all_incidents(page_size=10)
incidents = incidents_frame(nodes)
print(f"{len(incidents)} incidents in {pages} pages (totalCount {total_count})")
print(incidents[["date", "id", "type", "individuals"]].head(10).to_string(index=False))

assert len(incidents) == total_count, (len(incidents), total_count)
assert pages == math.ceil(total_count / 10)
assert incidents["id"].is_unique, "no incident twice across pages"
# Newest first across page boundaries (an undated incident, which only a write can add, sorts last).
assert incidents["date"].fillna("").is_monotonic_decreasing, "DATE DESC order holds across pages"

# %%
by_year = (
    incidents.assign(year=incidents["date"].str[:4])
    .groupby("year")
    .agg(incidents=("id", "count"), individuals=("individuals", "sum"))
)
print(by_year.to_string())
# The server's timeline sums the same per-incident figures.
timeline = gql("{ timeline(bucket: YEAR) { bucket incidents individualsAffected } }")["timeline"]
for b in timeline:
    assert by_year.loc[b["bucket"], "incidents"] == b["incidents"], b
    assert by_year.loc[b["bucket"], "individuals"] == b["individualsAffected"], b

# %% [markdown]
# ### The incidents of one vendor
#
# `filter: {vendor: …}` keeps the incidents that affected a vendor or organisation, in any role: Oracle
# Corporation was breached itself (Oracle Cloud) and is the parent of the breached vendor in the Oracle
# Health (Cerner) incident. A page size of 1 shows the cursor at work even on a short list. The same
# incidents are the vendor's incoming AFFECTED relationships, which `node(id)` lists.

# %%
VENDOR = "vendor-oracle"
vendor_nodes, vendor_total, vendor_pages = all_incidents(page_size=1, filter={"vendor": VENDOR})
vendor_incidents = incidents_frame(vendor_nodes)
print(f"{VENDOR}: {len(vendor_incidents)} incidents in {vendor_pages} pages")
print(vendor_incidents[["date", "id", "type", "individuals"]].to_string(index=False))

affected_by = gql(
    'query($id: ID!) { node(id: $id) { relationships(types: ["AFFECTED"], direction: IN) { items { role from { id } } } } }',
    id=VENDOR,
)["node"]["relationships"]["items"]
print({r["from"]["id"]: r["role"] for r in affected_by})

assert len(vendor_incidents) == vendor_total == vendor_pages >= 2, (len(vendor_incidents), vendor_total, vendor_pages)
assert vendor_incidents["id"].is_unique
assert set(vendor_incidents["id"]) == {r["from"]["id"] for r in affected_by}, "the filter and the graph agree"
assert "inc-oracle-health-cerner-2025" in set(vendor_incidents["id"])
assert set(vendor_incidents["id"]) <= set(incidents["id"]), "a filtered page holds incidents of the full list"
assert vendor_incidents["date"].is_monotonic_decreasing, "the filter keeps the order"

# %% [markdown]
# ## 3. The blast radius of the Oracle Health (Cerner) breach, in networkx
#
# `blastRadius` follows exposure edges from an incident (or a vendor): SUPPLIER (vendor to customer),
# OWNERSHIP (parents, subsidiaries, acquisitions) and MEMBERSHIP (health system to members). An
# organisation is **confirmed** when an incident names it as affected, **potential** when it is only
# reached through the chain. `subgraph` is shaped for `nx.node_link_graph`.

# %%
BLAST = """
query Blast($from: ID!) {
  blastRadius(from: $from) {
    origin { id name }
    truncated
    summary {
      organizations confirmed potential incidents individualsAffected
      byKind { key count }
      figures { incidentId count unit reportedBy asOf placeholder used sources { id publisher url } }
    }
    reached {
      hops confirmed namedBy
      entity { id kind name }
      path { length nodes { id } sentences }
    }
    subgraph {
      nodes { id kind label hops attributes }
      edges { id source target type sources confidence validFrom validTo }
      truncated omitted
    }
  }
}
"""
blast = gql(BLAST, **{"from": "inc-oracle-health-cerner-2025"})["blastRadius"]
summary, subgraph = blast["summary"], blast["subgraph"]

G = nx.node_link_graph(
    {"directed": True, "multigraph": True, "nodes": subgraph["nodes"], "links": subgraph["edges"]},
    edges="links",
)
print(G)
print(f"{summary['organizations']} organisations: {summary['confirmed']} confirmed, {summary['potential']} potential")

node_ids = {n["id"] for n in subgraph["nodes"]}
assert isinstance(G, nx.MultiDiGraph)
assert not blast["truncated"] and not subgraph["truncated"]
assert all(e["source"] in node_ids and e["target"] in node_ids for e in subgraph["edges"]), "every edge joins nodes present"
assert set(G.nodes) == node_ids, "networkx added no node that the API did not send"
assert G.number_of_edges() == len(subgraph["edges"])
assert summary["confirmed"] + summary["potential"] == summary["organizations"] == len(blast["reached"])

# %%
exposure = pd.DataFrame(
    {
        "id": r["entity"]["id"],
        "name": r["entity"]["name"],
        "kind": r["entity"]["kind"],
        "hops": r["hops"],
        "status": "confirmed" if r["confirmed"] else "potential",
    }
    for r in blast["reached"]
)
print(exposure.groupby(["status", "kind"]).size().to_string())
print(exposure[["status", "hops", "kind", "name"]].to_string(index=False))
# Why is an organisation only potentially exposed? Its path, one cited sentence per hop:
for r in blast["reached"]:
    if not r["confirmed"]:
        print(f"\n{r['entity']['name']} (potential, {r['hops']} hops):")
        for sentence in r["path"]["sentences"]:
            print(f"  - {sentence}")

origin = blast["origin"]["id"]
for r in blast["reached"]:
    path_ids = [n["id"] for n in r["path"]["nodes"]]
    assert path_ids[0] == origin and path_ids[-1] == r["entity"]["id"], path_ids
    assert r["path"]["length"] == r["hops"] == len(r["path"]["sentences"])
    # The path is in the graph: networkx finds a route at least as short, ignoring direction.
    assert nx.shortest_path_length(G.to_undirected(as_view=True), origin, r["entity"]["id"]) <= r["hops"]
    assert G.nodes[r["entity"]["id"]]["attributes"]["confirmed"] == r["confirmed"]
    assert r["confirmed"] == bool(r["namedBy"])

# %% [markdown]
# ### Individuals affected: one figure per incident
#
# Sources disagree, and an incident's figures overlap (a hospital's own report, a vendor's filing, a
# media tally), so the summary never adds them up. It takes **one figure per incident**: the largest
# that counts people, leaving out placeholders such as 501 (filed while a victim is still counting) and
# claims (an attacker's "records"). `used` marks the figure that went into the total.

# %%
figures = pd.DataFrame(
    {
        "used": f["used"],
        "count": f["count"],
        "unit": f["unit"],
        "reported by": f["reportedBy"],
        "as of": f["asOf"] or "",
        "placeholder": f["placeholder"],
        "sources": "; ".join(s["publisher"] or s["id"] for s in f["sources"]),
    }
    for f in summary["figures"]
)
figures["count"] = figures["count"].astype("Int64")
print(figures.to_string(index=False))
print(f"\nindividuals affected (summary): {summary['individualsAffected']:,}")

used = figures[figures["used"]]
assert len(used) == 1, "one figure per incident"
assert int(used["count"].sum()) == summary["individualsAffected"]
assert not used["placeholder"].any(), "a placeholder never counts"
assert (figures.loc[figures["placeholder"], "count"] == 501).all()
assert int(used["count"].iloc[0]) == figures.loc[~figures["placeholder"], "count"].max()

# %% [markdown]
# ## 4. Vendors ranked by individuals affected
#
# `vendors` ranks every vendor by the individuals affected in the incidents that breached it (each
# incident's one figure, as above). Paged like `incidents`.

# %%
VENDORS_PAGE = """
query Vendors($after: String) {
  vendors(first: 10, after: $after, orderBy: {field: INDIVIDUALS_AFFECTED, direction: DESC}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { vendor { id name } incidents confirmedOrganizations potentialOrganizations individualsAffected } }
  }
}
"""
ranked, after = [], None
while True:
    page = gql(VENDORS_PAGE, after=after)["vendors"]
    ranked += [e["node"] for e in page["edges"]]
    if not page["pageInfo"]["hasNextPage"]:
        break
    after = page["pageInfo"]["endCursor"]

vendors = pd.DataFrame(
    {
        "vendor": v["vendor"]["name"][:45],
        "id": v["vendor"]["id"],
        "incidents": v["incidents"],
        "confirmed orgs": v["confirmedOrganizations"],
        "individuals": int(v["individualsAffected"]),
    }
    for v in ranked
)
print(vendors.head(12).to_string(index=False))

assert len(vendors) == page["totalCount"] and vendors["id"].is_unique
assert vendors["individuals"].is_monotonic_decreasing, "the ranking is non-increasing"
oracle_health = vendors.set_index("id").loc["vendor-oracle-health"]
assert oracle_health["individuals"] == summary["individualsAffected"], "same per-incident figure as the blast radius"

# %% [markdown]
# ## 5. How is "Andrew" connected to Oracle Corporation?
#
# `paths` returns the shortest few connections; each hop is a sentence with its best citation, and
# `steps` gives every citation behind it.

# %%
PATHS = """
query Paths($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, first: 3) {
    length
    nodes { id label }
    sentences
    steps { relationship { id type } citations { publisher title url } }
  }
}
"""
paths = gql(PATHS, **{"from": "actor-andrew", "to": "vendor-oracle"})["paths"]
for i, p in enumerate(paths, 1):
    print(f"Path {i} ({p['length']} hops): " + " → ".join(n["label"] for n in p["nodes"]))
    for sentence, step in zip(p["sentences"], p["steps"]):
        print(f"  - {sentence}")
        print(f"      {step['citations'][0]['url']}")

assert paths, "actor-andrew and vendor-oracle are connected"
lengths = [p["length"] for p in paths]
assert lengths == sorted(lengths), "shortest first"
for p in paths:
    assert p["nodes"][0]["id"] == "actor-andrew" and p["nodes"][-1]["id"] == "vendor-oracle"
    assert len(p["sentences"]) == len(p["steps"]) == p["length"]
    assert all(step["citations"] and step["citations"][0]["url"] for step in p["steps"]), "every hop is cited"

# %% [markdown]
# ## Errors are answers too
#
# Every error carries `extensions.code`; out-of-range arguments say which argument and the allowed range.

# %%
try:
    gql("{ blastRadius(from: \"inc-oracle-health-cerner-2025\", maxHops: 9) { omitted } }")
    raise AssertionError("maxHops 9 should be refused")
except GraphQLError as err:
    print(err)
    assert err.codes == ["BAD_USER_INPUT"]
    assert err.errors[0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "maxHops", "min": 1, "max": 4}

try:
    gql("{ blastRadius(from: \"no-such-entity\") { omitted } }")
    raise AssertionError("an unknown id should be NOT_FOUND")
except GraphQLError as err:
    print(err)
    assert err.codes == ["NOT_FOUND"]

print("\nAll checks passed.")
