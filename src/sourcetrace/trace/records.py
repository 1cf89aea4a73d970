"""What tracing hands to the stages after it: origins, drift, provenance graphs, traced claims,
story traces and source profiles, as frozen records.

Each record's ``to_json()`` gives the JSON that ``trace --format json``, the exports, the web
app's JSON twins and the store's ``traces`` table hold (same keys, same order); ``from_json()``
reads it back, so a stored trace is read as records and written again unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sourcetrace.trace.versions import ClaimVersion

__all__ = [
    "Appearance",
    "Canonical",
    "CorpusEntity",
    "CorpusIdentities",
    "Drift",
    "GraphEdge",
    "GraphNode",
    "Origin",
    "OutletArticles",
    "OutletReuse",
    "ProvenanceGraph",
    "SourceClaim",
    "SourceCredit",
    "SourceProfile",
    "SourceTally",
    "StoryTrace",
    "TracedClaim",
    "Traces",
    "Wording",
    "by_first_wording",
]


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent origin of a claim (``trace.origins``): a named source, an outlet's
    anonymous source, a cited outlet, or an outlet's own voice (``unsourced``)."""

    name: str
    type: str
    via: tuple[str, ...]  # the outlets it is reached through, in order
    unsourced: bool
    carried_by: tuple[str, ...] = ()  # the outlets whose versions it is behind
    descriptions: tuple[str, ...] = ()  # the words articles used for an anonymous source
    #: Those who gave its words for it ("spokesman Bill McAllister", "her office").
    voices: tuple[str, ...] = ()
    #: Why versions stated in an outlet's own voice count as coming from it: text reused,
    #: wire copy, or an earlier outlet the article cites ("… (inferred)").
    derived: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "via": list(self.via)}
        if self.derived:
            out["derived"] = list(self.derived)
        if self.descriptions:
            out["descriptions"] = list(self.descriptions)
        if self.voices:
            out["voices"] = list(self.voices)
        out["unsourced"] = self.unsourced
        out["carried_by"] = list(self.carried_by)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Origin:
        return cls(
            name=data["name"],
            type=data["type"],
            via=tuple(data["via"]),
            unsourced=data["unsourced"],
            carried_by=tuple(data["carried_by"]),
            descriptions=tuple(data.get("descriptions", ())),
            voices=tuple(data.get("voices", ())),
            derived=tuple(data.get("derived", ())),
        )


@dataclass(frozen=True, slots=True)
class Wording:
    """One side of a drift: the article and the words it uses."""

    article: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"article": self.article, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Wording:
        return cls(article=data["article"], text=data["text"])


@dataclass(frozen=True, slots=True)
class Drift:
    """One change of a claim (``trace.drift``): its kind, the first version's words and the
    later version's (``"from"`` and ``"to"`` in JSON), and how much it matters to a reader
    (``"high"``, ``"medium"`` or ``"low"``: :data:`sourcetrace.trace.drift.SEVERITY`)."""

    kind: str
    before: Wording
    after: Wording
    severity: str = "medium"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "from": self.before.to_json(),
            "to": self.after.to_json(),
            "severity": self.severity,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Drift:
        return cls(
            kind=data["kind"],
            before=Wording.from_json(data["from"]),
            after=Wording.from_json(data["to"]),
            severity=data.get("severity", "medium"),
        )


def by_first_wording(changes: Iterable[Drift]) -> dict[tuple[str, str], list[Drift]]:
    """Drifts of one kind from one first wording, together, in the order met: one version's
    words that several later versions change alike ("up to 4,000" → "4,000" in three
    outlets) are one thing for a reader."""
    groups: dict[tuple[str, str], list[Drift]] = {}
    for change in changes:
        groups.setdefault((change.kind, change.before.text), []).append(change)
    return groups


@dataclass(frozen=True, slots=True)
class GraphNode:
    """An article, outlet or source of a provenance graph; ``origin`` where a chain ends."""

    id: str
    kind: str
    label: str
    origin: bool

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "label": self.label, "origin": self.origin}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GraphNode:
        return cls(id=data["id"], kind=data["kind"], label=data["label"], origin=data["origin"])


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An edge of a provenance graph (``trace.graph``: ``publishes``, ``cites``,
    ``attributes_to``, ``speaks_for``, ``cites_article``, ``reuses``, ``wire_copy_of``,
    ``runs_common_text``), from node ``start`` to node ``end`` (``"from"`` and ``"to"`` in
    JSON), with the words a reader sees for it when they say more than its kind ("reuses 4
    of 13 sentences")."""

    start: str
    end: str
    kind: str
    label: str | None = None

    def to_json(self) -> dict[str, str]:
        out = {"from": self.start, "to": self.end, "kind": self.kind}
        if self.label:
            out["label"] = self.label
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GraphEdge:
        return cls(start=data["from"], end=data["to"], kind=data["kind"], label=data.get("label"))


@dataclass(frozen=True, slots=True)
class ProvenanceGraph:
    """Who published a claim, whom they cite, to whom they attribute it (``trace.graph``)."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]

    def to_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "nodes": [node.to_json() for node in self.nodes],
            "edges": [edge.to_json() for edge in self.edges],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProvenanceGraph:
        return cls(
            nodes=tuple(GraphNode.from_json(n) for n in data["nodes"]),
            edges=tuple(GraphEdge.from_json(e) for e in data["edges"]),
        )


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where and when a claim appeared: an article, its outlet and its day."""

    article: str
    outlet: str | None
    date: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"article": self.article, "outlet": self.outlet, "date": self.date}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Appearance:
        return cls(article=data["article"], outlet=data["outlet"], date=data["date"])


@dataclass(frozen=True, slots=True)
class TracedClaim:
    """A canonical claim of a story (``trace.service.trace_versions``): its versions, the
    order they appeared in, its independent origins, how it drifted, its provenance graph."""

    id: str  # "3.2": story 3, its second most widely reported claim
    text: str  # as its first appearance words it
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    first_seen: Appearance
    timeline: tuple[Appearance, ...]
    origins: tuple[Origin, ...]
    explanation: str
    drift: tuple[Drift, ...]
    graph: ProvenanceGraph
    versions: tuple[ClaimVersion, ...]

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def shared(self) -> bool:
        """Whether more than one article makes the claim."""
        return len(self.articles) > 1

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "first_seen": self.first_seen.to_json(),
            "timeline": [step.to_json() for step in self.timeline],
            "independent_origins": self.independent_origins,
            "origins": [origin.to_json() for origin in self.origins],
            "explanation": self.explanation,
            "drift": [change.to_json() for change in self.drift],
            "graph": self.graph.to_json(),
            "versions": [version.to_json() for version in self.versions],
            "id": self.id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TracedClaim:
        return cls(
            id=data["id"],
            text=data["text"],
            articles=tuple(data["articles"]),
            outlets=tuple(data["outlets"]),
            first_seen=Appearance.from_json(data["first_seen"]),
            timeline=tuple(Appearance.from_json(step) for step in data["timeline"]),
            origins=tuple(Origin.from_json(origin) for origin in data["origins"]),
            explanation=data["explanation"],
            drift=tuple(Drift.from_json(change) for change in data["drift"]),
            graph=ProvenanceGraph.from_json(data["graph"]),
            versions=tuple(ClaimVersion.from_json(version) for version in data["versions"]),
        )


@dataclass(frozen=True, slots=True)
class StoryTrace:
    """A story's traced claims, most widely reported first. ``label`` is None where the
    trace is read without the story's summary (``trace.service.current_traces``)."""

    id: int
    label: str | None
    claims: tuple[TracedClaim, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "claims": [claim.to_json() for claim in self.claims],
        }


@dataclass(frozen=True, slots=True)
class SourceCredit:
    """An article's version of a claim that credits the source, and the words it uses for
    it (``"as"`` in JSON)."""

    article: str
    outlet: str | None
    speaker: str | None
    described_as: str | None
    #: The speaker's corpus entity id (``CorpusEntity``), when it has one.
    entity: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "speaker": self.speaker,
            "as": self.described_as,
            "entity": self.entity,
        }


@dataclass(frozen=True, slots=True)
class SourceClaim:
    """A traced claim credited to the source, with the versions that credit it."""

    story: int
    claim: str
    text: str
    independent_origins: int
    credited_in: tuple[SourceCredit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "claim": self.claim,
            "text": self.text,
            "independent_origins": self.independent_origins,
            "credited_in": [credit.to_json() for credit in self.credited_in],
        }


@dataclass(frozen=True, slots=True)
class OutletReuse:
    """One outlet's text reused by another (``trace.service.source_profile``): the other
    outlet, how many article pairs and aligned sentences."""

    outlet: str
    articles: int
    sentences: int

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "articles": self.articles, "sentences": self.sentences}


@dataclass(frozen=True, slots=True)
class OutletArticles:
    """An outlet and how many of its articles run a wire agency's copy
    (``trace.service.source_profile``)."""

    outlet: str
    articles: int

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """The claims credited to one source across stories (``trace.service.source_profile``),
    the corpus entities the asked name found and, for an outlet, whose text it reuses
    (``copies``), who reuses its text (``copied_by``), its articles that reuse its own
    earlier ones (``reuses_own``: not copying, so counted apart) and, for a wire agency, the
    outlets that run its copy (``wire_copy``)."""

    source: str
    claims: tuple[SourceClaim, ...]
    entities: tuple[CorpusEntity, ...] = ()
    copies: tuple[OutletReuse, ...] = ()
    copied_by: tuple[OutletReuse, ...] = ()
    reuses_own: tuple[OutletReuse, ...] = ()
    wire_copy: tuple[OutletArticles, ...] = ()

    @property
    def found(self) -> bool:
        """Whether anything is credited to the source or reused by or from it."""
        return bool(
            self.claims or self.copies or self.copied_by or self.reuses_own or self.wire_copy
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "entities": [_entity_summary(entity) for entity in self.entities],
            "claims": [claim.to_json() for claim in self.claims],
            "copies": [r.to_json() for r in self.copies],
            "copied_by": [r.to_json() for r in self.copied_by],
            "reuses_own": [r.to_json() for r in self.reuses_own],
            "wire_copy": [r.to_json() for r in self.wire_copy],
        }


@dataclass(frozen=True, slots=True)
class SourceTally:
    """Everything credited to one source (``trace.sources.tally_sources``): its commonest
    spelling and type, the claims, stories, articles and outlets crediting it and the other
    words used for it, each in the order first met."""

    name: str
    type: str
    claims: tuple[str, ...]
    stories: tuple[int, ...]
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    described_as: tuple[str, ...]
    #: The corpus entity (``CorpusEntity.id``) and its names, for a resolved speaker.
    entity: str | None = None
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "name": self.name,
            "aliases": list(self.aliases),
            "type": self.type,
            "claims": list(self.claims),
            "stories": list(self.stories),
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "described_as": list(self.described_as),
        }


@dataclass(frozen=True, slots=True)
class Traces:
    """The stored traces a read found, and why it left out the stories it could not read
    (see ``trace_stories``)."""

    stories: tuple[StoryTrace, ...]
    untraced: tuple[str, ...] = ()

    def shared(self) -> Traces:
        """These traces with only the claims that more than one article makes."""
        stories = (
            replace(story, claims=tuple(c for c in story.claims if c.shared))
            for story in self.stories
        )
        return Traces(tuple(stories), self.untraced)

    def to_json(self) -> dict[str, Any]:
        return {"stories": [story.to_json() for story in self.stories]}


@dataclass(frozen=True, slots=True)
class Canonical:
    """One person, organisation, government or outlet across the articles of a story
    (``identity.resolve``), stored with the story's trace: its story-local id (a version's
    ``speaker_id``), display name, kind, aliases, the article entities it is made of as
    (article id, entity id), and the evidence that may link it to other stories
    (a person's full name, "person:donald trump"; an outlet's key), which
    ``corpus.merge`` links stories by."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    members: tuple[tuple[str, int], ...]
    evidence: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "members": [list(member) for member in self.members],
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Canonical:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            aliases=tuple(data["aliases"]),
            members=tuple((article, entity) for article, entity in data["members"]),
            evidence=tuple(data["evidence"]),
        )


@dataclass(frozen=True, slots=True)
class CorpusEntity:
    """One person, organisation, government or outlet across the corpus
    (``trace.corpus.merge``): a stable id, its kind, display name and every name the
    articles use, the evidence that linked its stories, and its story entities as
    (story id, story-local id)."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    evidence: tuple[str, ...]
    members: tuple[tuple[int, str], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "aliases": list(self.aliases),
            "evidence": list(self.evidence),
            "members": [list(member) for member in self.members],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CorpusEntity:
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=data["name"],
            aliases=tuple(data["aliases"]),
            evidence=tuple(data["evidence"]),
            members=tuple((story, local) for story, local in data["members"]),
        )


@dataclass(frozen=True, slots=True)
class CorpusIdentities:
    """The corpus entities as stored, for the stories whose stored trace they were made
    from (``covered``); ``stale`` counts current traces made since (their speakers keep
    their story-local ids until ``pipeline.process`` runs again)."""

    entities: tuple[CorpusEntity, ...] = ()
    covered: frozenset[int] = frozenset()
    stale: int = 0
    _of: dict[tuple[int, str], CorpusEntity] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for entity in self.entities:
            for story, local in entity.members:
                if story in self.covered:
                    self._of[(story, local)] = entity

    def of(self, story: int, local_id: str | None) -> CorpusEntity | None:
        """The corpus entity of a story's entity (a version's ``speaker_id``), or None."""
        return None if local_id is None else self._of.get((story, local_id))


def _entity_summary(entity: CorpusEntity) -> dict[str, Any]:
    """Who an entity is, for a reader: id, kind, name and aliases."""
    return {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": list(entity.aliases),
    }
