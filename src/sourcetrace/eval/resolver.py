"""The product's identity resolution run on bare texts, for ``eval identity``.

The texts go the product's way: each is analysed (:func:`sourcetrace.nlp.analysis.analyse_text`,
names, pronouns and sources with in-article coreference), the texts are grouped into stories by
ingesting them into a fresh store and assigning stories (:func:`.stories.cluster_records`, as
``sourcetrace stories`` does), and :func:`sourcetrace.trace.identity.resolve` links the
entities within each story and across stories. A mention is every place an article names or
refers to an entity: its names, the pronouns tied to it, the source phrase of an attribution
it speaks, and a name of the story's entity the recogniser missed
(:func:`~sourcetrace.trace.identity.unrecognised_mentions`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sourcetrace.eval.stories import cluster_records
from sourcetrace.trace.identity import (
    Identities,
    resolve,
    unnamed_descriptions,
    unrecognised_mentions,
)

__all__ = ["resolve_texts"]

Span = tuple[int, int, int]  # (start, end, entity id within the article)


def _spans(analysis: Mapping[str, Any]) -> Iterator[Span]:
    """Entity mentions and references, descriptions (of a named entity or an unnamed one of
    their own), and the source phrases of attributions that hold no mention ("a spokesman",
    not "Rick Howard, an analyst at Verisign")."""
    named = []
    for entity in analysis.get("entities", []):
        for mention in entity.get("mentions", []) + entity.get("references", []):
            named.append((mention["start"], mention["end"]))
            yield mention["start"], mention["end"], entity["id"]
    unnamed = unnamed_descriptions(analysis)
    for description in analysis.get("descriptions", []):
        entity = description.get("entity")
        if entity is None:
            entity = unnamed[description["key"]]
        yield description["start"], description["end"], entity
    for attribution in analysis.get("attributions", []):
        source = attribution.get("source")
        if attribution.get("speaker_id") is None or not source:
            continue
        if not any(source["start"] <= s and e <= source["end"] for s, e in named):
            yield source["start"], source["end"], attribution["speaker_id"]


def _mentions(
    story: Sequence[Mapping[str, Any]], identities: Identities
) -> list[tuple[str, int, int, str]]:
    canonicals = {
        c.id: c
        for analysis in story
        for entity in analysis.get("entities", [])
        if (c := identities.of(analysis["id"], entity["id"])) is not None
    }
    out = []
    for analysis in story:
        article, known = analysis["id"], []
        for start, end, entity in _spans(analysis):
            canonical = identities.of(article, entity)
            out.append((article, start, end, canonical.id if canonical else f"{article}#{entity}"))
            known.append((start, end))
        for start, end, canonical in unrecognised_mentions(
            analysis.get("text") or "", known, canonicals.values()
        ):
            out.append((article, start, end, canonical.id))
    return out


def resolve_texts(docs: Sequence[tuple[str, str]]) -> list[tuple[str, int, int, str]]:
    """Every mention sourcetrace finds in ``docs`` ((id, text) pairs) with the canonical entity
    it resolves it to: (doc id, start, end, entity id)."""
    from sourcetrace.nlp.analysis import analyse_text
    from sourcetrace.nlp.model import load_nlp

    nlp = load_nlp()
    analyses = {
        doc_id: analyse_text(text, nlp=nlp, article_id=doc_id).to_dict() for doc_id, text in docs
    }
    # the title field stays empty: the text's first line is the article's first line
    stories = cluster_records(
        [{"doc_id": doc_id, "text": text} for doc_id, text in docs], {"id": "doc_id"}
    )
    grouped: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for doc_id, _ in docs:
        grouped[stories.get(doc_id, doc_id)].append(analyses[doc_id])
    identities = resolve(grouped.values())
    return [m for story in grouped.values() for m in _mentions(story, identities)]
