"""Other names a text gives a name it has just used: one entity, two names.

News writing introduces an alias in a few fixed ways, each a named rule here, tried in this
order on every name the recogniser found:

1. **A parenthesis right after the name**: an acronym of an organisation that can shorten
   its name ("the Northern Water Authority (NWA)", "the Ministry of Defence (MoD)"), a stock
   ticker ("Contoso (NYSE: CTSO)"), a social-media handle, of anyone ("Ann Porter
   (@SenAnnPorter)"), or a name after "formerly", "now", "or", "a.k.a." ("Harbor Energies
   (formerly Harbor Oil)").
2. **", or" and an acronym after an organisation's name** ("the Democratic Campaign Fund,
   or DCF, said").
3. **"known as", "nicknamed", "dubbed", "a.k.a." after the name and a comma** or a relative
   clause ("Mr. Varga, known as Lefty", "Harold Bessemer, who was known as Harbor scandal
   informant 'Iron Duke'"): the quoted phrase a few words on, else the capitalised words
   right after. A comma or "who was" is needed: "Smith dubbed Jones 'Slim'" names Jones,
   not Smith.
4. **A quoted nickname inside a person's name** ("Vincent 'The Hammer' Morello").
5. **"the nickname" and a quoted phrase** ("whose antics earned him the nickname 'The
   Quiet Storm'"): a nickname of the last person named before it in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

__all__ = ["Alias", "introduced_aliases"]

PERSON = "PERSON"
#: Labels whose names a parenthesised acronym or ticker can stand for (not a person's:
#: "Ann Porter (D)" is her party).
BODIES = frozenset({"ORG", "GPE", "NORP", "FAC"})

#: An acronym: a capital, then letters, digits or "&", two capitals at least ("NWA", "MoD").
_ACRONYM = r"(?=\w*[A-Z]\w*[A-Z])[A-Z][A-Za-z0-9&]{1,9}"
_CAPITALS = r"[A-Z][\w'’&.-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w'’&.-]*){0,4}"
_PARENTHESIS = re.compile(
    r"\s*\((?:(?:formerly|previously|now|or|aka|a\.k\.a\.)\s+(?:the\s+)?(?P<name>"
    + _CAPITALS
    + r")|(?P<exchange>[A-Z][A-Za-z]{1,9}\s*:\s*)?(?:(?P<handle>@\w{2,30})|(?P<acronym>"
    + _ACRONYM
    + r")))\)"
)
_OR_ACRONYM = re.compile(r"\s*,\s*or\s+(?:the\s+)?(?P<acronym>" + _ACRONYM + r")\b(?![.-]\w)")
_INTRODUCER = re.compile(
    r",?\s*(?:(?:who|which|that)\s+(?:is|was|are|were|has\s+been|had\s+been|became)\s+)?"
    r"(?:also\s+|better\s+|widely\s+|popularly\s+|affectionately\s+|formerly\s+|now\s+)?"
    r"(?:known\s+as|nicknamed|dubbed|a\.k\.a\.?|aka)\s+"
)
_NICKNAME = re.compile(r"\b(?:the\s+)?(?:nickname|moniker)\s+(?:of\s+)?(?=[\"“'‘])")
#: A quoted phrase of one to five words; a comma or full stop inside the closing quote is not
#: part of it ("'Deep Water,' died", "'Deep Water, ' died" in tokenised text).
_QUOTED = re.compile(
    r"[\"“'‘](?P<alias>[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}?)(?:\s*[,.])?\s*[\"”'’]"
)
#: Up to four words before the quoted alias ("known as Harbor scandal informant 'X'").
_LEAD = re.compile(r"(?:[\w-]+\s+){0,4}")
_CAPITALISED = re.compile(r"(?:the\s+)?(?P<alias>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")


@dataclass(frozen=True, slots=True)
class Alias:
    """Characters ``start``-``end`` name what ``owner`` (a recogniser entity) names."""

    start: int
    end: int
    owner: Span
    rule: str


def _parenthesis(text: str, ent: Span) -> Iterator[Alias]:
    """1. "(NWA)", "(NYSE: CTSO)", "(@SenAnnPorter)", "(formerly Harbor Oil)" right after
    the name."""
    match = _PARENTHESIS.match(text, ent.end_char)
    if match is None:
        return
    if match["handle"]:
        yield Alias(match.start("handle"), match.end("handle"), ent, "handle")
    elif match["name"]:
        yield Alias(match.start("name"), match.end("name"), ent, "other name")
    elif ent.label_ in BODIES and (match["exchange"] or _abbreviates(match["acronym"], ent)):
        yield Alias(match.start("acronym"), match.end("acronym"), ent, "acronym")


def _abbreviates(acronym: str, ent: Span) -> bool:
    """Whether ``acronym`` can shorten the name: it starts with the name's first capital
    (after "the") and its letters come in the name's order ("ARENA" of "Australian Renewable Energy
    Agency"; not "CEC" of a name the recogniser cut to "Referenda")."""
    bare = re.sub(r"^(?:the|an?)\s+", "", ent.text, flags=re.IGNORECASE)
    name = bare.lower()
    capitals = [c for c in bare if c.isupper()]
    letters = iter(name)
    return (
        bool(capitals) and acronym[0] == capitals[0] and all(c in letters for c in acronym.lower())
    )


def _or_acronym(text: str, ent: Span) -> Iterator[Alias]:
    """2. "the Democratic Campaign Fund, or DCF," after an organisation's name."""
    match = _OR_ACRONYM.match(text, ent.end_char)
    if match is not None and ent.label_ in BODIES and _abbreviates(match["acronym"], ent):
        yield Alias(match.start("acronym"), match.end("acronym"), ent, "acronym")


def _introduced(text: str, ent: Span) -> Iterator[Alias]:
    """3. "X, known as Y", "X, who was known as ... 'Y'", "X, dubbed the Y"."""
    match = _INTRODUCER.match(text, ent.end_char)
    if match is None or ("," not in match[0] and not re.search(r"\bwho|which|that\b", match[0])):
        return
    lead = _LEAD.match(text, match.end())
    quoted = _QUOTED.match(text, lead.end())
    found = quoted or _CAPITALISED.match(text, match.end())
    if found is not None:
        yield Alias(found.start("alias"), found.end("alias"), ent, "known as")


def _inside(text: str, ent: Span) -> Iterator[Alias]:
    """4. "Vincent 'The Hammer' Morello": a quoted nickname between a person's names."""
    if ent.label_ != PERSON:
        return
    for match in _QUOTED.finditer(text, ent.start_char, ent.end_char):
        if ent.start_char < match.start() and match.end() < ent.end_char:
            yield Alias(match.start("alias"), match.end("alias"), ent, "nickname")


def _nicknames(doc: Doc, text: str) -> Iterator[Alias]:
    """5. "earned him the nickname 'Y'": the last person named before it in the sentence."""
    for match in _NICKNAME.finditer(text):
        quoted = _QUOTED.match(text, match.end())
        people = [
            e
            for e in doc.ents
            if e.label_ == PERSON
            and e.end_char <= match.start()
            and e.sent.start_char <= match.start() < e.sent.end_char
        ]
        if quoted is not None and people:
            yield Alias(quoted.start("alias"), quoted.end("alias"), people[-1], "nickname")


def introduced_aliases(doc: Doc, labels: frozenset[str] | set[str]) -> list[Alias]:
    """The aliases the text introduces for the names of ``labels`` the recogniser found, in
    text order; an alias written as its owner is none."""
    text = doc.text
    found = [
        alias
        for ent in doc.ents
        if ent.label_ in labels
        for rule in (_parenthesis, _or_acronym, _introduced, _inside)
        for alias in rule(text, ent)
    ]
    found += [a for a in _nicknames(doc, text) if a.owner.label_ in labels]
    return sorted(
        (a for a in found if text[a.start : a.end].lower() != a.owner.text.lower()),
        key=lambda a: a.start,
    )
