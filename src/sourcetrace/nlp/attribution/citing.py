"""Citing, the one path for it: "Reuters reported, citing two people, that X", "reported
that X, citing two people", "quoted an official as saying X". Whom a report cites is neither
what it reports nor who reports it; the subject rules, the content rules and the analysis ask
here."""

from __future__ import annotations

from spacy.tokens import Token

from ..words import CITING_LEMMAS, SUBJECT_DEPS
from .candidate import Content
from .spans import ends_sentence, subtree_ranges, token_ranges


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
    if token.lemma_.lower() not in CITING_LEMMAS:
        return None
    if not any(c.dep_ == "dobj" for c in token.children):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for child in prep.children:
                if child.dep_ == "pcomp" and child.pos_ == "VERB":
                    return child
    return None


def is_citation(token: Token) -> bool:
    """Whether ``token`` is a "citing X" that the parser hung on the reported clause, before
    it (:func:`cites_for_the_cue`) or closing it (:func:`trailing_citation`)."""
    return cites_for_the_cue(token) or trailing_citation(token)


def reporting_verb(token: Token) -> Token:
    """The verb whose report a citation belongs to ("*reported*, citing X, that Y": Reuters
    cites X), else ``token`` itself."""
    return token.head.head if is_citation(token) else token


def what_is_cited(token: Token, light_objects: frozenset[str]) -> Content | None:
    """The cue "citing" itself, hung on the report it belongs to: what it cites, not what is
    reported.

    Example: Reuters reported, citing two officials, that the port would close.
    Cue: citing
    Gives: two officials
    """
    said = [c for c in token.children if c.dep_ == "ccomp" and c.i > token.i]
    if token.lemma_.lower() not in CITING_LEMMAS or token.dep_ != "advcl" or not said:
        return None
    cited = {t.i for c in token.rights if c not in said for t in c.subtree}
    if cited and quoted_as_saying(token) is None:
        return token_ranges(cited), token.i
    return None


def reported_under_citing(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A report whose reported clause the parser hung on the "citing" right after the cue.

    Example: Reuters reported, citing two officials, that the port would close.
    Cue: reported
    Gives: that the port would close
    """
    for child in token.rights:
        if (
            child.dep_ == "advcl"
            and child.lemma_.lower() in CITING_LEMMAS
            and all(t.is_punct for t in token.doc[token.i + 1 : child.i])
        ):
            said = [c for c in child.children if c.dep_ == "ccomp" and c.i > child.i]
            if said:
                return subtree_ranges(said[0]), token.i
    return None


def said_as_quoted(token: Token, light_objects: frozenset[str]) -> Content | None:
    """ "quoted X as saying that Y": Y, with the cue up to "saying".

    Example: The agency quoted a senior official as saying that the port would close.
    Cue: quoted
    Gives: that the port would close
    """
    saying = quoted_as_saying(token)
    if saying is None:
        return None
    said = {t.i for c in saying.children if c.dep_ == "ccomp" for t in c.subtree}
    return (token_ranges(said), saying.i) if said else None
