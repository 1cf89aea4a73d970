"""Token ranges and character spans: subtrees as ranges, trimmed edges, the source phrase
of a head and the cue's own range."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..dateline import after_dateline
from ..words import CLOSERS, CUE_LEFT_DEPS, QUANTIFIERS, QUOTE_CHARS


def subtree_ranges(token: Token, exclude: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Token index ranges [start, end) of ``token``'s subtree minus ``exclude``."""
    indices = [t.i for t in token.subtree if t.i not in exclude]
    return token_ranges(indices)


def token_ranges(indices: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for i in sorted(indices):
        if ranges and i == ranges[-1][1]:
            ranges[-1][1] = i + 1
        else:
            ranges.append([i, i + 1])
    return [(s, e) for s, e in ranges]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation and conjunctions at the edges, keeping quotation marks."""
    while start < end and _edge_junk(doc[start], leading=True):
        start += 1
    while end > start and _edge_junk(doc[end - 1], leading=False):
        if doc[end - 1].text in CLOSERS and CLOSERS[doc[end - 1].text] in doc[start : end - 1].text:
            break  # "Sen. Lindsey Graham (R-S.C.)": the bracket closes one inside
        end -= 1
    return (start, end) if start < end else None


def _edge_junk(token: Token, *, leading: bool) -> bool:
    if token.is_space:
        return True
    if token.is_quote or token.text in QUOTE_CHARS or token.text == "%":
        return False  # "42%" keeps its sign
    if token.is_punct:
        return True
    return leading and token.dep_ in ("cc", "punct")


def char_spans(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for start, end in ranges:
        trimmed = _trim(doc, start, end)
        if trimmed:
            spans.append((doc[trimmed[0]].idx, doc[trimmed[1] - 1].idx + len(doc[trimmed[1] - 1])))
    return spans


def source_range(
    head: Token | None, cue: Token | None = None, *, asides: bool = True
) -> list[tuple[int, int]]:
    """Token ranges of the source phrase ``head`` heads. Without ``asides``, a relative
    clause set off by a comma anywhere in it is left out too ("lawmakers in Ostmark, who say
    ..."), for a source phrase that such a clause follows rather than identifies; PolNeAR keeps
    those inside a subject, so subjects keep them."""
    if head is None:
        return []
    exclude = set()
    for child in head.children:
        holds_cue = cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i
        # "an item *suggesting* that ...", "the AP, *571 of the superdelegates*": not the source
        if child.dep_ == "relcl" or holds_cue or counted_apposition(child):
            exclude |= {t.i for t in child.subtree}
    doc = head.doc
    for token in head.subtree if not asides else ():
        before = token.left_edge.i - 1
        if token.dep_ == "relcl" and before >= 0 and doc[before].text == ",":
            exclude |= {t.i for t in token.subtree}
    ranges = subtree_ranges(head, exclude)
    if not ranges:
        return []
    start, end = next(((s, e) for s, e in ranges if s <= head.i < e), ranges[0])
    for i in range(max(start, 1), head.i):
        if doc[i].is_quote and doc[i - 1].is_punct and not doc[i - 1].is_quote:
            # '"... hunky-dory," Gene Sperling said': the closing mark and the quotation's
            # words the parser gave the speaker are not the source
            start = i + 1
    name = apposed_name(head)
    if name is not None and len(ranges) == 1 and end == name.left_edge.i:
        end = name.right_edge.i + 1  # "State news agency IRNA quoted": the name too
    start = after_dateline(doc, start, end)
    return [(start, end)]


def apposed_name(head: Token) -> Token | None:
    """A name right after the describing noun ``head``, both parsed as subjects of one verb
    ("State news agency IRNA quoted ...", "Russian news agency TASS reported ...") or the name
    hung on the verb after its object ("told the state news agency TASS")."""
    objects = ("dobj", "dative")
    if head.pos_ != "NOUN" or head.dep_ not in ("nsubj", "nsubjpass", *objects):
        return None
    after = head.right_edge.i + 1
    if after >= len(head.doc):
        return None
    for sibling in head.head.children:
        if (
            sibling.i > head.i
            and (sibling.dep_ == head.dep_ or (head.dep_ in objects and sibling.dep_ == "npadvmod"))
            and sibling.pos_ == "PROPN"
            and sibling.ent_type_ not in ("DATE", "TIME")
        ):
            return sibling if sibling.left_edge.i == after else None
    return None


def source_chars(head: Token) -> tuple[int, int] | None:
    """Character offsets of the source phrase ``head`` heads, trimmed as a source span is."""
    spans = char_spans(head.doc, source_range(head, asides=False))
    return spans[0] if spans else None


def ends_sentence(token: Token) -> bool:
    """Whether only closing punctuation follows ``token`` in its sentence."""
    rest = token.doc[token.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest) and not any(t.text == "," for t in rest)


def counted_apposition(token: Token) -> bool:
    """A partitive apposition ("According to the Associated Press, 571 of the 714
    superdelegates ...", "..., most of them ..."): the parser's misreading of the clause's
    subject, not a description of the source (unlike an age: "Ki Hong, 33,")."""
    if token.dep_ != "appos" or token.left_edge.i != token.i or token.lower_ == "one":
        return False  # "Ortega, one of the stars of the play": a description
    if not (token.like_num or token.lower_ in QUANTIFIERS):
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                determined = any(c.lower_ in ("the", "these", "those") for c in obj.children)
                if obj.dep_ == "pobj" and (determined or obj.lower_ in ("them", "those")):
                    return True
    return False


def cue_range(token: Token, last: int) -> tuple[int, int]:
    start, end = token.i, last
    for child in token.lefts:
        if child.dep_ in CUE_LEFT_DEPS and child.i >= token.i - 3:
            start = min(start, child.i)
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end + 1:
            end = child.i
    return start, end + 1


def source_phrase(
    head: Token | None, cue_token: Token, cue: tuple[int, int], *, asides: bool = True
) -> list[tuple[int, int]]:
    """Token ranges of the source phrase ``head`` heads for the cue ``cue_token`` (see
    :func:`source_range`), without the ranges that overlap the cue's own."""
    if head is None:
        return []
    cue_tokens = set(range(*cue))
    ranges = source_range(head, cue_token, asides=asides)
    return [(s, e) for s, e in ranges if not cue_tokens & set(range(s, e))]
