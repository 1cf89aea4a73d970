"""Trace the stories of a store (``sourcetrace trace``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from sourcetrace.article import Article
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store import Store
from sourcetrace.stories.service import StorySummary, story_summaries
from sourcetrace.trace.agencies import agency, agency_entities
from sourcetrace.trace.align import aligned
from sourcetrace.trace.align_model import AlignModel
from sourcetrace.trace.corpus import CORPUS_VERSION, merge
from sourcetrace.trace.dependence import Dependence, dependence
from sourcetrace.trace.drift import drift, timeline
from sourcetrace.trace.graph import provenance_graph
from sourcetrace.trace.identity import Identities, identify, resolve
from sourcetrace.trace.origins import explain, origins
from sourcetrace.trace.records import (
    Appearance,
    Canonical,
    CorpusEntity,
    CorpusIdentities,
    OutletArticles,
    OutletReuse,
    SourceClaim,
    SourceCredit,
    SourceProfile,
    StoryTrace,
    TracedClaim,
    Traces,
)
from sourcetrace.trace.reuse_service import REUSE_VERSION
from sourcetrace.trace.vectors import stored_vectors
from sourcetrace.trace.versions import ClaimVersion, claim_versions, name_key

#: Raise when a change to tracing (alignment, origins, drift, graph) changes its output, so
#: stored traces (``trace_story``) are made again.
TRACE_VERSION = "25"


def story_versions(analyses: list[dict[str, Any]], identities: Identities) -> list[ClaimVersion]:
    """The claim versions of a story's articles (their analyses in arrival order), each
    speaker with its canonical entity in ``identities`` (:func:`.identity.resolve` of the
    story's analyses; :func:`.identity.identify`)."""
    versions: list[ClaimVersion] = []
    for order, analysis in enumerate(analyses):
        versions.extend(claim_versions(analysis, order))
    return identify(versions, identities)


def trace_versions(
    story_id: int,
    versions: list[ClaimVersion],
    vectors: np.ndarray | None = None,
    dependence: Dependence | None = None,
    model: AlignModel | None = None,
) -> list[TracedClaim]:
    """Canonical claims of one story from its claim versions (with their text's vectors,
    one row each, when known, and what its articles take from each other and the wire),
    most widely reported first; ``model``: the alignment pair model, the shipped one unless
    given (its fitting traces held-out events with candidate models)."""
    claims = []
    for group, statements in aligned(versions, vectors, model=model):
        ordered = timeline(group)
        found = origins(ordered, dependence)
        claims.append(
            TracedClaim(
                id="",
                text=ordered[0].text,
                articles=tuple(dict.fromkeys(v.article for v in group)),
                outlets=tuple(dict.fromkeys(v.outlet or v.article for v in group)),
                first_seen=_appearance(ordered[0]),
                timeline=tuple(_appearance(v) for v in ordered),
                origins=tuple(found),
                explanation=explain(ordered, found),
                drift=tuple(drift(group, statements)),
                graph=provenance_graph(ordered, dependence),
                versions=tuple(group),
            )
        )
    claims.sort(key=lambda c: -len(c.articles))
    return [replace(claim, id=f"{story_id}.{n}") for n, claim in enumerate(claims, 1)]


def _appearance(version: ClaimVersion) -> Appearance:
    date = version.published[:10] if version.published else None
    return Appearance(article=version.article, outlet=version.outlet, date=date)


class NotReady(Exception):
    """What a read asked for is not computed yet; ``str()`` says what and what to run."""


def stored_analyses(
    store: Store, articles: list[Article], settings: AnalysisSettings
) -> dict[str, dict[str, Any]]:
    """The stored analysis of each article that has a current one (its current text, the
    current analyser with ``settings``); articles without one are left out. Never analyses:
    ``pipeline.process`` does."""
    from sourcetrace.nlp.version import analyser_version

    return store.analyses(articles, analyser_version(settings))


def trace_fingerprint(story_id: int, articles: list[Article], settings: AnalysisSettings) -> str:
    """What a story's traced claims depend on: the story id (it is in the claim ids), its
    articles in order with their texts, the analyser version with ``settings``, and the
    trace version."""
    from sourcetrace.nlp.version import analyser_version

    parts = [
        TRACE_VERSION,
        REUSE_VERSION,
        analyser_version(settings),
        story_id,
        [(a.id, a.content_hash) for a in articles],
    ]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def trace_story(store: Store, story: StorySummary, settings: AnalysisSettings) -> bool:
    """Trace one story and store its canonical claims and entities (``identity.resolve``,
    and the wire agencies its articles run copy of: ``agencies.agency_entities``), unless its
    stored trace is current (``trace_fingerprint``); True when it traced. Raises
    ``NotReady`` when one of its articles has no current analysis (its analysis failed, or
    was never made)."""
    articles = _articles(store, story)
    fingerprint = trace_fingerprint(story.id, articles, settings)
    if store.has_trace(story.id, fingerprint):
        return False
    analyses = _analyses_of(store, story, articles, settings)
    shown = {item["id"]: item["outlet"] for item in story.articles}  # one name per outlet
    ordered = [{**analyses[article.id], "outlet": shown.get(article.id)} for article in articles]
    identities = resolve([ordered])
    versions = story_versions(ordered, identities)
    vectors = stored_vectors(store, [v.text for v in versions])
    found = story_dependence(store, ordered)
    claims = trace_versions(story.id, versions, vectors, found)
    agencies = (derivation.outlet for derivation in found.wire.values())
    entities = [entity.to_json() for entity in agency_entities(agencies, identities.entities)]
    store.save_trace(story.id, fingerprint, [claim.to_json() for claim in claims], entities)
    return True


def story_dependence(store: Store, analyses: list[dict[str, Any]]) -> Dependence:
    """What a story's articles (their analyses) take from each other and from the wire, as
    ``process`` stored it (``reuse_service.find_reuse``)."""
    ids = [a["id"] for a in analyses]
    return dependence(analyses, store.reuse_pairs(ids), store.wire_credits(ids))


def story_trace(
    store: Store, story: StorySummary, settings: AnalysisSettings
) -> tuple[list[TracedClaim], dict[str, Any]]:
    """One story's stored canonical claims, and the analyses of its articles by article id.
    Only reads; raises ``NotReady`` when the story is not traced with ``settings`` yet."""
    articles = _articles(store, story)
    return _stored_claims(store, story, articles, settings), _analyses_of(
        store, story, articles, settings
    )


def _stored_claims(
    store: Store, story: StorySummary, articles: list[Article], settings: AnalysisSettings
) -> list[TracedClaim]:
    """The story's stored claims; when there are none, ``NotReady`` says why (the analyses
    are read only then: a current trace was made from current analyses)."""
    claims = store.trace(story.id, trace_fingerprint(story.id, articles, settings))
    if claims is None:
        _analyses_of(store, story, articles, settings)  # names the articles not analysed yet
        raise NotReady(f"story {story.id} is not traced yet: run `sourcetrace analyze`")
    return [TracedClaim.from_json(claim) for claim in claims]


def _articles(store: Store, story: StorySummary) -> list[Article]:
    articles = [store.get(a["id"]) for a in story.articles]
    return [a for a in articles if a is not None]


def _analyses_of(
    store: Store, story: StorySummary, articles: list[Article], settings: AnalysisSettings
) -> dict[str, Any]:
    analyses = stored_analyses(store, articles, settings)
    missing = [a.id for a in articles if a.id not in analyses]
    if missing:
        raise NotReady(
            f"story {story.id} is not traced yet: {len(missing)} of its articles"
            f" ({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''}) are not analysed;"
            " run `sourcetrace analyze`"
        )
    return analyses


def trace_stories(
    store: Store,
    story_id: int | None = None,
    settings: AnalysisSettings | None = None,
    *,
    skip_untraced: bool = False,
) -> Traces:
    """The traced claims of one story or all of them, as stored. Only reads; raises
    ``NotReady`` for a story not traced yet, or with ``skip_untraced`` leaves it out and says
    why in ``untraced``."""
    settings = settings or AnalysisSettings()
    out, untraced = [], []
    for story in story_summaries(store):
        if story_id is not None and story.id != story_id:
            continue
        try:
            claims = _stored_claims(store, story, _articles(store, story), settings)
        except NotReady as why:
            if not skip_untraced:
                raise
            untraced.append(str(why))
            continue
        out.append(StoryTrace(story.id, story.label, tuple(claims)))
    return Traces(tuple(out), tuple(untraced))


def current_traces(store: Store, settings: AnalysisSettings) -> tuple[list[StoryTrace], int]:
    """(each story whose stored trace matches its articles and ``settings``, without its
    label; the number of stories with no such trace)."""
    fingerprints = _expected_fingerprints(store, settings)
    current = [
        StoryTrace(story_id, None, tuple(TracedClaim.from_json(claim) for claim in claims))
        for story_id, fingerprint, claims in store.traces()
        if fingerprints.get(story_id) == fingerprint
    ]
    return current, len(fingerprints) - len(current)


def _expected_fingerprints(store: Store, settings: AnalysisSettings) -> dict[int, str]:
    """The fingerprint each story's trace has when it is current."""
    return {
        story_id: trace_fingerprint(story_id, [article for article, _ in rows], settings)
        for story_id, rows in store.story_members().items()
    }


def _current_fingerprints(store: Store, settings: AnalysisSettings) -> dict[int, str]:
    """The fingerprint of each story's stored trace that is current."""
    expected = _expected_fingerprints(store, settings)
    stored = store.trace_fingerprints()
    return {story: fp for story, fp in expected.items() if stored.get(story) == fp}


def _made_from(traces: dict[int, str]) -> dict[int, str]:
    """What corpus entities merged from these traces (story: trace fingerprint) are made
    from: each trace and the merge version (``corpus.CORPUS_VERSION``)."""
    return {story: f"{CORPUS_VERSION}/{fingerprint}" for story, fingerprint in traces.items()}


def identify_corpus(store: Store, settings: AnalysisSettings) -> bool:
    """Merge the entities of every currently traced story into corpus entities
    (``corpus.merge``) and store them, unless they were made from these very traces; True
    when it merged."""
    traces = _current_fingerprints(store, settings)
    stored, _ = store.corpus_entities()
    if stored == _made_from(traces):
        return False
    found = store.trace_entities(traces)
    entities = merge(
        {story: [Canonical.from_json(e) for e in found.get(story, [])] for story in traces}
    )
    store.save_corpus_entities(_made_from(traces), [entity.to_json() for entity in entities])
    return True


def corpus_identities(store: Store, settings: AnalysisSettings) -> CorpusIdentities:
    """The corpus entities as stored, for the stories whose current trace they were made
    from; the others (traced since) are counted as ``stale``. Only reads."""
    current = _made_from(_current_fingerprints(store, settings))
    stored, entities = store.corpus_entities()
    covered = frozenset(story for story, fp in current.items() if stored.get(story) == fp)
    return CorpusIdentities(
        tuple(CorpusEntity.from_json(entity) for entity in entities),
        covered,
        len(current) - len(covered),
    )


def source_profile(
    name: str,
    stories: list[StoryTrace],
    identities: CorpusIdentities,
    reuse: Sequence[dict] = (),
    wire: Sequence[dict] = (),
) -> SourceProfile:
    """The claims credited to a source across ``stories`` (as ``current_traces`` reads
    them): a corpus entity any of whose names holds the words of ``name`` ("Trump" finds
    "Donald Trump" of every story, whatever one article called him; an agency's other name,
    "AP", finds it by its one name), an outlet ("Washington Post", cited or publishing) or a
    description ("a senior official", the words an article used; "anonymous officials"
    matches every anonymous source); and the own-voice versions that come from it (its
    wire copy, its text reused: ``Origin.derived``). Matching is case-insensitive on words.
    ``reuse`` (``Store.reuse_by_outlet``) gives an outlet's ``copies`` and ``copied_by``,
    and apart from them, ``reuses_own``: its articles that reuse its own earlier ones;
    ``wire`` (``Store.wire_by_outlet``) an agency's ``wire_copy``."""
    wanted = (agency(name) or name).lower().split()
    anonymous = "anonymous" in wanted

    def matches(*values: str | None) -> bool:
        named = (n for v in values if v for n in (v, agency(v)) if n)
        return any(all(w in n.lower() for w in wanted) for n in named)

    entities = tuple(e for e in identities.entities if matches(e.name, *e.aliases))
    chosen = {entity.id for entity in entities}

    def credits(story: int, version: ClaimVersion) -> bool:
        entity = identities.of(story, version.speaker_id)
        if entity is not None and entity.id in chosen:
            return True
        cited = [link["name"] for link in version.chain[1:]]
        return matches(
            version.speaker, version.speaker_name, version.source_text, version.outlet, *cited
        ) or (anonymous and version.source_type in ("anonymous", "group"))

    found = [
        credited
        for story in stories
        for claim in story.claims
        if (credited := _credited(story.id, claim, identities, credits, matches)) is not None
    ]
    own = [r for r in reuse if r["reuser"] and name_key(r["reuser"]) == name_key(r["source"] or "")]
    others = [r for r in reuse if r not in own]
    return SourceProfile(
        name,
        tuple(found),
        entities,
        copies=_outlet_reuse([r for r in others if matches(r["reuser"])], "source"),
        copied_by=_outlet_reuse([r for r in others if matches(r["source"])], "reuser"),
        reuses_own=_outlet_reuse([r for r in own if matches(r["reuser"])], "reuser"),
        wire_copy=_wire_copy([r for r in wire if matches(r["wire"])]),
    )


def _credited(
    story: int,
    claim: TracedClaim,
    identities: CorpusIdentities,
    credits: Callable[[int, ClaimVersion], bool],
    matches: Callable[[str], bool],
) -> SourceClaim | None:
    """The claim with its versions credited to the source: those ``credits`` finds, and
    the own-voice versions that come from it (:func:`_supplied`); None when there are none."""
    supplied = _supplied(claim, matches)
    credited = tuple(
        _credit(
            version,
            identities.of(story, version.speaker_id),
            supplied.get(version.outlet or version.article),
        )
        for version in claim.versions
        if credits(story, version)
        or (not version.attributed and (version.outlet or version.article) in supplied)
    )
    if not credited:
        return None
    return SourceClaim(story, claim.id, claim.text, claim.independent_origins, credited)


def _supplied(claim: TracedClaim, matches: Callable[[str], bool]) -> dict[str, str]:
    """The outlets whose own-voice versions of the claim come from a source ``matches``
    finds (an origin it names that says why in ``derived``), each with the reason that
    names it (else the first)."""
    out: dict[str, str] = {}
    for origin in claim.origins:
        if origin.derived and matches(origin.name):
            for outlet in origin.carried_by:
                why = [r for r in origin.derived if outlet in r] or list(origin.derived)
                out.setdefault(outlet, why[0])
    return out


def _wire_copy(rows: list[dict]) -> tuple[OutletArticles, ...]:
    """The outlets whose articles run an agency's copy (not the agency's own), most first."""
    articles: dict[str, set[str]] = {}
    for row in rows:
        outlet = row["outlet"] or "an unnamed outlet"
        if agency(outlet) != row["wire"] and name_key(outlet) != name_key(row["wire"]):
            articles.setdefault(outlet, set()).add(row["article"])
    ranked = sorted(articles, key=lambda o: (-len(articles[o]), o))
    return tuple(OutletArticles(o, len(articles[o])) for o in ranked)


def _outlet_reuse(rows: list[dict], other: str) -> tuple[OutletReuse, ...]:
    """The rows summed by the ``other`` side's outlet, most articles first."""
    articles: dict[str, int] = {}
    sentences: dict[str, int] = {}
    for row in rows:
        outlet = row[other] or "an unnamed outlet"
        articles[outlet] = articles.get(outlet, 0) + 1
        sentences[outlet] = sentences.get(outlet, 0) + row["sentences"]
    ranked = sorted(articles, key=lambda o: (-articles[o], -sentences[o], o))
    return tuple(OutletReuse(o, articles[o], sentences[o]) for o in ranked)


def _credit(
    version: ClaimVersion, entity: CorpusEntity | None, derived: str | None = None
) -> SourceCredit:
    """One version credited to the source; ``derived``: why an own-voice version comes
    from it."""
    return SourceCredit(
        article=version.article,
        outlet=version.outlet,
        speaker=version.speaker,
        described_as=version.source_text or version.speaker or derived,
        entity=entity.id if entity else None,
    )
