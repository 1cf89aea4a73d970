"""Exports of a store's analysis (``sourcetrace export``): JSON, CSV tables, ClaimReview.

Every export covers all stories, or one with ``story_id``; an unknown story raises
``LookupError`` before anything is written, and a story not traced yet raises
``trace.service.NotReady``: exports only read what ``pipeline.process`` stored. The traced
claims are read first (by ``trace_stories``, which holds them all); then output is written as
it is produced, story by story and article by article (analyses are read a batch at a time),
with no row caps.

Speakers carry the corpus entity (``trace.corpus``) that ``pipeline.process`` stored: one id
for one person, organisation, government or outlet across every story ("Trump" and "Donald
Trump" of two stories are one ``person:donald-trump``). A story traced since the corpus
entities were made raises ``NotReady`` too.

**JSON** (:func:`export_json`): one object, ``{"sourcetrace", "schema_version",
"analyser_version", "story", "stories": [...], "articles": [...], "entities": [...]}``. Each
story is its summary (as ``sourcetrace story --json``) plus ``claims``, its traced canonical
claims (as ``sourcetrace trace --format json``, each version with ``entity_id``, its speaker's
corpus entity id or null); each article is the stored article (as ``sourcetrace article
--json``, without the raw bytes) plus ``story`` and ``analysis``, its full analysis (as
``sourcetrace extract`` gives it, without the text, which is the article's ``text``); each
entity is a corpus entity of the exported stories: ``id``, ``kind``, ``name``, ``aliases``
(every name the articles use), ``evidence`` (what linked its stories) and ``members``
(``[story, story-local id]``, the ``speaker_id`` of its versions).

**CSV** (:func:`export_csv`): one file per table in a folder, UTF-8, a header row, then a row
per item. Lists are joined with ``"; "`` (the JSON export keeps them unambiguous); empty cells
are missing values. Tables and columns:

- ``stories.csv``: id, label, size, first, last, outlets, people, places, organisations,
  claim_count
- ``claims.csv`` (canonical claims): id, story, text, article_count, outlets,
  independent_origins, origins (their names), first_article, first_outlet, first_date, drift
  (``kind: before → after`` per change), explanation
- ``claim_versions.csv`` (each article's version of a canonical claim): claim, article,
  outlet, published, speaker (as the article names them), speaker_id and speaker_name (the one
  person or body they are across the story), entity_id (the one they are across the corpus),
  source_type, kind, certainty, chain (names, the article's outlet first), text
- ``articles.csv``: id, story, external_id, url, title, outlet (sourcetrace's one name for
  it), outlet_given (as the page or input gave it), authors, published, modified, language,
  format, attribution_count, claim_count, loaded_rate, text
- ``attributions.csv``: article, index (the attribution's index in the article's analysis,
  which claims refer to), kind, speaker, source_type, role, source, cue, content (spans joined
  with " … "), chain, confidence, cue_start, cue_end, source_start, source_end, content_spans
  (``start-end`` per span); offsets index the article's ``text``

Article text is untrusted, so a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return, which a spreadsheet would run as a formula, is written with a ``'`` in front.

**ClaimReview** (:func:`export_claimreview`): a JSON array of schema.org ``ClaimReview``
drafts (JSON-LD, each with its own ``@context``), one per canonical claim, for a fact-checker to
complete. Each holds what the store knows: ``claimReviewed``, ``identifier`` (the claim id),
``reviewBody`` (the provenance explanation) and ``itemReviewed``, a ``Claim`` with ``text``,
``author`` (its independent origins, a ``Person`` or an ``Organization``), ``datePublished``
(its first appearance's date), ``appearance`` (one ``NewsArticle`` per article that makes it,
with its URL, headline, date, language, byline and outlet as ``publisher``, each where
known) and ``firstAppearance``. The ``creativeWorkStatus`` is ``"Draft"`` and the
``description`` says what is missing: the fields only the fact-checker can give,
``reviewRating``, the review's ``author``, ``url`` and ``datePublished``, are left out, never
guessed. sourcetrace reports where a claim came from, never whether it is true.
``claimreview-draft.schema.json`` beside this module is the JSON Schema of the export: what a
draft holds (schema.org itself requires nothing).
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from sourcetrace.article import Article
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.nlp.version import analyser_version
from sourcetrace.store import Store
from sourcetrace.stories.service import StorySummary, story_summaries
from sourcetrace.trace.records import CorpusIdentities, Origin, TracedClaim
from sourcetrace.trace.service import (
    NotReady,
    corpus_identities,
    stored_analyses,
    trace_stories,
)
from sourcetrace.trace.versions import ClaimVersion
from sourcetrace.version import __version__

SCHEMA_VERSION = 1
#: Articles whose analyses are read from the store at a time.
BATCH = 64
LIST_SEPARATOR = "; "
#: What a spreadsheet takes for the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

TABLES: dict[str, tuple[str, ...]] = {
    "stories": (
        "id", "label", "size", "first", "last", "outlets", "people", "places", "organisations",
        "claim_count",
    ),
    "claims": (
        "id", "story", "text", "article_count", "outlets", "independent_origins", "origins",
        "first_article", "first_outlet", "first_date", "drift", "explanation",
    ),
    "claim_versions": (
        "claim", "article", "outlet", "published", "speaker", "speaker_id", "speaker_name",
        "entity_id", "source_type", "kind", "certainty", "chain", "text",
    ),
    "articles": (
        "id", "story", "external_id", "url", "title", "outlet", "outlet_given", "authors",
        "published", "modified", "language", "format", "attribution_count", "claim_count",
        "loaded_rate", "text",
    ),
    "attributions": (
        "article", "index", "kind", "speaker", "source_type", "role", "source", "cue",
        "content", "chain", "confidence", "cue_start", "cue_end", "source_start", "source_end",
        "content_spans",
    ),
}  # fmt: skip

Traced = list[tuple[StorySummary, tuple[TracedClaim, ...]]]


def _traced_stories(store: Store, story_id: int | None, settings: AnalysisSettings) -> Traced:
    """Each story (or the one asked for) with its traced canonical claims, largest first.
    Raises ``LookupError`` for an unknown story."""
    traced = trace_stories(store, story_id, settings).stories
    if story_id is not None and not traced:
        raise LookupError(f"no story {story_id}")
    claims = {story.id: story.claims for story in traced}
    return [
        (summary, claims[summary.id]) for summary in story_summaries(store) if summary.id in claims
    ]


def _identities(store: Store, stories: Traced, settings: AnalysisSettings) -> CorpusIdentities:
    """The stored corpus entities; ``NotReady`` when they do not cover every story."""
    identities = corpus_identities(store, settings)
    missing = [summary.id for summary, _ in stories if summary.id not in identities.covered]
    if missing:
        raise NotReady(
            f"story {missing[0]} is not linked across the corpus yet: run `sourcetrace analyze`"
        )
    return identities


def _claim_json(story_id: int, claim: TracedClaim, identities: CorpusIdentities) -> dict:
    """A claim as ``trace --format json`` gives it, each version with its ``entity_id``."""
    data = claim.to_json()
    for version, row in zip(claim.versions, data["versions"], strict=True):
        row["entity_id"] = _entity_id(story_id, version, identities)
    return data


def _entity_id(story_id: int, version: ClaimVersion, identities: CorpusIdentities) -> str | None:
    entity = identities.of(story_id, version.speaker_id)
    return entity.id if entity else None


def _analysed_articles(
    store: Store, stories: Traced, settings: AnalysisSettings
) -> Iterator[tuple[Article, int, dict]]:
    """(article, story id, analysis) for every article of these stories, story by story;
    analyses are read a batch at a time (a traced story's articles all have one)."""
    members = [(a["id"], summary.id) for summary, _ in stories for a in summary.articles]
    for start in range(0, len(members), BATCH):
        batch = [(store.get(i), story) for i, story in members[start : start + BATCH]]
        found = [(article, story) for article, story in batch if article is not None]
        analyses = stored_analyses(store, [article for article, _ in found], settings)
        for article, story in found:
            yield article, story, analyses[article.id]


# -- JSON ---------------------------------------------------------------------------------


def export_json(
    store: Store,
    out: TextIO,
    story_id: int | None = None,
    settings: AnalysisSettings | None = None,
) -> None:
    """The whole analysis as one JSON object (see the module docstring), one story or
    article per line."""
    settings = settings or AnalysisSettings()
    stories = _traced_stories(store, story_id, settings)
    identities = _identities(store, stories, settings)
    head = {
        "sourcetrace": __version__,
        "schema_version": SCHEMA_VERSION,
        "analyser_version": analyser_version(settings),
        "story": story_id,
    }
    out.write("{" + "".join(f"{json.dumps(k)}: {json.dumps(v)},\n" for k, v in head.items()))
    out.write('"stories": [')
    _write_items(
        out,
        (
            {
                **summary.to_dict(),
                "claims": [_claim_json(summary.id, claim, identities) for claim in claims],
            }
            for summary, claims in stories
        ),
    )
    out.write('],\n"articles": [')
    _write_items(
        out,
        (
            {**article.to_dict(), "story": story, "analysis": _without_text(analysis)}
            for article, story, analysis in _analysed_articles(store, stories, settings)
        ),
    )
    exported = {summary.id for summary, _ in stories}
    out.write('],\n"entities": [')
    _write_items(
        out,
        (
            entity.to_json()
            for entity in identities.entities
            if any(story in exported for story, _ in entity.members)
        ),
    )
    out.write("]}\n")


def _without_text(analysis: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in analysis.items() if k != "text"}


def _write_items(out: TextIO, items: Iterable[Any]) -> None:
    """The elements of a JSON array, one per line, written as they come."""
    for n, item in enumerate(items):
        out.write(("\n" if n == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
    out.write("\n")


# -- CSV ----------------------------------------------------------------------------------


def export_csv(
    store: Store,
    folder: str | Path,
    story_id: int | None = None,
    settings: AnalysisSettings | None = None,
) -> list[Path]:
    """Write the tables of the module docstring into ``folder`` (created if needed; files of
    the same names are replaced) and return their paths."""
    settings = settings or AnalysisSettings()
    stories = _traced_stories(store, story_id, settings)
    identities = _identities(store, stories, settings)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.csv" for name in TABLES]
    with contextlib.ExitStack() as stack:
        writers = {}
        for (name, columns), path in zip(TABLES.items(), paths, strict=True):
            handle = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            writers[name] = csv.DictWriter(handle, fieldnames=columns)
            writers[name].writeheader()

        def write(table: str, row: dict[str, Any]) -> None:
            writers[table].writerow({k: csv_cell(v) for k, v in row.items()})

        for summary, claims in stories:
            write("stories", _story_row(summary, claims))
            for claim in claims:
                write("claims", _claim_row(summary.id, claim))
                for version in claim.versions:
                    entity = _entity_id(summary.id, version, identities)
                    write("claim_versions", _version_row(claim.id, version, entity))
        for article, story, analysis in _analysed_articles(store, stories, settings):
            write("articles", _article_row(article, story, analysis))
            for index, attribution in enumerate(analysis["attributions"]):
                write("attributions", _attribution_row(article.id, index, attribution))
    return paths


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined, None empty, formula starts neutralised."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _story_row(summary: StorySummary, claims: tuple[TracedClaim, ...]) -> dict[str, Any]:
    return {
        "id": summary.id,
        "label": summary.label,
        "size": summary.size,
        "first": summary.first,
        "last": summary.last,
        "outlets": summary.outlets,
        "people": summary.people,
        "places": summary.places,
        "organisations": summary.organisations,
        "claim_count": len(claims),
    }


def _claim_row(story_id: int, claim: TracedClaim) -> dict[str, Any]:
    first = claim.first_seen
    return {
        "id": claim.id,
        "story": story_id,
        "text": claim.text,
        "article_count": len(claim.articles),
        "outlets": list(claim.outlets),
        "independent_origins": claim.independent_origins,
        "origins": [origin.name for origin in claim.origins],
        "first_article": first.article,
        "first_outlet": first.outlet,
        "first_date": first.date,
        "drift": [
            f"{change.kind}: {change.before.text} → {change.after.text}" for change in claim.drift
        ],
        "explanation": claim.explanation,
    }


def _version_row(claim_id: str, version: ClaimVersion, entity_id: str | None) -> dict[str, Any]:
    return {
        "claim": claim_id,
        "article": version.article,
        "outlet": version.outlet,
        "published": version.published,
        "speaker": version.speaker,
        "speaker_id": version.speaker_id,
        "speaker_name": version.speaker_name,
        "entity_id": entity_id,
        "source_type": version.source_type,
        "kind": version.kind,
        "certainty": version.certainty,
        "chain": [link["name"] for link in version.chain],
        "text": version.text,
    }


def _article_row(article: Article, story: int, analysis: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": article.id,
        "story": story,
        "external_id": article.external_id,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_given": article.outlet_given,
        "authors": article.authors,
        "published": article.published,
        "modified": article.modified,
        "language": article.language,
        "format": article.format,
        "attribution_count": len(analysis["attributions"]),
        "claim_count": len(analysis["claims"]),
        "loaded_rate": analysis["loaded_rate"],
        "text": article.text,
    }


def _attribution_row(article_id: str, index: int, attribution: dict[str, Any]) -> dict[str, Any]:
    source = attribution["source"] or {}
    return {
        "article": article_id,
        "index": index,
        "kind": attribution["kind"],
        "speaker": attribution["speaker"],
        "source_type": attribution["source_type"],
        "role": attribution["role"],
        "source": source.get("text"),
        "cue": attribution["cue"]["text"],
        "content": " … ".join(span["text"] for span in attribution["content"]),
        "chain": [link["name"] for link in attribution["chain"]],
        "confidence": attribution["confidence"],
        "cue_start": attribution["cue"]["start"],
        "cue_end": attribution["cue"]["end"],
        "source_start": source.get("start"),
        "source_end": source.get("end"),
        "content_spans": [f"{span['start']}-{span['end']}" for span in attribution["content"]],
    }


# -- ClaimReview --------------------------------------------------------------------------

#: Origin types written as a schema.org Person; the others (an outlet's own voice,
#: organisations, governments, intelligence services, documents) as an Organization.
PERSON_ORIGINS = {"person", "anonymous", "other"}
#: The schema.org ``creativeWorkStatus`` of every review this export writes.
DRAFT_STATUS = "Draft"
#: What every draft says about itself: what it holds and what a fact-checker must add.
DRAFT_NOTE = (
    "Draft by sourcetrace, with no rating: the claim's provenance across the articles it"
    " traced (the first appearance is the earliest of them). To publish it, a fact-checker adds"
    " reviewRating, author (the reviewer), url and datePublished (of the review), and replaces"
    " this description and the Draft status."
)


def export_claimreview(
    store: Store,
    out: TextIO,
    story_id: int | None = None,
    settings: AnalysisSettings | None = None,
) -> None:
    """A JSON array of schema.org ClaimReview drafts, one per canonical claim, one per
    line."""
    settings = settings or AnalysisSettings()
    stories = _traced_stories(store, story_id, settings)

    def reviews() -> Iterator[dict[str, Any]]:
        for summary, claims in stories:
            found = (store.get(a["id"]) for a in summary.articles)
            articles = {a.id: a for a in found if a is not None}
            for claim in claims:
                yield claim_review(claim, articles)

    out.write("[")
    _write_items(out, reviews())
    out.write("]\n")


def claim_review(claim: TracedClaim, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One traced claim as a schema.org ClaimReview draft: its provenance, marked as a draft,
    with no rating and none of the fields only a reviewer can give. ``articles`` holds (at
    least) the claim's articles by id."""
    appearances = list(dict.fromkeys(step.article for step in claim.timeline))
    first = claim.first_seen
    item = {
        "@type": "Claim",
        "text": claim.text,
        "author": [_origin_agent(origin) for origin in claim.origins],
        "datePublished": first.date,
        "appearance": [_news_article(articles[i]) for i in appearances],
        "firstAppearance": _news_article(articles[first.article]),
    }
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "creativeWorkStatus": DRAFT_STATUS,
        "description": DRAFT_NOTE,
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "itemReviewed": _present(item),
        "reviewBody": claim.explanation,
    }


def _origin_agent(origin: Origin) -> dict[str, Any]:
    kind = "Person" if origin.type in PERSON_ORIGINS else "Organization"
    descriptions = origin.descriptions
    return _present(
        {
            "@type": kind,
            "name": origin.name,
            "description": LIST_SEPARATOR.join(descriptions) if descriptions else None,
        }
    )


def _news_article(article: Article) -> dict[str, Any]:
    return _present(
        {
            "@type": "NewsArticle",
            "identifier": article.id,
            "url": article.url,
            "headline": article.title,
            "datePublished": article.published,
            "inLanguage": article.language,
            "author": [{"@type": "Person", "name": name} for name in article.authors if name],
            "publisher": {"@type": "Organization", "name": article.outlet}
            if article.outlet
            else None,
        }
    )


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value (JSON-LD leaves unknown properties out)."""
    return {k: v for k, v in fields.items() if v not in (None, "", [])}
