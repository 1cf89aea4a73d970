"""Text helpers of reuse detection: sentences, their words, quotations and boilerplate.

- :func:`split_sentences`: a simple splitter for texts that come without the analysis's
  sentences (evaluation, the benchmark): after ``.``, ``!``, ``?`` or a closing quotation mark
  before a capital, and at line breaks.
- :func:`content_words`: the lower-cased words of a sentence less stop words, what MinHash
  shingles and the verbatim ratio compare.
- :func:`quoted_share`: how much of a sentence lies inside quotation marks (a sentence mostly
  quoted is someone else's words, not the outlet's own voice).
- :func:`boilerplate`: the named rule that makes a sentence outlet furniture, or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sourcetrace.nlp.quotes import Quote
from sourcetrace.stopwords import ENGLISH_STOP_WORDS

__all__ = ["BOILERPLATE", "boilerplate", "content_words", "quoted_share", "split_sentences"]

_BOUNDARY = re.compile(
    r"\n+|(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z0-9])|(?<=[”\"])\s+(?=[A-Z])"
)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")

#: Outlet furniture that two articles share without one copying the other, each rule named
#: with its example: "Reporting by Ann Lee; Editing by Bo Hart", "Our Standards: The Thomson
#: Reuters Trust Principles.", "From pv magazine Australia", and a line of three words or fewer
#: ("Related news", "Photo: Company").
BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "byline",
        re.compile(
            r"^\s*(?:\(?(?:additional )?(?:reporting|writing|editing|compiled|"
            r"graphic|translation) by\b)",
            re.I,
        ),
    ),
    ("standards", re.compile(r"^\s*our standards\b|trust principles\.?\s*$", re.I)),
    (
        "sister site",
        re.compile(r"^\s*(?:this article was )?(?:originally )?from \w+ magazine", re.I),
    ),
    ("short line", re.compile(r"^\W*(?:[^\W_]+\W*){1,3}$")),
)


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence offsets of ``text``, stripped of surrounding white space."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for start, end in spans:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip())))
    return tuple(out)


def content_words(sentence: str) -> list[str]:
    """The sentence's words, lower-cased, less stop words (numbers kept)."""
    return [w for w in (m.group().lower() for m in _WORD.finditer(sentence)) if w not in _STOP]


_STOP = ENGLISH_STOP_WORDS | {"said", "says"}


def quoted_share(span: tuple[int, int], quotes: Sequence[Quote]) -> float:
    """The share of the span's characters that lie inside ``quotes``."""
    start, end = span
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return inside / max(end - start, 1)


def boilerplate(sentence: str) -> str | None:
    """The name of the :data:`BOILERPLATE` rule the sentence matches, or None."""
    return next((name for name, rule in BOILERPLATE if rule.search(sentence)), None)
