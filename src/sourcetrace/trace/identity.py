"""One person, one entity: who is who across the articles of a story and of the corpus.

Each analysed article has its own entities (:mod:`sourcetrace.nlp.entities`: "Paul Ryan",
"Ryan" and "the speaker" of one article are already one entity there) and descriptions
(:mod:`sourcetrace.nlp.descriptions`). This module links the articles' entities into canonical
entities, with stable ids, a display name and aliases:

1. **Within an article**, a description ("her rep") is the one person whose role the article
   gives in the same noun; a source phrase ("the company") is the named entity a description
   inside it is tied to.
2. **Within a story**, people by their names (:func:`.names.same_person`: "Paul D. Ryan" /
   "Paul Ryan" / "Ryan", "Mike Elliott" / "Michael Elliott"), never two people whose given names
   conflict; a one-word name joins the one full name it can be (the father rather than a
   junior, else the one its own article names) and stays apart when two people could have it.
   Organisations, governments and outlets by their keys (:func:`.names.org_keys`: case,
   articles, initials; :func:`sourcetrace.outlets.outlet_key`), an acronym, or when one name
   is the other's last words ("the Chargers" / "the San Diego Chargers"). Common words for a
   body ("police", "State police", "the company") are the one body the story names with them,
   a demonym's body ("the Egyptian ministry") the one named with its country, initials ("the
   D.A.'s office") the body whose words they are; a spokesperson, officials or a statement of
   a named body speak as that body; a phrase that joins several ("police and prosecutors")
   is never one person. Unnamed groups and bodies called by one word ("police", "cops",
   "officers", "the jury") are one body (:mod:`.groups`). Unnamed descriptions with the same
   words ("the fire chief") are one entity, and the one entity an article describes by that
   noun; so is a capitalised word for a person ("Actress" of a headline). Before any of
   this, what the recogniser made of a headline or a team is set right: a headline's run
   that starts with a name ("Obama Overturns") is that name, a team's nickname ("Colts") an
   organisation, never a person, and a town the one team of the story named by it
   ("Creighton Bluejays") or by a name the story also uses alone ("Boston Red Sox" / "Red
   Sox"). So is a name the recogniser ran on with small words, a score, a headline's verb, a
   role or nationality ("Thompson in", "Flips Bush", "the American Hasim Rahman"); a plural
   always after "the" is a team ("the Tar Heels"); a one-word "person" the story names as a
   body more often is that body ("Drake"); a surname no one of its article has is the
   person the story names far more often than any other of that family ("Deputy Ortiz").
3. **Across stories**, only on evidence: the same full name of a person (given and family
   name), the same distinctive organisation name.

Apart from identity, :func:`resolve` records whom an entity speaks for (:mod:`.principals`:
"Palin spokesman Bill McAllister" speaks for Sarah Palin but is not her), and
:func:`identify` gives each version its speaker's principal.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from sourcetrace.nlp.words import (
    BODY_NOUNS,
    BODY_VOICES,
    DEMONYMS,
    GENERIC_PEOPLE,
    GOVERNMENT_WORDS,
    NOT_THE_HOLDER,
    ORGANISATION_NOUNS,
    OUTLET_WORDS,
    PEOPLE_NOUNS,
    SPOKESPEOPLE,
    SUBNATIONAL,
    TITLE_ABBREVIATIONS,
    capitalised,
)
from sourcetrace.outlets import domains_in, is_web_address, outlet_key
from sourcetrace.trace.groups import group_keys, is_plural
from sourcetrace.trace.names import (
    STOP_WORDS,
    PersonName,
    given_name,
    leading_word,
    org_keys,
    person_name,
    plain,
    plain_words,
    same_person,
)
from sourcetrace.trace.principals import speaks_for
from sourcetrace.trace.records import Canonical
from sourcetrace.trace.versions import ClaimVersion

__all__ = [
    "Identities",
    "identify",
    "resolve",
    "unnamed_descriptions",
    "unrecognised_mentions",
]

PERSON = "person"
ORGANISATIONS = frozenset({"organisation", "government", "outlet", "intelligence", "country"})
#: Kinds the recogniser often gives a person's surname or a team ("Lohan" as a place,
#: "Klitschko" as a nationality): linked by their exact words within a story only.
WEAK = frozenset({"place", "group"})
DESCRIPTIONS = frozenset({"office", "other", "description"})
#: An unnamed source: linked only when it speaks for a body the story names.
ANONYMOUS = "anonymous"
STATEMENTS = frozenset({"statement", "release", "announcement"})
#: Organisation words too common to link stories by ("police" of one story is not another's).
GENERIC = frozenset({
    "police", "government", "authorities", "navy", "army", "military", "court", "council",
    "department", "office", "ministry", "parliament", "congress", "senate", "committee",
    "agency", "commission", "administration", "company", "team", "club", "party", "state",
    "union", "board", "house", "officials", "firefighters", "prosecutors",
})  # fmt: skip

#: One-word names that say too little to link two stories ("the Post", "the Times").
COMMON_NAME_WORDS = GENERIC | OUTLET_WORDS | GOVERNMENT_WORDS

Node = tuple[str, int]  # (article id, entity id within the article)


@dataclass(slots=True)
class _Node:
    key: Node
    story: int
    kind: str
    name: str
    aliases: tuple[str, ...]
    role: str | None
    mentions: int = 1
    #: The nouns its article describes it by ("champion" of "Klitschko, the champion").
    called: frozenset[str] = frozenset()
    #: Whether its article names it in title-case lines only (a headline's run of capitals).
    headline: bool = False
    #: Whether its article writes "the" before every mention ("the Tar Heels"): no person.
    after_the: bool = False


#: Whom an entity speaks for (:mod:`.principals`) and the words that say so.
Voice = tuple[Canonical, str]


@dataclass
class Identities:
    """The canonical entity of every resolved article entity, and whom those that speak for
    another entity ("Palin spokesman Bill McAllister", "her office") speak for."""

    entities: list[Canonical] = field(default_factory=list)
    _of: dict[Node, Canonical] = field(default_factory=dict)
    #: For each canonical entity (or unresolved node) that speaks for another, the principals
    #: its articles give it (each with the words that say so) and how many articles give each.
    _voices: dict[str | Node, dict[str, tuple[Voice, int]]] = field(default_factory=dict)

    def of(self, article: str, entity: int | None) -> Canonical | None:
        """The canonical entity of an article's entity (None when it is not resolved: an
        anonymous source, a place, the article's own voice)."""
        return None if entity is None else self._of.get((article, entity))

    def voice_of(self, article: str, entity: int | None) -> Voice | None:
        """Whom an article's entity speaks for, as a canonical entity, with the words that
        say so ("spokesman Bill McAllister"); None when it speaks for itself."""
        votes = None if entity is None else self._voices.get(self._speaker((article, entity)))
        if not votes:
            return None
        ranked = sorted(votes.values(), key=lambda vote: -vote[1])
        if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
            return None  # the articles disagree on whom it speaks for
        return ranked[0][0]

    def speak_for(self, speaker: Node, principal: Node, words: str) -> None:
        """Record that ``speaker`` (and every entity it is one with) speaks for ``principal``.
        Where its articles give one entity several principals, it speaks for the one they
        give at least twice as often as any other ("Her spokesman" read as the pastor's in
        one article of five), else for none."""
        canonical = self._of.get(principal)
        if canonical is None or self._of.get(speaker) is canonical:
            return
        votes = self._voices.setdefault(self._speaker(speaker), {})
        voice, count = votes.get(canonical.id, ((canonical, words), 0))
        votes[canonical.id] = (voice, count + 1)

    def _speaker(self, node: Node) -> str | Node:
        """Whose votes a node's are: its canonical entity's, else its own."""
        own = self._of.get(node)
        return own.id if own is not None else node

    def add(self, canonical: Canonical) -> None:
        self.entities.append(canonical)
        for member in canonical.members:
            self._of[member] = canonical


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _surname_kind(entity: Mapping[str, Any], families: set[str]) -> str | None:
    """An entity's kind, or a person's for a one-word place or group that is, but for a
    letter or two, the family name of a person its article names ("Brazille" as a place
    beside "Donna Brazile")."""
    kind = entity.get("kind")
    word = plain(entity["name"])
    misspelt = any(_misspelt(word, family) for family in families - {word})
    if kind in WEAK and " " not in word and entity["name"][:1].isupper() and misspelt:
        return PERSON
    return kind


def _nodes(story: int, analysis: Mapping[str, Any]) -> list[_Node]:
    out = []
    called: dict[int, set[str]] = defaultdict(set)
    text = analysis.get("text") or ""
    for description in analysis.get("descriptions", []):
        before = text[max(0, description["start"] - 12) : description["start"]].split()
        if description.get("entity") is not None and not _other_holder(before[-1:]):
            called[description["entity"]].add(description["lemma"])  # not "Vice President"
    families = {
        person_name(e["name"]).family
        for e in analysis.get("entities", [])
        if e.get("kind") == PERSON and person_name(e["name"]).full
    }
    for entity in analysis.get("entities", []):
        kind = _surname_kind(entity, families)
        statement = kind == "document" and bool(set(plain(entity["name"]).split()) & STATEMENTS)
        resolved = kind == PERSON or kind in ORGANISATIONS | DESCRIPTIONS | WEAK | {ANONYMOUS}
        if not (resolved or statement):
            continue
        if (
            kind in ORGANISATIONS
            and len(entity["name"].split()) > 1
            and not capitalised(entity["name"])
        ):
            kind = "description"  # "software maker": a description the recogniser took for a name
        name = _suffixed(entity, text)
        if kind in ORGANISATIONS | WEAK | {PERSON}:
            name = _body_name(entity, text, _without_stray_words(name))
        if kind != "outlet" and _word_for_a_person(name):
            kind, name = "description", plain(name)
        aliases = tuple(dict.fromkeys(m["text"] for m in entity.get("mentions", [])))
        out.append(
            _Node(
                (analysis["id"], entity["id"]),
                story,
                kind,
                name,
                aliases,
                entity.get("role"),
                len(entity.get("mentions", [])) or 1,
                frozenset(
                    called[entity["id"]] | _role_noun(entity.get("role")) | _titles(entity, text)
                ),
                _in_headlines(entity, text),
                _after_the(entity, text),
            )
        )
    for key, number in unnamed_descriptions(analysis).items():
        out.append(_Node((analysis["id"], number), story, "description", key, (), None))
    return out


#: Offices with one holder at the time of the story, by the noun a description of the office
#: ends in ("the president"); written as a title before a name, in full or short ("President
#: Barack Obama", "Gov. Rick Perry"), they make that person the holder.
OFFICES = frozenset({
    "president", "governor", "senator", "mayor", "sheriff", "premier", "chancellor",
    "minister", "secretary", "coach", "judge", "commissioner", "superintendent",
    "congressman", "congresswoman", "ambassador", "pope", "king", "queen",
})  # fmt: skip
OFFICE_TITLES = {
    **{w: w for w in OFFICES},
    **{short: noun for short, noun in TITLE_ABBREVIATIONS.items() if noun in OFFICES},
}


def _other_holder(before: Sequence[str]) -> bool:
    """Whether the word written before an office (the last of ``before``) makes it another
    office or another time's ("Vice President", "former President")."""
    return bool(before) and before[-1].lower().strip(".,-") in NOT_THE_HOLDER


def _role_noun(role: str | None) -> set[str]:
    """The noun a role ends in ("Jack Ketsoyan, her rep": "rep"), unless a word before it
    makes it another office or another time's ("Vice President", "former president")."""
    words = re.findall(r"[a-z]+", plain(role or ""))
    return {words[-1]} if words and not _other_holder(words[:-1]) else set()


def _titles(entity: Mapping[str, Any], text: str) -> set[str]:
    """The offices an article gives a person by a title before the name ("President Barack
    Obama", "Gov. Rick Perry", "Sheriff Dale Knight"), as the nouns a description of the office
    ends in: "the president" or "the governor" of another article of the story is that person
    (:func:`_link_called`), the holder at the story's time. Not "Vice President" nor "former
    President"."""
    if entity.get("kind") != PERSON:
        return set()
    found = set()
    for mention in entity.get("mentions", []):
        if mention.get("start") is None:
            continue
        before = text[max(0, mention["start"] - 40) : mention["start"]].split()[-2:]
        inside = mention["text"].split()[:-1]  # a title the recogniser took into the name
        words = before + inside
        for n in range(max(len(before) - 1, 0), len(words)):
            word = words[n].rstrip(".").lower()
            office = OFFICE_TITLES.get(word)
            if office is None or not words[n][:1].isupper() or _other_holder(words[:n]):
                continue
            if office != word or not words[n].endswith("."):  # not "the President. Obama"
                found.add(office)
    return found


def _after_the(entity: Mapping[str, Any], text: str) -> bool:
    """Whether every mention of an entity is "the" and its name ("the Bulldogs")."""
    mentions = entity.get("mentions", [])
    return bool(mentions) and all(
        m["text"].lower().startswith("the ")
        or ("start" in m and text[max(0, m["start"] - 4) : m["start"]].lower() == "the ")
        for m in mentions
    )


def _in_headlines(entity: Mapping[str, Any], text: str) -> bool:
    """Whether every mention of an entity lies in a headline (:func:`_headline_line`)."""
    starts = [m["start"] for m in entity.get("mentions", []) if "start" in m]
    return bool(starts) and all(_headline_line(text, start) for start in starts)


def _headline_line(text: str, start: int) -> bool:
    """Whether the line around ``start`` is a title-case line of three words or more, whose
    words of four letters or more are all capitalised but for prepositions and auxiliaries
    ("Lohan Checks into Betty Ford")."""
    end = text.find("\n", start)
    line = text[text.rfind("\n", 0, start) + 1 : end if end >= 0 else len(text)]
    words = re.findall(r"[^\W\d_]+", line)
    long = [w for w in words if len(w) > 3 and w.lower() not in _HEADLINE_WORDS]
    return len(words) >= 3 and all(w[0].isupper() for w in long)


#: Pieces of a contraction the tokeniser leaves after a name ("Ross doesn ’ t").
_CONTRACTED = frozenset({
    "doesn", "didn", "isn", "wasn", "hasn", "haven", "hadn", "can", "won", "couldn", "wouldn",
    "shouldn", "aren", "weren",
})  # fmt: skip


def _without_stray_words(name: str) -> str:
    """A name without the small words the recogniser ran it on with ("Thompson in" of
    "Thompson in Berne", "Ross doesn" of "Ross doesn't"): prepositions, auxiliaries and
    pieces of contractions in lower case, and a score ("Evansville 51 - 50")."""
    words = name.split()
    while len(words) > 1 and (
        (words[-1].islower() and words[-1] in _HEADLINE_WORDS | _CONTRACTED)
        or re.fullmatch(r"[\d\-–]+", words[-1])
    ):
        words.pop()
    return " ".join(words)


#: Endings of the verb a headline puts before a name ("Flips Bush", "Stunning Williams").
_VERB_ENDINGS = ("s", "ed", "ing")


def _body_name(entity: Mapping[str, Any], text: str, name: str) -> str:
    """The name an article gives an entity in its body where the recogniser ran a headline's
    verb into its name: "Bush" for "Flips Bush" of "Administration Flips Bush Ruling" when the
    article writes "Bush" outside headlines too; not "Pelosi" for "Nancy Pelosi", whose first
    word is a given name, not a verb."""
    mentions = [m for m in entity.get("mentions", []) if "start" in m]
    body = {m["text"] for m in mentions if not _headline_line(text, m["start"])}
    first = plain(name.split()[0]) if name.split() else ""
    verb = first.endswith(_VERB_ENDINGS) and not given_name(first)
    if name in body or not verb:
        return name
    words = name.split()
    tails = (" ".join(words[-size:]) for size in range(len(words) - 1, 0, -1))
    return next((tail for tail in tails if tail in body), name)


#: Words a headline puts after a name that no name goes on with ("Ross Doesn't", "Thompson
#: In", a score): prepositions and auxiliaries.
_HEADLINE_WORDS = frozenset({
    "in", "into", "on", "at", "to", "for", "with", "over", "after", "from", "by", "as", "out",
    "is", "was", "has", "will", "doesnt", "dont", "cant", "wont", "isnt", "wasnt",
})  # fmt: skip
_NOUNS = PEOPLE_NOUNS | BODY_NOUNS | GENERIC | ORGANISATION_NOUNS | COMMON_NAME_WORDS


def _headline_words(rest: Sequence[str], names: set[str]) -> bool:
    """Whether the words after a name in a headline are no part of it: none before the first
    preposition or auxiliary is a name of the story ("Obama Reverses Bush on Species"; not
    "Lohan Checks Into Court"), and the first is no noun for people or bodies ("Obama
    Administration") but a number, a preposition or auxiliary, or a verb in -s ("Checks",
    "Returns")."""
    verb = itertools.takewhile(lambda w: w not in _HEADLINE_WORDS, rest)
    if not rest or any(w in names for w in verb):
        return False
    first = rest[0]
    if first in _NOUNS or first[:-1] in _NOUNS:
        return False
    return first.isdigit() or first in _HEADLINE_WORDS or (len(first) > 3 and first[-1] == "s")


def _trim_headlines(nodes: Sequence[_Node]) -> None:
    """A headline's run of capitals that starts with a name of the story and goes on with
    words that are no name ("Obama Overturns", "Lindsay Lohan Checks Into Rehab", "Creighton
    Returns") is that name, of the kind the story gives it; a surname is a person's."""
    known = _known_names(nodes)
    names = {w for words in known for w in words}
    for node in nodes:
        words = plain(node.name).split()
        if not node.headline or node.kind not in ORGANISATIONS | WEAK | {PERSON}:
            continue
        for size in range(len(words) - 1, 0, -1):
            head = tuple(words[:size])
            if head in known and _headline_words(words[size:], names):
                node.kind = known[head].kind
                node.name = " ".join(head).title() if node.kind == PERSON else known[head].name
                break


def _known_names(nodes: Sequence[_Node]) -> dict[tuple[str, ...], _Node]:
    """The story's names outside headlines (plain words), and the family names of its
    people's full names, each with the first node that has it."""
    known: dict[tuple[str, ...], _Node] = {}
    for node in nodes:
        if node.headline or node.kind not in ORGANISATIONS | WEAK | {PERSON}:
            continue
        known.setdefault(tuple(plain(node.name).split()), node)
        name = person_name(node.name)
        if node.kind == PERSON and name.full:
            known.setdefault((name.family,), node)
    return known


def _trim_verbs(nodes: Sequence[_Node]) -> None:
    """A person's name that is a verb or adjective run into a person's name of the story at
    the start of a line or sentence ("Stunning Williams quickly achieved ...") is that name;
    never a given name ("Louis Gigante" beside "Gigante")."""
    known = {words: n for words, n in _known_names(nodes).items() if n.kind == PERSON}
    for node in nodes:
        words = plain(node.name).split()
        verb = len(words) > 1 and words[0].endswith(_VERB_ENDINGS) and not given_name(words[0])
        if node.kind == PERSON and verb and tuple(words[1:]) in known:
            node.name = " ".join(node.name.split()[1:])


def _word_for_a_person(name: str) -> bool:
    """Whether a name is one capitalised word for a kind of person ("Actress", "Killer" of a
    headline or a sentence's start): a description, not a name. Words that say too little
    ("Man", "People", which is also a magazine) stay what the recogniser made them."""
    word = plain(name)
    return name[:1].isupper() and word in PEOPLE_NOUNS and word not in GENERIC_PEOPLE


#: A generation suffix written after a name (", Jr.", " III").
_SUFFIX_AFTER = re.compile(r",?\s+(Jr|Sr|II|III|IV)\b\.?")


def _suffixed(entity: Mapping[str, Any], text: str) -> str:
    """A person's name with the generation suffix its article writes after it: "Arcade
    Comeaux Jr." where the recogniser kept "Arcade Comeaux" of "Arcade Comeaux, Jr."; the son
    is not his father."""
    name = entity["name"]
    if entity.get("kind") != PERSON or not person_name(name).full or person_name(name).junior:
        return name
    for mention in entity.get("mentions", []):
        suffix = _SUFFIX_AFTER.match(text, mention.get("end", len(text)))
        if mention["text"] == name and suffix:
            return f"{name} {suffix[1]}."
    return name


def _described_sources(analysis: Mapping[str, Any]) -> list[tuple[int, int]]:
    """(entity, entity it describes) where a source phrase the analysis keeps as an entity of
    its own ("the company") holds a description tied to a named entity (France Telecom); a
    phrase that names several ("police and prosecutors", "prosecutors") is never one person."""
    spans = [
        (m["start"], m["end"], e["id"])
        for e in analysis.get("entities", [])
        if e.get("kind") in DESCRIPTIONS | ORGANISATIONS | {"document"}
        for m in e.get("mentions", [])
        if "start" in m
    ]
    people = {e["id"] for e in analysis.get("entities", []) if e.get("kind") == PERSON}
    text = analysis.get("text", "")
    out = []
    for description in analysis.get("descriptions", []):
        described = description.get("entity")
        if described is None:
            continue
        for start, end, entity in spans:
            if start <= description["start"] and description["end"] <= end and entity != described:
                several = is_plural(text, description)
                if described in people and (several or _coordinated(text[start:end])):
                    continue
                out.append((entity, described))
    return out


def _coordinated(phrase: str) -> bool:
    """Whether a phrase joins several ("police and prosecutors"): a group, never one person."""
    return bool(re.search(r"\s(?:and|or)\s|&", phrase))


def unnamed_descriptions(analysis: Mapping[str, Any]) -> dict[str, int]:
    """The node number of each unnamed description of an article, by its key ("man",
    "man#2"), numbered -1, -2, ... in order of first use (entity ids are not negative)."""
    numbers: dict[str, int] = {}
    for description in analysis.get("descriptions", []):
        if description.get("entity") is None:
            numbers.setdefault(description["key"], -1 - len(numbers))
    return numbers


#: Prepositions after which a phrase's head noun is done ("friend of the actress": "friend").
_AFTER_HEAD = frozenset({"of", "for", "at", "with", "from", "in"})


def _head(phrase: str | None) -> str:
    """The noun a description or role ends in, before any prepositional phrase."""
    words = re.findall(r"[a-z]+", plain(phrase or ""))
    words = list(itertools.takewhile(lambda w: w not in _AFTER_HEAD, words)) or words
    return words[-1] if words else ""


def _link_roles(nodes: Sequence[_Node], union: _Union) -> None:
    """A description is the one person of its article whose role ends in the same noun."""
    by_article: dict[str, list[_Node]] = defaultdict(list)
    for node in nodes:
        by_article[node.key[0]].append(node)
    for members in by_article.values():
        roles: dict[str, list[_Node]] = defaultdict(list)
        for node in members:
            if node.kind == PERSON and node.role:
                roles[_head(node.role)].append(node)
        for node in members:
            if node.kind in DESCRIPTIONS:
                people = roles.get(_head(node.name), [])
                if len(people) == 1:
                    union.union(node.key, people[0].key)


def _person_names(people: Sequence[_Node]) -> dict[Node, PersonName]:
    """Each person's parsed name; a longer name that holds another person's full name
    ("Lindsay Lohan Checks Into Rehab" from a headline, "Colts QB Andrew Luck") is that name."""
    names = {n.key: person_name(n.name) for n in people}
    full = {" ".join(plain(n.name).split()): n.key for n in people if names[n.key].full}
    for node in people:
        words = plain(node.name).split()
        if names[node.key].junior:
            continue  # "Donald Trump Jr." holds "Donald Trump" but is not him
        for size in range(len(words) - 1, 1, -1):
            inside = [
                (i, full[" ".join(words[i : i + size])])
                for i in range(len(words) - size + 1)
                if " ".join(words[i : i + size]) in full
            ]
            if inside:
                i, inner = inside[0]
                if not _own_name(words[i + size :], full):
                    names[node.key] = names[inner]
                break
    return names


def _own_name(rest: Sequence[str], full: Mapping[str, Node]) -> bool:
    """Whether the words after another person's full name inside a name make it a name of
    its own: they are a person's full name, or the family name of a person named by two
    words ("Luis Gerardo Jerry Ortiz" beside "Jerry Ortiz" and "Luis Gerardo"; not "Lindsay
    Lohan Checks Into Rehab" beside "Betty Ford Rehab")."""
    families = {person_name(name).family for name in full if len(name.split()) == 2}
    return " ".join(rest) in full or (len(rest) == 1 and rest[0] in families)


#: How alike (rapidfuzz ratio) a one-word name must be to a family name to be its misspelling.
SPELLING = 88


def _misspelt(word: str, family: str) -> bool:
    """A one-word name that is a family name misspelt ("Klitchsko", "Brazille"): long
    enough, the same first letter, nearly the same letters."""
    return (
        len(word) > 5
        and len(family) > 5
        and word[0] == family[0]
        and fuzz.ratio(word, family) >= SPELLING
    )


#: How many times as many mentions in the story as any other person of the same family name
#: a person needs to be the one a surname stands for in an article that names none of them.
STORY_SHARE = 3


def _in_article(node: _Node, groups: list[list[tuple[_Node, PersonName]]]) -> list:
    """Of several people a surname could be: the father rather than a son named after him
    ("Trump" beside "Donald J. Trump" and "Donald Trump Jr."); else the one its own article
    names (when it names one only), or names at least twice as often as any other; in an
    article that names none of them, the one the story names :data:`STORY_SHARE` times as
    often as any other ("Deputy Ortiz" is the slain deputy Jerry Ortiz, not his mother)."""
    seniors = [g for g in groups if not any(name.junior for _, name in g)]
    if len(seniors) == 1 and len(groups) == 2:
        return seniors
    article = node.key[0]
    counts = sorted(
        ((sum(n.mentions for n, _ in g if n.key[0] == article), i) for i, g in enumerate(groups)),
        reverse=True,
    )
    named = [(c, i) for c, i in counts if c]
    if len(named) == 1 or (len(named) > 1 and named[0][0] >= 2 * named[1][0]):
        return [groups[named[0][1]]]
    if named:
        return groups
    story = sorted(((sum(n.mentions for n, _ in g), i) for i, g in enumerate(groups)), reverse=True)
    if story[0][0] >= STORY_SHARE * story[1][0]:
        return [groups[story[0][1]]]
    return groups


def _link_people(nodes: Sequence[_Node], union: _Union) -> None:
    """People of one story by name; each full name joins the first group it agrees with
    entirely, so "Paul Ryan" and "Peter Ryan" never meet through "P. Ryan". A one-word name
    (also one the recogniser took for a place, a group or an organisation) joins the one
    group whose family name it is (else whose given name it is), and stays apart when two
    groups could have it."""
    people = [n for n in nodes if n.kind == PERSON]
    names = _person_names(people)
    groups: list[list[tuple[_Node, PersonName]]] = []
    for node in sorted(
        (p for p in people if names[p.key].full),
        key=lambda p: -len(names[p.key].given + names[p.key].middle),
    ):
        name = names[node.key]
        for group in groups:
            if all(same_person(name, other) for _, other in group):
                group.append((node, name))
                break
        else:
            groups.append([(node, name)])
    full_names = {" ".join(plain(n.name).split()): g for g in groups for n, _ in g}
    singles: dict[str, list[_Node]] = defaultdict(list)
    for node in nodes:
        group = full_names.get(" ".join(plain(node.name).split()))
        if node.kind != PERSON and group is not None:  # "Wladimir Klitschko" as a place
            group.append((node, names.get(node.key) or person_name(node.name)))
            continue
        if node.kind == PERSON:
            if names[node.key].full:
                continue
            name = names[node.key]
        elif (node.kind in WEAK | ORGANISATIONS or node.kind == "other") and " " not in plain(
            node.name
        ):  # a surname the recogniser took for something else ("Timmons")
            if node.kind == "other" and not node.name[:1].isupper():
                continue
            name = PersonName("", "", plain(node.name), "")
        else:
            continue
        word = name.single or name.family
        by_family = [g for g in groups if any(word == o.family for _, o in g)]
        by_given = [g for g in groups if any(word in o.called for _, o in g)]
        matches = by_family or (by_given if node.kind == PERSON and not name.family else [])
        if not matches and node.kind == PERSON:
            matches = [g for g in groups if any(_misspelt(word, o.family) for _, o in g)]
        if len(matches) > 1:
            matches = _in_article(node, matches)
        if len(matches) == 1:
            matches[0].append((node, name))
        elif not matches and node.kind == PERSON:
            singles[word].append(node)
    for group in groups:
        for node, _ in group[1:]:
            union.union(group[0][0].key, node.key)
    for same in singles.values():
        for node in same[1:]:
            union.union(same[0].key, node.key)


def _link_acronyms(orgs: Sequence[_Node], union: _Union) -> None:
    """A name in capitals ("EC") is the one organisation of the story whose words it is the
    initials of ("European Commission")."""
    initials: dict[str, list[_Node]] = defaultdict(list)
    for node in orgs:
        words = [w for w in plain(node.name).split() if w not in STOP_WORDS]
        if len(words) > 1:
            initials["".join(w[0] for w in words)].append(node)
    for node in orgs:
        name = node.name.strip().replace(".", "")
        if 1 < len(name) < 7 and name.isalpha() and name.isupper():
            owners = {union.find(n.key) for n in initials.get(name.lower(), [])}
            if len(owners) == 1:
                union.union(owners.pop(), node.key)


def _link_organisations(nodes: Sequence[_Node], union: _Union) -> None:
    """Organisations of one story by shared keys, or when one name is the other's last
    words."""
    orgs = [n for n in nodes if n.kind in ORGANISATIONS | WEAK]
    by_key: dict[str, _Node] = {}
    for node in orgs:
        keys = set(org_keys(node.name)) | _alias_names(node)
        if node.kind == "outlet" or is_web_address(node.name):  # "FOX", "foxnews.com"
            keys.add("outlet:" + outlet_key(node.name))
        for key in keys:
            if key in by_key:
                union.union(by_key[key].key, node.key)
            else:
                by_key[key] = node
    _link_acronyms(orgs, union)
    words = {n.key: plain(n.name).split() for n in orgs}
    runs = [n for n in nodes if n.kind == PERSON and len(plain(n.name).split()) > 2]
    # words that name something else of the story: a run that holds one is no one's name
    named = set(by_key) | {person_name(n.name).family for n in nodes if n.kind == PERSON}
    for node in [*orgs, *runs]:  # a headline's run of capitals that starts with a known name
        name = words.get(node.key) or plain(node.name).split()
        for size in range(len(name) - 1, 0, -1):
            known = by_key.get(" ".join(name[:size]))
            if (
                len(name) > 2
                and known is not None
                and known.key != node.key
                and known.kind not in WEAK
                and not set(name[size:]) & named
            ):
                union.union(known.key, node.key)
                break
    others = {k for k, n in by_key.items() if n.kind not in WEAK} | {
        person_name(n.name).family for n in nodes if n.kind == PERSON
    }
    for a in orgs:
        for b in orgs:
            wa, wb = words[a.key], words[b.key]
            if (
                a.kind not in WEAK
                and b.kind not in WEAK
                and 0 < len(wa) < len(wb)
                and wb[-len(wa) :] == wa
                and wa[-1] not in GENERIC
                and not set(wb[: -len(wa)]) & others  # "Colts Beat Chiefs" is not the Chiefs
            ):
                union.union(a.key, b.key)


def _alias_names(node: _Node) -> set[str]:
    """The keys of the other full names its article calls an organisation by, of two words
    or more ("Kraft Foods" of an entity named after a headline's "Krafts Food"); no initials."""
    if node.kind in WEAK or node.kind == "outlet":
        return set()
    return {
        key
        for alias in node.aliases
        if len(plain_words(alias)) > 1 and capitalised(alias)
        for key in org_keys(alias)
        if " " in key
    }


def _nickname(word: str) -> bool:
    """Whether a plain word can be a team's nickname ("colts", "bluejays"): a plural that is
    no common word for a body ("times", "officials")."""
    plural = len(word) > 3 and word.endswith("s") and not word.endswith("ss")
    return plural and word not in COMMON_NAME_WORDS


def _retype_place_teams(nodes: Sequence[_Node]) -> None:
    """A place named by a town of the story and a nickname the story also uses alone
    ("Jacksonville Jaguars" beside "Jacksonville" and "the Jaguars") is a team."""
    towns = {plain(n.name) for n in nodes if n.kind in WEAK - {"group"}}
    alone = _nicknames_alone(nodes)
    for node in nodes:
        words = plain(node.name).split()
        team = len(words) > 1 and words[-1] in alone and " ".join(words[:-1]) in towns
        if node.kind == "place" and team:
            node.kind = "organisation"


def _retype_teams(nodes: Sequence[_Node]) -> None:
    """Teams the recogniser took for people, made organisations: a name whose first word is
    a one-word organisation of the story and whose last is a nickname the story also uses
    alone ("Drake Bulldogs", a headline's "Colts Beat Chiefs"), and a one-word nickname that
    no person of the story has but a team of the story is called by ("Colts" of
    "Indianapolis Colts"; not "Richards" of any organisation that ends with it)."""
    organisations = [n for n in nodes if n.kind == "organisation"]
    firsts = {plain(n.name) for n in organisations if " " not in plain(n.name)}
    alone = _nicknames_alone(nodes)
    families: dict[str, set[str]] = defaultdict(set)  # family -> the names that have it
    for node in nodes:
        if node.kind == PERSON:
            families[person_name(node.name).family].add(plain(node.name))
    for node in nodes:
        words = plain(node.name).split()
        if (
            node.kind == PERSON
            and len(words) > 1
            and words[0] in firsts
            and words[-1] in alone
            and len(families[person_name(node.name).family]) < 2
        ):
            node.kind = "organisation"
    called = {
        word
        for n in nodes
        if n.kind == PERSON and (name := person_name(n.name)).full
        for word in (name.family, *name.called)
    }
    towns = {plain(n.name) for n in nodes if n.kind in WEAK - {"group"}} | firsts
    endings = {
        words[-1]
        for n in organisations
        if len(words := plain(n.name).split()) > 1 and " ".join(words[:-1]) in towns
    }
    for node in nodes:
        word = plain(node.name)
        if node.kind == PERSON and _nickname(word) and word in endings - called:
            node.kind = "organisation"


def _retype_people(nodes: Sequence[_Node]) -> None:
    """A name the recogniser took for a body that is a person's full name of the story after
    roles or a nationality ("the American Hasim Rahman", "Secretary of the Interior Ken
    Salazar" as "Interior Ken Salazar") is that person's."""
    full = {
        " ".join(plain(n.name).split())
        for n in nodes
        if n.kind == PERSON and person_name(n.name).full
    }
    for node in nodes:
        words = node.name.split()
        if node.kind not in ORGANISATIONS | WEAK:
            continue
        for start in range(1, len(words) - 1):
            if not leading_word(words[start - 1]):
                break
            if plain(" ".join(words[start:])) in full:
                node.kind, node.name = PERSON, " ".join(words[start:])
                break


def _retype_plural_names(nodes: Sequence[_Node]) -> None:
    """A person's name that its article always writes after "the" and that ends in a
    nickname ("the Tar Heels", "the Bulldogs") is a team's, when no person of the story has
    that family name."""
    families = {person_name(n.name).family for n in nodes if n.kind == PERSON and not n.after_the}
    for node in nodes:
        words = plain_words(node.name)
        plural = bool(words) and _nickname(words[-1]) and words[-1] not in families
        if node.kind == PERSON and node.after_the and plural:
            node.kind = "organisation"


def _retype_one_word_people(nodes: Sequence[_Node]) -> None:
    """A one-word person's name that no full name of the story holds and that the story
    names a body or place by more often ("Drake" as a person beside the school "Drake") is
    that body's or place's."""
    called = {
        word
        for n in nodes
        if n.kind == PERSON and (name := person_name(n.name)).full
        for word in (name.family, *name.called)
    }
    people: Counter[str] = Counter()
    bodies: dict[str, Counter[str]] = defaultdict(Counter)
    for node in nodes:
        words = plain_words(node.name)
        if len(words) == 1 and node.kind == PERSON:
            people[words[0]] += node.mentions
        elif len(words) == 1 and node.kind in ORGANISATIONS | WEAK:
            bodies[words[0]][node.kind] += node.mentions
    for node in nodes:
        words = plain_words(node.name)
        if node.kind != PERSON or len(words) != 1 or words[0] in called:
            continue
        kinds = bodies.get(words[0])
        if kinds and kinds.total() > people[words[0]]:
            node.kind = kinds.most_common(1)[0][0]


def _nicknames_alone(nodes: Sequence[_Node]) -> set[str]:
    """The one-word names the story uses alone that can be a team's nickname: plurals that
    are no people's or party's name (a group: "Armenians", "Democrats")."""
    return {
        word for n in nodes if n.kind != "group" and _nickname(word := _without_article(n.name))
    }


def _without_article(name: str) -> str:
    return " ".join(plain_words(name))


def _link_teams(nodes: Sequence[_Node], union: _Union) -> None:
    """A place or organisation is the team named by it and a nickname ("Creighton" of the
    "Creighton Bluejays", "Kansas City" of the "Kansas City Chiefs") when the story names one
    such team, and by its nickname alone as well ("the Bluejays": a story about the team,
    not one about the town that names its team once); so is its nickname alone ("the
    Bulldogs" of the "Drake Bulldogs")."""
    alone = _nicknames_alone(nodes)
    towns = {_without_article(n.name) for n in nodes if n.kind in {"place", "organisation"}}
    teams: dict[str, set[Node]] = defaultdict(set)
    for node in nodes:
        words = plain(node.name).split()
        if node.kind == "organisation" and len(words) > 1 and words[-1] in alone:
            town = _without_article(" ".join(words[:-1]))
            teams[town].add(union.find(node.key))
            if town in towns:  # not a headline's "Herons Sink Falcons"
                teams[words[-1]].add(union.find(node.key))
    for town, team in _teams_named_alone(nodes):
        teams[town].add(union.find(team.key))
    for node in nodes:
        if node.kind in {"place", "organisation"}:
            owners = {union.find(k) for k in teams.get(_without_article(node.name), ())}
            if len(owners) == 1:
                union.union(owners.pop(), node.key)


def _teams_named_alone(nodes: Sequence[_Node]) -> Iterable[tuple[str, _Node]]:
    """(town, team) for each organisation named by a place of the story and a name the story
    also uses alone for an organisation ("Boston Red Sox" beside "Boston" and "Red Sox"); not
    a name of common words ("Boston Police Department" beside "Police Department")."""
    places = {plain(n.name) for n in nodes if n.kind == "place"}
    alone = {_without_article(n.name) for n in nodes if n.kind == "organisation"}
    for node in nodes:
        words = plain_words(node.name)
        if node.kind != "organisation" or len(words) < 2 or words[-1] in COMMON_NAME_WORDS:
            continue
        for size in range(1, len(words)):
            rest = words[size:]
            town = " ".join(words[:size])
            if town in places and " ".join(rest) in alone and not _common_words(rest):
                yield town, node


def _link_descriptions(nodes: Sequence[_Node], groups: Mapping[Node, str], union: _Union) -> None:
    """The same description in two articles of a story ("the fire chief") is one entity;
    a group that another word stands for (``groups``: "officers" for the police) is linked
    by :func:`_link_groups`, not with one person of its own word ("the officer")."""
    by_words: dict[str, _Node] = {}
    for node in nodes:
        if node.kind in DESCRIPTIONS and groups.get(node.key, node.name) == node.name:
            key = _without_article(node.name)
            if key in by_words:
                union.union(by_words[key].key, node.key)
            else:
                by_words[key] = node


def _named_people(nodes: Sequence[_Node], union: _Union) -> set[Node]:
    """The roots of the entities that hold a named person."""
    return {union.find(n.key) for n in nodes if n.kind == PERSON}


#: How many times as many of a story's articles must describe one entity by a noun as describe
#: any other by it, for the noun's unnamed descriptions to be that entity.
CALLED_DOMINANCE = 2


def _link_called(nodes: Sequence[_Node], union: _Union) -> None:
    """An unnamed description ("the champion") is the entity of the story that its articles
    describe by that noun ("Klitschko, the champion"): the only one, or, for a word for a
    person, the one that ``CALLED_DOMINANCE`` times as many articles describe so as any other
    (one article's slip, "Klitschko, who was the challenger", does not stop the rest; a body
    that articles took for "the administration" does not outvote the rest); never for words that
    say too little ("the man"), nor for a second referent of its article ("another
    champion")."""
    by_noun: dict[str, dict[Node, set[str]]] = defaultdict(lambda: defaultdict(set))
    for node in nodes:
        for noun in node.called:
            if noun and noun not in GENERIC_PEOPLE:
                by_noun[noun][union.find(node.key)].add(node.key[0])
    named = _named_people(nodes, union)
    for node in nodes:
        if node.kind in DESCRIPTIONS and "#" not in node.name:  # also "Reid's rep" as a source
            if union.find(node.key) in named:
                continue  # another rule made it a named person already
            noun = _head(node.name)
            articles: dict[Node, set[str]] = defaultdict(set)  # by the entity as it is now
            for key, where in by_noun.get(noun, {}).items():
                articles[union.find(key)] |= where
            ranked = Counter({k: len(v) for k, v in articles.items()}).most_common(2)
            one = len(ranked) == 1
            dominant = len(ranked) == 2 and ranked[0][1] >= CALLED_DOMINANCE * ranked[1][1]
            if one or (noun in PEOPLE_NOUNS and dominant):
                union.union(ranked[0][0], node.key)
                if ranked[0][0] in named:
                    named.add(union.find(node.key))


def _link_bodies(nodes: Sequence[_Node], union: _Union) -> None:
    """A body called by common words is the one body of the story they name (of several, the
    one its own article names): "police" or "State police" the body whose name ends so
    ("Oregon State Police"), "the company" the one company, "the Egyptian ministry" the
    ministry named with Egypt; those who speak for a named body ("a Surrey Police
    spokeswoman", "Orange officials", "a statement from Waitrose") speak as that body."""
    bodies = [n for n in nodes if n.kind in ORGANISATIONS]
    for node in nodes:
        named = {union.find(b.key) for b in _bodies_named(node, bodies, nodes) if b is not node}
        if union.find(node.key) in named:
            continue
        if len(named) > 1:  # the one its own article names
            named = {union.find(b.key) for b in bodies if b.key[0] == node.key[0]} & named
        if len(named) == 1:
            union.union(named.pop(), node.key)


def _group_words(analyses: Iterable[Mapping[str, Any]]) -> dict[Node, str]:
    """The word each node of the articles that is an unnamed group or body is called by
    (:func:`.groups.group_keys`)."""
    return {
        (analysis["id"], number): word
        for analysis in analyses
        for number, word in group_keys(analysis, unnamed_descriptions(analysis)).items()
    }


def _link_groups(nodes: Sequence[_Node], groups: Mapping[Node, str], union: _Union) -> None:
    """Unnamed groups and bodies of a story called by one word (``groups``: "police", "the
    cops", "officers") are one, and the one body the story names with that word last
    ("Surrey Police") or that an entity named by the word is (:func:`_link_bodies`: "the
    company" is France Telecom). A node another rule made a person or a named body ("the
    authorities" taken for the company the article names most) keeps to it; a word whose
    entities are two named bodies ("the company" of one article is France Telecom, of another
    Vodafone) joins nothing."""
    named = {
        union.find(n.key)
        for n in nodes
        if n.kind in ORGANISATIONS and not _common_words(plain_words(n.name))
    }
    people = {union.find(n.key) for n in nodes if n.kind == PERSON}
    called: dict[str, list[_Node]] = defaultdict(list)
    for node in nodes:
        if node.key in groups and union.find(node.key) not in people:
            called[groups[node.key]].append(node)
    for word, members in called.items():
        bodies = {union.find(m.key) for m in members if m.kind in ORGANISATIONS} & named
        ending = {
            union.find(n.key)
            for n in nodes
            if n.kind in ORGANISATIONS and plain_words(n.name)[-1:] == [word]
        } & named
        bodies = bodies or ending
        if len(bodies) > 1:
            continue
        free = [m for m in members if union.find(m.key) in bodies or union.find(m.key) not in named]
        for node in free[1:]:
            union.union(free[0].key, node.key)
        if bodies and free:
            union.union(bodies.pop(), free[0].key)


def _bodies_named(node: _Node, bodies: Sequence[_Node], nodes: Sequence[_Node]) -> list[_Node]:
    """The bodies of the story a node's words may stand for (see :func:`_link_bodies`)."""
    words = plain_words(node.name)
    if not words or node.kind == PERSON:
        return []
    named = [b for b in bodies if len(plain(b.name).split()) > 1]
    if _common_body(words) and (
        node.kind in ORGANISATIONS or (node.kind in DESCRIPTIONS and len(words) > 1)
    ):  # "the state police" as a description: not an unnamed one ("police", "police#2")
        ending = [b for b in named if _ends_with(plain(b.name).split(), words)]
        if ending or words != [words[0]] or words[0] not in ORGANISATION_NOUNS:
            return ending
        return [b for b in named if b.kind == "organisation"]  # "the company", "the firm"
    initials = _INITIALS_BODY.fullmatch(node.name.strip())
    if node.kind in ORGANISATIONS and initials:  # "the D.A.'s office"
        letters = initials[1].replace(".", "").lower()
        tail = plain(initials[2]).split()
        return [b for b in named if _spelt_out(plain(b.name).split(), letters, tail)]
    if node.kind in ORGANISATIONS | DESCRIPTIONS | WEAK and words[0] in DEMONYMS:
        return [b for b in named if _of_country(b, words)]
    if words[-1] in BODY_VOICES and len(words) > 1 and not _common_words(words[:-1]):
        # "Orange officials"; not "a company official", whose company is not said
        voiced = [n for n in nodes if n.kind in ORGANISATIONS | WEAK and n.key != node.key]
        return [b for b in voiced if plain(b.name).split() == words[:-1]]
    if (node.kind == ANONYMOUS and set(words) & SPOKESPEOPLE) or (
        node.kind == "document" and set(words) & STATEMENTS
    ):
        text = " " + " ".join(words) + " "
        return [b for b in named if f" {plain(b.name)} " in text]
    return []


#: A body named by initials and its own words ("the D.A.'s office", "the DA office").
_INITIALS_BODY = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z]\.?){2,5})(?:['’]s)?\s+([a-z][a-z\s]*)")


def _spelt_out(words: Sequence[str], letters: str, tail: Sequence[str]) -> bool:
    """Whether a body's name ends with ``tail`` after words with those initials ("Bristol
    District Attorney's office" for "the D.A.'s office")."""
    size = len(letters) + len(tail)
    if not tail or len(words) < size or list(words[-len(tail) :]) != list(tail):
        return False
    return "".join(w[0] for w in words[-size : -len(tail)]) == letters


def _common_words(words: Sequence[str]) -> bool:
    """Whether words are only common words for a body ("company", "state police"), no name."""
    return all(w in GENERIC or w in SUBNATIONAL or w in ORGANISATION_NOUNS for w in words)


def _common_body(words: Sequence[str]) -> bool:
    """Whether words call a body by common words alone ("police", "the state police")."""
    return words[-1] in GENERIC and all(w in GENERIC or w in SUBNATIONAL for w in words)


def _ends_with(words: Sequence[str], tail: Sequence[str]) -> bool:
    return len(words) > len(tail) and list(words[-len(tail) :]) == list(tail)


def _of_country(body: _Node, words: Sequence[str]) -> bool:
    """Whether a body is the one "<demonym> <noun>" names: named with the demonym's country
    (or the demonym) and by the same noun, or any company for a word for a company ("the
    French firm" and France Telecom)."""
    country = DEMONYMS[words[0]]
    name = " " + plain(body.name) + " "
    holds = any(f" {w} " in name for w in (country, country + "s", words[0]))
    if not holds or body.kind == "country" or plain(body.name) == country:
        return False
    if words[-1] in ORGANISATION_NOUNS:
        return body.kind == "organisation"
    return plain(body.name).split()[-1] == words[-1]


def _evidence(node: _Node) -> str | None:
    """What links an entity across stories: a person's full name, an organisation's name of
    several words that are not all common words."""
    if node.kind == PERSON:
        name = person_name(node.name)
        junior = " jr" if name.junior else ""
        return f"person:{name.given} {name.family}{junior}" if name.full else None
    if node.kind in ORGANISATIONS:
        words = plain_words(node.name)
        single = len(words) == 1 and node.name[:1].isupper() and words[0] not in COMMON_NAME_WORDS
        if words and not set(words) <= GENERIC and (len(words) > 1 or single):
            return "org:" + " ".join(words)
    return None


def resolve(stories: Iterable[Sequence[Mapping[str, Any]]]) -> Identities:
    """Canonical entities of the articles' entities; ``stories`` holds each story's article
    analyses (``ArticleAnalysis.to_dict()`` form)."""
    union = _Union()
    every: list[_Node] = []
    analysed: list[Mapping[str, Any]] = []
    for number, analyses in enumerate(stories):
        analysed.extend(analyses)
        nodes = [n for a in analyses for n in _nodes(number, a)]
        every.extend(nodes)
        for node in nodes:
            union.find(node.key)
        for analysis in analyses:
            for a, b in _described_sources(analysis):
                union.union((analysis["id"], a), (analysis["id"], b))
        groups = _group_words(analyses)
        _trim_headlines(nodes)
        _trim_verbs(nodes)
        _retype_place_teams(nodes)
        _retype_teams(nodes)
        _retype_people(nodes)
        _retype_plural_names(nodes)
        _retype_one_word_people(nodes)
        _link_roles(nodes, union)
        _link_people(nodes, union)
        _link_organisations(nodes, union)
        _link_teams(nodes, union)
        _link_descriptions(nodes, groups, union)
        _link_bodies(nodes, union)
        _link_called(nodes, union)
        _link_groups(nodes, groups, union)
    seen: dict[str, Node] = {}
    for node in every:
        evidence = _evidence(node)
        if evidence is None:
            continue
        if evidence in seen:
            union.union(seen[evidence], node.key)
        else:
            seen[evidence] = node.key
    identities = _canonical(every, union)
    for analysis in analysed:
        for link in speaks_for(analysis):
            article = analysis["id"]
            identities.speak_for((article, link.entity), (article, link.principal), link.words)
    return identities


def _canonical(nodes: Sequence[_Node], union: _Union) -> Identities:
    groups: dict[Node, list[_Node]] = defaultdict(list)
    for node in nodes:
        groups[union.find(node.key)].append(node)
    identities = Identities()
    used: Counter[str] = Counter()
    for members in groups.values():
        if all(m.kind in (ANONYMOUS, "document") for m in members):
            continue  # an unnamed source that speaks for no named body stays unresolved
        named = [
            m for m in members if m.kind not in DESCRIPTIONS | {ANONYMOUS, "document"}
        ] or members
        kind = Counter(m.kind for m in named).most_common(1)[0][0]
        name = max(  # the name most articles use; of those, the fullest
            (m.name for m in named if m.kind == kind),
            key=lambda n: (sum(1 for m in named if m.name == n), len(n.split()), -len(n)),
        )
        slug = re.sub(r"[^a-z0-9]+", "-", plain(name)).strip("-") or "entity"
        base = f"{kind}:{slug}"
        used[base] += 1
        aliases = tuple(dict.fromkeys(a for m in members for a in (m.name, *m.aliases)))
        identities.add(
            Canonical(
                id=base if used[base] == 1 else f"{base}-{used[base]}",
                name=name,
                kind=kind,
                aliases=aliases,
                members=tuple(m.key for m in members),
                evidence=_evidence_keys(members, kind, name),
            )
        )
    return identities


def _evidence_keys(members: Sequence[_Node], kind: str, name: str) -> tuple[str, ...]:
    """What may link an entity to other stories' (``trace.corpus.merge``): its members'
    :func:`_evidence`, and for an outlet that has any, its ``outlet_key`` as well ("FOX" /
    "Fox News" / "foxnews.com")."""
    keys = {key for m in members if (key := _evidence(m)) is not None}
    if kind == "outlet" and keys:
        keys.add("outlet:" + outlet_key(name))
    return tuple(sorted(keys))


def _acronyms(canonical: Canonical) -> list[str]:
    """The initials of an organisation's names of three words or more, in capitals
    ("SEIA" of "Solar Energy Industries Association")."""
    if canonical.kind not in ORGANISATIONS:
        return []
    out = []
    for alias in canonical.aliases:
        words = [w for w in re.findall(r"[A-Za-z]+", alias) if w.lower() not in STOP_WORDS]
        if len(words) > 2 and all(w[0].isupper() for w in words):
            out.append("".join(w[0] for w in words))
    return out


def _clean_alias(alias: str) -> str | None:
    """An alias as it can be looked for in text: without quotes, edge punctuation or a
    possessive; a capitalised name of two letters or more with a small letter, or three, or
    a social-media handle ("@SenAnnPorter"); else None."""
    alias = re.sub(r"[’']s$", "", alias.strip(" \"'“”‘’,.")).strip()
    if _HANDLE.fullmatch(alias) or (
        len(alias) > 1
        and alias[0].isupper()
        and (len(alias) > 2 or any(c.islower() for c in alias))
    ):
        return alias
    return None


def _derived(canonical: Canonical) -> list[str]:
    """Names an entity is not written with but can be found by: its aliases in capitals
    ("COLTS"), the initials of an organisation's long name ("SEIA"), and the last word of an
    organisation's name ("Colts" of "the Indianapolis Colts") unless it is a common word."""
    names = [a.upper() for a in canonical.aliases] + _acronyms(canonical)
    if canonical.kind in ORGANISATIONS:
        words = canonical.name.split()
        if len(words) > 1 and len(words[-1]) > 3 and plain(words[-1]) not in COMMON_NAME_WORDS:
            names.append(words[-1])
    return names


def _owner(owners: set[str], by_id: Mapping[str, Canonical]) -> Canonical | None:
    """The one entity of ``owners``, or the one with at least twice as many members (article
    entities) as any other."""
    ranked = sorted((by_id[o] for o in owners), key=lambda c: -len(c.members))
    if len(ranked) == 1 or (ranked and len(ranked[0].members) >= 2 * len(ranked[1].members)):
        return ranked[0]
    return None


#: Words an alias in other letter case must have, besides stop words, to be matched so
#: ("national security council"; "white house" may be any white house).
CASELESS_WORDS = 3
#: Kinds a host name in the text can be ("UsMagazine.com"; "US" is no "us.gov").
DOMAIN_KINDS = ORGANISATIONS - {"country"}
#: A social-media handle ("@SenAnnPorter"), not an e-mail address.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,30}(?![\w@])")


def _caseless(alias: str, entity: Canonical) -> bool:
    """Whether ``alias`` of ``entity`` names it in lower case too: an organisation's name
    of :data:`CASELESS_WORDS` words or more ("national security council"; a headline's
    "Colts Beat Chiefs" is not "Colts beat Chiefs")."""
    words = [w for w in plain(alias).split() if w not in STOP_WORDS]
    return entity.kind in ORGANISATIONS and len(words) >= CASELESS_WORDS


def _addresses(
    text: str, canonicals: Mapping[str, Canonical]
) -> Iterable[tuple[int, int, Canonical]]:
    """Host names and handles in ``text`` that name an entity: an organisation's or outlet's
    by :func:`sourcetrace.outlets.outlet_key` ("video.foxnews.com", "@FoxNews" are "Fox
    News"); a handle that ends in a person's given and family name ("@realAnnPorter")."""
    by_key: dict[str, set[str]] = defaultdict(set)
    people: dict[str, set[str]] = defaultdict(set)  # "annporter" -> ids
    for canonical in canonicals.values():
        for alias in canonical.aliases:
            if canonical.kind in DOMAIN_KINDS:
                by_key[outlet_key(alias)].add(canonical.id)
            elif canonical.kind == PERSON and (name := person_name(alias)).full:
                people[re.sub(r"\W|_", "", name.given + name.family)].add(canonical.id)
    found = [(s, e, by_key.get(key, set())) for s, e, key in domains_in(text)]
    for match in _HANDLE.finditer(text):
        letters = re.sub(r"\W|_", "", plain(match[0]))
        named = {i for full, ids in people.items() if letters.endswith(full) for i in ids}
        found.append((*match.span(), by_key.get(outlet_key(letters), set()) | named))
    for start, end, owners in found:
        entity = _owner(owners, canonicals)
        if entity is not None:
            yield start, end, entity


def unrecognised_mentions(
    text: str, known: Sequence[tuple[int, int]], canonicals: Iterable[Canonical]
) -> list[tuple[int, int, Canonical]]:
    """Places in ``text`` where an entity of the story is named but the recogniser marked
    nothing: (start, end, entity). A name is a host name or handle of the entity's
    (:func:`_addresses`), one of its capitalised aliases, else one of the names
    :func:`_derived` gives; an organisation's long name in lower case (:func:`_caseless`).
    A name that two entities have names neither; a name that one entity is written with and
    another's is derived from is the first's."""
    written: dict[str, set[str]] = defaultdict(set)
    derived: dict[str, set[str]] = defaultdict(set)
    by_id: dict[str, Canonical] = {}
    for canonical in canonicals:
        by_id[canonical.id] = canonical
        for owners, names in ((written, canonical.aliases), (derived, _derived(canonical))):
            for name in names:
                alias = _clean_alias(name)
                if alias:
                    owners[alias].add(canonical.id)
    found: list[tuple[int, int, Canonical]] = []
    taken = list(known)
    candidates = list(_addresses(text, by_id))
    for alias in sorted(set(written) | set(derived), key=len, reverse=True):
        entity = _owner(written.get(alias) or derived.get(alias, set()), by_id)
        if entity is None:
            continue
        flags = re.IGNORECASE if _caseless(alias, entity) else 0
        pattern = rf"(?<![\w]){re.escape(alias)}(?![\w])"
        for match in re.finditer(pattern, text, flags):
            if match[0] == alias or match[0].islower():  # not "Colts beat Chiefs"
                candidates.append((*match.span(), entity))
    for start, end, entity in candidates:
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            found.append((start, end, entity))
    return found


def identify(versions: Sequence[ClaimVersion], identities: Identities) -> list[ClaimVersion]:
    """``versions`` of one story with their speakers' canonical entities (id and name) in
    ``identities`` (:func:`resolve` of the story's article analyses), and whom a speaker
    speaks for."""
    out = []
    for version in versions:
        canonical = identities.of(version.article, version.speaker_entity)
        if canonical is not None:
            version = replace(version, speaker_id=canonical.id, speaker_name=canonical.name)
        voice = identities.voice_of(version.article, version.speaker_entity)
        if voice is not None:
            principal, words = voice
            version = replace(
                version, principal_id=principal.id, principal_name=principal.name, speaks_as=words
            )
        out.append(version)
    return out
