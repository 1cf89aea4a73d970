"""Step 2 of the cascade: the spans a cue candidate would produce (character offsets)."""

from __future__ import annotations

from spacy.tokens import Token

from ..quotes import Quote
from ..words import (
    CUE_ADVERBS,
    CUE_PREPOSITIONS,
    MADE_TO_SAY,
    PHRASE_PREPOSITIONS,
    QUANTIFIERS,
    RAISING_VERBS,
)
from .candidate import Candidate
from .clauses import passive_agent
from .content import drawn_reaction, seeming_view, verb_content
from .phrases import (
    according_to,
    before_aside,
    colon_speaker_start,
    is_source_phrase,
    noun_content,
    noun_source,
    poll_content,
    poll_phrase,
)
from .spans import char_spans, cue_range, source_range, subtree_ranges, token_ranges
from .speakers import (
    asked,
    counted_subject,
    cue_subject,
    inverted_speaker,
    nearby_speaker,
    outside_quotes,
    stray_subject,
)


def build_candidate(
    token: Token, light_objects: frozenset[str] = frozenset(), quotes: list[Quote] | None = None
) -> Candidate:
    """The spans ``token`` would produce if it were a cue (character offsets)."""
    doc = token.doc
    lower = token.lower_
    source_head: Token | None
    reaction = poll = None
    if lower in CUE_PREPOSITIONS or (lower in PHRASE_PREPOSITIONS and is_source_phrase(token)):
        source_head, content, cue = according_to(token)
    elif (poll := poll_phrase(token)) is not None:
        source_head, content, cue = poll, poll_content(token), (token.i, token.i + 1)
    elif lower in CUE_ADVERBS:
        source_head, cue = None, (token.i, token.i + 1)
        clause = token.head
        content = subtree_ranges(clause, {token.i})
    elif lower == ":":
        start = colon_speaker_start(token)
        end = token.i + 1
        while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
        source_head = doc[start] if start is not None else None  # no label: no source
        cue = (token.i, token.i + 1)
        content = [(token.i + 1, end)]
    elif token.pos_ in ("NOUN", "PROPN"):
        source_head = noun_source(token)
        content = noun_content(token)
        cue = (token.i, token.i + 1)
    else:
        source_head = passive_agent(token) or cue_subject(token)
        if (
            source_head is not None
            and source_head.dep_ == "nsubjpass"
            and (source_head.head.i == token.i or token.tag_ == "VBN")
            and not any(c.dep_ == "xcomp" and c.lemma_ in MADE_TO_SAY for c in token.children)
        ):
            # "Hask was told that X"; but "Hask was forced out and said X", "Hask was prompted
            # to say X"
            source_head = None
        if source_head is None and token.i > 0:
            left = doc[token.i - 1]
            if left.head.i == token.i and left.lower_ in QUANTIFIERS:
                source_head = left  # "That attitude, many argue, could ...": "many" an adjective
            else:
                source_head = counted_subject(token)
        if source_head is not None and source_head.head.i != token.i and asked(token):
            source_head = None  # "Asked about it, Rubio said": Rubio was asked; nobody named asks
        if token.lemma_ in RAISING_VERBS or (
            source_head is not None and source_head.lower_ == "it" and token.lemma_ == "be"
        ):
            source_head = None  # "it seems", "it is unclear whether": nobody is the source
        elif (
            quotes is not None
            and source_head is not None
            and not outside_quotes(source_head, quotes)
            and outside_quotes(token, quotes)
        ):
            source_head = nearby_speaker(token, quotes)
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
    if source_head is not None:
        source_ranges = (
            [(source_head.i, token.i)]
            if lower == ":"
            else source_range(source_head, token, asides=reaction is None)
        )
        cue_tokens = set(range(*cue))
        source_ranges = [(s, e) for s, e in source_ranges if not cue_tokens & set(range(s, e))]
        if poll is not None:
            source_ranges = before_aside(poll, source_ranges)
    else:
        source_ranges = []
    source_chars = char_spans(doc, source_ranges)
    cue_chars = char_spans(doc, [cue]) or [(token.idx, token.idx + len(token))]
    return Candidate(
        token=token,
        cue=cue_chars[0],
        source=source_chars[0] if source_chars else None,
        source_head=source_head,
        content=char_spans(doc, content),
    )
