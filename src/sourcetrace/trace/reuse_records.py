"""Records of text reuse between articles: what the detector reads and what it finds.

Plain frozen data, JSON-serialisable through ``to_json``, so that a store can keep a pair
verdict with its aligned sentences and a wire credit as rows: ids, character offsets, shares
and a direction. This module imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

__all__ = [
    "AlignedSentences",
    "Direction",
    "ReuseArticle",
    "ReusePair",
    "SentenceKind",
    "Verdict",
    "WireCredit",
]

Verdict = Literal["reuse", "wire", "independent"]
#: Who took the text from whom: the later article from the earlier (``b_from_a``,
#: ``a_from_b``), or both from a text neither shows (same day, no dates, wire copy).
Direction = Literal["b_from_a", "a_from_b", "common_source"]
SentenceKind = Literal["verbatim", "rewritten"]
CreditKind = Literal["dateline", "credit", "contributed"]


@dataclass(frozen=True, slots=True)
class ReuseArticle:
    """One article as the reuse detector reads it: ``sentences`` are character offsets into
    ``text`` (the analysis's sentences, or :func:`.reuse_text.split_sentences`), ``published``
    an ISO date (or None), ``vectors`` one unit-length sentence embedding per sentence when
    the caller holds them (None: alignment is lexical only)."""

    id: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    published: str | None = None
    outlet: str | None = None
    vectors: np.ndarray | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if any(not 0 <= s <= e <= len(self.text) for s, e in self.sentences):
            raise ValueError(f"article {self.id}: a sentence span lies outside its text")
        if self.vectors is not None and len(self.vectors) != len(self.sentences):
            raise ValueError(
                f"article {self.id}: {len(self.vectors)} vectors for "
                f"{len(self.sentences)} sentences"
            )

    def sentence(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]


@dataclass(frozen=True, slots=True)
class AlignedSentences:
    """A sentence of article ``a`` and the sentence of ``b`` that repeats it: offsets into
    each text, ``kind`` (verbatim up to a word or two, or rewritten), the lexical similarity
    (rapidfuzz ratio, 0-100) and the embedding cosine (None without vectors)."""

    a: tuple[int, int]
    b: tuple[int, int]
    kind: SentenceKind
    ratio: float
    cosine: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "kind": self.kind,
            "ratio": round(self.ratio, 1),
            "cosine": None if self.cosine is None else round(self.cosine, 3),
        }


@dataclass(frozen=True, slots=True)
class WireCredit:
    """A news agency credited as the article's source: its dateline ("OSLO (Reuters) -"), a
    credit of the article ("..., the Associated Press reported.", "— Reuters") or a
    contribution line ("Reuters contributed to this report"), with the evidence's offsets.
    ``wire`` is the agency's one name (:data:`.agencies.AGENCIES`)."""

    article: str
    wire: str
    start: int
    end: int
    kind: CreditKind

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "wire": self.wire,
            "evidence": [self.start, self.end],
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class ReusePair:
    """The verdict on two articles: ``reuse`` (one repeats the other's sentences, or both a
    common source's), ``wire`` (both carry one agency's copy) or ``independent``. The aligned
    sentences are kept for reuse and wire only; ``share_a`` and ``share_b`` are the shares of
    each article's sentences that are aligned; ``wire`` names the agency of a wire pair."""

    a: str
    b: str
    verdict: Verdict
    direction: Direction | None
    sentences: tuple[AlignedSentences, ...] = ()
    share_a: float = 0.0
    share_b: float = 0.0
    wire: str | None = None

    @property
    def share_of_copy(self) -> float:
        """The share of the copying (later) article that is reused; ``b`` when both took
        from a common source."""
        return self.share_a if self.direction == "a_from_b" else self.share_b

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "verdict": self.verdict,
            "direction": self.direction,
            "share_a": round(self.share_a, 3),
            "share_b": round(self.share_b, 3),
            "wire": self.wire,
            "sentences": [s.to_json() for s in self.sentences],
        }
