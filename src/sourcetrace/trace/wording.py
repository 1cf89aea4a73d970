"""How two versions of one claim word it: what drift reads from their words (``trace.drift``).

Plain text in, no model: each function compares two texts the way a careful reader would.

- :func:`normalise`: quotation marks, apostrophes, case, punctuation and whitespace do not
  count as a change of words.
- :func:`quote_change`: two versions' quotations are the same words, an excerpt of the same
  words (a shorter cut, or pieces split at other points), a rewording, or different
  quotations.
- :func:`shared_part`: the part of each text that the other states too (the aligned
  proposition), so that an extra sentence or clause in one version changes nothing.
- :func:`certainty`: the modality of a text, from the markers of :mod:`sourcetrace.nlp.modality`,
  with the future and what is promised or planned ("will", "agreed to") as firm as a fact.
- :func:`word_hedges`: a hedge in words that one version drops or adds: on a quantifier
  ("nearly all" → "all", "some" → "most"), a hedge of degree ("almost totally destroyed" →
  "destroyed") or an approximate time of day ("around 5:30 p.m." → "5:30 p.m.").
- :func:`verb_strength`: how strongly a reporting verb vouches for what it reports
  ("suggested" < "said" < "admitted").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from sourcetrace.stopwords import ENGLISH_STOP_WORDS

__all__ = [
    "QuoteChange",
    "certainty",
    "normalise",
    "quote_change",
    "shared_part",
    "verb_strength",
    "word_hedges",
]

QUOTE_SAME = 97  # rapidfuzz ratio, normalised, at or above which quotations are the same words
QUOTE_RELATED = 60  # below this two quotations are different quotations, not rewordings
_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")  # not the point of "1.5"
#: The future and what is promised, planned or intended: stated as firmly as a fact
#: ("will send", "has agreed to send", "is to send" and "sends" claim the same), though
#: :mod:`sourcetrace.nlp.modality` counts some of them ``probable`` for a sentence's certainty.
FUTURE = {
    words: "asserted"
    for words in (
        ("will",), ("would",), ("is", "to"), ("are", "to"), ("is", "also", "to"),
        ("are", "also", "to"), ("set", "to"), ("poised", "to"), ("plans", "to"), ("plan", "to"),
        ("planned",), ("intends", "to"), ("intend", "to"), ("intended", "to"),
        ("agreed", "to"), ("agrees", "to"), ("agree", "to"), ("pledged", "to"),
        ("pledges", "to"), ("promised", "to"), ("promises", "to"), ("vowed", "to"),
        ("vows", "to"), ("committed", "to"), ("commits", "to"),
    )
}  # fmt: skip
#: Words that hedge the quantifier after them ("nearly all", "almost every").
HEDGE_WORDS = frozenset(
    "nearly almost virtually practically roughly about around approximately largely mostly".split()
)
#: Hedges of degree, dropped or added before any word ("almost totally destroyed" →
#: "destroyed"), and words that claim the full degree, which may stand in their place.
DEGREE_HEDGES = frozenset("nearly almost virtually practically largely mostly partly".split())
BOOSTERS = frozenset("completely totally fully entirely wholly".split())
#: Approximators, a hedge before a time of day ("around 5:30 p.m."; before other numbers they
#: are the quantities' hedges).
APPROXIMATORS = frozenset("about around approximately roughly".split())
_CLOCK_AFTER = frozenset("am pm a p gmt utc bst est edt pst pdt".split())
#: Quantifiers by how much they claim: a later version moving up the scale drops a hedge.
QUANTIFIERS = {
    "few": 1, "some": 2, "several": 2, "many": 3, "most": 4,
    "all": 5, "every": 5, "each": 5, "entire": 5, "whole": 5,
}  # fmt: skip
#: Reporting verbs by how strongly they vouch for what they report: 1 leaves it open, 2 passes
#: it on, 3 vouches for it (the speaker concedes or proves it).
VERB_STRENGTH = {
    **dict.fromkeys(
        "suggest hint imply speculate claim allege contend assert insist guess theorise "
        "theorize believe think suspect".split(), 1
    ),
    **dict.fromkeys("say tell state add note report explain describe write".split(), 2),
    **dict.fromkeys(
        "confirm admit acknowledge concede reveal establish prove show disclose find "
        "determine verify".split(), 3
    ),
}  # fmt: skip
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write",
    "written": "write", "found": "find", "shown": "show", "thought": "think", "believed": "believe",
}  # fmt: skip


def normalise(text: str) -> str:
    """The words of ``text``, lower case, without quotation marks, punctuation or runs of
    whitespace: "“It’s done,” " and "\\"it's done\\"" are the same."""
    return " ".join(_WORD.findall(text.translate(_MARKS).lower()))


@dataclass(frozen=True, slots=True)
class QuoteChange:
    """How the quotations of a later version differ from the first version's."""

    kind: str  # "reworded" or "excerpted"
    before: str
    after: str


def _inside(piece: str, words: str) -> bool:
    return f" {piece} " in f" {words} "


def quote_change(before: Sequence[str], after: Sequence[str]) -> QuoteChange | None:
    """None when the two versions quote the same words (however marked or split); an excerpt
    when every piece of one lies inside the other's quoted words and it is shorter; a
    rewording when a quotation of the later version is close to, but not, one of the first's
    (best pair, :data:`QUOTE_RELATED` to :data:`QUOTE_SAME`). Different quotations are no
    change of this claim's words."""
    a = [n for n in (normalise(q) for q in before) if n]
    b = [n for n in (normalise(q) for q in after) if n]
    if not a or not b:
        return None
    joined_a, joined_b = " ".join(a), " ".join(b)
    for short, long, pieces in ((joined_b, joined_a, b), (joined_a, joined_b, a)):
        if all(_inside(p, long) for p in pieces):
            if len(short.split()) >= len(long.split()):
                return None
            return QuoteChange("excerpted", " … ".join(before), " … ".join(after))
    best = max(((fuzz.ratio(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)))
    if QUOTE_RELATED <= best[0] < QUOTE_SAME:
        return QuoteChange("reworded", before[best[1]], after[best[2]])
    return None


def _content(word: str) -> bool:
    return word not in ENGLISH_STOP_WORDS or word in QUANTIFIERS or word in HEDGE_WORDS


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The normalised words of ``text`` ("May" the month apart from the modal) and, for each,
    whether a sentence ends before it."""
    words: list[str] = []
    breaks: list[bool] = []
    for sentence in _SENTENCE_END.split(text.translate(_MARKS)):
        found = _WORD.findall(sentence)
        words.extend("may_month" if w == "May" else w.lower() for w in found)
        breaks.extend(n == 0 and bool(words[: -len(found)]) for n in range(len(found)))
    return tuple(words), tuple(breaks)


def _widen(start: int, end: int, breaks: tuple[bool, ...], reach: int) -> tuple[int, int]:
    """``start``-``end`` widened by up to ``reach`` words each way within its sentences."""
    for _ in range(reach):
        if start == 0 or breaks[start]:
            break
        start -= 1
    for _ in range(reach):
        if end >= len(breaks) or breaks[end]:
            break
        end += 1
    return start, end


def shared_part(a: str, b: str, reach: int = 3) -> tuple[list[str], list[str], float]:
    """The part of each text the other states too: its words from the first to the last run
    of words both share (a run counts when it holds a content word), widened by ``reach``
    words on each side within the sentence, so that a modal or hedge just before the shared
    words is read and an extra sentence is not; and the share of the shorter text's content
    words that lie in shared runs."""
    (wa, ba), (wb, bb) = _tokens(a), _tokens(b)
    blocks = [
        m
        for m in Indel.opcodes(wa, wb).as_matching_blocks()
        if m.size and any(_content(w) for w in wa[m.a : m.a + m.size])
    ]
    if not blocks:
        return [], [], 0.0
    shared = sum(sum(_content(w) for w in wa[m.a : m.a + m.size]) for m in blocks)
    fewest = min(sum(map(_content, wa)), sum(map(_content, wb))) or 1
    first, last = blocks[0], blocks[-1]
    sa, ea = _widen(first.a, last.a + last.size, ba, reach)
    sb, eb = _widen(first.b, last.b + last.size, bb, reach)
    return list(wa[sa:ea]), list(wb[sb:eb]), min(1.0, shared / fewest)


#: The most words a change between two versions' shared parts may hold and still be read
#: for certainty: a modal or a hedge ("may", "is expected to"), not a new phrase ("and
#: possibly a couple of children") that says something of its own.
MODAL_SPAN = 3


def modal_parts(a: Sequence[str], b: Sequence[str]) -> tuple[list[str], list[str]]:
    """Two shared parts (:func:`shared_part`) without the words of any change between them
    longer than :data:`MODAL_SPAN` words: whose certainty is read is the shared
    proposition's, not that of a phrase one version adds."""
    keep_a, keep_b = [True] * len(a), [True] * len(b)
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(list(a), list(b)):
        if tag == "equal":
            continue
        if i2 - i1 > MODAL_SPAN or j2 - j1 > MODAL_SPAN:
            keep_a[i1:i2] = [False] * (i2 - i1)
            keep_b[j1:j2] = [False] * (j2 - j1)
    return [w for w, k in zip(a, keep_a, strict=True) if k], [
        w for w, k in zip(b, keep_b, strict=True) if k
    ]


@functools.cache
def _markers() -> dict[tuple[str, ...], str]:
    from sourcetrace.nlp.modality import MARKERS

    return {**MARKERS, **FUTURE}


def certainty(words: Sequence[str]) -> str:
    """The modality level of normalised words (:mod:`sourcetrace.nlp.modality`'s levels; a
    negation is left to meaning, not read here): the marker furthest from a plain assertion."""
    from sourcetrace.nlp.modality import RANK

    markers = _markers()
    level, i = "asserted", 0
    while i < len(words):
        for length in (3, 2, 1):
            found = markers.get(tuple(words[i : i + length]))
            if found and found != "denied":
                level = found if RANK[found] > RANK[level] else level
                i += length - 1
                break
        i += 1
    return level


def word_hedges(a: Sequence[str], b: Sequence[str]) -> tuple[str, str, str] | None:
    """A hedge in words that the second of two normalised texts drops or adds where they
    otherwise agree: a hedge word before a quantifier gone or new ("nearly all" → "all"), the
    quantifier itself moved on :data:`QUANTIFIERS`' scale ("some" → "most"), a hedge of degree
    (:data:`DEGREE_HEDGES`: "almost totally destroyed" → "destroyed") or an approximate time
    of day ("around 5 30 p m" → "5 30 p m"). Returns ``("hedge_dropped" | "hedge_added", first
    text's phrase, second's)``, else None. Numbers are left to the quantities, which know their
    hedges."""
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(list(a), list(b)):
        if tag == "equal" or i2 - i1 > 3 or j2 - j1 > 3:
            continue
        gone, came = a[i1:i2], b[j1:j2]
        after = a[i2] if i2 < len(a) else ""
        qa = [QUANTIFIERS[w] for w in gone if w in QUANTIFIERS]
        qb = [QUANTIFIERS[w] for w in came if w in QUANTIFIERS]
        ha, hb = set(gone) & HEDGE_WORDS, set(came) & HEDGE_WORDS
        widen = after in QUANTIFIERS
        if qa and qb and qa != qb:
            dropped = max(qb) > max(qa)
        elif ha != hb and (after in QUANTIFIERS or qa or qb):
            dropped = bool(ha) and not hb
        elif _degree_hedge(gone, came) or _degree_hedge(came, gone):
            dropped, widen = _degree_hedge(gone, came), True
        elif _time_hedge(gone, came, a[i2:]) or _time_hedge(came, gone, b[j2:]):
            dropped, widen = _time_hedge(gone, came, a[i2:]), True
        else:
            continue
        end_a = min(i2 + 1, len(a)) if widen else i2
        end_b = min(j2 + 1, len(b)) if widen else j2
        kind = "hedge_dropped" if dropped else "hedge_added"
        return kind, " ".join(a[i1:end_a]), " ".join(b[j1:end_b])
    return None


def _degree_hedge(hedged: Sequence[str], plain: Sequence[str]) -> bool:
    """``hedged`` holds a hedge of degree and nothing else but boosters, and ``plain`` no
    hedge, only boosters or nothing ("almost totally" against "completely" or nothing)."""
    return (
        bool(set(hedged) & DEGREE_HEDGES)
        and set(hedged) <= DEGREE_HEDGES | BOOSTERS
        and set(plain) <= BOOSTERS
    )


def _time_hedge(hedged: Sequence[str], plain: Sequence[str], rest: Sequence[str]) -> bool:
    """``hedged`` is an approximator alone, ``plain`` nothing, and a time of day follows
    ("around 5 30 p m", "about 2045 gmt", "around 9pm")."""
    if len(hedged) != 1 or hedged[0] not in APPROXIMATORS or plain or not rest:
        return False
    if re.fullmatch(r"\d{1,2}(?:am|pm)", rest[0]):
        return True
    if not rest[0].isdigit() or len(rest) < 2:
        return False
    return rest[1] in _CLOCK_AFTER or bool(re.fullmatch(r"\d\d(?:am|pm)?", rest[1]))


#: How far a person's guilt is established, by the words of news reports: suspected, then
#: accused or charged, then convicted. A version that moves a person up or down this scale
#: ("charged with assault" → "convicted of assault") changes certainty.
LEGAL_STATUS = {
    "suspected": 1, "alleged": 1, "arrested": 1,
    "accused": 2, "charged": 2, "indicted": 2,
    "convicted": 3, "guilty": 3, "sentenced": 3,
}  # fmt: skip


def status_change(a: Sequence[str], b: Sequence[str]) -> str | None:
    """``"certainty_strengthened"`` or ``"certainty_weakened"`` where the second of two
    normalised texts puts one word of :data:`LEGAL_STATUS` in place of another of a
    different rank where they otherwise agree ("charged with" → "convicted of"); else None."""
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(list(a), list(b)):
        if tag != "replace" or i2 - i1 > 3 or j2 - j1 > 3:
            continue
        ranks_a = [LEGAL_STATUS[w] for w in a[i1:i2] if w in LEGAL_STATUS]
        ranks_b = [LEGAL_STATUS[w] for w in b[j1:j2] if w in LEGAL_STATUS]
        if ranks_a and ranks_b and max(ranks_a) != max(ranks_b):
            up = max(ranks_b) > max(ranks_a)
            return "certainty_strengthened" if up else "certainty_weakened"
    return None


def verb_strength(cue: str | None) -> int | None:
    """How strongly a reporting verb vouches for what it reports (:data:`VERB_STRENGTH`), from
    its first word in any inflection; None for a verb not listed."""
    if not cue or not cue.split():
        return None
    word = normalise(cue.split()[0])
    for base in _bases(word):
        if base in VERB_STRENGTH:
            return VERB_STRENGTH[base]
    return None


def _bases(word: str) -> list[str]:
    """The base forms an inflected verb may come from ("admitted" → "admitt", "admit" …)."""
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    out = [word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("es", ""),
                         ("ed", ""), ("ed", "e"), ("s", ""), ("d", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "admitted" → "admitt" → "admit"
    return out
