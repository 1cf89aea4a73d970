"""Trace the stories of a store (``sourcetrace trace``)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sourcetrace.article import Article
from sourcetrace.store import Store
from sourcetrace.stories.service import StorySummary, story_summaries, update_stories
from sourcetrace.trace.align import align
from sourcetrace.trace.drift import drift, timeline
from sourcetrace.trace.graph import provenance_graph
from sourcetrace.trace.origins import explain, origins
from sourcetrace.trace.versions import ClaimVersion, claim_versions

#: Raise when a change to tracing (alignment, origins, drift, graph) changes its output, so
#: stored traces (``trace_story``) are made again.
TRACE_VERSION = "2"


def trace_versions(story_id: int, versions: list[ClaimVersion]) -> list[dict[str, Any]]:
    """Canonical claims of one story from its claim versions, most widely reported first."""
    claims = []
    for group in align(versions):
        ordered = timeline(group)
        first = ordered[0]
        found = origins(ordered)
        claims.append(
            {
                "text": first.text,
                "articles": list(dict.fromkeys(v.article for v in group)),
                "outlets": list(dict.fromkeys(v.outlet or v.article for v in group)),
                "first_seen": {
                    "article": first.article,
                    "outlet": first.outlet,
                    "date": first.published[:10] if first.published else None,
                },
                "timeline": [
                    {
                        "article": v.article,
                        "outlet": v.outlet,
                        "date": v.published[:10] if v.published else None,
                    }
                    for v in ordered
                ],
                "independent_origins": len(found),
                "origins": found,
                "explanation": explain(ordered, found),
                "drift": drift(group),
                "graph": provenance_graph(ordered),
                "versions": [v.to_dict() for v in group],
            }
        )
    claims.sort(key=lambda c: -len(c["articles"]))
    for n, claim in enumerate(claims, 1):
        claim["id"] = f"{story_id}.{n}"
    return claims


def stored_analyses(store: Store, articles: list[Article]) -> dict[str, dict[str, Any]]:
    """Each article's analysis: stored when it describes the current text with the current
    analyser, computed (and stored) otherwise."""
    from sourcetrace.nlp.analysis import ANALYSER_VERSION, analyse_many

    found = store.analyses(articles, ANALYSER_VERSION)
    missing = [a for a in articles if a.id not in found]
    if missing:
        fresh = [analysis.to_dict() for analysis in analyse_many(missing)]
        store.save_analyses([(a, ANALYSER_VERSION, d) for a, d in zip(missing, fresh, strict=True)])
        found.update({a.id: d for a, d in zip(missing, fresh, strict=True)})
    return found


def trace_fingerprint(story_id: int, articles: list[Article]) -> str:
    """What a story's traced claims depend on: the story id (it is in the claim ids), its
    articles in order with their texts, and the analyser and trace versions."""
    from sourcetrace.nlp.analysis import ANALYSER_VERSION

    parts = [TRACE_VERSION, ANALYSER_VERSION, story_id, [(a.id, a.content_hash) for a in articles]]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


def trace_story(store: Store, story: StorySummary) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One story's canonical claims, and the analyses of its articles by article id. The
    claims are stored and reused while ``trace_fingerprint`` stays the same."""
    articles = [store.get(a["id"]) for a in story.articles]
    articles = [a for a in articles if a is not None]
    analyses = stored_analyses(store, articles)
    fingerprint = trace_fingerprint(story.id, articles)
    claims = store.trace(story.id, fingerprint)
    if claims is None:
        versions: list[ClaimVersion] = []
        for order, article in enumerate(articles):
            versions.extend(claim_versions(analyses[article.id], order))
        claims = trace_versions(story.id, versions)
        store.save_trace(story.id, fingerprint, claims)
    return claims, analyses


def trace_stories(store: Store, story_id: int | None = None) -> dict[str, Any]:
    """``{"stories": [{"id", "label", "claims": [...]}]}`` for one story or all of them."""
    update_stories(store)
    out = []
    for story in story_summaries(store):
        if story_id is not None and story.id != story_id:
            continue
        claims, _ = trace_story(store, story)
        out.append({"id": story.id, "label": story.label, "claims": claims})
    return {"stories": out}


def source_profile(
    store: Store, name: str, stories: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The claims credited to a source across stories: a person, an organisation, an outlet
    ("Washington Post", cited or publishing) or a description ("anonymous officials" matches
    every anonymous source). Matching is case-insensitive on words. ``stories`` (``[{"id",
    "claims"}]``) are searched when given; otherwise the store's stories are traced first."""
    wanted = name.lower().split()
    anonymous = "anonymous" in wanted

    def matches(*values: str | None) -> bool:
        return any(v and all(w in v.lower() for w in wanted) for v in values)

    found = []
    if stories is None:
        stories = trace_stories(store)["stories"]
    for story in stories:
        for claim in story["claims"]:
            credited = []
            for version in claim["versions"]:
                cited = [link["name"] for link in version["chain"][1:]]
                if matches(version["speaker"], version["outlet"], *cited) or (
                    anonymous and version["source_type"] in ("anonymous", "group")
                ):
                    credited.append(
                        {
                            "article": version["article"],
                            "outlet": version["outlet"],
                            "speaker": version["speaker"],
                            "as": version["source_text"] or version["speaker"],
                        }
                    )
            if credited:
                found.append(
                    {
                        "story": story["id"],
                        "claim": claim["id"],
                        "text": claim["text"],
                        "independent_origins": claim["independent_origins"],
                        "credited_in": credited,
                    }
                )
    return {"source": name, "claims": found}
