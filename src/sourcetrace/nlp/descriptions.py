"""Descriptions of people and bodies ("the actress", "the man", "police", "the company") and
whom they describe.

A description is a noun whose lemma is a word for people (:data:`PEOPLE_NOUNS`) or for a body
(:data:`BODY_NOUNS`), outside any name. Whom it describes, first rule that applies:

1. the name the sentence ties it to: an apposition ("Tara Reid, the actress"; "the actress
   Tara Reid"), or a copula ("Reid is an actress");
2. the one person of the article whose role ends in that noun ("Jack Ketsoyan, her rep" ...
   "the rep");
3. for "the" and a word for a kind of person that is not a bare "man" or "woman" ("the
   actress", "the champion"), the person the article names most before it (twice as often as
   anyone else) when no pronoun says the person is of the other gender;
   likewise "the company" or "the team" for the organisation the article names most;
4. otherwise nobody named: the description keeps a key of its own, so that "a man" ... "the
   man" is one unnamed person and "a second man" another (:func:`find_descriptions`).

The "who" of a relative clause on a description ("the man who ran") is that description again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .entities import FEMALE, FEMALE_WORDS, MALE, MALE_WORDS, Entities, Entity
from .words import BODY_NOUNS, GENERIC_PEOPLE, NEW_REFERENT, PEOPLE_NOUNS, capitalised

__all__ = ["Description", "find_descriptions"]

ORGANISATION_KINDS = frozenset({"organisation", "government", "outlet", "intelligence"})
#: Entities that are names (a description inside one is part of the name).
NAMED_KINDS = ORGANISATION_KINDS | {"person", "country", "place", "group"}


@dataclass(slots=True)
class Description:
    """A description's head noun (offsets), its lemma, the entity it describes (None: nobody
    the article names) and its key among the article's unnamed descriptions."""

    start: int
    end: int
    lemma: str
    entity: int | None
    key: str

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "lemma": self.lemma,
            "entity": self.entity,
            "key": self.key,
        }


def _mention_at(entities: Entities, token: Token, kinds: frozenset[str]) -> Entity | None:
    for entity in entities.entities:
        if entity.kind in kinds and any(m.start <= token.idx < m.end for m in entity.mentions):
            return entity
    return None


def _tied(token: Token, entities: Entities, kinds: frozenset[str]) -> Entity | None:
    """The named entity an apposition, a compound or a copula ties ``token`` to."""
    candidates = []
    if token.dep_ in ("appos", "compound"):
        candidates.append(token.head)
    candidates.extend(c for c in token.children if c.dep_ == "appos")
    if token.dep_ == "attr" and token.head.lemma_ == "be":
        candidates.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    for candidate in candidates:
        entity = _mention_at(entities, candidate, kinds)
        if entity is not None:
            return entity
    return None


def _gendered(lemma: str) -> frozenset[str] | None:
    if lemma in FEMALE_WORDS:
        return FEMALE
    if lemma in MALE_WORDS:
        return MALE
    return None


def _salient(
    entities: Entities, kinds: frozenset[str], before: int, gender: frozenset[str] | None
) -> Entity | None:
    """The entity of ``kinds`` named most before ``before``, twice as often as the next;
    None when a known gender rules it out."""
    counts = Counter(
        e.id for e in entities.entities if e.kind in kinds for m in e.mentions if m.end <= before
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    entity = entities.entities[ranked[0][0]]
    known = _known_gender(entity, before)
    if gender is not None and known is not None and known != gender:
        return None
    return entity


def _known_gender(entity: Entity, before: int) -> frozenset[str] | None:
    words = {r.text.lower() for r in entity.references if r.end <= before}
    if words & MALE and not words & FEMALE:
        return MALE
    if words & FEMALE and not words & MALE:
        return FEMALE
    return None


def _lemma(token: Token) -> str:
    """A noun's lemma in lower case; a capitalised word of a headline ("Robbers", tagged a
    proper noun) without its plural "s"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in PEOPLE_NOUNS | BODY_NOUNS:
        return lemma[:-1]
    return lemma


def _is_head(token: Token) -> bool:
    """A noun (or a headline's capitalised noun) that heads its phrase, or that qualifies a
    name ("actress Tara Reid")."""
    return token.pos_ in ("NOUN", "PROPN") and (
        token.dep_ != "compound" or token.head.ent_type_ != ""
    )


def find_descriptions(doc: Doc, entities: Entities) -> list[Description]:
    """Every description of a person or body in ``doc`` and whom it describes (see the
    module docstring); ``entities`` are the article's named entities, with their pronouns."""
    named = [
        (m.start, m.end)
        for e in entities.entities
        if e.kind in NAMED_KINDS
        for m in e.mentions
        if capitalised(m.text)
    ]
    roles = Counter()
    by_role: dict[str, Entity] = {}
    for entity in entities.entities:
        if entity.kind == "person" and entity.role:
            head = entity.role.split()[-1].lower().strip(".,'’s")
            roles[head] += 1
            by_role[head] = entity
    unnamed: dict[str, int] = {}  # lemma -> how many unnamed referents it has had
    out: list[Description] = []
    for token in doc:
        lemma = _lemma(token)
        people = lemma in PEOPLE_NOUNS
        if not (people or lemma in BODY_NOUNS) or not _is_head(token):
            continue
        start, end = token.idx, token.idx + len(token)
        if any(s <= start < e for s, e in named):
            continue
        kinds = frozenset({"person"}) if people else ORGANISATION_KINDS
        entity = _tied(token, entities, kinds)
        if entity is None and people and roles[lemma] == 1:
            entity = by_role[lemma]
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        if entity is None and "the" in determiners and lemma not in GENERIC_PEOPLE:
            entity = _salient(entities, kinds, start, _gendered(lemma) if people else None)
        key = _key(token, lemma, unnamed)
        described = entity.id if entity else None
        out.append(Description(start, end, lemma, described, key))
        for who in _relative_subjects(token):  # "the man who ran"
            out.append(Description(who.idx, who.idx + len(who), lemma, described, key))
    return out


def _relative_subjects(token: Token) -> list[Token]:
    return [
        child
        for clause in token.children
        if clause.dep_ == "relcl"
        for child in clause.children
        if child.lower_ == "who" and child.dep_ in ("nsubj", "nsubjpass")
    ]


def _key(token: Token, lemma: str, unnamed: dict[str, int]) -> str:
    """An unnamed description's key in its article: a new one for "a man" or "a second man"
    after an earlier man, the latest one otherwise ("the man")."""
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "amod", "nummod")}
    count = unnamed.get(lemma, 0)
    if count == 0 or (token.tag_ == "NN" and words & ({"a", "an"} | NEW_REFERENT)):
        count += 1
        unnamed[lemma] = count
    return lemma if count == 1 else f"{lemma}#{count}"
