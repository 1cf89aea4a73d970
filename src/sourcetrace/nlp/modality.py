"""Certainty of a statement: the hedges and markers in it and one level.

Levels, strongest claim first: ``asserted`` (stated as fact), ``probable`` ("likely",
"expected to", "plans to", "is to", "will"), ``possible`` ("may", "might", "could",
"possibly"), ``reported`` ("reportedly", "allegedly", "is said to", "is believed to") and
``denied`` ("denied", "rejected", "no ... has been signed", a negated main verb). When several
markers occur the level is the one furthest from a plain assertion, in the order
denied > reported > possible > probable > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

LEVELS = ("asserted", "probable", "possible", "reported", "denied")
#: Word sequences (lower case) and the level they signal.
MARKERS: dict[tuple[str, ...], str] = {
    ("highly", "likely"): "probable", ("very", "likely"): "probable", ("likely",): "probable",
    ("probably",): "probable", ("expected", "to"): "probable", ("plans", "to"): "probable",
    ("plan", "to"): "probable", ("planned",): "probable", ("intends", "to"): "probable",
    ("is", "to"): "probable", ("are", "to"): "probable", ("will",): "probable",
    ("is", "also", "to"): "probable", ("are", "also", "to"): "probable",
    ("would",): "probable", ("set", "to"): "probable", ("poised", "to"): "probable",
    ("may",): "possible", ("might",): "possible", ("could",): "possible",
    ("possibly",): "possible", ("perhaps",): "possible", ("maybe",): "possible",
    ("unlikely",): "possible", ("potentially",): "possible", ("possible",): "possible",
    ("unclear",): "possible", ("uncertain",): "possible", ("not", "clear"): "possible",
    ("not", "known"): "possible", ("unconfirmed",): "possible", ("unverified",): "possible",
    ("reportedly",): "reported", ("allegedly",): "reported", ("purportedly",): "reported",
    ("is", "said", "to"): "reported", ("are", "said", "to"): "reported",
    ("is", "believed", "to"): "reported", ("are", "believed", "to"): "reported",
    ("is", "thought", "to"): "reported", ("are", "thought", "to"): "reported",
    ("supposedly",): "reported", ("as", "if"): "reported",
    ("denied",): "denied", ("denies",): "denied", ("deny",): "denied", ("denying",): "denied",
    ("rejected",): "denied", ("dismissed",): "denied", ("refuted",): "denied",
}  # fmt: skip
RANK = {level: i for i, level in enumerate(LEVELS)}


@dataclass(slots=True)
class Modality:
    markers: list[dict]
    certainty: str
    negated: bool

    def to_dict(self) -> dict:
        return {"markers": self.markers, "certainty": self.certainty, "negated": self.negated}


def modality(span: Span) -> Modality:
    """Markers, certainty level and negation of the statement ``span``."""
    tokens = list(span)
    lowers = [t.lower_ for t in tokens]
    markers: list[dict] = []
    level = "asserted"
    i = 0
    while i < len(tokens):
        hit = None
        for length in (3, 2, 1):
            words = tuple(lowers[i : i + length])
            if len(words) == length and words in MARKERS and _is_marker(tokens[i], words):
                hit = (length, MARKERS[words])
                break
        if hit is None:
            i += 1
            continue
        length, marker_level = hit
        first, last = tokens[i], tokens[i + length - 1]
        markers.append(
            {
                "text": span.doc[first.i : last.i + 1].text,
                "start": first.idx,
                "end": last.idx + len(last),
                "level": marker_level,
            }
        )
        if RANK[marker_level] > RANK[level]:
            level = marker_level
        i += length
    marked = {i for m in markers for i in range(m["start"], m["end"])}
    negated = _negated(span, marked)
    if negated and RANK[level] < RANK["denied"]:
        level = "denied"
    return Modality(markers, level, negated)


def _is_marker(token: Token, words: tuple[str, ...]) -> bool:
    """Leave out look-alikes: "May" the month, "will" the noun, "is to blame"."""
    if words == ("may",):
        return token.text != "May" or token.tag_ == "MD"
    if words in (("will",), ("would",), ("could",), ("might",)):
        return token.tag_ == "MD"
    if words[0] in ("is", "are") and words[-1] == "to":
        after = token.i + len(words)
        nxt = token.doc[after] if after < len(token.doc) else None
        return nxt is not None and nxt.tag_ == "VB" and nxt.lower_ != "blame"
    return True


def _negated(span: Span, marked: set[int] = frozenset()) -> bool:
    """The statement's main verb is negated ("Iran has not supplied", "no contract has been
    signed"), by a "not" that is not part of a marker ("it is not clear" is uncertain, not a
    denial; ``marked`` holds the markers' character offsets)."""
    root = span.root
    if any(c.dep_ == "neg" and c.idx not in marked for c in root.children):
        return True
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children
    )
