"""Descriptions of people and bodies ("the actress", "the man", "police", "the company") and
whom they describe.

A description is a noun whose lemma is a word for people (:data:`PEOPLE_NOUNS`) or for a body
(:data:`BODY_NOUNS`), outside any name (a headline's "Texas Inmate" that the recogniser took
for one is none: :func:`_names`). Whom it describes, first rule that applies:

1. the name the sentence ties it to: an apposition ("Tara Reid, the actress"; "the actress
   Tara Reid"), or a copula ("Reid is an actress", "Reid, who is an actress");
2. the one person of the article whose role ends in that noun ("Jack Ketsoyan, her rep" ...
   "the rep"), or whom the article names with that noun as a title ("Governor Palin" ...
   "the governor"), for a description that rule 3 would give the person the article is
   about;
3. for "the" and a word for a kind of person, in the singular, or such a word alone and
   capitalised, as in a headline ("the actress", "Champion Dies"), or "her client" (the
   lawyer's, :data:`SERVED_PEOPLE`), that is not a bare "man" or "woman" nor one of the
   people around the person ("the spokesman", "the lawyer"), the person the article is
   about: the one it names most, twice as often as anyone else, when nothing says the
   person is of the other gender; likewise "the company" or "the team" for the
   organisation the article names most;
4. otherwise nobody named: the description keeps a key of its own, so that "a man" ... "the
   man" is one unnamed person and "a second man" another (:func:`find_descriptions`).

The "who" of a relative clause on a description ("the man who ran") is that description again,
and so is a pronoun no named entity holds when the nearest description that fits it, in the
same or the sentence before, is this one ("a woman ... she", "two guards ... them"):
:func:`_pronouns`. A "he" or "she" that neither a name nor a description holds then goes
to the person the article is about (:func:`_central_pronouns`).
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
    Mention,
    co_arguments,
    known_gender,
    relative_clause,
    reporting_subject,
)
from .words import (
    BODY_NOUNS,
    GENERIC_PEOPLE,
    NEW_REFERENT,
    NOT_THE_HOLDER,
    PEOPLE_AROUND,
    PEOPLE_NOUNS,
    SERVED_PEOPLE,
    TITLE_ABBREVIATIONS,
    capitalised,
)

__all__ = ["Description", "find_descriptions"]

ORGANISATION_KINDS = frozenset({"organisation", "government", "outlet", "intelligence"})
#: Entities that are names (a description inside one is part of the name).
NAMED_KINDS = ORGANISATION_KINDS | {"person", "country", "place", "group"}
PERSON = frozenset({"person"})
#: What the recogniser makes of a headline's capitalised words for a kind of person.
MISTAKEN_KINDS = frozenset({"organisation", "government", "intelligence", "place"})
POSSESSIVES = frozenset({"my", "his", "her", "our", "their", "the"})


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
        verb = token.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        candidates.extend(subjects)
        if verb.dep_ == "relcl" and any(s.lower_ in RELATIVE_FORMS for s in subjects):
            candidates.append(verb.head)  # "Thompson, who was the challenger"
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


#: How many times as often as anyone else an article names the person (or body) it is about.
DOMINANCE = 2


def _titled(entities: Entities) -> dict[str, set[int]]:
    """The people the article names with a title before the name ("Governor Palin", "Gov.
    Sarah Palin", "Sheriff Dale Knight"), by the title's noun: "the governor" of the article
    is the one person it titles so."""
    out: dict[str, set[int]] = {}
    text = entities.text
    for entity in entities.entities:
        if entity.kind != "person":
            continue
        for mention in entity.mentions:
            words = text[max(0, mention.start - 30) : mention.start].split()[-2:]
            words += mention.text.split()[:-1]  # a title the recogniser took into the name
            for n, word in enumerate(words):
                plain = word.lower().rstrip(".")
                noun = TITLE_ABBREVIATIONS.get(plain, plain)
                other = n > 0 and words[n - 1].lower().strip(".,-") in NOT_THE_HOLDER
                if word[:1].isupper() and noun in PEOPLE_NOUNS and not other:
                    out.setdefault(noun, set()).add(entity.id)
    return out


def _central(
    entities: Entities,
    kinds: frozenset[str],
    gender: frozenset[str] | None,
    before: int,
    around: frozenset[int] = frozenset(),
) -> Entity | None:
    """The entity of ``kinds`` the article is about at ``before``: the one it names most
    before it (in the whole article when it names none before, as for a headline),
    ``DOMINANCE`` times as often as the next; None when none stands out so, or when a known
    gender of the person (:func:`.entities.known_gender`) is not ``gender``. The people
    ``around`` that one (entity ids: a lawyer, a spokesman, :func:`_around`) are not in the
    running."""
    named = [
        (m.end, e.id)
        for e in entities.entities
        if e.kind in kinds and e.id not in around
        for m in e.mentions
    ]
    counts = Counter(i for end, i in named if end <= before) or Counter(i for _, i in named)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]):
        return None
    entity = entities.entities[ranked[0][0]]
    known = known_gender(entity, entities.text)
    if gender is not None and known is not None and known != gender:
        return None
    return entity


def _around(doc: Doc, entities: Entities, roles: dict[int, str]) -> frozenset[int]:
    """The people an article names as someone's lawyer, spokesman, rep and the like
    (:data:`PEOPLE_AROUND`), by their role (``roles``: the last word of each person's, by
    entity id) or by a word the sentence ties to their name ("longtime lawyer Shawn
    Holley"): they are around the person the article is about."""
    found = {i for i, head in roles.items() if head in PEOPLE_AROUND}
    for token in doc:
        if _lemma(token) in PEOPLE_AROUND and token.pos_ in ("NOUN", "PROPN"):
            entity = _tied(token, entities, PERSON)
            if entity is not None:
                found.add(entity.id)
    return frozenset(found)


def _lemma(token: Token) -> str:
    """A noun's lemma in lower case; a capitalised word of a headline ("Robbers", tagged a
    proper noun) without its plural "s"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in PEOPLE_NOUNS | BODY_NOUNS:
        return lemma[:-1]
    return lemma


def _is_head(token: Token) -> bool:
    """A noun (or a headline's capitalised noun) that heads its phrase, that qualifies a
    name ("actress Tara Reid"), or that is the subject of a headline's verb the tagger took
    for a name ("Champion Dies")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = token.head
    headline_verb = (
        token.pos_ == "PROPN"
        and head.i == token.i + 1
        and head.dep_ == "ROOT"
        and head.pos_ == "PROPN"
        and _lemma(head) not in PEOPLE_NOUNS | BODY_NOUNS
    )
    return token.dep_ != "compound" or head.ent_type_ != "" or headline_verb


def find_descriptions(
    doc: Doc, entities: Entities, quoted: Sequence[tuple[int, int]] = ()
) -> list[Description]:
    """Every description of a person or body in ``doc`` and whom it describes (see the
    module docstring), with the pronouns that refer to them; ``entities`` are the article's
    named entities, with their pronouns, and pronouns inside ``quoted`` spans are left alone
    (they are the speaker's)."""
    named = _names(entities)
    role_of = {
        e.id: e.role.split()[-1].lower().strip(".,'’s")
        for e in entities.entities
        if e.kind == "person" and e.role
    }
    roles = Counter(role_of.values())
    by_role = {head: entities.entities[i] for i, head in role_of.items()}
    titled = _titled(entities)
    around = _around(doc, entities, role_of)
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
        kinds = PERSON if people else ORGANISATION_KINDS
        entity = _tied(token, entities, kinds)
        if entity is None and people and roles[lemma] == 1:
            entity = by_role[lemma]
        about = _about_the_article(token, lemma, people)
        if entity is None and about and people and len(titled.get(lemma, ())) == 1:
            entity = entities.entities[next(iter(titled[lemma]))]  # "Governor Palin"
        if entity is None and about:
            gender = _gendered(lemma) if people else None
            entity = _central(entities, kinds, gender, start, around if people else frozenset())
        key = _key(token, lemma, unnamed)
        described = entity.id if entity else None
        out.append(Description(start, end, lemma, described, key))
        for who in _relative_pronouns(token):  # "the man who ran"
            out.append(Description(who.idx, who.idx + len(who), lemma, described, key))
    out += _pronouns(doc, entities, out, quoted)
    _central_pronouns(doc, entities, out, quoted)
    return out


def _about_the_article(token: Token, lemma: str, people: bool) -> bool:
    """Whether a description may be the person (or body) the article is about: "the" and a
    word for a kind of person in the singular ("the actress"), such a word alone and
    capitalised, as in a headline ("Actress Dies"), or "his client"; never a word for anyone
    ("the man") or for the people around that person ("the spokesman"), never a new one
    ("another actress"). For a body, "the" and its word ("the company")."""
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if not people:
        return "the" in determiners
    if lemma in GENERIC_PEOPLE or lemma in PEOPLE_AROUND or token.tag_ in ("NNS", "NNPS"):
        return False
    if any(c.lower_ in NEW_REFERENT for c in token.children):
        return False
    if determiners == {"the"} or (lemma in SERVED_PEOPLE and determiners <= POSSESSIVES):
        return True
    possessor = any(c.dep_ == "case" for c in token.children)  # "Sheriff's Deputy"
    return not determiners and token.text[:1].isupper() and not possessor


def _names(entities: Entities) -> list[tuple[int, int]]:
    """Where the article names someone or something, save a headline's word for a kind of
    person that the recogniser took for an organisation or a place ("Texas Inmate Escapes",
    "Swimming Champion"): that is a description."""
    headline = entities.text.find("\n")
    return [
        (m.start, m.end)
        for e in entities.entities
        if e.kind in NAMED_KINDS
        for m in e.mentions
        if capitalised(m.text)
        and not (
            e.kind in MISTAKEN_KINDS
            and m.end <= headline
            and m.text.split()[-1].lower() in PEOPLE_NOUNS
        )
    ]


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


def _central_pronouns(
    doc: Doc,
    entities: Entities,
    descriptions: list[Description],
    quoted: Sequence[tuple[int, int]],
) -> None:
    """Tie each "he" or "she" outside ``quoted`` that neither a named person nor a
    description holds to the person the article is about (:func:`_central`), as one of its
    ``references``: unless the person is known to be of the other gender (the first
    pronoun tied says it for the rest), is the subject or object of the pronoun's own verb
    ("Lund thanked him"), or an unnamed person of the pronoun's gender is described before
    it ("a woman")."""
    held = {m.start for e in entities.entities for m in e.mentions + e.references}
    held |= {d.start for d in descriptions}
    unnamed = [(d.start, _gendered(d.lemma)) for d in descriptions if d.entity is None]
    for token in doc:
        lower = token.lower_
        if lower not in SINGULAR or token.idx in held:
            continue
        if any(a <= token.idx < b for a, b in quoted):
            continue
        form = MALE if lower in MALE else FEMALE
        if any(start < token.idx and gender == form for start, gender in unnamed):
            continue  # "a woman ... she": perhaps that woman
        person = _central(entities, PERSON, form, token.idx)
        if person is None:
            continue
        if any(m.start <= c.idx < m.end for c in co_arguments(token) for m in person.mentions):
            continue
        person.references.append(Mention(token.idx, token.idx + len(token), token.text))


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
