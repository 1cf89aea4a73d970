"""Text reuse between articles: which article repeats which one's sentences, and wire copy.

:class:`ReuseDetector` takes articles one at a time (:meth:`ReuseDetector.add`) and, for each:

1. finds candidate articles among those added before (:class:`.reuse_index.ReuseIndex`,
   MinHash LSH over sentences), so the cost per article stays flat as the corpus grows;
2. aligns its sentences with each candidate's (:func:`align`): near-verbatim by rapidfuzz's
   ratio, lightly rewritten by the cosine of the sentences' MiniLM embeddings (when the
   articles carry them) over a floor of shared wording;
3. decides each pair (:func:`compare`): ``reuse`` when at least two aligned sentences are in
   the narrator's own voice (quotations shared alone are not reuse; furniture is never
   aligned), or the lead of a text of one or two sentences; ``wire`` when such a pair is one
   news agency's copy (a credit in either text, :mod:`.wire`, or the agency as an outlet);
   the direction from the publication days, or from a credit of one by the other.

The thresholds are :class:`ReuseSettings`; their defaults were chosen on the train split of
``gold/reuse`` (``sourcetrace eval reuse``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from sourcetrace.nlp.quotes import find_quotes
from sourcetrace.outlets import outlet_key
from sourcetrace.trace.agencies import agency
from sourcetrace.trace.reuse_index import IndexSettings, ReuseIndex
from sourcetrace.trace.reuse_records import (
    AlignedSentences,
    Direction,
    ReuseArticle,
    ReusePair,
    WireCredit,
)
from sourcetrace.trace.reuse_text import boilerplate, quoted_share
from sourcetrace.trace.wire import wire_credits

__all__ = ["ReuseDetector", "ReuseSettings", "align", "compare", "direction"]

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class ReuseSettings:
    """Thresholds of alignment and verdict.

    - ``verbatim``: rapidfuzz ratio (0-100) of two sentences' lower-cased words at or above
      which they are the same sentence up to a word or two;
    - ``cosine`` and ``floor``: a rewritten pair needs an embedding cosine of ``cosine`` and
      a ratio of at least ``floor`` (same facts, also partly the same words);
    - ``lexical``: without embeddings, the ratio of a rewritten pair;
    - ``min_words``: shorter sentences are not aligned; ``quoted``: a sentence with this share
      of its characters in quotation marks is someone else's words;
    - ``min_own``: aligned own-voice sentences that make reuse; ``short``: a text of at most
      this many sentences is reuse when its lead is aligned.

    Chosen on the 96 train pairs of ``gold/reuse`` (35 positive), over a grid of cosine 0.7-0.85,
    floor 0-50, verbatim 80-90 and ``min_own`` 2-3: cosine 0.8 is the one value that matters
    (0.75 lets in one independent pair, 0.85 loses three reuse pairs); the floor and the
    verbatim ratio change no pair verdict within their ranges (sentence F1 moves by under
    0.01): the verbatim ratio keeps the value that says "up to a word or two", the floor the
    low one that lets a paraphrase through (reprints share few exact words); ``min_own`` stays the
    gold's own rule (two), though three scored one pair better on train. Train is too small
    to choose finer than that."""

    verbatim: float = 85.0
    cosine: float = 0.8
    floor: float = 30.0
    lexical: float = 70.0
    min_words: int = 4
    quoted: float = 0.5
    min_own: int = 2
    short: int = 2


@dataclass(frozen=True, slots=True)
class _Sides:
    """What alignment reads of one article, worked out once: the numbers of its alignable
    sentences (not furniture, not too short) with their lower-cased words, the spans of those
    in someone else's words (mostly quoted), and its body (sentences that are not furniture)
    as a count and its lead."""

    numbers: list[int]
    words: list[str]
    quoted: frozenset[tuple[int, int]]
    body: int
    lead: tuple[int, int] | None


def _read_sides(article: ReuseArticle, settings: ReuseSettings) -> _Sides:
    quotes = find_quotes(article.text)
    numbers, words, quoted, body = [], [], set(), []
    for i, span in enumerate(article.sentences):
        sentence = article.text[span[0] : span[1]]
        if boilerplate(sentence) is not None:
            continue
        body.append(span)
        if len(sentence.split()) < settings.min_words:
            continue
        numbers.append(i)
        words.append(" ".join(re.findall(r"[^\W_]+", sentence.lower())))
        if quoted_share(span, quotes) >= settings.quoted:
            quoted.add(span)
    return _Sides(numbers, words, frozenset(quoted), len(body), body[0] if body else None)


# for one-off calls; :class:`ReuseDetector` keeps each article's own (an earlier article may be
# a candidate long after it left a bounded cache)
_sides = functools.lru_cache(maxsize=4096)(_read_sides)


def align(
    a: ReuseArticle,
    b: ReuseArticle,
    settings: ReuseSettings | None = None,
    sides: tuple[_Sides, _Sides] | None = None,
) -> list[AlignedSentences]:
    """The sentences of ``b`` that repeat sentences of ``a``, one to one, best first:
    verbatim by ratio, else rewritten by cosine (or by ratio alone without embeddings).
    ``sides``: what alignment reads of each, when the caller keeps it."""
    settings = settings or ReuseSettings()
    sa, sb = sides or (_sides(a, settings), _sides(b, settings))
    if not sa.numbers or not sb.numbers:
        return []
    ratio = cdist(sa.words, sb.words, scorer=fuzz.ratio, dtype=np.float32)
    cosine = None
    if a.vectors is not None and b.vectors is not None:
        cosine = a.vectors[sa.numbers] @ b.vectors[sb.numbers].T
    matched = _matches(ratio, cosine, settings)
    out = []
    for i, j in matched:
        kind = "verbatim" if ratio[i, j] >= settings.verbatim else "rewritten"
        out.append(
            AlignedSentences(
                a=a.sentences[sa.numbers[i]],
                b=b.sentences[sb.numbers[j]],
                kind=kind,
                ratio=float(ratio[i, j]),
                cosine=None if cosine is None else float(cosine[i, j]),
            )
        )
    return sorted(out, key=lambda s: s.b)


def _matches(
    ratio: np.ndarray, cosine: np.ndarray | None, settings: ReuseSettings
) -> list[tuple[int, int]]:
    """Pairs of sentence numbers, greedily one to one, verbatim pairs first by ratio, then
    rewritten ones by cosine (or by ratio)."""
    verbatim = ratio >= settings.verbatim
    if cosine is None:
        rewritten = ratio >= settings.lexical
        score = ratio / 100.0
    else:
        rewritten = (cosine >= settings.cosine) & (ratio >= settings.floor)
        score = cosine
    score = np.where(verbatim, 2.0 + ratio / 100.0, np.where(rewritten, score, -1.0))
    pairs, used_a, used_b = [], set(), set()
    for flat in np.argsort(-score, axis=None):
        i, j = np.unravel_index(flat, score.shape)
        if score[i, j] < 0:
            break
        if i not in used_a and j not in used_b:
            pairs.append((int(i), int(j)))
            used_a.add(i)
            used_b.add(j)
    return pairs


def direction(a: ReuseArticle, b: ReuseArticle, *, same_agency: bool = False) -> Direction:
    """Who took from whom: the later article from the earlier by publication day; on the
    same day, or without dates, ``common_source`` unless one text names the other's outlet
    (a credit: "From pv magazine Australia", "according to Reuters")."""
    day_a, day_b = (a.published or "")[:10], (b.published or "")[:10]
    if day_a and day_b and day_a != day_b:
        return "b_from_a" if day_a < day_b else "a_from_b"
    if same_agency:
        return "common_source"
    if _names(b.text, a.outlet) and not _names(a.text, b.outlet):
        return "b_from_a"
    if _names(a.text, b.outlet) and not _names(b.text, a.outlet):
        return "a_from_b"
    return "common_source"


_CREDIT = re.compile(
    r"\b(?:from|according to|reported by|via|courtesy of|(?:first|originally) published "
    r"(?:by|in|on))\s+((?:[\w.&'’-]+\s*){1,5})",
    re.I,
)


def _names(text: str, outlet: str | None) -> bool:
    """Whether ``text`` names ``outlet``: its name as a whole phrase, or a credit phrase
    ("From pv magazine Australia", "according to the Harbor Ledger") whose first one to five
    words are one of the outlet's spellings (:func:`.outlets.outlet_key`)."""
    if not outlet or len(outlet) < 3:
        return False
    if re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", text, re.I):
        return True
    key = outlet_key(outlet)
    for match in _CREDIT.finditer(text):
        words = match.group(1).split()
        if any(outlet_key(" ".join(words[:n])) == key for n in range(1, len(words) + 1)):
            return True
    return False


def compare(
    a: ReuseArticle,
    b: ReuseArticle,
    settings: ReuseSettings | None = None,
    credits: tuple[Sequence[WireCredit], Sequence[WireCredit]] | None = None,
    sides: tuple[_Sides, _Sides] | None = None,
) -> ReusePair:
    """The verdict on two articles (module docstring, step 3); ``credits`` are their wire
    credits and ``sides`` what alignment reads of them, when the caller has them."""
    settings = settings or ReuseSettings()
    sides = sides or (_sides(a, settings), _sides(b, settings))
    aligned = align(a, b, settings, sides)
    if not _reused(sides, aligned, settings):
        return ReusePair(a.id, b.id, "independent", None)
    credits = credits or (wire_credits(a.id, a.text), wire_credits(b.id, b.text))
    wire = _wire(a, b, credits)
    # an agency's later story recycling its earlier one follows the dates; other wire copy
    # is the agency's text run by both
    own_copies = wire is not None and agency(a.outlet or "") == agency(b.outlet or "") == wire
    way = direction(a, b) if wire is None or own_copies else "common_source"
    return ReusePair(
        a.id,
        b.id,
        "wire" if wire else "reuse",
        way,
        tuple(aligned),
        share_a=_share(a, [s.a for s in aligned]),
        share_b=_share(b, [s.b for s in aligned]),
        wire=wire,
    )


def _reused(
    sides: tuple[_Sides, _Sides], aligned: list[AlignedSentences], settings: ReuseSettings
) -> bool:
    """At least ``min_own`` aligned sentences in the narrator's own voice, or the aligned
    lead of a text of at most ``short`` sentences."""
    sa, sb = sides
    own = [s for s in aligned if s.a not in sa.quoted and s.b not in sb.quoted]
    if len(own) >= settings.min_own:
        return True
    for sides, side in ((sa, 0), (sb, 1)):
        short = 0 < sides.body <= settings.short
        if short and any((s.a, s.b)[side] == sides.lead for s in own):
            return True
    return False


def _wire(
    a: ReuseArticle, b: ReuseArticle, credits: tuple[Sequence[WireCredit], Sequence[WireCredit]]
) -> str | None:
    """The agency whose copy a reuse pair is: credited in either text, or the outlet of one."""
    for article, found in ((a, credits[0]), (b, credits[1])):
        if found:
            return found[0].wire
        if article.outlet and agency(article.outlet):
            return agency(article.outlet)
    return None


def _share(article: ReuseArticle, spans: list[tuple[int, int]]) -> float:
    """The share of the article's sentences that overlap ``spans``."""
    if not article.sentences:
        return 0.0
    inside = sum(any(s < e2 and s2 < e for s2, e2 in spans) for s, e in article.sentences)
    return inside / len(article.sentences)


class ReuseDetector:
    """Reuse among articles added one at a time: each is compared with the earlier ones the
    index offers as candidates. ``embed`` embeds the sentences of an article that comes
    without vectors (None: such articles are aligned by words only)."""

    def __init__(
        self,
        settings: ReuseSettings | None = None,
        index: IndexSettings | None = None,
        embed: Embed | None = None,
    ) -> None:
        self.settings = settings or ReuseSettings()
        self.index = ReuseIndex(index)
        self.embed = embed
        self.articles: dict[str, ReuseArticle] = {}
        self.credits: dict[str, list[WireCredit]] = {}
        self._sides: dict[str, tuple[ReuseArticle, _Sides]] = {}

    def add(self, article: ReuseArticle) -> list[ReusePair]:
        """The verdict on the article (as ``b``) and each earlier candidate (as ``a``),
        independent ones included (a caller keeps what it needs)."""
        if article.vectors is None and self.embed is not None:
            texts = [article.sentence(i) for i in range(len(article.sentences))]
            article = replace(article, vectors=self.embed(texts))
        self.credits[article.id] = wire_credits(article.id, article.text)
        pairs = [
            compare(
                self.articles[other],
                article,
                self.settings,
                (self.credits[other], self.credits[article.id]),
                (self._sides_of(self.articles[other]), self._sides_of(article)),
            )
            for other, _hits in self.index.candidates(article)
        ]
        self.index.add(article)
        self.articles[article.id] = article
        return pairs

    def _sides_of(self, article: ReuseArticle) -> _Sides:
        """What alignment reads of an article, read the first time it is compared and kept."""
        found = self._sides.get(article.id)
        if found is None or found[0] is not article:
            found = self._sides[article.id] = (article, _read_sides(article, self.settings))
        return found[1]
