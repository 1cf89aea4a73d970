"""Entities of one article with in-article coreference, canonical names and kinds.

Names are clustered the way a reader links them: "John Kirby" / "Kirby" / "Mr. Kirby";
"The Ministry of Defence" / "the British ministry of defence" / "the MoD"; a country and the
names that stand for its state ("the Russian Federation", "Moscow", "the Kremlin") when they are
not used as a place ("in Moscow"). Sources that are not names get entities of their own:
anonymous sources keep their descriptor ("a senior military official briefed on the details"),
"the official" / "the source" bind to the last such source, "a second official" is a new one.
Pronouns are resolved only where it matters, for the speakers of attributions
(:meth:`Entities.resolve_source`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .aliases import Alias, introduced_aliases
from .model import doc_text
from .words import GOVERNMENT_WORDS, OUTLET_WORDS, PEOPLE_NOUNS, ROLE_WORDS, TITLES

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
COUNTRY_ALIASES = {
    "Russia": ["russia", "russian federation", "the russian federation", "moscow", "kremlin",
               "the kremlin"],
    "Iran": ["iran", "tehran", "islamic republic", "the islamic republic of iran"],
    "Ukraine": ["ukraine", "kyiv", "kiev"],
    "United States": ["united states", "the united states", "us", "u.s.", "the us", "the u.s.",
                      "usa", "america", "united states of america"],
    "United Kingdom": ["united kingdom", "the united kingdom", "uk", "u.k.", "the uk", "britain",
                       "great britain"],
    "China": ["china", "beijing", "people's republic of china"],
    "Israel": ["israel"],
    "North Korea": ["north korea", "pyongyang", "dprk"],
    "Belarus": ["belarus", "minsk"],
    "Syria": ["syria", "damascus"],
    "Turkey": ["turkey", "türkiye", "ankara"],
    "France": ["france", "paris"],
    "Germany": ["germany", "berlin"],
}  # fmt: skip
#: Capitals and seats that stand for the state only when not used as a place.
METONYMS = {"moscow", "kremlin", "the kremlin", "tehran", "kyiv", "kiev", "beijing",
            "pyongyang", "minsk", "damascus", "ankara", "paris", "berlin"}  # fmt: skip
LOCATIVE = {"in", "at", "to", "from", "near", "into", "outside", "inside", "across", "via",
            "toward", "towards", "around", "through", "within"}  # fmt: skip

OUTLET_NAMES = {
    "washington post", "new york times", "reuters", "associated press", "ap", "afp",
    "agence france-presse", "bbc", "cnn", "fox news", "bloomberg", "guardian", "financial times",
    "wall street journal", "wsj", "politico", "nbc", "cbs", "abc", "npr", "al jazeera", "tass",
    "ria novosti", "interfax", "breitbart", "huffington post", "huffpost", "axios", "the hill",
    "newsweek", "economist", "le monde", "der spiegel", "spiegel", "kyiv independent",
    "ukrainska pravda", "sky news", "msnbc", "daily beast", "vox", "buzzfeed", "usa today",
    "los angeles times", "daily mail", "telegraph", "independent", "times of israel", "haaretz",
    "reuters news agency", "ukrinform", "meduza", "kommersant", "izvestia", "rbc",
}  # fmt: skip
#: Phrases that make a source an outlet even beside a government word ("state news agency").
OUTLET_PHRASES = ("news agency", "state media", "state television", "state tv",
                  "state broadcaster", "state news", "wire service", "news service")  # fmt: skip
INTELLIGENCE_WORDS = {
    "intelligence", "fsb", "cia", "mi6", "mi5", "gchq", "nsa", "sbu", "gur", "hur", "mossad",
    "kgb", "svr", "gru", "fbi", "dia",
}  # fmt: skip
ANONYMOUS_HEADS = {
    "official", "source", "person", "people", "diplomat", "spokesperson", "spokesman",
    "spokeswoman", "aide", "insider", "officer", "representative", "adviser", "advisor",
    "analyst", "expert", "member", "lawmaker", "staffer", "employee", "executive", "resident",
    "witness", "commander", "negotiator", "envoy", "minister", "someone", "individual",
    "deputy", "assistant", "lawyer", "attorney", "colleague", "associate",
}  # fmt: skip
DOCUMENT_HEADS = {
    "report", "statement", "document", "study", "survey", "poll", "data", "assessment",
    "filing", "memo", "letter", "release", "analysis", "update", "briefing", "estimate",
    "investigation", "review", "paper", "cable", "transcript", "complaint", "lawsuit", "audit",
    "website", "post", "tweet", "video", "footage", "records", "figures", "documents", "reports",
    "testimony", "evidence", "figure", "statistics", "statistic", "record", "datum",
}  # fmt: skip
INTELLIGENCE_HEADS = {"intelligence", "agencies", "services", "service"}
GROUP_HEADS = {"officials", "sources", "people", "diplomats", "representatives", "aides",
               "experts", "analysts", "officers", "insiders", "members", "lawmakers", "critics",
               "others", "opponents", "supporters", "residents", "campaigners", "activists",
               "protesters", "witnesses", "observers", "economists", "investors", "voters",
               "several", "many", "researchers", "scientists", "investigators", "authors",
               "doctors", "councillors", "legislators", "senators", "ministers", "leaders",
               "executives", "employees", "workers", "families", "parents", "students",
               "teachers"}  # fmt: skip
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
#: Generational suffixes after a surname ("Comeaux Jr."), not the surname themselves.
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
STOP_INITIALS = {"of", "the", "and", "for", "on", "in", "&"}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    """One thing the article names or refers to, with every place it is mentioned."""

    id: int
    name: str
    kind: str  # person, organisation, outlet, government, intelligence, anonymous, document,
    #            country, place, group, own_voice, other
    label: str = ""
    role: str | None = None
    #: The outlet through which the article learned of this source, if any.
    via: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    #: Lower-case keys that identify the entity (names, acronyms, aliases).
    keys: set[str] = field(default_factory=set)
    #: Pronouns that refer to it ("he", "her", "who"): :func:`refer_pronouns`.
    references: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.role:
            data["role"] = self.role
        if self.via:
            data["via"] = self.via
        if self.references:
            data["references"] = [m.to_dict() for m in self.references]
        return data


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:–—-\"“”'’")
    text = re.sub(r"[’']s$", "", text)
    return text


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)


def name_key(name: str) -> str:
    """How two mentions of one name compare: case, spacing, edge punctuation, a possessive
    and a leading article aside ("The Harbor Ledger" and "Harbor Ledger")."""
    return _strip_article(_clean(name).lower())


def surname(name: str) -> str:
    """A person's name's last word in lower case, past a generational suffix ("Arcade
    Comeaux Jr." is "comeaux")."""
    words = name.lower().split()
    while len(words) > 1 and words[-1].strip(".,") in NAME_SUFFIXES:
        words.pop()
    return words[-1].strip(".,") if words else ""


def _initials(words: list[str], skip: bool) -> str:
    return "".join(w[0] for w in words if w and not (skip and w in STOP_INITIALS))


def _country(text: str) -> str | None:
    lower = _strip_article(text.lower()).strip()
    for country, aliases in COUNTRY_ALIASES.items():
        if lower in aliases or "the " + lower in aliases:
            return country
    return None


def org_kind(name: str) -> str:
    """outlet / intelligence / government / organisation, from the words of a name."""
    lower = _strip_article(name.lower())
    words = set(re.findall(r"[\w.]+", lower))
    if lower in OUTLET_NAMES or any(n in lower for n in OUTLET_NAMES if " " in n):
        return "outlet"
    if any(phrase in lower for phrase in OUTLET_PHRASES):
        return "outlet"
    if words & INTELLIGENCE_WORDS:
        return "intelligence"
    if words & GOVERNMENT_WORDS or any(w in lower for w in GOVERNMENT_WORDS if " " in w):
        return "government"
    if words & OUTLET_WORDS:
        return "outlet"
    return "organisation"


def widen_person_names(doc: Doc) -> None:
    """Give a one-word person's name the first name the recogniser left out: in "Ilse Marren
    wrote", spaCy's small model marks only "Marren". The capitalised word just before joins
    the name when the parse hangs it on the name (compound) and it is not a role ("Spokesman",
    "Minister"), a country, part of another name or the end of a run of capitalised words
    (a Title-Case headline)."""
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ != "PERSON" or ent.start == 0 or len(ent) > 1:
            continue
        word = doc[ent.start - 1]
        if (
            word.ent_type_
            or word.dep_ not in ("compound", "flat")
            or not ent.start <= word.head.i < ent.end
            or not (word.text.isalpha() and word.text.istitle() and len(word) > 1)
            or word.lower_ in ROLE_WORDS
            or _country(word.text)
            or (word.i > 0 and doc[word.i - 1].pos_ == "PROPN"
                and doc[word.i - 1].lower_.rstrip(".") not in ROLE_WORDS)  # a run of capitals
        ):  # fmt: skip
            continue
        ents[n] = Span(doc, ent.start - 1, ent.end, label=ent.label)
        changed = True
    if changed:
        doc.ents = ents


def _after_a_title(span: Span) -> bool:
    """Whether a short name the recogniser did not take for a person comes right after a
    person's title ("Governor Palin", "Gov. Palin", "Sen. Okafor"): the title makes it one."""
    if span.label_ == "NORP" or span.start == 0 or len(span) > 3:
        return False
    before = span.doc[span.start - 1]
    title = before.text.lower().rstrip(".")
    return (
        title in TITLES
        and before.text[:1].isupper()
        and all(t.text[:1].isupper() for t in span if t.is_alpha)
    )


class Entities:
    """Entity clusters of one parsed article."""

    def __init__(self, doc: Doc, outlet: str | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.outlet = outlet
        self.entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        #: (char offset, entity) of every mention, in text order, for recency look-ups.
        self._timeline: list[tuple[int, Entity]] = []
        self._add_names(doc)

    # --- names -----------------------------------------------------------------------------

    def _add_names(self, doc: Doc) -> None:
        """The recogniser's names, and the aliases the text introduces for them
        (:func:`.aliases.introduced_aliases`: "Mark Felt, known as 'Deep Throat'"): an alias
        is a mention of its owner's entity, whatever the recogniser made of it, and a later
        use of the alias is the owner too."""
        aliases = introduced_aliases(doc, NAME_LABELS)

        def overlaps(alias: Alias, ent: Span) -> bool:
            return alias.start < ent.end_char and ent.start_char < alias.end and ent != alias.owner

        owners: dict[tuple[int, int], Entity] = {}
        for ent in doc.ents:
            alias = next((a for a in aliases if overlaps(a, ent)), None)
            owner = owners.get((alias.owner.start, alias.owner.end)) if alias else None
            if owner is not None:
                self._alias(owner, alias.start, alias.end)
            elif ent.label_ in NAME_LABELS and (entity := self.add_name(ent)) is not None:
                owners[(ent.start, ent.end)] = entity
                for alias in aliases:  # the aliases no other name of the recogniser holds
                    if alias.owner == ent and not any(overlaps(alias, e) for e in doc.ents):
                        self._alias(entity, alias.start, alias.end)

    def _alias(self, entity: Entity, start: int, end: int) -> None:
        """Characters ``start``-``end`` are another name of ``entity``."""
        text = self.text[start:end]
        for key in (text.lower(), name_key(text)):
            self._by_key.setdefault(key, entity)
        entity.keys.add(name_key(text))
        self._mention(entity, start, end)

    def add_name(self, span: Span) -> Entity | None:
        text = _clean(span.text)
        if not text or not any(c.isalpha() for c in text):
            return None
        label = span.label_
        country = _country(text)
        lower = _strip_article(text.lower())
        if country and (lower not in METONYMS or not _is_place(span)):
            entity = self._get_or_create(country.lower(), country, "country", "GPE")
        elif lower in OUTLET_NAMES:  # "as first reported by Politico" (tagged a person)
            entity = self._organisation(text, "ORG")
        elif label == "PERSON" or self.known_surname(text) or _after_a_title(span):
            entity = self._person(text)
        elif label in PLACE_LABELS:
            kind = "government" if org_kind(text) == "government" else "place"
            entity = self._get_or_create(lower, _strip_article(text), kind, label)
        elif label == "NORP":
            entity = self._get_or_create(lower, text, "group", label)
        else:
            entity = self._organisation(text, label)
        self._mention(entity, span.start_char, span.end_char)
        return entity

    def known_surname(self, text: str) -> bool:
        """A one-word name the tagger missed as a person but that is a known person's surname
        ("Teodor Hask" ... "according to Hask", "Hask's deputy")."""
        text = _clean(text)
        if " " in text:
            return False
        lower = text.lower()
        return any(e.kind == "person" and surname(e.name) == lower for e in self.entities)

    def _person(self, text: str) -> Entity:
        words = [w for w in re.split(r"\s+", text) if w.lower().rstrip(".") not in TITLES]
        name = " ".join(words) or text
        key = name.lower()
        if key in self._by_key:
            found = self._by_key[key]
            if found.kind == "place" and " " not in name:
                # "as a result of Palin's run" taken for a place, then "Governor Palin"
                found.kind, found.label = "person", "PERSON"
            return found
        last = surname(name)
        for entity in reversed(self.entities):
            if entity.kind != "person":
                continue
            other = entity.name.lower().split()
            if last == surname(entity.name) and (len(words) == 1 or set(key.split()) <= set(other)):
                entity.keys.add(key)
                self._by_key[key] = entity
                return entity
            if len(other) == 1 and other[0] == last:
                # an earlier short mention ("Kirby") now named in full: keep the full name
                entity.name = name
                entity.keys.add(key)
                self._by_key[key] = entity
                return entity
        entity = self._get_or_create(key, name, "person", "PERSON")
        if len(words) > 1:
            entity.keys.add(last)
        return entity

    def person(self, text: str) -> Entity:
        """The person a name names, clustered with the people already seen ("Rask" is
        "Sunniva Rask")."""
        return self._person(_clean(text))

    def organisation(self, text: str) -> Entity:
        """The organisation a phrase names ("the British ministry of defence"), clustered with
        the names already seen."""
        return self._organisation(_clean(text), "ORG")

    def _organisation(self, text: str, label: str) -> Entity:
        bare = _strip_article(text)
        lower = bare.lower()
        words = re.findall(r"[\w]+", lower)
        # "the British ministry of defence" is "the Ministry of Defence"
        trimmed = [w for w in words if w not in _NATIONALITIES]
        keys = {lower, " ".join(trimmed)}
        if len(trimmed) > 1:
            keys |= {_initials(trimmed, False), _initials(trimmed, True)}
        elif len(words) == 1:
            keys.add(words[0])
        for key in keys:
            if key in self._by_key and self._by_key[key].kind not in ("person", "place"):
                entity = self._by_key[key]  # the first full form stays the canonical name
                for k in keys:
                    self._by_key.setdefault(k, entity)
                entity.keys |= keys
                return entity
        # an acronym of a known organisation ("MoD")
        if len(words) == 1 and bare.replace(".", "").isalpha():
            acronym = bare.replace(".", "").lower()
            for entity in self.entities:
                if acronym in entity.keys and entity.kind not in ("person", "place"):
                    self._by_key[lower] = entity
                    return entity
        entity = self._get_or_create(" ".join(trimmed) or lower, bare, org_kind(bare), label)
        for key in keys:
            self._by_key.setdefault(key, entity)
        entity.keys |= keys
        return entity

    def _get_or_create(self, key: str, name: str, kind: str, label: str) -> Entity:
        if key in self._by_key:
            return self._by_key[key]
        entity = Entity(len(self.entities), name, kind, label, keys={key})
        self.entities.append(entity)
        self._by_key[key] = entity
        return entity

    def _mention(self, entity: Entity, start: int, end: int) -> None:
        if any(m.start == start and m.end == end for m in entity.mentions):
            return
        entity.mentions.append(Mention(start, end, self.text[start:end]))
        self._timeline.append((start, entity))

    def described(self, phrase: str, kind: str, start: int, end: int) -> Entity:
        """The entity a descriptive phrase names ("the report", "a number of officials"): the
        same phrase met again is the same entity."""
        key = name_key(phrase)
        entity = self._by_key.get(key)
        if entity is None:
            entity = Entity(len(self.entities), _strip_article(_clean(phrase)), kind, keys={key})
            self.entities.append(entity)
            self._by_key[key] = entity
        self._mention(entity, start, end)
        return entity

    def new_entity(self, name: str, kind: str, start: int, end: int, **extra) -> Entity:
        entity = Entity(len(self.entities), name, kind, **extra)
        self.entities.append(entity)
        self._mention(entity, start, end)
        return entity

    def recent(
        self,
        before: int,
        kinds: set[str],
        window: int = 1500,
        accept: Callable[[Entity], bool] | None = None,
    ) -> Entity | None:
        """The entity of ``kinds`` (that ``accept`` takes) mentioned last before ``before``."""
        for offset, entity in sorted(self._timeline, key=lambda item: -item[0]):
            near = offset < before and before - offset <= window
            if near and entity.kind in kinds and (accept is None or accept(entity)):
                return entity
        return None

    def add_mention(self, entity: Entity, start: int, end: int) -> None:
        self._mention(entity, start, end)

    def by_name(self, name: str) -> Entity | None:
        return self._by_key.get(name_key(name))

    def mentioned_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention at exactly these offsets, if any."""
        for offset, entity in self._timeline:
            if offset == start and any(m.start == start and m.end == end for m in entity.mentions):
                return entity
        return None


_NATIONALITIES = {
    "british", "american", "us", "u.s.", "russian", "iranian", "ukrainian", "french", "german",
    "chinese", "israeli", "uk", "european", "western",
}  # fmt: skip


def _is_place(span: Span) -> bool:
    """Whether a name is used as a location ("in Moscow") rather than for a state."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
#: Pronouns for a body ("the company said it", "police said they").
BODY_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
MALE_WORDS = frozenset({
    "mr", "sir", "lord", "king", "prince", "duke", "spokesman", "chairman", "congressman",
    "businessman", "actor", "father", "son", "husband", "brother", "boy", "man", "uncle",
    "grandfather", "nephew", "councilman", "sportsman",
})  # fmt: skip
FEMALE_WORDS = frozenset({
    "mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "duchess",
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress", "mother",
    "daughter", "wife", "sister", "girl", "woman", "aunt", "grandmother", "niece",
    "councilwoman", "sportswoman", "waitress", "hostess", "mum", "mom", "heiress",
})  # fmt: skip
#: How many sentences back a pronoun looks for the person it means.
PRONOUN_REACH = 2


def gender_of(entity: Entity, text: str = "") -> frozenset[str] | None:
    """What the article (``text``) says of a person's gender: an honorific in or just before
    a mention ("Mr.", "Ms.") or a role ("actress", "spokesman") the person is given."""
    words = {w.lower().rstrip(".") for m in entity.mentions for w in m.text.split()[:1]}
    words |= {
        before[-1].lower().rstrip(".")
        for m in entity.mentions
        if (before := text[max(0, m.start - 8) : m.start].split())
    }
    words |= set(re.findall(r"[a-z]+", (entity.role or "").lower()))
    if words & MALE_WORDS and not words & FEMALE_WORDS:
        return MALE
    if words & FEMALE_WORDS and not words & MALE_WORDS:
        return FEMALE
    return None


def refer_pronouns(doc: Doc, entities: Entities, quoted: Sequence[tuple[int, int]]) -> None:
    """Tie third-person pronouns to the people they mean (``Entity.references``): "who",
    "whom" or "whose" to the person or body its clause hangs on; "it" / "they" to the body
    named last in the same or the sentence before; "he" / "she" to the person named in the
    same or the two sentences before who is most often named so far (the nearest among
    equals), skipping one whose gender is known to be the other (an honorific, a role, a
    pronoun already tied) and the subject or object of the pronoun's own verb ("Lund
    thanked him" is not Lund); but the subject of a clause another said is the one who said
    it ("Lund said he would stay"), and if that is a description ("the officer said he"),
    :func:`.descriptions.find_descriptions` ties the pronoun. Pronouns inside ``quoted``
    spans are left to :func:`refer_quoted`, which knows who speaks them."""
    people = _person_mentions(entities)
    named = sorted(
        (m.start, m.end, e)
        for e in entities.entities
        if e.kind in ("person", "organisation", "government", "outlet")
        for m in e.mentions
    )
    gender = {e.id: g for e in entities.entities if (g := gender_of(e, entities.text)) is not None}
    sentences = list(doc.sents)
    for n, sent in enumerate(sentences):
        since = sentences[max(0, n - PRONOUN_REACH)].start_char
        near = sentences[max(0, n - 1)].start_char  # a body's pronoun looks one sentence back
        for token in sent:
            lower = token.lower_
            start, end = token.idx, token.idx + len(token)
            if any(a <= start < b for a, b in quoted):
                continue
            if lower in RELATIVE_FORMS and (clause := relative_clause(token)) is not None:
                noun = clause.head.idx
                target = next((e for s, t, e in named if s <= noun < t), None)
            elif lower in BODY_PRONOUNS:
                target = next(
                    (
                        e
                        for s, t, e in reversed(named)
                        if e.kind != "person" and near <= s and t <= start
                    ),
                    None,
                )
                if lower in PLURAL_PRONOUNS and target is not None:
                    target = _unless_people_between(doc, target, start)
            elif lower in MALE or lower in FEMALE:
                form = MALE if lower in MALE else FEMALE
                reporter = reporting_subject(token)
                said = _person_at(people, reporter)
                if said is None and reporter is not None and reporter.lemma_ in PEOPLE_NOUNS:
                    continue  # "the officer said he": the description's (find_descriptions)
                mates = {p.id for c in co_arguments(token) if (p := _person_at(people, c))}
                target = _antecedent(people, since, start, form, gender, mates)
                kept = _subject_kept(people, sentences, n, token, form, gender, mates)
                if kept is not None:
                    target = kept
                if said is not None and gender.get(said.id, form) == form:
                    target = said
                if target is not None:
                    gender[target.id] = form
            else:
                continue
            if target is not None:
                target.references.append(Mention(start, end, entities.text[start:end]))


def _subject_kept(
    people: list[tuple[int, int, Entity]],
    sentences: Sequence[Span],
    n: int,
    token: Token,
    form: frozenset[str],
    gender: dict[int, frozenset[str]],
    excluded: set[int],
) -> Entity | None:
    """The person a sentence's subject pronoun keeps from the sentence before, where that
    sentence's subject names one ("Pastor Kroon declined to say if it was aimed at Palin. He
    also declined ..." is Kroon): a subject goes on as the subject. None where the pronoun is
    not its sentence's subject, a person is named before it in its own sentence, or the
    subject before is of the other gender or one of the pronoun's co-arguments."""
    if n == 0 or token.dep_ not in ("nsubj", "nsubjpass") or token.head != sentences[n].root:
        return None
    if any(sentences[n].start_char <= s < token.idx for s, _, _ in people):
        return None
    before = sentences[n - 1].root
    subject = next((c for c in before.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    person = _person_at(people, subject)
    if person is None or person.id in excluded or gender.get(person.id, form) != form:
        return None
    return person


def _person_mentions(entities: Entities) -> list[tuple[int, int, Entity]]:
    """Every mention of a person, as (start, end, person), in order."""
    return sorted(
        (m.start, m.end, e) for e in entities.entities if e.kind == "person" for m in e.mentions
    )


def _person_at(people: list[tuple[int, int, Entity]], token: Token | None) -> Entity | None:
    """The person with a mention holding ``token``, if any."""
    if token is None:
        return None
    return next((e for s, t, e in people if s <= token.idx < t), None)


def _unless_people_between(doc: Doc, body: Entity, before: int) -> Entity | None:
    """``body``, unless people in the plural are named between its last mention and a
    plural pronoun at ``before`` ("the ministry sent two guards and paid them")."""
    last = max(m.end for m in body.mentions if m.end <= before)
    span = doc.char_span(last, before, alignment_mode="contract") or ()
    several = any(t.tag_ == "NNS" and t.lemma_.lower() in PEOPLE_NOUNS for t in span)
    return None if several else body


def _antecedent(
    people: list[tuple[int, int, Entity]],
    since: int,
    before: int,
    form: frozenset[str],
    gender: dict[int, frozenset[str]],
    excluded: set[int],
) -> Entity | None:
    """The person a pronoun of ``form`` at ``before`` most likely means: of those named
    between ``since`` and it, not known to be of the other gender nor ``excluded``, the one
    named most often before it; the nearest among equals."""
    counts: dict[int, int] = {}
    nearest: dict[int, int] = {}
    by_id: dict[int, Entity] = {}
    for start, end, entity in people:
        if end > before:
            break
        counts[entity.id] = counts.get(entity.id, 0) + 1
        if start >= since and gender.get(entity.id, form) == form and entity.id not in excluded:
            nearest[entity.id] = start
            by_id[entity.id] = entity
    if not nearest:
        return None
    best = max(nearest, key=lambda i: (counts[i], nearest[i]))
    return by_id[best]


#: Relative pronouns that stand for the noun their clause hangs on.
RELATIVE_FORMS = frozenset({"who", "whom", "whose"})
#: A verb's subject and objects: a pronoun among them is none of the others.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj"})


def relative_clause(token: Token) -> Token | None:
    """The verb of the relative clause a relative pronoun opens: "who" is its subject or
    object, "whose" the possessor of one ("Lund, whose boat sank")."""
    head = token.head if token.dep_ != "poss" else token.head.head
    return head if head.dep_ == "relcl" and head.i != token.i else None


def reporting_subject(token: Token) -> Token | None:
    """The subject of the verb whose clause a pronoun is the subject of: "Lund said he
    would stay" (Lund), "the officer says he fired" (officer)."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    return next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def co_arguments(token: Token) -> list[Token]:
    """The other subject and objects of the verb a pronoun is the subject or object of
    ("Lund thanked him": Lund); none for a reflexive ("Lund blamed himself")."""
    if token.dep_ not in ARGUMENT_DEPS or token.lower_.endswith(("self", "selves")):
        return []
    return [c for c in token.head.children if c.i != token.i and c.dep_ in ARGUMENT_DEPS]


FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "myself", "mine"})


def refer_quoted(
    doc: Doc, entities: Entities, spoken: Sequence[tuple[Entity, Sequence[tuple[int, int]]]]
) -> None:
    """Tie the pronouns inside each person's quoted words (``spoken``: the speaker and the
    quoted spans of one attribution, in order): "I", "me", "my" to that person; "he" / "she"
    to the person it would mean outside the quotation (:func:`refer_pronouns`), never the
    speaker, who would have said "I". A pronoun already tied is left alone."""
    people = _person_mentions(entities)
    persons = [e for e in entities.entities if e.kind == "person"]
    taken = {r.start for e in entities.entities for r in e.references}
    for speaker, quoted in spoken:
        # the pronouns tied for earlier speakers tell genders too
        gender = {e.id: g for e in persons if (g := known_gender(e, entities.text))}
        for start, end in quoted:
            for token in doc.char_span(start, end, alignment_mode="expand") or ():
                if token.idx in taken:
                    continue
                target = _quoted_referent(doc, token, speaker, people, gender)
                if target is not None:
                    taken.add(token.idx)
                    target.references.append(Mention(token.idx, token.idx + len(token), token.text))


def _quoted_referent(
    doc: Doc,
    token: Token,
    speaker: Entity,
    people: list[tuple[int, int, Entity]],
    gender: dict[int, frozenset[str]],
) -> Entity | None:
    """Whom a pronoun inside ``speaker``'s quoted words means (None: no pronoun, or no one)."""
    lower = token.lower_
    if lower in FIRST_PERSON_SINGULAR:
        return speaker
    if lower in MALE or lower in FEMALE:
        form = MALE if lower in MALE else FEMALE
        since = _sentence_start(doc, token, PRONOUN_REACH)
        return _antecedent(people, since, token.idx, form, gender, {speaker.id})
    return None


def known_gender(entity: Entity, text: str) -> frozenset[str] | None:
    """A person's gender by :func:`gender_of`, else by the pronouns already tied to it."""
    words = {r.text.lower() for r in entity.references}
    male, female = bool(words & MALE), bool(words & FEMALE)
    pronouns = MALE if male and not female else FEMALE if female and not male else None
    return gender_of(entity, text) or pronouns


def _sentence_start(doc: Doc, token: Token, back: int) -> int:
    """Where the sentence ``back`` sentences before ``token``'s begins."""
    sentences = [s.start_char for s in doc.sents if s.start_char <= token.idx]
    return sentences[max(0, len(sentences) - 1 - back)]
