"""Datelines: the place (and the news agency it credits) that opens an article, then a dash:
"MOSCOW (Reuters) - ...", "MYRTLE BEACH, S.C. - ...".

Two questions are asked of one: where the article's own dateline ends (:func:`dateline`, on the
text, before anything is attributed), and whether the words a parser took for a subject are one
(:func:`is_dateline`, :func:`after_dateline`, on tokens). All read the same dashes."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .words import DASHES

__all__ = ["after_dateline", "dateline", "is_dateline"]

#: A dash of ``DASHES``, the longest first ("--" before "-").
_DASH = "|".join(re.escape(d) for d in sorted(DASHES, key=len, reverse=True))
_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ ,]+[\w.'’-]+){0,4})\s+)?"  # "WASHINGTON, March 3"
    r"(?:\((?P<wire>[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,3})\)\s*)?"  # "(Reuters)"
    rf"(?:{_DASH})\s+"
)


def dateline(text: str) -> tuple[int, str | None]:
    """Where the text's dateline ends (0 when it has none) and the news agency it credits:
    "MOSCOW (Reuters) - ...", "WASHINGTON, March 3 (AP) — ...", "(AFP) - ..." (the article is
    that agency's copy), "KYIV, Ukraine — ..." (no agency)."""
    match = _DATELINE.match(text[:160])
    if match is None or not (match.group("wire") or match.group("place")):
        return 0, None
    return match.end(), match.group("wire")


def is_dateline(token: Token) -> bool:
    """Whether ``token`` is a dateline the parser took for a subject ("MYRTLE BEACH, S.C. -
    Sen. Ted Cruz continued ...", "LONDON (Reuters) - Donald Trump said ..."): capitals opening
    the sentence, then a dash."""
    doc = token.doc
    first = token.left_edge.i
    if first != token.sent.start:
        return False
    for t in doc[first : min(token.right_edge.i + 6, len(doc))]:
        if t.text in DASHES and t.i > token.i:
            # the subject after the dash may hang on the dateline: then it is the subject
            # (the dateline is left out of the source span)
            return token.right_edge.i <= t.i and _dateline_words(doc[first : t.i])
        if t.is_alpha and not t.text[0].isupper():
            return False
    return False


def _dateline_words(tokens) -> bool:
    """A place in capitals, then perhaps its region or country or the date after a comma
    ("CORVANE", "MYRTLE BEACH, S.C.", "PORT SEREN, Ostmark", "WASHINGTON, Aug. 24"), then
    perhaps the news agency in brackets; with an agency the place may be in title case
    ("Washington (AFP)")."""
    tokens = list(tokens)
    credit = False
    if tokens and tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
        opening = max(i for i, t in enumerate(tokens) if t.text == "(")
        agency = [t for t in tokens[opening + 1 : -1] if not t.is_punct]
        if not agency or not all(t.text[0].isupper() for t in agency):
            return False
        tokens, credit = tokens[:opening], True
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words[0]) < 2 or not (words[0].is_upper or credit):
        return False
    comma = next((t.i for t in tokens if t.text == ","), None)
    for word in words:
        if comma is not None and word.i > comma:
            if not (word.text[0].isupper() or word.like_num):
                return False
        elif not (word.is_upper or (credit and word.text[0].isupper())):
            return False
    return True


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """Where the phrase ``doc[start:end]`` starts once a dateline or a line before it is left
    out ("Washington (AFP) – Donald Trump", "WASHINGTON - Ilse Marren"): after the last dash or
    line break in it, a spaced hyphen only after a dateline's capitals."""
    for i in range(end - 2, start - 1, -1):
        dash = (doc[i].text in DASHES and doc[i].text != "-") or "\n" in doc[i].text_with_ws
        spaced = i > start and doc[i].whitespace_ and doc[i - 1].whitespace_
        if not dash and spaced and doc[i].text == "-":
            dash = _dateline_words(doc[start:i])  # a spaced hyphen after capitals
        if dash:
            return i + 1
    return start
