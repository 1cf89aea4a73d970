"""Draw a claim's provenance graph (``trace.graph``) as inline SVG: no script, no external
reference, every label escaped.

Articles are drawn as the outlet that publishes them, so a chain reads "Northern Courier →
Capital Wire → The Harbor Ledger → a senior official"; outlets that cite exactly the same are
one box ("Capital Wire, Northern Courier and 12 more"). Layout: columns by longest path from
the first outlets, nodes stacked in each column in the graph's order. Origins (where chains
end) get a thicker outline and the ``origin`` class; a publishing outlet that is an origin is
its own, unsourced voice (class ``unsourced``). Each node carries a ``<title>`` with its full
label, shown on hover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from sourcetrace.trace.records import ProvenanceGraph


NODE_WIDTH = 190
NODE_HEIGHT = 34
COLUMN_GAP = 70
ROW_GAP = 14
MARGIN = 10
LABEL_CHARACTERS = 26
KIND_NAMES = {"outlet": "outlet", "article": "article", "source": "source"}


def merge_articles(graph: ProvenanceGraph) -> dict[str, Any]:
    """The graph as drawn: each article merged into the outlet that publishes it, edges to and
    from the article moved to the outlet, ``publishes`` edges gone, duplicates too. Such an
    outlet is marked ``published``; it is an origin (its own, unsourced voice) when nothing
    leads on from it, and so is a cited outlet with no article in the story. Nodes and edges
    are dicts (``{"id", "kind", "label", "origin", "published"}``, ``{"from", "to",
    "kind", "label"}``) that the drawing annotates further. A copy edge ("reuses") between
    two outlets that also cite each other is kept beside the citation."""
    into = {e.end: e.start for e in graph.edges if e.kind == "publishes"}
    edges: list[dict[str, Any]] = []
    for edge in graph.edges:
        start, end = into.get(edge.start, edge.start), into.get(edge.end, edge.end)
        if start == end:
            continue
        kind = "cites" if edge.kind == "cites_article" else edge.kind
        if not any(e["from"] == start and e["to"] == end and e["kind"] == kind for e in edges):
            edges.append({"from": start, "to": end, "kind": kind, "label": edge.label})
    onward = {e["from"] for e in edges}
    publishers = set(into.values())
    nodes = [
        {**node.to_json(), "origin": node.id not in onward, "published": node.id in publishers}
        for node in graph.nodes
        if node.id not in into
    ]
    return {"nodes": nodes, "edges": edges}


def group_parallel(graph: dict[str, Any], keep: int = 2) -> dict[str, Any]:
    """The graph with the starting nodes (nothing leads to them) that lead on to exactly the
    same nodes drawn as one: "Capital Wire, Northern Courier and 12 more" when more than
    ``keep`` share their citations. Nodes that lead nowhere (unsourced voices, each its own
    origin) are never grouped."""
    incoming = {e["to"] for e in graph["edges"]}
    onward: dict[str, list[tuple[str, str]]] = {}
    for edge in graph["edges"]:
        onward.setdefault(edge["from"], []).append((edge["to"], edge["kind"]))
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for node in graph["nodes"]:
        if node["id"] not in incoming and node["id"] in onward:
            groups.setdefault(tuple(sorted(onward[node["id"]])), []).append(node)
    into: dict[str, str] = {}
    nodes = []
    for node in graph["nodes"]:
        if node["id"] in into:
            continue
        members = next((g for g in groups.values() if node in g and len(g) > 1), [node])
        if len(members) == 1:
            nodes.append(node)
            continue
        labels = [m["label"] for m in members]
        shown = ", ".join(labels[:keep])
        label = f"{shown} and {len(labels) - keep} more" if len(labels) > keep else shown
        nodes.append({**node, "label": label, "members": labels})
        into.update({m["id"]: node["id"] for m in members})
    edges = []
    for edge in graph["edges"]:
        start = into.get(edge["from"], edge["from"])
        item = {**edge, "from": start}
        if item not in edges:
            edges.append(item)
    return {"nodes": nodes, "edges": edges}


def layers(graph: dict[str, Any]) -> dict[str, int]:
    """Each node's column: the longest path reaching it (edges that would close a cycle are
    ignored)."""
    ids = [n["id"] for n in graph["nodes"]]
    onward: dict[str, list[str]] = {i: [] for i in ids}
    for edge in graph["edges"]:
        if edge["from"] in onward and edge["to"] in onward:
            onward[edge["from"]].append(edge["to"])
    order: list[str] = []  # reverse post-order of a depth-first walk: a topological order
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in ids:
        if root in state:
            continue
        stack = [(root, iter(onward[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(onward[child])))
    depth = dict.fromkeys(ids, 0)
    for node in reversed(order):
        for child in onward[node]:
            if (node, child) not in back:
                depth[child] = max(depth[child], depth[node] + 1)
    return depth


def graph_svg(graph: ProvenanceGraph, title: str = "Provenance graph") -> Markup:
    """The graph as one ``<svg>`` element."""
    drawn = group_parallel(merge_articles(graph))
    column = layers(drawn)
    rows: dict[int, int] = {}
    position: dict[str, tuple[int, int]] = {}
    for node in drawn["nodes"]:
        col = column[node["id"]]
        row = rows.get(col, 0)
        rows[col] = row + 1
        position[node["id"]] = (
            MARGIN + col * (NODE_WIDTH + COLUMN_GAP),
            MARGIN + row * (NODE_HEIGHT + ROW_GAP),
        )
    width = MARGIN * 2 + (max(rows, default=0) + 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP
    height = MARGIN * 2 + max(rows.values(), default=1) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    parts = [
        f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'class="arrowhead"/></marker></defs>',
    ]
    for edge in drawn["edges"]:
        if edge["from"] not in position or edge["to"] not in position:
            continue
        x1, y1 = position[edge["from"]]
        x2, y2 = position[edge["to"]]
        if x2 > x1:
            start, end = (x1 + NODE_WIDTH, y1 + NODE_HEIGHT // 2), (x2, y2 + NODE_HEIGHT // 2)
        else:  # same column or backwards (a cycle): from the bottom edge to the top edge
            start, end = (x1 + NODE_WIDTH // 2, y1 + NODE_HEIGHT), (x2 + NODE_WIDTH // 2, y2)
        parts.append(
            f'<line class="edge {escape(edge["kind"])}" data-kind="{escape(edge["kind"])}" '
            f'x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}" '
            f'marker-end="url(#arrow)"><title>{escape(_edge_title(edge))}</title></line>'
        )
    for node in drawn["nodes"]:
        x, y = position[node["id"]]
        kind = KIND_NAMES.get(node["kind"], "other")
        classes = ["node", kind]
        if node.get("origin"):
            classes.append("origin")
            if node.get("published") or kind == "article":
                classes.append("unsourced")
        label = node["label"]
        short = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
        parts.append(
            f'<g class="{" ".join(classes)}" data-node="{escape(node["id"])}">'
            f"<title>{escape(_node_title(node))}</title>"
            f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6"/>'
            f'<text x="{x + 8}" y="{y + 21}">{escape(short)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _node_title(node: dict[str, Any]) -> str:
    if node.get("members"):
        return f"{len(node['members'])} outlets citing the same: {', '.join(node['members'])}"
    what = {"article": "article by", "outlet": "outlet", "source": "source"}.get(node["kind"], "")
    origin = ""
    if node.get("origin"):
        unsourced = node.get("published") or node["kind"] == "article"
        origin = " (origin: its own voice, unsourced)" if unsourced else " (origin)"
    return f"{what} {node['label']}{origin}".strip()


def _edge_title(edge: dict[str, Any]) -> str:
    return edge.get("label") or edge["kind"].replace("_", " ")
