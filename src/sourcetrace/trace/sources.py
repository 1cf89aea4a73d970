"""The sources of a whole store, read from the traces the pipeline stored (``trace`` and ingest
jobs write them): who the claims are credited to, most-cited first. Nothing is traced here, so
a page can call it; stories whose trace is missing or older than their articles are counted,
not traced."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store import Store
from sourcetrace.trace.records import SourceTally, StoryTrace
from sourcetrace.trace.service import current_traces
from sourcetrace.trace.versions import name_key


def tally_sources(stories: list[StoryTrace]) -> list[SourceTally]:
    """Everyone the claims of ``stories`` are credited to: a source is a speaker's canonical
    entity (:mod:`.identity`: "Ryan" and "Paul D. Ryan" of one story are one source), or the
    words an article used for an unnamed one, compared as ``name_key`` does. Each with its
    commonest name (the first met on a tie), type, claim ids, stories, articles, outlets and
    the other words used for it, all in the order first met; most-cited first (claims, then
    articles crediting them)."""
    found: dict[str, dict[str, Any]] = {}
    for story in stories:
        for claim in story.claims:
            for version in claim.versions:
                name = version.speaker_name or version.speaker or version.source_text
                if not name:
                    continue
                key = version.speaker_id or name_key(name)
                entry = found.setdefault(key, {"names": Counter(), "types": Counter()})
                entry["names"][name] += 1
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
    sources = [
        SourceTally(
            name=entry["names"].most_common(1)[0][0],
            type=entry["types"].most_common(1)[0][0],
            **{key: tuple(entry[key]) for key in ("claims", "stories", "articles", "outlets")},
            described_as=tuple(entry.get("described_as", {})),
        )
        for entry in found.values()
    ]
    sources.sort(key=lambda s: (-len(s.claims), -len(s.articles), s.name.lower()))
    return sources


def list_sources(store: Store, settings: AnalysisSettings, query: str = "") -> dict[str, Any]:
    """Everyone the traced claims of the store are credited to (``tally_sources``), with
    counts, keeping those whose name or description holds every word of ``query``."""
    stories, untraced = current_traces(store, settings)
    words = query.lower().split()
    sources = [s for s in tally_sources(stories) if _matches(s, words)]
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
    }


def _matches(source: SourceTally, words: list[str]) -> bool:
    text = " ".join([source.name, *source.described_as]).lower()
    return all(word in text for word in words)
