"""Claims already checked elsewhere, and the traced claims that repeat them (``match``).

Fact-checkers keep lists of the claims they, or others, have already checked. ``match`` reads
such a list and, for each canonical claim of the stored stories, finds the known claims it
repeats, best first, with the link to where each was checked. It shows no rating, even when
the file has one: sourcetrace reports provenance, never verdicts.

Files read by ``read_known_claims`` (the format is chosen by the file name's ending):

- ``.json``: schema.org ClaimReview, as one object, a list of them, or a DataFeed whose
  ``dataFeedElement`` entries hold them in ``item``. The text is ``claimReviewed`` (or the
  ``itemReviewed`` claim's ``text``), the link ``url``, the id ``identifier`` (or the link),
  the publisher ``author.name``. ``sourcetrace export --format claimreview`` writes this.
- ``.jsonl``: one object per line, with the text under ``text``, ``claim``, ``claimReviewed``
  or ``vclaim``, and optionally ``id``, ``title``, ``url`` and ``publisher``.
- ``.tsv`` / ``.csv``: a header row naming the same columns.

An entry without text is skipped with a one-line reason; the others are still matched.

Matching is ``ClaimMatcher`` (the part ``eval matching`` scores on CheckThat! 2020 task 2),
fitted on the known claims' "text title". A known claim is reported when its score reaches
``MATCH_THRESHOLD`` (see ``trace.match``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sourcetrace.trace.match import MATCH_THRESHOLD, ClaimMatcher
from sourcetrace.trace.records import StoryTrace

TEXT_FIELDS = ("text", "claim", "claimReviewed", "vclaim")
FORMATS = (".json", ".jsonl", ".tsv", ".csv")
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class KnownClaim:
    id: str
    text: str
    title: str = ""
    url: str = ""
    publisher: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class KnownMatch:
    """A known claim that a traced claim repeats, with the matcher's score."""

    known: KnownClaim
    score: float

    def to_json(self) -> dict[str, Any]:
        return {**self.known.to_json(), "score": self.score}


@dataclass(frozen=True, slots=True)
class MatchedClaim:
    """A traced claim and the known claims it repeats, best first."""

    id: str
    text: str
    articles: tuple[str, ...]
    matches: tuple[KnownMatch, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "articles": list(self.articles),
            "matches": [match.to_json() for match in self.matches],
        }


@dataclass(frozen=True, slots=True)
class MatchedStory:
    """A story's claims that repeat a known claim."""

    id: int
    label: str | None
    claims: tuple[MatchedClaim, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "claims": [claim.to_json() for claim in self.claims],
        }


@dataclass(slots=True)
class KnownClaims:
    claims: list[KnownClaim]
    skipped: list[dict[str, str]]  # {"where": "line 3", "reason": "..."}


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _from_record(record: dict, number: int) -> KnownClaim | str:
    """A known claim from a JSONL line or a table row, or why it cannot be one."""
    text = next(filter(None, (_text(record.get(f)) for f in TEXT_FIELDS)), "")
    if not text:
        return f"no claim text (expected one of the fields {', '.join(TEXT_FIELDS)})"
    return KnownClaim(
        id=_text(str(record.get("id") or "")) or str(number),
        text=text,
        title=_text(record.get("title")),
        url=_text(record.get("url")),
        publisher=_text(record.get("publisher")),
    )


def _from_claimreview(review: Any, number: int) -> KnownClaim | str:
    if not isinstance(review, dict):
        return "not a JSON object"
    item = review.get("itemReviewed")
    text = _text(review.get("claimReviewed")) or (
        _text(item.get("text")) if isinstance(item, dict) else ""
    )
    if not text:
        return "a ClaimReview without claimReviewed text"
    author = review.get("author")
    url = _text(review.get("url"))
    return KnownClaim(
        id=_text(str(review.get("identifier") or "")) or url or str(number),
        text=text,
        url=url,
        publisher=_text(author.get("name")) if isinstance(author, dict) else "",
    )


def _claimreviews(data: Any) -> Iterator[Any]:
    """The ClaimReview objects of a JSON document: one, a list, or a DataFeed."""
    entries = data if isinstance(data, list) else [data]
    for entry in entries:
        if isinstance(entry, dict) and "dataFeedElement" in entry:
            for element in entry.get("dataFeedElement") or []:
                items = element.get("item") if isinstance(element, dict) else None
                yield from items if isinstance(items, list) else [items or element]
        else:
            yield entry


def read_known_claims(path: str | Path) -> KnownClaims:
    """The known claims in ``path``; raises ``ValueError`` with a one-line reason when the
    file as a whole cannot be read (unknown ending, broken JSON, no header)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: expected a {', '.join(FORMATS)} file of known claims")
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    found: list[tuple[str, KnownClaim | str]] = []
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(
                f"{path.name}: not valid JSON ({error.msg}, line {error.lineno})"
            ) from None
        for number, review in enumerate(_claimreviews(data), 1):
            found.append((f"entry {number}", _from_claimreview(review, number)))
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                found.append((f"line {number}", f"not valid JSON ({error.msg})"))
                continue
            if not isinstance(record, dict):
                found.append((f"line {number}", "not a JSON object"))
                continue
            found.append((f"line {number}", _from_record(record, number)))
    else:
        rows = csv.DictReader(text.splitlines(), delimiter="\t" if suffix == ".tsv" else ",")
        if not rows.fieldnames or not set(rows.fieldnames) & set(TEXT_FIELDS):
            raise ValueError(
                f"{path.name}: the header names no claim text column"
                f" (expected one of {', '.join(TEXT_FIELDS)})"
            )
        for number, row in enumerate(rows, 2):
            found.append((f"line {number}", _from_record(row, number)))
    claims = [c for _, c in found if isinstance(c, KnownClaim)]
    skipped = [{"where": w, "reason": c} for w, c in found if isinstance(c, str)]
    return KnownClaims(claims, skipped)


def match_known(
    stories: Sequence[StoryTrace],
    known: list[KnownClaim],
    *,
    top: int = 3,
    threshold: float = MATCH_THRESHOLD,
    progress: Progress | None = None,
) -> list[MatchedStory]:
    """For each story of ``trace_stories``, its claims that repeat a known claim, stories
    without any match left out."""
    queries = [(s, c) for s in stories for c in s.claims]
    if not known or not queries:
        return []
    if progress:
        progress(f"indexing {len(known):,} known claims")
    matcher = ClaimMatcher().fit([f"{k.text} {k.title}".strip() for k in known])
    if progress:
        progress(f"matching {len(queries):,} claims")
    ranked = matcher.rank_many([c.text for _, c in queries], k=top)
    out: dict[int, list[MatchedClaim]] = {}
    for (story, claim), best in zip(queries, ranked, strict=True):
        matches = tuple(
            KnownMatch(known[i], round(score, 3)) for i, score in best if score >= threshold
        )
        if matches:
            out.setdefault(story.id, []).append(
                MatchedClaim(claim.id, claim.text, claim.articles, matches)
            )
    labels = {story.id: story.label for story in stories}
    return [MatchedStory(i, labels[i], tuple(claims)) for i, claims in out.items()]
