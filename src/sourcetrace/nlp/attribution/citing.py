"""Citing: "Reuters reported, citing two people, that X", "reported that X, citing Y",
"quoted an official as saying X". The one place that tells who cites whom."""

from __future__ import annotations

from spacy.tokens import Token

from ..words import CITING_LEMMAS, SUBJECT_DEPS
from .spans import ends_sentence


def cites_for_the_cue(token: Token) -> bool:
    """Whether ``token`` is the "citing X" of "reported, citing X, that Y", which the parser
    hangs on Y's verb: a citing participle before all of Y (its "that" and its subject), not
    one inside it ("said the mayor, citing the budget, had cancelled it": the mayor cites)."""
    clause = token.head
    if not (
        token.lemma_.lower() in CITING_LEMMAS
        and token.dep_ == "advcl"
        and clause.dep_ == "ccomp"
        and token.i < clause.i
    ):
        return False
    cue = clause.head
    between = token.doc[cue.i + 1 : token.i]
    return (
        cue.i < token.i
        and all(t.is_punct for t in between)  # "reported, citing X": right after the cue
        and all(token.i < c.i for c in clause.lefts if c.dep_ in ("mark", *SUBJECT_DEPS))
    )


def trailing_citation(token: Token) -> bool:
    """Whether ``token`` is the "citing X" that closes "reported that Y, citing X", which the
    parser hangs on Y's verb: after a comma, at the very end of Y. The report cites X; X is
    not part of what it reports."""
    clause = token.head
    doc = token.doc
    return (
        token.lemma_.lower() in CITING_LEMMAS
        and token.dep_ == "advcl"
        and clause.dep_ == "ccomp"
        and clause.i < token.i
        and token.left_edge.i > 0
        and doc[token.left_edge.i - 1].text == ","
        and token.right_edge.i >= max(t.i for t in clause.subtree if not t.is_punct)
        and ends_sentence(token.right_edge)
    )


def quoted_as_saying(token: Token) -> Token | None:
    """The "saying" of "quoted / cited X as saying ...", when ``token`` is that cue."""
    if token.lemma_.lower() not in ("quote", "cite"):
        return None
    if not any(c.dep_ == "dobj" for c in token.children):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for child in prep.children:
                if child.dep_ == "pcomp" and child.pos_ == "VERB":
                    return child
    return None
