"""Unnamed groups and bodies of a story: "police" in one article and "cops" or "officers" in
another are one body.

An article's unnamed descriptions (:mod:`sourcetrace.nlp.descriptions`) and the entities the
recogniser named by common words alone ("Police", "the authorities") each have a key in their
article. Across the articles of one story, those that call a group or a body by the same
word are one, as a reader takes them: the police of a story about one robbery are one force.
:func:`group_keys` gives each such article node the word it is called by:

1. a body's word ("police", "team", "gang"), or a word for people that the article uses in
   the plural only ("robbers", "rioters"): several people met as one group;
2. words for one body (:data:`SAME_BODY`: "cops", "police officers" are the police);
3. never a word for an anonymous source (:data:`SOURCE_WORDS`: "officials", "sources",
   "witnesses"): each article's officials may be other people, and merging them would
   count one source where the articles have several; never one person ("the officer", "a
   man"): that is identity of a person, by other rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sourcetrace.nlp.words import BODY_NOUNS, BODY_VOICES, PEOPLE_NOUNS, PRONOUNS
from sourcetrace.trace.names import plain, plain_words

__all__ = ["SAME_BODY", "SOURCE_WORDS", "group_keys", "group_word", "is_plural", "written_noun"]

#: Words for one body, by the word of it that stands for them all (general knowledge: cops
#: are police officers, jurors a jury); a people word counts in the plural only.
SAME_BODY = {
    "cop": "police", "officer": "police", "policeman": "police", "trooper": "police",
    "juror": "jury",
}  # fmt: skip
#: Words for people who speak anonymously: never one group across articles.
SOURCE_WORDS = frozenset(BODY_VOICES | {"source", "witness", "insider", "aide", "observer"})
#: The forms of a pronoun a description may be tied to ("they", "who"): not its noun.
_NOT_NOUNS = frozenset(PRONOUNS | {"them", "their", "themselves", "whom", "whose", "which"})

#: A possessive's ending ("the officer's", "the officers'"): no plural.
_POSSESSIVE = re.compile(r"['’]s?$")


def group_word(lemma: str, plural: bool) -> str | None:
    """The word a group or body is called by across a story, for a noun's ``lemma``: a
    body's word, or a word for people in the ``plural``, through :data:`SAME_BODY`; None for
    one person and for anonymous sources."""
    people = plural and (lemma in PEOPLE_NOUNS or lemma in SAME_BODY)
    if lemma in SOURCE_WORDS or not (lemma in BODY_NOUNS or people):
        return None
    return SAME_BODY.get(lemma, lemma)


def _lemma(word: str) -> str:
    """A plain word's noun lemma among the words for people and bodies ("authorities" ->
    "authority", "cops" -> "cop", "policemen" -> "policeman"); else the word."""
    nouns = PEOPLE_NOUNS | BODY_NOUNS | SAME_BODY.keys()
    for ending, replacement in (("ies", "y"), ("men", "man"), ("s", "")):
        stem = word[: -len(ending)] + replacement
        if word.endswith(ending) and stem in nouns:
            return stem
    return word


def written_noun(text: str, description: Mapping[str, Any]) -> str:
    """A description's noun as its article writes it, in plain lower case, without a
    possessive's ending ("the officers'" -> "officers")."""
    return plain(_POSSESSIVE.sub("", text[description["start"] : description["end"]]))


def is_plural(text: str, description: Mapping[str, Any]) -> bool:
    """Whether a description's noun is written in the plural ("prosecutors", "policemen",
    "people"): another form than its lemma, and no pronoun tied to it ("they")."""
    word = written_noun(text, description)
    return word != description["lemma"] and word not in _NOT_NOUNS


def _described_plurals(analysis: Mapping[str, Any]) -> dict[str, bool]:
    """For each unnamed description key of an article, whether every noun of it is in the
    plural ("the robbers", not "a robber" ... "robbers")."""
    text = analysis.get("text") or ""
    plural: dict[str, bool] = {}
    for description in analysis.get("descriptions", []):
        if description.get("entity") is None and written_noun(text, description) not in _NOT_NOUNS:
            several = is_plural(text, description)
            plural[description["key"]] = plural.get(description["key"], True) and several
    return plural


def group_keys(analysis: Mapping[str, Any], numbers: Mapping[str, int]) -> dict[int, str]:
    """The group word (:func:`group_word`) of each node of an article that calls a group or
    body by common words: its unnamed descriptions (numbered by ``numbers``, their keys in
    :func:`.identity.unnamed_descriptions`; a second referent "police#2" is none) and its
    entities named by one such word ("Police", "the cops")."""
    out: dict[int, str] = {}
    for key, plural in _described_plurals(analysis).items():
        word = group_word(key, plural) if "#" not in key else None
        if word is not None:
            out[numbers[key]] = word
    for entity in analysis.get("entities", []):
        words = plain_words(entity["name"])
        if len(words) == 1 and entity.get("kind") != "person":
            lemma = _lemma(words[0])
            word = group_word(lemma, lemma != words[0])
            if word is not None:
                out[entity["id"]] = word
    return out
