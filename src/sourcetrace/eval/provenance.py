"""Provenance of shared claims scored against the blind gold of ``gold/provenance``
(``eval provenance``).

The protocol, fixed before any system output on the gold events was read:

- **Units**: for each gold event (``gold_cluster``) of the gold file, ALL its documents in
  ``docs.jsonl``. Each document's ``text`` is analysed as it is (so offsets agree with the
  gold) as one article by the product's own analysis with default settings, article id =
  ``doc_id``, outlet = None: every document is its own outlet. One story per gold event (story
  assignment assumed perfect, as ``eval alignment`` does), its versions made and their
  speakers resolved across the story as ``trace`` does (``story_versions``) and traced by the
  product's ``trace_versions`` with the embeddings ``trace`` uses.
- **Locating system versions**: each ``ClaimVersion`` gets the character span of what it
  came from in the analysis: a claim's offsets, or for an attributed statement the first to
  the last of its content spans. A version found in neither (by its text) is searched for in
  the document, whitespace normalised; the figures say how many were.
- **Version match**: a gold version matches a system version of the same document when their
  spans overlap by at least half of the shorter span.
- **Claim match**: a gold claim is matched by the traced claim (carried by two or more
  articles) that holds the most of its versions (ties: the most documents, then the traced
  claim listed first), among those holding versions of two documents or more. A traced
  claim takes one version per article, so each matched gold version has one system
  counterpart. Shared-claim recall = matched gold claims / gold claims.
- **Origin count** of a matched claim, both sides restricted to its matched versions: gold =
  the distinct gold origin ids those versions rest on; system = ``len(origins(...))`` of their
  system counterparts (in ``timeline`` order, as ``trace_versions`` calls it). Correct when
  equal; misses are split into over- and undercounts.
- **Origin count, copies as one** (printed beside): the gold leaves each copy of a text its
  own-voice origin; counted again with the versions of one text under one origin, as a
  reader counting independent origins would (and as the product does since it reads text
  reuse). Which versions are one text is the gold's ``copy_groups``, a blind re-count of
  every claim (``gold/provenance/README.md``); a file without it falls back on the partial
  ``same_words_as``.
- **Origin count against the adjudicated count** (printed beside, for an adjudicated gold
  file, ``gold/provenance/adjudicated``): the count three annotators decided (the median) is
  a count over all of a claim's versions, so it is compared only on matched claims whose
  traced claim holds every gold version ("held whole").
- **Origin grouping** (stricter): the matched versions grouped by origin agree as partitions
  (a gold version resting on several origins counts under its first; a system version under
  the origin that ``origins`` says it carries).

Caveat (``gold/provenance/README.md``): the two gold files' annotators counted
``independent_origins`` differently; the scorer counts listed origin ids, and reports per file
how many claims have ``independent_origins`` different from that number.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.trace.align_model import AlignModel
from sourcetrace.trace.dependence import Dependence, dependence
from sourcetrace.trace.records import TracedClaim
from sourcetrace.trace.versions import ClaimVersion

__all__ = [
    "EventVersions",
    "GoldClaim",
    "GoldVersion",
    "Located",
    "Match",
    "TracedEvent",
    "best_match",
    "claim_result",
    "count_with_copies",
    "evaluate_provenance",
    "event_documents",
    "event_versions",
    "locate_versions",
    "read_gold",
    "spans_match",
    "summary",
    "trace_event",
    "traced_events",
]

Progress = Callable[[str], None]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldVersion:
    """One article's version of a gold claim: its span, its speaker's span (None in the
    article's own voice) and the gold origin ids it rests on."""

    doc: str
    start: int
    end: int
    speaker: Span | None
    origins: tuple[str, ...]
    same_words_as: str | None = None  # a document whose version is word for word the same


@dataclass(frozen=True, slots=True)
class GoldClaim:
    id: str
    event: str
    gist: str
    versions: tuple[GoldVersion, ...]
    listed_origins: int  # distinct origin ids the gold lists
    independent_origins: int  # the annotator's count (see the module's caveat)
    # documents whose versions are one text, copied or run from a common one (the gold's
    # ``copy_groups``); None where the file has no such field (``same_words_as`` is read)
    copy_groups: tuple[frozenset[str], ...] | None = None
    # ``independent_origins`` decided by three annotators (``gold/provenance/adjudicated``)
    adjudicated: bool = False


@dataclass(frozen=True, slots=True)
class Located:
    """A system version and the span of its document it came from."""

    version: ClaimVersion
    start: int
    end: int
    searched: bool = False  # found by text search, not by the analysis's offsets


@dataclass(frozen=True, slots=True)
class Match:
    """The traced claim that matches a gold claim, and each matched gold version (in gold
    order) with its system counterpart."""

    claim: TracedClaim
    pairs: tuple[tuple[GoldVersion, Located], ...]


def read_gold(path: Path) -> list[GoldClaim]:
    """The gold claims of a ``gold/provenance`` file, in file order."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        versions = tuple(
            GoldVersion(
                doc=v["doc"],
                start=v["start"],
                end=v["end"],
                speaker=(v["speaker"]["start"], v["speaker"]["end"]) if v["speaker"] else None,
                origins=tuple(v["origins"]),
                same_words_as=v.get("same_words_as"),
            )
            for v in record["versions"]
        )
        out.append(
            GoldClaim(
                id=record["claim"],
                event=record["event"],
                gist=record["gist"],
                versions=versions,
                listed_origins=len({o["id"] for o in record["origins"]}),
                independent_origins=record["independent_origins"],
                copy_groups=(
                    tuple(frozenset(g) for g in record["copy_groups"])
                    if "copy_groups" in record
                    else None
                ),
                adjudicated=bool(record.get("adjudicated")),
            )
        )
    return out


def spans_match(a: Span, b: Span) -> bool:
    """Two spans overlap by at least half of the shorter one."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap > 0 and 2 * overlap >= min(a[1] - a[0], b[1] - b[0])


def _words(text: str) -> str:
    return " ".join(text.split())


def _analysis_spans(analysis: dict[str, Any]) -> tuple[list[Span], dict[str, Span]]:
    """The spans of an analysis's claims (by index), and of its attributed statements by
    their text as ``claim_versions`` writes it (first one wins)."""
    from sourcetrace.nlp.quotes import statement_groups

    claims = [(c["start"], c["end"]) for c in analysis.get("claims", [])]
    statements: dict[str, Span] = {}
    for attribution in analysis.get("attributions", []):
        by_span = {(c["start"], c["end"]): c["text"] for c in attribution.get("content", [])}
        for group in statement_groups(sorted(by_span), analysis["text"]):
            text = _words(" … ".join(by_span[span] for span in group))
            statements.setdefault(text, (group[0][0], group[-1][1]))
    return claims, statements


def _search(text: str, wanted: str) -> Span | None:
    """Where ``wanted`` stands in ``text``, whitespace normalised (a statement's pieces joined
    by " … " are searched for from its first piece to its last)."""
    pieces = [re.escape(p).replace(r"\ ", r"\s+") for p in _words(wanted).split(" … ")]
    found = re.search(pieces[0] + "".join(rf".*?{p}" for p in pieces[1:]), text, re.S)
    return (found.start(), found.end()) if found else None


def locate_versions(analysis: dict[str, Any], versions: Sequence[ClaimVersion]) -> list[Located]:
    """Each of an article's versions (``claim_versions(analysis)``) with its span in the
    analysis's text; a version that cannot be found at all is left out."""
    claims, statements = _analysis_spans(analysis)
    text = analysis["text"]
    out = []
    for version in versions:
        index = version.claim
        if index < len(claims) and _words(text[slice(*claims[index])]) == version.text:
            span, searched = claims[index], False
        elif version.text in statements:
            span, searched = statements[version.text], False
        else:
            span, searched = _search(text, version.text), True
        if span is not None:
            out.append(Located(version, span[0], span[1], searched))
    return out


def _held(gold: GoldClaim, claim: TracedClaim, where: dict[str, Located]) -> Match:
    """The versions of ``gold`` that ``claim`` holds (by their document's version in it)."""
    by_doc = {v.article: where[v.key] for v in claim.versions if v.key in where}
    pairs = tuple(
        (g, by_doc[g.doc])
        for g in gold.versions
        if g.doc in by_doc
        and spans_match((g.start, g.end), (by_doc[g.doc].start, by_doc[g.doc].end))
    )
    return Match(claim, pairs)


def best_match(
    gold: GoldClaim, traced: Sequence[TracedClaim], where: dict[str, Located]
) -> Match | None:
    """Among the traced claims (of two or more articles) holding versions of ``gold`` from
    two documents or more, the one holding the most (ties: the most documents, then the
    first listed); None when there is none. ``where`` locates system versions by ``key``."""
    best, rank = None, (0, 0)
    for claim in traced:
        if len(claim.articles) < 2:
            continue
        match = _held(gold, claim, where)
        held = (len(match.pairs), len({g.doc for g, _ in match.pairs}))
        if held[1] >= 2 and held > rank:
            best, rank = match, held
    return best


def _partition(labels: Iterable[object]) -> set[frozenset[int]]:
    groups: dict[object, set[int]] = defaultdict(set)
    for item, label in enumerate(labels):
        groups[label].add(item)
    return {frozenset(g) for g in groups.values()}


def _speaker(text: str, version: GoldVersion) -> str | None:
    return _words(text[slice(*version.speaker)]) if version.speaker else None


def claim_result(
    gold: GoldClaim,
    match: Match | None,
    texts: dict[str, str],
    located: int,
    dependence: Dependence | None = None,
) -> dict[str, Any]:
    """What the scorer reads of one gold claim and its match (``texts``: document texts by
    id, for the gold speakers' words; ``located``: how many of its versions some system
    version matches, traced with others or not): counts, grouping, origins and speakers."""
    from sourcetrace.trace.drift import timeline
    from sourcetrace.trace.origins import origins

    out: dict[str, Any] = {"claim": gold.id, "event": gold.event, "gist": gold.gist}
    out.update(gold_versions=len(gold.versions), located=located)
    out["matched"] = match is not None
    if match is None:
        return out
    system = list({id(s.version): s.version for _, s in match.pairs}.values())
    found = origins(timeline(system), dependence)
    origin_of = {carrier: n for n, o in enumerate(found) for carrier in o.carried_by}
    carrier = [origin_of[s.version.outlet or s.version.article] for _, s in match.pairs]
    gold_origins = [g.origins[0] for g, _ in match.pairs]
    out.update(
        traced_claim=match.claim.id,
        held=len(match.pairs),
        gold_count=len({o for g, _ in match.pairs for o in g.origins}),
        gold_count_copies=count_with_copies([g for g, _ in match.pairs], gold.copy_groups),
        system_count=len(found),
        whole=len(match.pairs) == len(gold.versions),
        adjudicated_count=gold.independent_origins if gold.adjudicated else None,
        grouped=_partition(gold_origins) == _partition(carrier),
        system_origins=[f"{o.name} ({o.type})" for o in found],
        versions=[
            {
                "doc": g.doc,
                "gold_origin": g.origins[0],
                "gold_speaker": _speaker(texts[g.doc], g),
                "system_speaker": s.version.speaker,
                "system_type": s.version.source_type,
                "system_origin": found[n].name,
            }
            for (g, s), n in zip(match.pairs, carrier, strict=True)
        ],
    )
    return out


def count_with_copies(
    versions: Sequence[GoldVersion], copy_groups: Sequence[frozenset[str]] | None = None
) -> int:
    """The distinct gold origins of ``versions`` when versions of one text count under one
    origin: the documents of one of ``copy_groups`` (the gold's re-count, which covers every
    claim), or else a version and the one it is word for word the same as (``same_words_as``).
    The gold's own origins leave each copy its own-voice origin; a reader counting independent
    origins counts a copy once."""
    parent: dict[str, str] = {o: o for v in versions for o in v.origins}

    def root(origin: str) -> str:
        while parent[origin] != origin:
            origin = parent[origin]
        return origin

    def join(a: str, b: str) -> None:
        a, b = root(a), root(b)
        parent[max(a, b)] = min(a, b)

    first = {v.doc: v.origins[0] for v in reversed(versions)}
    if copy_groups is not None:
        for group in copy_groups:
            held = [first[doc] for doc in sorted(group) if doc in first]
            for origin in held[1:]:
                join(held[0], origin)
    else:
        for version in versions:
            if version.same_words_as in first:
                join(version.origins[0], first[version.same_words_as])
    return len({root(o) for o in parent})


def summary(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Recall of shared claims and origin figures over claim results (``claim_result``)."""
    matched = [r for r in results if r["matched"]]
    right = sum(r["gold_count"] == r["system_count"] for r in matched)
    copies = sum(r["gold_count_copies"] == r["system_count"] for r in matched)

    def share(n: int, of: int) -> float:
        return round(n / of, 4) if of else 0.0

    whole = [r for r in matched if r["whole"] and r["adjudicated_count"] is not None]
    adjudicated = sum(r["adjudicated_count"] == r["system_count"] for r in whole)
    return {
        "claims": len(results),
        "matched": len(matched),
        "whole_adjudicated": len(whole),
        "origins_right_adjudicated": adjudicated,
        "origin_accuracy_adjudicated": share(adjudicated, len(whole)),
        "overcount_adjudicated": sum(r["system_count"] > r["adjudicated_count"] for r in whole),
        "undercount_adjudicated": sum(r["system_count"] < r["adjudicated_count"] for r in whole),
        "recall": share(len(matched), len(results)),
        "origins_right": right,
        "origin_accuracy": share(right, len(matched)),
        "origins_right_copies": copies,
        "origin_accuracy_copies": share(copies, len(matched)),
        "overcount": sum(r["system_count"] > r["gold_count"] for r in matched),
        "undercount": sum(r["system_count"] < r["gold_count"] for r in matched),
        "grouped_right": sum(r["grouped"] for r in matched),
        "grouping_accuracy": share(sum(r["grouped"] for r in matched), len(matched)),
    }


def event_documents(folder: Path, events: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The documents of each event, in ``docs.jsonl`` order."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (Path(folder) / "docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["gold_cluster"] in events:
                out[doc["gold_cluster"]].append(doc)
    missing = sorted(events - set(out))
    if missing:
        raise ValueError(f"{folder}/docs.jsonl has no documents of {', '.join(missing)}")
    return out


def _analyses(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The product's analysis of each document's text, as it is, with default settings."""
    from sourcetrace.nlp.analysis import analyse_many
    from sourcetrace.nlp.settings import AnalysisSettings

    articles = [
        {"id": d["doc_id"], "title": None, "outlet": None, "published": d.get("date"),
         "text": d["text"], "language": None}
        for d in documents
    ]  # fmt: skip
    return [a.to_dict() for a in analyse_many(articles, settings=AnalysisSettings())]


@dataclass(frozen=True, slots=True)
class TracedEvent:
    """One event traced: its claims, its versions located by key, and its documents' texts."""

    traced: list[TracedClaim]
    where: dict[str, Located]
    texts: dict[str, str]
    versions: int  # system versions made, located or not
    dependence: Dependence | None = None


@dataclass(frozen=True, slots=True)
class EventVersions:
    """One event's documents as one story, before alignment: its claim versions (speakers
    resolved across the story), each located in its document, the documents' texts and what
    they take from each other and the wire."""

    versions: list[ClaimVersion]
    where: dict[str, Located]
    texts: dict[str, str]
    dependence: Dependence | None = None


def event_versions(documents: list[dict[str, Any]]) -> EventVersions:
    """The module's protocol up to alignment, for one event's documents."""
    from sourcetrace.trace.identity import resolve
    from sourcetrace.trace.service import story_versions

    analyses = list(_analyses(documents))
    versions = story_versions(analyses, resolve([analyses]))
    by_article: dict[str, list[ClaimVersion]] = {}
    for version in versions:
        by_article.setdefault(version.article, []).append(version)
    where: dict[str, Located] = {}
    for analysis in analyses:
        made = by_article.get(analysis["id"], [])
        where.update((s.version.key, s) for s in locate_versions(analysis, made))
    texts = {d["doc_id"]: d["text"] for d in documents}
    return EventVersions(versions, where, texts, _dependence(analyses))


def trace_event(
    number: int,
    made: EventVersions,
    vectors: np.ndarray | None = None,
    model: AlignModel | None = None,
) -> TracedEvent:
    """An event's versions traced as story ``number`` (``model``: the alignment pair model,
    the shipped one unless given; ``vectors``: the versions' embeddings, when known)."""
    from sourcetrace.trace.service import trace_versions

    traced = trace_versions(number, made.versions, vectors, made.dependence, model)
    return TracedEvent(traced, made.where, made.texts, len(made.versions), made.dependence)


def _dependence(analyses: list[dict[str, Any]]) -> Dependence:
    """What the event's documents take from each other and the wire, as ``process`` finds it
    (``trace.reuse``, the analyses' sentences and their embeddings)."""
    from sourcetrace.nlp.embed import load_embedder
    from sourcetrace.trace.reuse import ReuseDetector
    from sourcetrace.trace.reuse_records import ReuseArticle

    detector = ReuseDetector(embed=load_embedder().embed)
    pairs, credits = [], []
    for a in sorted(analyses, key=lambda a: (a.get("published") or "", a["id"])):
        spans = tuple((s["start"], s["end"]) for s in a["sentences"])
        article = ReuseArticle(a["id"], a["text"], spans, a.get("published"), a.get("outlet"))
        pairs.extend(p.to_json() for p in detector.add(article) if p.verdict != "independent")
        credits.extend(c.to_json() for c in detector.credits[a["id"]])
    return dependence(analyses, pairs, credits)


def _located(gold: GoldClaim, where: dict[str, Located]) -> int:
    spans = defaultdict(list)
    for s in where.values():
        spans[s.version.article].append((s.start, s.end))
    return sum(
        any(spans_match((g.start, g.end), span) for span in spans[g.doc]) for g in gold.versions
    )


def traced_events(
    folder: Path, gold: Sequence[GoldClaim], progress: Progress | None = None
) -> Iterator[tuple[str, list[GoldClaim], int, TracedEvent]]:
    """Each gold event of ``gold`` traced as one story (the module's protocol), in gold order:
    the event, its gold claims, its number of documents and what tracing made of it."""
    by_event: dict[str, list[GoldClaim]] = defaultdict(list)
    for claim in gold:
        by_event[claim.event].append(claim)
    documents = event_documents(folder, set(by_event))
    for number, (event, claims) in enumerate(by_event.items(), 1):
        made = event_versions(documents[event])
        yield event, claims, len(documents[event]), trace_event(number, made)
        if progress:
            progress(f"traced {number}/{len(by_event)} events")


def evaluate_provenance(
    folder: Path, gold_path: Path, progress: Progress | None = None
) -> dict[str, Any]:
    """The protocol of the module docstring on the gold file ``gold_path`` with the ECB+
    documents of ``folder``: overall and per-event figures, and one result per gold claim."""
    gold = read_gold(gold_path)
    if not gold:
        raise ValueError(f"{gold_path} holds no gold claims")
    results, events, articles, made, located, searched = [], [], 0, 0, 0, 0
    for event, claims, documents, story in traced_events(folder, gold, progress):
        events.append(event)
        articles += documents
        made += story.versions
        located += len(story.where)
        searched += sum(s.searched for s in story.where.values())
        for claim in claims:
            match = best_match(claim, story.traced, story.where)
            located_n = _located(claim, story.where)
            results.append(claim_result(claim, match, story.texts, located_n, story.dependence))
    return {
        "gold": Path(gold_path).name,
        "events": len(events),
        "articles": articles,
        **summary(results),
        "by_event": {e: summary([r for r in results if r["event"] == e]) for e in events},
        "count_rule_differs": sum(c.listed_origins != c.independent_origins for c in gold),
        "system_versions": made,
        "found_by_search": searched,
        "not_found": made - located,
        "results": results,
    }
