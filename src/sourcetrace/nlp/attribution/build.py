"""Step 2 of the cascade: the spans a cue candidate would produce (character offsets)."""

from __future__ import annotations

from spacy.tokens import Token

from ..quotes import Quote
from ..words import MADE_TO_SAY, QUANTIFIERS, RAISING_VERBS
from .candidate import Candidate, Spans, first_answer
from .clauses import passive_agent
from .content import drawn_reaction, seeming_view
from .order import CUE_RULES, cue_subject, verb_content
from .spans import char_spans, cue_range, source_phrase, subtree_ranges, token_ranges
from .speakers import (
    asked,
    counted_subject,
    inverted_speaker,
    nearby_speaker,
    outside_quotes,
    stray_subject,
)


def build_candidate(
    token: Token, light_objects: frozenset[str] = frozenset(), quotes: list[Quote] | None = None
) -> Candidate:
    """The spans ``token`` would produce if it were a cue (character offsets): those of the
    first of ``CUE_RULES`` that takes it, else those of a verb cue."""
    doc = token.doc
    spans = first_answer(CUE_RULES, token, light_objects, quotes)
    if spans is None:
        spans = verb_spans(token, light_objects, quotes)
    source_chars = char_spans(doc, spans.source)
    cue_chars = char_spans(doc, [spans.cue]) or [(token.idx, token.idx + len(token))]
    return Candidate(
        token=token,
        cue=cue_chars[0],
        source=source_chars[0] if source_chars else None,
        source_head=spans.source_head,
        content=char_spans(doc, spans.content),
    )


def verb_spans(token: Token, light_objects: frozenset[str], quotes: list[Quote] | None) -> Spans:
    """A verb cue: its source (:func:`verb_source`) and content (``CONTENT_RULES``), then the
    constructions that take both over: a view that seems ("Cruz seemed to blame X"), a speaker
    parsed as the object ('"Meh," wrote a supporter'), a reaction ("X has drawn criticism
    from Y") and a subject hung on the clause before."""
    source_head = verb_source(token, quotes)
    content, cue_end = verb_content(token, light_objects)
    seeming = seeming_view(token)
    if seeming is not None:
        holder, view = seeming
        viewed, view_end = verb_content(view, light_objects)
        if viewed and viewed[0][0] > view.i:
            # "Cruz seemed to blame X": Cruz blames X, as far as one can tell; the cue is
            # "seemed to blame" (what merely seems has no source: "The board seemed lost")
            source_head, content, cue_end = holder, viewed, view_end
    inverted = inverted_speaker(token, quotes) if source_head is None else None
    if inverted is not None:
        # '"Meh," wrote a supporter who runs the account': the parser took the speaker
        # for the object; the quotation before is the content (step 3 takes it)
        source_head, content, cue_end = inverted, [], token.i
    reaction = drawn_reaction(token)
    if reaction is not None:
        subject, reaction_noun, source_head = reaction
        content, cue_end = subtree_ranges(subject), reaction_noun.i
    cue = cue_range(token, cue_end)
    if reaction is None and source_head is None and token.lemma_ not in RAISING_VERBS:
        stray = stray_subject(token)
        if stray is not None:
            # "... and the British ministry of defence said that X": the parser hung the
            # subject on the clause before; the content is what follows the cue.
            source_head = stray
            content = token_ranges(
                t.i
                for c in token.children
                if c.dep_ == "ccomp" and c.i > token.i
                for t in c.subtree
            )
    source = source_phrase(source_head, token, cue, asides=reaction is None)
    return Spans(source_head, source, content, cue)


def verb_source(token: Token, quotes: list[Quote] | None) -> Token | None:
    """The source of a verb cue, in steps:

    1. the passive's agent, else the subject (``SUBJECT_RULES``);
    2. not a passive subject whom something was said to ("Hask was told that X"; but "Hask
       was forced out and said X", "Hask was prompted to say X");
    3. else a quantifier or a share right before the verb ("That attitude, many argue, ...",
       "About 4 in 10 say");
    4. not whom a question was put to ("Asked about it, Rubio said": nobody named asks);
    5. nobody for "it seems", "it is unclear whether"; a speaker outside the quotation for a
       subject inside it.
    """
    doc = token.doc
    source_head = passive_agent(token) or cue_subject(token)
    if (
        source_head is not None
        and source_head.dep_ == "nsubjpass"
        and (source_head.head.i == token.i or token.tag_ == "VBN")
        and not any(c.dep_ == "xcomp" and c.lemma_ in MADE_TO_SAY for c in token.children)
    ):
        source_head = None
    if source_head is None and token.i > 0:
        left = doc[token.i - 1]
        if left.head.i == token.i and left.lower_ in QUANTIFIERS:
            source_head = left  # "many" parsed as an adjective
        else:
            source_head = counted_subject(token)
    if source_head is not None and source_head.head.i != token.i and asked(token):
        source_head = None
    if token.lemma_ in RAISING_VERBS or (
        source_head is not None and source_head.lower_ == "it" and token.lemma_ == "be"
    ):
        return None
    if (
        quotes is not None
        and source_head is not None
        and not outside_quotes(source_head, quotes)
        and outside_quotes(token, quotes)
    ):
        return nearby_speaker(token, quotes)
    return source_head
