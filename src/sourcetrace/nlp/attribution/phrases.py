"""Cues that are not verbs: "according to" / "per", a sentence-opening "In a poll, ..." / "To
X, ...", a mid-sentence "in the latest poll", a transcript label's colon, and nouns."""

from __future__ import annotations

from spacy.tokens import Token

from ..quotes import Quote
from ..words import (
    CUE_ADVERBS,
    CUE_PREPOSITIONS,
    DASH_CHARS,
    LABEL_DASHES,
    LABEL_JOINERS,
    NOUN_TOPIC_PREPOSITIONS,
    PHRASE_PREPOSITIONS,
    POLL_DETAILS,
    POLL_HEADS,
    POLL_NOUNS,
    SOURCE_DOCUMENTS,
)
from .candidate import Spans
from .spans import counted_apposition, source_phrase, subtree_ranges, token_ranges


def is_candidate(token: Token) -> bool:
    lower = token.lower_
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
        return True
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound",):
        return token.pos_ == "NOUN"
    if lower in CUE_PREPOSITIONS and token.i + 1 < len(token.doc):
        return lower == "per" or token.doc[token.i + 1].lower_ == "to"
    if lower in CUE_ADVERBS:
        return True
    if is_source_phrase(token) or poll_phrase(token) is not None:
        return True
    return lower == ":" and colon_speaker_start(token) is not None


def is_source_phrase(token: Token) -> bool:
    """A preposition that opens a sentence with a source: "In a CNN poll released Monday, ...",
    "To Sexton, ...", "For the campaign, ..."."""
    if token.lower_ not in PHRASE_PREPOSITIONS or token.dep_ != "prep":
        return False
    if token.i != token.sent.start and token.doc[token.i - 1].lower_ not in ("but", "and", "yet"):
        return False
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None or token.right_edge.i + 1 >= len(token.doc):
        return False
    if token.doc[token.right_edge.i + 1].text != ",":
        return False
    if token.lower_ == "in":
        return obj.lemma_.lower() in SOURCE_DOCUMENTS
    return obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ in ("PERSON", "ORG", "NORP")


def poll_phrase(token: Token) -> Token | None:
    """The poll of "in <a poll>" inside a sentence ("Clinton leads in the latest CNN poll",
    "she trails in the RealClearPolitics average of New Hampshire polls by 9 points"), or the
    speaker of "in X's words" / "in the words of X": a source whose finding is the clause the
    phrase hangs on. (Sentence-opening phrases are ``is_source_phrase``.)"""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in POLL_HEADS:
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    lemma = obj.lemma_.lower()
    if lemma in POLL_NOUNS or obj.lower_ in ("polls", "surveys"):
        return obj
    if lemma == "average" and any(t.lemma_.lower() in POLL_NOUNS for t in obj.subtree):
        return obj
    if lemma == "word":
        for child in obj.children:
            if child.dep_ == "poss":
                return obj  # "in Forbes' words"
            speaker = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.lower_ == "of" and speaker is not None:
                return speaker  # "in the words of one aide"
    return None


def poll_content(token: Token) -> list[tuple[int, int]]:
    """The clause a mid-sentence "in <a poll>" hangs on, without the phrase: the nearest
    verb above it ("Trump has a decisive lead in the polls" -> "Trump has a decisive lead")."""
    clause = token.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    phrase = {t.i for t in token.subtree}
    return subtree_ranges(clause, phrase)


def before_aside(head: Token, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A poll's source span up to an apposition set off by a comma, which comments on the
    finding rather than names the poll ("in the latest poll, a collapse driven by ..."), or up
    to a phrase the parser hung on the poll that belongs to the finding ("leads in the
    latest poll ahead of the primary")."""
    doc = head.doc
    cuts = [
        c.left_edge.i - (doc[c.left_edge.i - 1].text == ",")
        for c in head.rights
        if (c.dep_ == "appos" and doc[c.left_edge.i - 1].text == ",")
        or (c.dep_ in ("prep", "advmod") and c.lower_ not in POLL_DETAILS)
    ]
    if not cuts:
        return ranges
    return [(s, min(e, cuts[0])) for s, e in ranges if s < cuts[0]]


def colon_speaker_start(token: Token) -> int | None:
    """Where the speaker's label before a colon begins, when the colon ends a label that opens
    its line (or follows a dash there) and text follows on the same line: ``SMITH: text``,
    ``Q: text``, a headline's ``Former AG Mukasey at RNC: X``, a digest's ``Heading - Philip
    Bump: “X”`` or ``More from the report: “X”``. None for any other colon."""
    doc = token.doc
    if token.i + 1 >= len(doc) or "\n" in token.text_with_ws:
        return None
    start = token.i
    while start > 0:
        previous = doc[start - 1]
        if "\n" in previous.text_with_ws:
            break
        if previous.text in (".", "!", "?"):
            break  # "... created equal. From the report: “X”"
        spaced = start > 1 and bool(doc[start - 2].whitespace_)
        if previous.text in LABEL_DASHES and spaced:
            break  # "Heading - Philip Bump:" (not "Fact-Check:")
        if token.i - start >= 8:
            return None  # a sentence's colon, not a label's
        start -= 1
        if previous.text[0] in DASH_CHARS and previous.text[1:2].isalpha() and spaced:
            break  # "Heading -More from Jones:", the dash glued to the label
    words = [t for t in doc[start : token.i] if not t.is_space]
    lowers = [t.lower_.lstrip(DASH_CHARS) for t in words]
    if lowers[:1] == ["from"] or lowers[:2] == ["more", "from"]:
        skip = lowers.index("from") + 1  # "More from Jones:", "From the report:"
        return words[skip].i if 0 < len(words) - skip <= 5 else None
    if not 0 < len(words) <= 8 or not words[0].text.lstrip(DASH_CHARS)[:1].isupper():
        return None
    for word in words[1:]:
        if word.is_quote or word.text in ".'’-()&,":
            continue
        if not (word.text[:1].isupper() or word.lower_ in LABEL_JOINERS):
            return None  # "The options are these:", "In the morning:"
    return start


def noun_content(token: Token) -> list[tuple[int, int]]:
    clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > token.i]
    if clauses:
        return token_ranges({t.i for c in clauses for t in c.subtree})
    preps = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in NOUN_TOPIC_PREPOSITIONS]
    if preps:
        return token_ranges({t.i for c in preps for t in c.subtree if t.i != c.i})
    return []


def _mistagged_verb_subject(token: Token) -> Token | None:
    """The subject of a verb the tagger took for a noun ("Satellite images *show* that ..."):
    a noun cue with a subject and a clause."""
    if not any(c.dep_ == "ccomp" for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.right_edge.i + 1 != token.i:
        return None  # only a whole subject right before the verb
    return subject


def noun_source(token: Token) -> Token | None:
    subject = _mistagged_verb_subject(token)
    if subject is not None:
        return subject
    for child in token.children:
        if child.dep_ == "poss":
            return child
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    if compounds:
        return compounds[0]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def according_to(token: Token) -> tuple[Token | None, list[tuple[int, int]], tuple[int, int]]:
    """(source head, content ranges, cue range) for "according to X" / "per X"."""
    doc = token.doc
    if token.lower_ != "according":
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
        cue = (token.i, token.i + 1)
    else:
        to = doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
        cue = (token.i, token.i + 2)
    pp = {t.i for t in token.subtree} | set(range(*cue))
    if source is not None:
        pp |= {t.i for t in source.subtree}
        for child in source.children:
            if counted_apposition(child):
                pp -= {t.i for t in source.subtree if t.i >= child.left_edge.i}
    start, end = token.sent.start, token.sent.end
    for clause in token.ancestors:
        if (
            clause.dep_ == "ccomp"
            and clause.head.pos_ == "VERB"
            and 0 < token.i - clause.left_edge.i <= 2
            and max(pp) < clause.right_edge.i
            and any(c.dep_ == "nsubj" and c.lower_ != "it" for c in clause.head.children)
        ):
            # "The Courier reported that, according to two officials, X": the officials'
            # words are the reported clause, not the report ("It is recalled that, according
            # to X, ..." and a trailing ", according to the Courier" keep the sentence)
            start, end = clause.left_edge.i, clause.right_edge.i + 1
            break
    return source, token_ranges(i for i in range(start, end) if i not in pp), cue


def preposition_cue(
    token: Token, light_objects: frozenset[str], quotes: list[Quote] | None
) -> Spans | None:
    """ "according to X" / "per X", or a sentence-opening "In a statement, ..." / "To X, ...":
    X is the source, the rest of the sentence the content.

    Example: According to two officials, the dock will close.
    Cue: According
    Gives: two officials / the dock will close
    """
    lower = token.lower_
    if lower not in CUE_PREPOSITIONS and not (
        lower in PHRASE_PREPOSITIONS and is_source_phrase(token)
    ):
        return None
    head, content, cue = according_to(token)
    return Spans(head, source_phrase(head, token, cue), content, cue)


def poll_cue(
    token: Token, light_objects: frozenset[str], quotes: list[Quote] | None
) -> Spans | None:
    """A mid-sentence "in <a poll>" or "in X's words": the poll or speaker is the source, the
    clause the phrase hangs on the content.

    Example: Marren leads in the latest Courier poll.
    Cue: in
    Gives: the latest Courier poll / Marren leads
    """
    poll = poll_phrase(token)
    if poll is None:
        return None
    cue = (token.i, token.i + 1)
    source = before_aside(poll, source_phrase(poll, token, cue))
    return Spans(poll, source, poll_content(token), cue)


def adverb_cue(
    token: Token, light_objects: frozenset[str], quotes: list[Quote] | None
) -> Spans | None:
    """ "reportedly", "allegedly": no source; the clause the adverb is in is the content.

    Example: The mayor reportedly closed the dock.
    Cue: reportedly
    Gives: nobody / The mayor | closed the dock
    """
    if token.lower_ not in CUE_ADVERBS:
        return None
    return Spans(None, [], subtree_ranges(token.head, {token.i}), (token.i, token.i + 1))


def colon_cue(
    token: Token, light_objects: frozenset[str], quotes: list[Quote] | None
) -> Spans | None:
    """The colon of a transcript line or label (:func:`colon_speaker_start`): the label is the
    source (none without one), the rest of the line the content.

    Example: SMITH: The dock will close on Monday.
    Cue: :
    Gives: SMITH / The dock will close on Monday
    """
    if token.lower_ != ":":
        return None
    doc = token.doc
    start = colon_speaker_start(token)
    end = token.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    cue = (token.i, token.i + 1)
    content = [(token.i + 1, end)]
    if start is None:
        return Spans(None, [], content, cue)
    return Spans(doc[start], [(start, token.i)], content, cue)


def noun_cue(
    token: Token, light_objects: frozenset[str], quotes: list[Quote] | None
) -> Spans | None:
    """A noun: its owner, compound or "by"/"from" phrase is the source, its clause or topic
    ("criticism *of* X") the content.

    Example: The mayor's criticism of the harbour fees grew.
    Cue: criticism
    Gives: The mayor's / the harbour fees
    """
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    head = noun_source(token)
    cue = (token.i, token.i + 1)
    return Spans(head, source_phrase(head, token, cue), noun_content(token), cue)
