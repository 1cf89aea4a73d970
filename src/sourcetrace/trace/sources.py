"""The sources of a whole store, read from the traces the pipeline stored (``trace`` and ingest
jobs write them): who the claims are credited to, most-cited first. Nothing is traced here, so
a page can call it; stories whose trace is missing or older than their articles are counted,
not traced."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store import Store
from sourcetrace.trace.identity import ORGANISATIONS, PERSON
from sourcetrace.trace.records import CorpusIdentities, SourceTally, StoryTrace
from sourcetrace.trace.service import corpus_identities, current_traces
from sourcetrace.trace.versions import name_key


def tally_sources(
    stories: list[StoryTrace], identities: CorpusIdentities | None = None
) -> list[SourceTally]:
    """Everyone the claims of ``stories`` are credited to: a source is a speaker's corpus
    entity (``identities``: "Trump" of one story and "Donald Trump" of another are one
    source), else its canonical entity in its story (:mod:`.identity`: "Ryan" and "Paul D.
    Ryan" of one story are one source), else the words an article used for an unnamed one,
    compared as ``name_key`` does. Each with its name (the entity's, else the commonest, the
    first met on a tie), type, claim ids, stories, articles, outlets and the other words used
    for it, all in the order first met; most-cited first (claims, then articles crediting
    them)."""
    identities = identities or CorpusIdentities()
    found: dict[str, dict[str, Any]] = {}
    for story in stories:
        for claim in story.claims:
            for version in claim.versions:
                name = version.speaker_name or version.speaker or version.source_text
                if not name:
                    continue
                entity = identities.of(story.id, version.speaker_id)
                key = entity.id if entity else version.speaker_id or name_key(name)
                entry = found.setdefault(
                    key, {"names": Counter(), "types": Counter(), "entity": entity}
                )
                entry["names"][entity.name if entity else name] += 1
                entry["types"][version.source_type] += 1
                for key, value in (
                    ("claims", claim.id),
                    ("stories", story.id),
                    ("articles", version.article),
                    ("outlets", version.outlet or version.article),
                ):
                    entry.setdefault(key, {})[value] = None
                for described in (version.speaker, version.source_text):
                    if described and described != name:
                        entry.setdefault("described_as", {})[described] = None
    sources = [_tally(entry) for entry in found.values()]
    sources.sort(key=lambda s: (-len(s.claims), -len(s.articles), s.name.lower()))
    return sources


def _tally(entry: dict[str, Any]) -> SourceTally:
    entity = entry["entity"]
    return SourceTally(
        name=entry["names"].most_common(1)[0][0],
        type=entry["types"].most_common(1)[0][0],
        **{key: tuple(entry[key]) for key in ("claims", "stories", "articles", "outlets")},
        described_as=tuple(entry.get("described_as", {})),
        entity=entity.id if entity else None,
        aliases=entity.aliases if entity else (),
    )


def list_sources(store: Store, settings: AnalysisSettings, query: str = "") -> dict[str, Any]:
    """Everyone the traced claims of the store are credited to (``tally_sources`` with the
    stored corpus entities), with counts, keeping those whose name, aliases or description
    hold every word of ``query``. ``unidentified_stories`` counts traced stories the corpus
    entities do not cover yet."""
    stories, untraced = current_traces(store, settings)
    identities = corpus_identities(store, settings)
    words = query.lower().split()
    sources = [s for s in tally_sources(stories, identities) if _matches(s, words)]
    return {
        "query": {"q": query},
        "total": len(sources),
        "sources": [
            {
                **s.to_json(),
                **{key: len(getattr(s, key)) for key in ("claims", "stories", "articles")},
            }
            for s in sources
        ],
        "traced_stories": len(stories),
        "untraced_stories": untraced,
        "unidentified_stories": identities.stale,
    }


#: Kinds of entity ``sourcetrace entities`` lists by default: who can stand behind a claim
#: under a name.
NAMED_KINDS = frozenset({PERSON}) | ORGANISATIONS


def list_entities(
    store: Store, settings: AnalysisSettings, query: str = "", *, every_kind: bool = False
) -> dict[str, Any]:
    """The stored corpus entities (``sourcetrace entities``) whose name or aliases hold
    every word of ``query``, each with the number of traced claims and stories its speakers
    are credited with, most-cited first: people, organisations, governments and outlets
    (:data:`NAMED_KINDS`), and with ``every_kind`` places, groups and unnamed descriptions
    too. Only reads."""
    stories, untraced = current_traces(store, settings)
    identities = corpus_identities(store, settings)
    claims: dict[str, set[str]] = {}
    for story in stories:
        for claim in story.claims:
            for version in claim.versions:
                entity = identities.of(story.id, version.speaker_id)
                if entity is not None:
                    claims.setdefault(entity.id, set()).add(claim.id)
    words = query.lower().split()
    found = [
        {
            "id": e.id,
            "kind": e.kind,
            "name": e.name,
            "aliases": list(e.aliases),
            "claims": len(claims.get(e.id, ())),
            "stories": len({story for story, _ in e.members}),
        }
        for e in identities.entities
        if (every_kind or e.kind in NAMED_KINDS)
        and all(w in " ".join((e.name, *e.aliases)).lower() for w in words)
    ]
    found.sort(key=lambda e: (-e["claims"], -e["stories"], e["name"].lower()))
    return {
        "query": {"q": query},
        "total": len(found),
        "entities": found,
        "untraced_stories": untraced,
        "unidentified_stories": identities.stale,
    }


def _matches(source: SourceTally, words: list[str]) -> bool:
    text = " ".join([source.name, *source.aliases, *source.described_as]).lower()
    return all(word in text for word in words)
