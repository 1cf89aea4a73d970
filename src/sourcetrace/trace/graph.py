"""The provenance graph of a canonical claim: who published it, whom they cite, to whom they
attribute it.

Nodes are articles (``article:ID``), outlets (``outlet:NAME``) and sources (``source:NAME``,
or a speaker's canonical entity id, :mod:`.identity`);
edges are ``publishes`` (outlet → article), ``cites`` (article or outlet → cited outlet),
``attributes_to`` (the last outlet of a chain → its source), ``speaks_for`` (a spokesperson or
an office → the person or body it speaks for, :mod:`.principals`) and ``cites_article``
(article → the cited outlet's own article about the claim, when it is in the corpus).
With a story's :class:`.dependence.Dependence`, copied text has edges of its own:
``reuses`` (article → the earlier article of the claim whose sentences it reuses, labelled
"reuses 4 of 13 sentences"), ``wire_copy_of`` (article → the agency it runs copy of) and
``runs_common_text`` (each article of a text several ran with no direction → one node for
that text, :func:`.origins.common_texts`) and ``inferred_from`` (an article stating the claim
in its own voice → the earlier article of an outlet it cites elsewhere in its text, or → the
article that credits a source for the words it runs without the credit, as :mod:`.origins`
infers).

A journalist who passes the words on (a ``reporter`` link) is a step between their outlet and
the source. A node is marked ``"origin": true`` where a chain ends: a source; an outlet cited
with no article of its own in the graph; an article that cites and attributes nothing (the
outlet's own, unsourced voice).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sourcetrace.nlp.words import REPORTER
from sourcetrace.trace.dependence import Dependence
from sourcetrace.trace.origins import common_texts
from sourcetrace.trace.records import GraphEdge, GraphNode, ProvenanceGraph
from sourcetrace.trace.versions import ClaimVersion, name_key

__all__ = ["provenance_graph"]

Node = Callable[..., str]
Edge = Callable[..., None]


def provenance_graph(
    versions: Sequence[ClaimVersion], dependence: Dependence | None = None
) -> ProvenanceGraph:
    """The graph of the versions' outlets, articles and sources, and with ``dependence``
    the text they copy, nodes and edges in the order first met."""
    nodes: dict[str, tuple[str, str]] = {}  # id -> (kind, label)
    edges: list[GraphEdge] = []

    def node(kind: str, label: str, ident: str | None = None) -> str:
        ident = ident or f"{kind}:{name_key(label)}"
        nodes.setdefault(ident, (kind, label))
        return ident

    def edge(start: str, end: str, kind: str, label: str | None = None) -> None:
        item = GraphEdge(start, end, kind, label)
        if item not in edges and start != end:
            edges.append(item)

    articles_by_outlet = {name_key(v.outlet): f"article:{v.article}" for v in versions if v.outlet}
    for version in versions:
        article = node("article", version.outlet or version.article, f"article:{version.article}")
        if version.outlet:
            edge(node("outlet", version.outlet), article, "publishes")
        previous = article
        spoken = None  # the source the chain ends at, if it ends at one
        for link in version.chain[1:]:
            spoken = None
            if link.get("type") == "outlet":
                if name_key(link["name"]) == name_key(version.outlet):
                    continue  # "told the Lindmark Observer": the outlet's own reporting
                cited = node("outlet", link["name"])
                edge(previous, cited, "cites")
                own = articles_by_outlet.get(name_key(link["name"]))
                if own and own != article:
                    edge(article, own, "cites_article")
                previous = cited
            elif link.get("type") == REPORTER:
                # a journalist passing the words on: a step between the outlet and the source
                reporter = node("source", link["name"])
                edge(previous, reporter, "attributes_to")
                previous = reporter
            elif version.speaker_id and name_key(link["name"]) == name_key(version.speaker):
                # the speaker by its canonical entity: one node whatever each article calls it
                spoken = node("source", version.speaker_name or link["name"], version.speaker_id)
                edge(previous, spoken, "attributes_to")
            else:
                spoken = node("source", link["name"])
                edge(previous, spoken, "attributes_to")
        if version.principal and spoken is not None:
            # a spokesperson or an office: a step to the one it speaks for
            principal_id, principal_name = version.principal
            edge(spoken, node("source", principal_name, principal_id), "speaks_for")
    if dependence is not None:
        _copied(versions, dependence, node, edge)
    onward = {e.start for e in edges}
    return ProvenanceGraph(
        nodes=tuple(
            GraphNode(ident, kind, label, origin=ident not in onward)
            for ident, (kind, label) in nodes.items()
        ),
        edges=tuple(edges),
    )


def _copied(
    versions: Sequence[ClaimVersion], dependence: Dependence, node: Node, edge: Edge
) -> None:
    """The edges of copied text among the versions' articles (module doc)."""
    articles = list(dict.fromkeys(v.article for v in versions))
    for article in articles:
        for taken in dependence.reuse.get(article, ()):
            if taken.article in articles:
                of = f" of {taken.sentences}" if taken.sentences else ""
                label = f"reuses {len(taken.spans)}{of} sentences"
                edge(f"article:{article}", f"article:{taken.article}", "reuses", label)
        wire = dependence.wire.get(article)
        if wire is not None:
            agency = node("outlet", wire.outlet)
            edge(f"article:{article}", agency, "wire_copy_of", f"wire copy of {wire.outlet}")
    _cited_elsewhere(versions, dependence, edge)
    groups = {id(group[0]): group for group in common_texts(versions, dependence).values()}
    for group in groups.values():
        credited = next((v for v in group if v.attributed), None)
        if credited is not None:  # own-voice copies of credited words: from its source
            for member in dict.fromkeys(v.article for v in group if not v.attributed):
                label = f"inferred: runs words {credited.outlet or credited.article} credits"
                edge(f"article:{member}", f"article:{credited.article}", "inferred_from", label)
            continue
        days = {(v.published or "")[:10] for v in group}
        day = days.pop() if len(days) == 1 else ""
        label = "a common text" + (f" of {day}" if day else "")
        text = node("source", label, f"common:{group[0].article}:{group[0].claim}")
        for member in dict.fromkeys(v.article for v in group):
            edge(f"article:{member}", text, "runs_common_text", "runs a common text")
        _common_source(group, [v.article for v in versions], dependence, text, node, edge)


def _common_source(
    group: Sequence[ClaimVersion],
    order: list[str],
    dependence: Dependence,
    text: str,
    node: Node,
    edge: Edge,
) -> None:
    """An edge from a common text to where one of its articles took text from, as
    :mod:`.origins` follows it: an agency it runs copy of, or an earlier article of the claim
    it reuses (``order``: the claim's articles in time order)."""
    for member in group:
        wire = dependence.wire.get(member.article)
        if wire is not None:
            label = f"{member.outlet or member.article} is {wire.outlet} copy"
            edge(text, node("outlet", wire.outlet), "wire_copy_of", label)
            return
        earlier = order[: order.index(member.article)]
        for taken in dependence.reuse.get(member.article, ()):
            if taken.article in earlier:
                label = f"inferred: {member.outlet or member.article} reuses text of it"
                edge(text, f"article:{taken.article}", "inferred_from", label)
                return


def _cited_elsewhere(versions: Sequence[ClaimVersion], dependence: Dependence, edge: Edge) -> None:
    """``inferred_from`` edges: an own-voice version taken from no one (no reused sentence,
    no wire, no earlier article of the claim it reuses) → the first earlier version of an
    outlet its article cites elsewhere (``versions`` in time order)."""
    first: dict[str, ClaimVersion] = {}  # each outlet's first version so far, by name key
    seen: set[str] = set()  # the articles of the versions so far
    for version in versions:
        reused = {d.article for d in dependence.reuse.get(version.article, ())}
        if not (version.attributed or dependence.taken(version) or reused & seen):
            cited = (first.get(name_key(c)) for c in dependence.cited.get(version.article, ()))
            source = next((v for v in cited if v is not None), None)
            if source is not None:
                why = f"inferred: cites {source.outlet} elsewhere in its article"
                edge(
                    f"article:{version.article}", f"article:{source.article}", "inferred_from", why
                )
        first.setdefault(name_key(version.outlet or version.article), version)
        seen.add(version.article)
