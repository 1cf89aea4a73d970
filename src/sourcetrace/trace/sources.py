"""The sources of a whole store, read from the traces the pipeline stored (``trace`` and ingest
jobs write them): who the claims are credited to, most-cited first. Nothing is traced here, so
a page can call it; stories whose trace is missing or older than their articles are counted,
not traced."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.store import Store
from sourcetrace.trace.service import current_traces
from sourcetrace.trace.versions import name_key


def list_sources(store: Store, settings: AnalysisSettings, query: str = "") -> dict[str, Any]:
    """Everyone the traced claims of the store are credited to, most-cited first (claims, then
    articles crediting them), keeping those whose name or description holds every word of
    ``query``. A source is counted once per canonical claim however many versions credit it;
    names are compared as ``name_key`` does, and the commonest spelling is shown."""
    stories, untraced = current_traces(store, settings)
    found: dict[str, dict[str, Any]] = {}
    for story in stories:
        for claim in story["claims"]:
            for version in claim["versions"]:
                name = version["speaker"] or version["source_text"]
                if not name:
                    continue
                entry = found.setdefault(
                    name_key(name),
                    {
                        "names": Counter(),
                        "types": Counter(),
                        "claims": set(),
                        "stories": set(),
                        "articles": set(),
                        "outlets": {},
                        "described_as": {},
                    },
                )
                entry["names"][name] += 1
                entry["types"][version["source_type"]] += 1
                entry["claims"].add(claim["id"])
                entry["stories"].add(story["id"])
                entry["articles"].add(version["article"])
                entry["outlets"][version["outlet"] or version["article"]] = None
                described = version["source_text"]
                if described and described != name:
                    entry["described_as"][described] = None
    sources = [_listed(entry) for entry in found.values()]
    sources.sort(key=lambda s: (-s["claims"], -s["articles"], s["name"].lower()))
    words = query.lower().split()
    if words:
        sources = [s for s in sources if _matches(s, words)]
    return {
        "query": {"q": query},
        "total": len(sources),
        "sources": sources,
        "traced_stories": len(stories),
        "untraced_stories": untraced,
    }


def _listed(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": entry["names"].most_common(1)[0][0],
        "type": entry["types"].most_common(1)[0][0],
        "claims": len(entry["claims"]),
        "stories": len(entry["stories"]),
        "articles": len(entry["articles"]),
        "outlets": list(entry["outlets"]),
        "described_as": list(entry["described_as"]),
    }


def _matches(source: dict[str, Any], words: list[str]) -> bool:
    text = " ".join([source["name"], *source["described_as"]]).lower()
    return all(word in text for word in words)
