"""The order of the attribution rules, declared once. Each list is tried first to last and the
first rule that answers wins (:func:`~.candidate.first_answer`); a rule that answers
``NOBODY`` ends its list with no source.

- ``CUE_RULES``: which kind of cue a token is (step 2 of the cascade); a token none of them
  takes is a verb cue (:func:`.build.verb_spans`).
- ``SUBJECT_RULES``: who a cue verb's subject is; the last, :func:`inherited_subject`, climbs
  the clauses the cue hangs on and asks ``SUBJECT_AT_EACH_CLAUSE`` at each.
- ``CONTENT_RULES``: what a cue verb's content is; the last rules always answer.
"""

from __future__ import annotations

from spacy.tokens import Token

from .candidate import NOBODY, Content, Nobody, first_answer
from .citing import reported_under_citing, reporting_verb, said_as_quoted, what_is_cited
from .content import (
    clause_after_for,
    clause_an_as_report_hangs_on,
    clause_of_a_setting,
    clause_of_an_inserted_cue,
    content_after_colon,
    object_after_light_object,
    object_of_topic,
    one_word_answer,
    passive_subject,
    phrase_after_cue,
    reported_before_closing_cue,
    reported_clause,
    seeming_subject,
    told_content,
)
from .phrases import adverb_cue, colon_cue, noun_cue, poll_cue, preposition_cue
from .speakers import (
    agent_of_passive,
    clause_above,
    document_of_an_impersonal_passive,
    last_of_two_subjects,
    name_taken_for_adverb,
    name_taken_for_compound,
    nearer_of_two_joined_subjects,
    nobody_in_relative_clause,
    noun_a_participle_describes,
    object_controls_infinitive,
    own_subject,
    speaker_after_inserted_cue,
    speaker_between_quote_and_cue,
    subject_of_main_verb,
)

__all__ = [
    "CONTENT_RULES",
    "CUE_RULES",
    "SUBJECT_AT_EACH_CLAUSE",
    "SUBJECT_RULES",
    "cue_subject",
    "inherited_subject",
    "verb_content",
]

CUE_RULES = (preposition_cue, poll_cue, adverb_cue, colon_cue, noun_cue)

SUBJECT_AT_EACH_CLAUSE = (
    own_subject,
    agent_of_passive,
    name_taken_for_adverb,
    name_taken_for_compound,
    object_controls_infinitive,
    noun_a_participle_describes,
    nobody_in_relative_clause,
)

#: How many clauses up :func:`inherited_subject` looks.
CLAUSES_UP = 5


def inherited_subject(token: Token) -> Token | Nobody | None:
    """The subject the cue shares with the clauses it hangs on (xcomp, conj, advcl, acl, relcl,
    a preposition's clause), or, for a citing participle, the report's (:func:`reporting_verb`).

    Example: Marren wanted to say that the dock would close.
    Cue: say
    Gives: Marren
    """
    current: Token | None = reporting_verb(token)
    for _ in range(CLAUSES_UP):
        found = first_answer(SUBJECT_AT_EACH_CLAUSE, current, token)
        if found is not None:
            return found
        current = clause_above(current)
        if current is None:
            return None
    return None


SUBJECT_RULES = (
    speaker_after_inserted_cue,
    speaker_between_quote_and_cue,
    subject_of_main_verb,
    last_of_two_subjects,
    nearer_of_two_joined_subjects,
    document_of_an_impersonal_passive,
    inherited_subject,
)

CONTENT_RULES = (
    content_after_colon,
    what_is_cited,
    reported_under_citing,
    seeming_subject,
    reported_clause,
    clause_of_an_inserted_cue,
    reported_before_closing_cue,
    clause_an_as_report_hangs_on,
    clause_after_for,
    said_as_quoted,
    passive_subject,
    one_word_answer,
    clause_of_a_setting,
    told_content,
    object_of_topic,
    object_after_light_object,
    phrase_after_cue,
)


def cue_subject(token: Token) -> Token | None:
    """The subject of a cue verb: the answer of the first of ``SUBJECT_RULES`` that answers."""
    found = first_answer(SUBJECT_RULES, token)
    return None if found is NOBODY else found


def verb_content(token: Token, light_objects: frozenset[str]) -> Content:
    """Content token ranges for a verb cue and the index of the cue's last token: the answer of
    the first of ``CONTENT_RULES`` that answers."""
    return first_answer(CONTENT_RULES, token, light_objects) or ([], token.i)
