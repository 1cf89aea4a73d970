"""What the parser made of a clause around a cue that both the source and the content rules
ask: a passive's agent, a speaker set off after the cue, what a closing cue reports, a setting."""

from __future__ import annotations

from spacy.tokens import Token

from ..words import (
    ADVERBIAL_NOUNS,
    AFTER_CUE_DEPS,
    CLAUSE_MARKS,
    OCCASIONS,
    PRESS_NOUNS,
    SUBJECT_DEPS,
)
from .spans import ends_sentence, token_ranges


def split_subjects(token: Token) -> tuple[Token, Token] | None:
    """For a cue inserted with its speaker after it ("The deal, said Marren, was never
    signed"), which the parser gives two subjects: the reported clause's subject before the
    cue, and the speaker right after it."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return None
    before = after = None
    for child in token.children:
        if child.dep_ == "nsubj":
            if child.i < token.i:
                before = child
            elif child.left_edge.i == token.i + 1:
                after = child
    if before is None or after is None:
        return None
    if ends_sentence(after.right_edge):  # "The rejection signals the end, said Wilders."
        return before, after
    if after.right_edge.i + 1 >= len(doc):
        return None
    return (before, after) if doc[after.right_edge.i + 1].text == "," else None


def stray_speaker(token: Token) -> tuple[Token, int] | None:
    """The speaker of '"We can only wonder," state Senate leader Phil Berger said', which the
    parser hangs inside the quotation's clause (as the object of "wonder") and leaves the cue
    no subject: a noun phrase filling the gap between the closing quotation mark and the cue.
    Its head, and where the gap starts (the parser may hang words of the quotation on it)."""
    if token.i < 3 or any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return None
    clauses = [c for c in token.lefts if c.dep_ == "ccomp"]
    if not clauses:
        return None
    doc = token.doc
    close = next(
        (
            t.i
            for t in reversed(doc[clauses[-1].left_edge.i : token.i])
            if t.is_quote and doc[t.i - 1].is_punct and not doc[t.i - 1].is_quote
        ),
        None,
    )
    if close is None or close + 1 >= token.i:
        return None
    gap = doc[close + 1 : token.i]
    heads = [t for t in gap if not t.is_punct and not gap.start <= t.head.i < gap.end]
    if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN"):
        return None
    head = heads[0]
    inside = {t.i for t in head.subtree}
    if any(t.i not in inside and not t.is_punct for t in gap) or head.right_edge.i >= token.i:
        return None
    return head, close + 1


def passive_agent(token: Token) -> Token | None:
    """Who does what a passive verb says ("was reported *by X*"); an active verb's "by"
    phrase is not it ("acknowledged as much in an article Monday by Patrick Healy")."""
    if token.tag_ != "VBN" and not any(c.dep_ == "auxpass" for c in token.children):
        return None
    for child in token.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def reported_before(token: Token) -> list[tuple[int, int]] | None:
    """What a cue that closes its sentence reports before it, when the parser found no verb
    to head that ("The rejection signals the end, said Geert Wilders, founder of ..."; "Those
    who take on debt struggle, he said."; "As Trump spoke, a girl was sprayed, police said.")
    and hung its pieces on the cue instead of making them its clause: the tokens from the
    sentence's start (or the start of the clause the cue hangs on) to the comma that sets off
    the cue and its speaker. The cue takes nothing after it but its speaker, settings and
    whom it was told to."""
    doc = token.doc
    if token.pos_ != "VERB" or token.dep_ not in ("ROOT", "advcl"):
        return None
    if token.dep_ == "advcl" and token.head.i > token.i:
        return None
    inverted = None
    for child in token.children:
        if child.dep_ == "nsubj" and child.i > token.i and child.left_edge.i == token.i + 1:
            inverted = child
    if inverted is not None:
        start = token.i  # ", said Geert Wilders, founder of the party."
    else:
        subjects = [c for c in token.lefts if c.dep_ == "nsubj"]
        if not subjects:
            return None
        split = subjects[-1]
        between = doc[split.right_edge.i + 1 : token.i]
        if any(t.dep_ not in ("aux", "advmod", "neg") for t in between):
            return None
        start = split.left_edge.i  # ", police said."
    if start - 1 <= token.sent.start or doc[start - 1].text != ",":
        return None
    for child in token.rights:
        if child.dep_ == "dobj" and token.lemma_ == "tell":
            if not (child.pos_ in ("PRON", "PROPN") or child.lemma_.lower() in PRESS_NOUNS):
                return None  # "told reporters", not "told a joke"
        elif child.dep_ not in AFTER_CUE_DEPS or (child.dep_ == "prep" and not is_setting(child)):
            return None  # "pointed to X", "told the story of X": X is what is reported
        if child.dep_ == "advmod" and any(child.children):
            return None  # "think back to 2008"
        if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in child.subtree):
            return None  # "said at a conference that he may wait", "yelled, 'Out!'"
    end = max([token.i, *(c.right_edge.i for c in token.rights if not c.is_punct)]) + 1
    if end >= len(doc) or doc[end].text not in (".", "!", "?"):
        return None  # the sentence goes on after the cue (a quotation, a colon)
    if any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS and c.i >= start for c in token.children):
        return None
    first = (token if token.dep_ == "ROOT" else token.head).left_edge.i
    first = max(first, token.sent.start)
    indices = [i for i in range(first, start - 1) if not doc[i].is_space]
    words = [doc[i] for i in indices if not doc[i].is_punct]
    if not words or words[0].lemma_.lower() == "ask":
        return None  # "Asked whether he would go, Priebus said no": a question put to him
    pieces = [c for c in token.lefts if first <= c.i < start - 1 and not c.is_punct]
    if all(c.dep_ in ("prep", "advmod", "npadvmod", "mark", "cc", "aux") for c in pieces):
        return None  # "Thus, in the debate last week, they referred": a setting, not a report
    return token_ranges(indices)


def is_setting(token: Token) -> bool:
    """A time or occasion ("on Monday", "in an interview") rather than what was said."""
    if token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return False
    obj = objects[0]
    lemma = obj.lemma_.lower()
    return obj.ent_type_ in ("DATE", "TIME") or lemma in OCCASIONS or lemma in ADVERBIAL_NOUNS
