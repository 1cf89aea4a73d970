"""Who speaks for whom: a spokesperson or a person's office gives another's words.

A spokesperson, representative, publicist or press secretary, and a person's office, count as
one origin with the person or body whose words they give. This is no identity ("Bill
McAllister" and "Sarah Palin" are two people): it is a relation between two entities of one
article, read from the words the article introduces the speaker with, its role ("Palin
spokesman") or its own name ("her office"). Lawyers and other agents are their own origin.

The rules that find the one it speaks for (its principal), in order:

1. **An owner before the noun**: "Palin's spokesman", "Palin spokesman", "the actress's rep",
   "her office".
2. **An owner after the noun**: "a spokesman for the U.K. company", "representative of Vodafone".
3. **A body's name alone**: "Kraft Food's Susan Davison" speaks for Kraft Foods (an
   organisation or government only).

The owner's words name an entity of the article, tried in order:

a. a possessive pronoun ("her spokesman", "his office"): the entity the analysis refers it to;
b. a name: the one other entity with the longest mention the words hold ("Palin", "Tara Reid");
c. a common noun ("the actress"): the one entity the article describes by it;
d. a word for a company ("the U.K. company"): the one organisation the sentence names before it.

An office speaks for a person only (a body's office, "the D.A.'s office", is that body: see
:mod:`.identity`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sourcetrace.nlp.words import ORGANISATION_NOUNS, SPOKESPEOPLE
from sourcetrace.trace.names import person_name, plain

__all__ = ["BODY_ALONE", "OWNER_AFTER", "OWNER_BEFORE", "VOICE_NOUNS", "SpeaksFor", "speaks_for"]

#: Nouns for a person who gives another's words (not "lawyer": a lawyer is an origin).
VOICE_NOUNS = frozenset(SPOKESPEOPLE | {"representative", "rep", "publicist", "secretary"})
#: A noun for a person's office, said by an entity's own name ("her office").
OFFICE = "office"
PERSON = "person"
BODIES = frozenset({"organisation", "government", "outlet", "intelligence"})
#: Kinds of entity a spokesperson's words may stand for.
PRINCIPALS = BODIES | {PERSON}
#: Kinds of entity whose own name may be a voice ("her office", "Reid's rep", "a Palin spokesman").
NAMED_VOICES = BODIES | {"other", "description", "anonymous"}
_POSSESSIVE_PRONOUNS = {"her": PERSON, "his": PERSON, "its": "body", "their": "body"}
_AFTER = {"for", "of", "at"}
_ARTICLES = {"the", "a", "an"}
#: How far (characters) a role may be from a mention of its person to be read there.
ROLE_REACH = 120

#: The rules' names (see the module docstring), as :class:`SpeaksFor` records them.
OWNER_BEFORE, OWNER_AFTER, BODY_ALONE = "owner before", "owner after", "body alone"

_TOKEN = re.compile(r"[\w&.-]+(?:['’]s?)?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class SpeaksFor:
    """An article entity that speaks for another of the same article (ids in the analysis):
    which rule found it, and the words a reader can check ("spokesman Bill McAllister")."""

    entity: int
    principal: int
    rule: str
    words: str


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int  # in the article's text; -1 when the phrase was not found there

    @property
    def word(self) -> str:
        return plain(re.sub(r"['’]s?$", "", self.text))

    @property
    def possessive(self) -> bool:
        return bool(re.search(r"\w['’]s?$", self.text))

    @property
    def named(self) -> bool:
        """A capitalised word that is no pronoun or article ("Palin", not "Her", "The")."""
        return self.text[:1].isupper() and self.word not in _POSSESSIVE_PRONOUNS.keys() | _ARTICLES


@dataclass(frozen=True, slots=True)
class _Phrase:
    """Words introducing a speaker, with their place in the article (start -1: unknown)."""

    text: str
    start: int

    def tokens(self) -> list[_Token]:
        return [
            _Token(m[0], self.start + m.start() if self.start >= 0 else -1)
            for m in _TOKEN.finditer(self.text)
        ]


@dataclass(frozen=True, slots=True)
class _Owner:
    """The words naming whom a phrase speaks for, and what kind of words they are."""

    tokens: tuple[_Token, ...]
    rule: str
    noun: str


# --- where the owner's words are -------------------------------------------------------------


def _noun_at(tokens: Sequence[_Token], nouns: frozenset[str]) -> int | None:
    """The index of the first voice noun ("secretary" only after "press")."""
    for i, token in enumerate(tokens):
        if token.word in nouns and not token.possessive:
            if token.word == "secretary" and (i == 0 or tokens[i - 1].word != "press"):
                continue
            return i
    return None


def _owner_before(tokens: Sequence[_Token], noun: int) -> tuple[_Token, ...]:
    """Rule 1: the owner right before the noun ("press" of "press secretary" skipped): a
    possessive pronoun, a possessive ("Tara Reid's", "the actress's") or a name ("Palin")."""
    end = noun - 1 if tokens[noun].word == "secretary" else noun
    if end == 0:
        return ()
    last = tokens[end - 1]
    if last.word in _POSSESSIVE_PRONOUNS:
        return (last,)
    if not (last.possessive or last.named):
        return ()
    if not last.named:
        return (last,)
    start = end - 1
    while start > 0 and tokens[start - 1].named and not tokens[start - 1].possessive:
        start -= 1
    return tuple(tokens[start:end])


def _owner_after(tokens: Sequence[_Token], noun: int) -> tuple[_Token, ...]:
    """Rule 2: the words after "for", "of" or "at" right after the noun, to a comma."""
    if noun + 1 >= len(tokens) or tokens[noun + 1].word not in _AFTER:
        return ()
    out = []
    for token in tokens[noun + 2 :]:
        if not re.match(r"[\w&]", token.text):
            break
        out.append(token)
    return tuple(out)


def _body_alone(tokens: Sequence[_Token]) -> tuple[_Token, ...]:
    """Rule 3: a role that is a name in the possessive and nothing else ("Kraft Food's")."""
    if tokens and tokens[-1].possessive and all(t.named for t in tokens):
        return tuple(tokens)
    return ()


def _owner(phrase: _Phrase, nouns: frozenset[str], alone: bool) -> _Owner | None:
    """Where a phrase says whom it speaks for (rules 1 to 3), if it does."""
    tokens = phrase.tokens()
    noun = _noun_at(tokens, nouns)
    if noun is not None:
        word = "press secretary" if tokens[noun].word == "secretary" else tokens[noun].word
        before = _owner_before(tokens, noun)
        if before:
            return _Owner(before, OWNER_BEFORE, word)
        after = _owner_after(tokens, noun)
        if after:
            return _Owner(after, OWNER_AFTER, word)
        return None
    named = _body_alone(tokens) if alone else ()
    return _Owner(named, BODY_ALONE, "") if named else None


# --- whom the owner's words name --------------------------------------------------------------

Entity = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class _Article:
    """An analysed article, and the entities in it a speaker may speak for (not itself)."""

    analysis: Mapping[str, Any]
    others: tuple[Entity, ...]

    @classmethod
    def of(cls, analysis: Mapping[str, Any], speaker: int) -> _Article:
        entities = analysis.get("entities", [])
        return cls(
            analysis,
            tuple(e for e in entities if e["id"] != speaker and e.get("kind") in PRINCIPALS),
        )


def _by_pronoun(owner: _Owner, article: _Article) -> int | None:
    """a. "her spokesman": the entity the analysis refers the pronoun to; for "her" or "his"
    that it refers to no one else, the one other person its sentence names before it ("Ann
    Cole is in a clinic, said Tom Reyes, her publicist")."""
    if len(owner.tokens) != 1 or owner.tokens[0].word not in _POSSESSIVE_PRONOUNS:
        return None
    token = owner.tokens[0]
    person = _POSSESSIVE_PRONOUNS[token.word] == PERSON
    candidates = [e for e in article.others if (e["kind"] == PERSON) == person]
    for entity in candidates:
        if any(r.get("start") == token.start for r in entity.get("references", [])):
            return entity["id"]
    return _one_named_before(token.start, article, PERSON) if person else None


def _one_named_before(start: int, article: _Article, kind: str) -> int | None:
    """The one other entity of ``kind`` that the sentence holding ``start`` names before it."""
    if start < 0:
        return None
    sentence = next(
        (s for s in article.analysis.get("sentences", []) if s["start"] <= start < s["end"]), None
    )
    if sentence is None:
        return None
    found = {
        e["id"]
        for e in article.others
        if e["kind"] == kind
        and any(sentence["start"] <= m.get("start", -1) < start for m in e.get("mentions", []))
    }
    return found.pop() if len(found) == 1 else None


def _by_name(owner: _Owner, article: _Article) -> int | None:
    """b. "Palin", "Kraft Food": the one entity whose longest mention (or a person's family
    name) the words end with, with one of their names in it (not "company" of "the U.K.
    company", nor "Bristol" of "the Bristol district attorney")."""
    names = {t.word for t in owner.tokens if t.named}
    words = " " + " ".join(t.word for t in owner.tokens) + " "
    best: dict[int, int] = {}
    for entity in article.others:
        for name in _names(entity):
            said = " ".join(plain(re.sub(r"['’]s?$", "", name.strip())).split())
            if said and words.endswith(f" {said} ") and names & set(said.split()):
                best[entity["id"]] = max(best.get(entity["id"], 0), len(said))
    longest = max(best.values(), default=0)
    found = [entity for entity, size in best.items() if size == longest]
    return found[0] if len(found) == 1 else None


def _names(entity: Entity) -> list[str]:
    """An entity's name, its mentions, and a person's family name."""
    names = [entity["name"], *(m["text"] for m in entity.get("mentions", []))]
    if entity["kind"] == PERSON:
        names.append(person_name(entity["name"]).family)
    return names


def _by_description(owner: _Owner, article: _Article) -> int | None:
    """c. "the actress": the one entity the article describes by the owner's noun."""
    if any(t.named for t in owner.tokens):
        return None
    noun = owner.tokens[-1].word
    others = {e["id"] for e in article.others}
    found = {
        d["entity"]
        for d in article.analysis.get("descriptions", [])
        if d.get("lemma") == noun and d.get("entity") in others
    }
    return found.pop() if len(found) == 1 else None


def _by_sentence(owner: _Owner, article: _Article) -> int | None:
    """d. "the U.K. company": the one organisation its sentence names before it."""
    if owner.tokens[-1].word not in ORGANISATION_NOUNS:
        return None
    return _one_named_before(owner.tokens[0].start, article, "organisation")


#: How the owner's words are matched to an entity, in order (a to d of the module docstring).
_RESOLVERS: tuple[Callable[[_Owner, _Article], int | None], ...] = (
    _by_pronoun,
    _by_name,
    _by_description,
    _by_sentence,
)


def _principal(phrase: _Phrase, speaker: Entity, article: _Article) -> tuple[int, _Owner] | None:
    """Whom one phrase about ``speaker`` says it speaks for, and how."""
    person = speaker.get("kind") == PERSON
    nouns = VOICE_NOUNS if person else VOICE_NOUNS | {OFFICE}
    owner = _owner(phrase, nouns, alone=person)
    if owner is None:
        return None
    for resolver in _RESOLVERS:
        found = resolver(owner, article)
        if found is not None:
            break
    else:
        return None
    kind = next(e["kind"] for e in article.others if e["id"] == found)
    if (owner.noun == OFFICE and kind != PERSON) or (owner.rule == BODY_ALONE and kind == PERSON):
        return None
    return found, owner


def _phrases(entity: Entity, analysis: Mapping[str, Any]) -> Iterator[_Phrase]:
    """The words an article introduces an entity with: a person's role (where the text has
    it near one of the person's mentions) and the sources of its attributions; another
    entity's name, where it is mentioned by it (not its other mentions: an unnamed source
    may have taken in someone else's)."""
    if entity.get("kind") != PERSON:
        for mention in entity.get("mentions", []):
            if mention["text"] == entity["name"]:
                yield _Phrase(mention["text"], mention.get("start", -1))
        return
    text = analysis.get("text") or ""
    role = entity.get("role")
    if role:
        yield _Phrase(role, _role_start(role, entity, text))
    for attribution in analysis.get("attributions", []):
        source = attribution.get("source") or {}
        if attribution.get("speaker_id") == entity["id"] and source.get("text"):
            yield _Phrase(source["text"], source.get("start", -1))


def _role_start(role: str, entity: Entity, text: str) -> int:
    """Where a person's role is in the text: its place nearest one of the person's mentions,
    within :data:`ROLE_REACH` characters; -1 when none is."""
    mentions = [m for m in entity.get("mentions", []) if "start" in m]
    best, start = ROLE_REACH + 1, -1
    for match in re.finditer(re.escape(role), text):
        for mention in mentions:
            gap = max(mention["start"] - match.end(), match.start() - mention["end"], 0)
            if gap < best:
                best, start = gap, match.start()
    return start


def _words(entity: Entity, owner: _Owner) -> str:
    """How a voice is shown: "spokesman Bill McAllister", "Susan Davison", "her office"."""
    if entity.get("kind") != PERSON:
        return entity["name"]
    return f"{owner.noun} {entity['name']}".strip()


def speaks_for(analysis: Mapping[str, Any]) -> list[SpeaksFor]:
    """The entities of one analysed article (``ArticleAnalysis.to_dict()`` form) that speak
    for another entity of it, each with the one it speaks for; an entity whose phrases
    name different principals is left out."""
    out = []
    for entity in analysis.get("entities", []):
        kind = entity.get("kind")
        if kind != PERSON and kind not in NAMED_VOICES:
            continue
        article = _Article.of(analysis, entity["id"])
        found = {}
        for phrase in _phrases(entity, analysis):
            principal = _principal(phrase, entity, article)
            if principal is not None:
                found.setdefault(principal[0], principal[1])
        if len(found) == 1:
            (principal, owner), *_ = found.items()
            out.append(SpeaksFor(entity["id"], principal, owner.rule, _words(entity, owner)))
    return out
