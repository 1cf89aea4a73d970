"""A story's dossier: everything the terminal report, the HTML file and the web app show about
one story, as one ``Dossier`` record (``Dossier.to_json()`` for JSON).

``{"schema", "story", "top_drift", "timeline", "articles", "claims", "matrix", "sources",
"reuse"}``:

- ``story``: the story summary (id, label, size, outlets, first and last day, people, places,
  organisations).
- ``top_drift``: what changed most as the story travelled: up to :data:`TOP_DRIFT` drifts of
  its shared claims that matter (high severity first, then medium; low-severity changes such
  as a shorter excerpt of a quotation are left to the claims), one per claim, kind and first
  wording: its claim, kind, severity, the first version's article, outlet and words
  (``from``) and the later versions that changed it so (``to``: each later wording with its
  articles and outlets).
- ``timeline``: the articles by publication date (undated ones last, in the order they joined).
- ``articles``: each article's fields, its analysed text and its attributions, numbered, with
  the character spans of cue, source and content, the resolved speaker and the citation chain.
- ``claims``: the traced canonical claims (``trace.service.trace_versions``), most widely
  reported first, each with ``shared`` (made by more than one article); only the shared ones
  unless ``single`` is asked for. Every other part refers to these claims only.
- ``matrix``: claim x outlet: for each claim made by more than one article, what each outlet of
  the story does with it: ``first`` (the first appearance), ``drift`` (its version drifted from
  an earlier one in a way that matters: high or medium severity), ``carries``, or nothing.
- ``sources``: everyone the story's claims are credited to, with the claims and the outlets that
  credit them, most credited first.
- ``reuse``: ``{"pairs", "wire"}``: which article repeats which one's sentences (share,
  a sentence that says so, the sentences side by side) and which articles are wire copy
  (:func:`.reuse.story_reuse`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.report.reuse import story_reuse
from sourcetrace.store import Store
from sourcetrace.stories.service import StorySummary, story_summaries
from sourcetrace.trace.records import (
    SourceTally,
    StoryTrace,
    TracedClaim,
    Wording,
    by_first_wording,
)
from sourcetrace.trace.service import corpus_identities, story_trace
from sourcetrace.trace.sources import tally_sources

__all__ = [
    "SCHEMA",
    "TOP_DRIFT",
    "Dossier",
    "build_dossier",
    "claim_json",
    "listed_story",
    "top_drift",
]

SCHEMA = 1
#: How many drifts the story's first screen lists.
TOP_DRIFT = 5


@dataclass(frozen=True, slots=True)
class Dossier:
    """One story's dossier (see the module docstring); ``to_json()`` is ``report --json``
    and the web app's JSON twin."""

    story: StorySummary
    top_drift: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    claims: tuple[TracedClaim, ...]
    matrix: dict[str, Any]
    sources: tuple[SourceTally, ...]
    reuse: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "story": listed_story(self.story),
            "top_drift": self.top_drift,
            "timeline": self.timeline,
            "articles": self.articles,
            "claims": [claim_json(claim) for claim in self.claims],
            "matrix": self.matrix,
            "sources": [_source_json(source) for source in self.sources],
            "reuse": self.reuse,
        }


def listed_story(story: StorySummary) -> dict[str, Any]:
    """A story's summary without its articles, as dossiers and story listings give it."""
    data = story.to_dict()
    del data["articles"]
    return data


def claim_json(claim: TracedClaim) -> dict[str, Any]:
    """A claim of a dossier: the traced claim and whether more than one article makes it."""
    return {**claim.to_json(), "shared": claim.shared}


def _source_json(source: SourceTally) -> dict[str, Any]:
    return {k: v for k, v in source.to_json().items() if k not in ("stories", "articles")}


def build_dossier(
    store: Store,
    story_id: int,
    *,
    single: bool = True,
    settings: AnalysisSettings | None = None,
) -> Dossier | None:
    """The dossier of one story, or None when the store has no such story. Without ``single``
    it leaves out the claims only one article makes (``report --shared``). Only reads:
    raises ``trace.service.NotReady`` when the story is not traced yet."""
    story = next((s for s in story_summaries(store) if s.id == story_id), None)
    if story is None:
        return None
    settings = settings or AnalysisSettings()
    claims, analyses = story_trace(store, story, settings)
    claims = [claim for claim in claims if single or claim.shared]
    articles = []
    for item in story.articles:
        article = store.get(item["id"])
        if article is None:
            continue
        analysis = analyses[article.id]
        articles.append(
            {
                "id": article.id,
                "title": article.title,
                "outlet": item["outlet"],  # the story's one name for the outlet
                "published": article.published,
                "url": article.url,
                "authors": list(article.authors),
                "text": analysis["text"],
                "attributions": [
                    _attribution(n, a) for n, a in enumerate(analysis["attributions"], 1)
                ],
                "claims": [c.id for c in claims if article.id in c.articles],
            }
        )
    timeline = _timeline(articles)
    return Dossier(
        story=story,
        top_drift=top_drift(claims, articles),
        timeline=timeline,
        articles=articles,
        claims=tuple(claims),
        matrix=_matrix(claims, articles, timeline),
        sources=tuple(
            tally_sources(
                [StoryTrace(story_id, story.label, tuple(claims))],
                corpus_identities(store, settings),
            )
        ),
        reuse=story_reuse(store, articles, analyses),
    )


def _attribution(number: int, attribution: dict[str, Any]) -> dict[str, Any]:
    return {
        "number": number,
        "kind": attribution["kind"],
        "speaker": attribution["speaker"],
        "source_type": attribution["source_type"],
        "role": attribution.get("role"),
        "chain": [link["name"] for link in attribution["chain"]],
        "cue": attribution["cue"],
        "source": attribution.get("source"),
        "content": attribution["content"],
    }


def _timeline(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dated = sorted((a for a in articles if a["published"]), key=lambda a: a["published"])
    undated = [a for a in articles if not a["published"]]
    return [
        {
            "article": a["id"],
            "date": (a["published"] or "")[:10] or None,
            "outlet": a["outlet"],
            "title": a["title"],
        }
        for a in dated + undated
    ]


def top_drift(claims: list[TracedClaim], articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The story's drifts that matter most (``top_drift`` of the module docstring): one entry
    per claim, kind and first wording, with every later version that changed it so."""
    from sourcetrace.trace.drift import SEVERITY_RANK

    outlet_of = {a["id"]: a["outlet"] or a["id"] for a in articles}

    def side(wording: Wording) -> dict[str, Any]:
        return {
            "article": wording.article,
            "outlet": outlet_of.get(wording.article),
            "text": wording.text,
        }

    entries: list[tuple[int, int, dict[str, Any]]] = []
    for n, claim in enumerate(claims):
        for (kind, _), changes in by_first_wording(claim.drift if claim.shared else ()).items():
            first = changes[0]
            if first.severity == "low":
                continue
            later: dict[str, dict[str, Any]] = {}
            for change in changes:
                words = later.setdefault(
                    change.after.text, {"text": change.after.text, "articles": [], "outlets": []}
                )
                words["articles"].append(change.after.article)
                words["outlets"].append(outlet_of.get(change.after.article))
            entry = {"claim": claim.id, "kind": kind, "severity": first.severity,
                     "from": side(first.before), "to": list(later.values())}  # fmt: skip
            entries.append((SEVERITY_RANK[first.severity], n, entry))
    entries.sort(key=lambda e: e[:2])
    return [entry for _, _, entry in entries][:TOP_DRIFT]


def _matrix(
    claims: list[TracedClaim], articles: list[dict[str, Any]], timeline: list[dict[str, Any]]
) -> dict[str, Any]:
    """Outlets in order of their first article; one row per shared claim."""
    outlet_of = {a["id"]: a["outlet"] or a["id"] for a in articles}
    outlets = list(dict.fromkeys(outlet_of[t["article"]] for t in timeline))
    rows = []
    for claim in claims:
        if not claim.shared:
            continue
        drifted = {outlet_of.get(d.after.article) for d in claim.drift if d.severity != "low"}
        carried = {outlet_of.get(a) for a in claim.articles}
        first = outlet_of.get(claim.first_seen.article)
        cells = {}
        for outlet in outlets:
            if outlet == first:
                cells[outlet] = "first"
            elif outlet in drifted:
                cells[outlet] = "drift"
            elif outlet in carried:
                cells[outlet] = "carries"
        rows.append({"claim": claim.id, "text": claim.text, "cells": cells})
    return {"outlets": outlets, "rows": rows}
