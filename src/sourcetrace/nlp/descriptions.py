"""Descriptions of people and bodies ("the actress", "the man", "police", "the company") and
whom they describe.

A description is a noun whose lemma is a word for people (:data:`PEOPLE_NOUNS`) or for a body
(:data:`BODY_NOUNS`), outside any name. Whom it describes, first rule that applies:

1. the name the sentence ties it to: an apposition ("Tara Reid, the actress"; "the actress
   Tara Reid"), or a copula ("Reid is an actress");
2. the one person of the article whose role ends in that noun ("Jack Ketsoyan, her rep" ...
   "the rep");
3. for "the" and a word for a kind of person, in the singular, that is not a bare "man" or
   "woman" ("the actress", "the champion"), the person the article names most before it
   (twice as often as anyone else) when no pronoun says the person is of the other gender;
   likewise "the company" or "the team" for the organisation the article names most;
4. otherwise nobody named: the description keeps a key of its own, so that "a man" ... "the
   man" is one unnamed person and "a second man" another (:func:`find_descriptions`).

The "who" of a relative clause on a description ("the man who ran") is that description again,
and so is a pronoun no named entity holds when the nearest description that fits it, in the
same or the sentence before, is this one ("a woman ... she", "two guards ... them"):
:func:`_pronouns`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .entities import (
    FEMALE,
    FEMALE_WORDS,
    MALE,
    MALE_WORDS,
    PRONOUN_REACH,
    RELATIVE_FORMS,
    Entities,
    Entity,
    co_arguments,
    relative_clause,
    reporting_subject,
)
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


def find_descriptions(
    doc: Doc, entities: Entities, quoted: Sequence[tuple[int, int]] = ()
) -> list[Description]:
    """Every description of a person or body in ``doc`` and whom it describes (see the
    module docstring), with the pronouns that refer to them; ``entities`` are the article's
    named entities, with their pronouns, and pronouns inside ``quoted`` spans are left alone
    (they are the speaker's)."""
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
        several = people and token.tag_ in ("NNS", "NNPS")  # "the guards" are not one person
        if entity is None and "the" in determiners and lemma not in GENERIC_PEOPLE and not several:
            entity = _salient(entities, kinds, start, _gendered(lemma) if people else None)
        key = _key(token, lemma, unnamed)
        described = entity.id if entity else None
        out.append(Description(start, end, lemma, described, key))
        for who in _relative_pronouns(token):  # "the man who ran"
            out.append(Description(who.idx, who.idx + len(who), lemma, described, key))
    return out + _pronouns(doc, entities, out, quoted)


def _relative_pronouns(token: Token) -> list[Token]:
    """The "who", "whom" or "whose" of relative clauses on ``token``."""
    return [
        word
        for clause in token.children
        if clause.dep_ == "relcl"
        for word in clause.subtree
        if word.lower_ in RELATIVE_FORMS and relative_clause(word) == clause
    ]


#: Pronouns for one person, by gender, and for several people or a body.
SINGULAR = MALE | FEMALE
PLURAL = frozenset({"they", "them", "their", "themselves"})


def _pronouns(
    doc: Doc,
    entities: Entities,
    descriptions: list[Description],
    quoted: Sequence[tuple[int, int]],
) -> list[Description]:
    """Pronouns no named entity holds, outside ``quoted``, tied to the description before
    them in the same or the ``PRONOUN_REACH`` sentences before that fits: "he" or "she" a
    single person not known to be of the other gender (by its noun or a pronoun tied
    before) nor an argument of the pronoun's own verb: the one who says the pronoun's
    clause ("the officer said he"), else the nearest known to be of the pronoun's gender,
    else the nearest; "they" the nearest of several people or a body.
    A pronoun tied is a candidate for the next, so that a chain carries on."""
    held = {r.start for e in entities.entities for r in e.references}
    candidates = [_candidate(doc, d) for d in descriptions]
    candidates = [c for c in candidates if c is not None]
    genders: dict[str, frozenset[str]] = {}
    out: list[Description] = []
    sentences = list(doc.sents)
    for n, sent in enumerate(sentences):
        since = sentences[max(0, n - PRONOUN_REACH)].start_char
        for token in sent:
            lower = token.lower_
            if not (lower in SINGULAR or lower in PLURAL) or token.idx in held:
                continue
            if any(a <= token.idx < b for a, b in quoted):
                continue
            mates = {c.idx for c in co_arguments(token)}
            reporter = reporting_subject(token)
            form = MALE if lower in MALE else FEMALE if lower in FEMALE else PLURAL
            fits = [
                (
                    reporter is not None and d.start == reporter.idx,
                    form is not PLURAL and genders.get(d.key, gender) == form,
                    d.start,
                    d,
                )
                for d, number, gender in candidates
                if since <= d.start < token.idx
                and d.start not in mates
                and number == (form is PLURAL)
                and genders.get(d.key, gender or form) == form
            ]
            found = max(fits, key=lambda fit: fit[:3])[3] if fits else None
            if found is None:
                continue
            genders.setdefault(found.key, form)
            pronoun = Description(
                token.idx, token.idx + len(token), found.lemma, found.entity, found.key
            )
            out.append(pronoun)
            candidates.append((pronoun, form is PLURAL, form))
    return out


def _candidate(
    doc: Doc, description: Description
) -> tuple[Description, bool, frozenset[str] | None] | None:
    """A description as an antecedent: whether it is plural (several people or a body) and
    the gender its noun gives; None for a relative pronoun."""
    token = doc.char_span(description.start, description.end)
    if token is None or token[0].lower_ in RELATIVE_FORMS:
        return None
    word = token[0]
    plural = word.tag_ in ("NNS", "NNPS") or description.lemma in BODY_NOUNS
    return description, plural, None if plural else _gendered(description.lemma)


def _key(token: Token, lemma: str, unnamed: dict[str, int]) -> str:
    """An unnamed description's key in its article: a new one for "a man" or "a second man"
    after an earlier man, the latest one otherwise ("the man")."""
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "amod", "nummod")}
    count = unnamed.get(lemma, 0)
    if count == 0 or (token.tag_ == "NN" and words & ({"a", "an"} | NEW_REFERENT)):
        count += 1
        unnamed[lemma] = count
    return lemma if count == 1 else f"{lemma}#{count}"
