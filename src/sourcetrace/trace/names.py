"""When two names are one person or one organisation: the comparisons identity rests on.

Person names are parsed with nameparser (title, given, middle, family names) and compared the way
a careful reader does: the family names agree, and the given names do not conflict (one is
missing, they are equal, one is the other's initial, or one is a nickname of the other by the
nicknames package: "Mike" / "Michael"). "Paul D. Ryan" and "Paul Ryan" agree; "Paul Ryan" and
"Jack Ryan" do not; nor do "Paul D. Ryan" and "Paul J. Ryan".

Organisation names compare by keys: the name without articles, case, punctuation and
nationality words, and its initials ("Los Angeles Police Department" / "LAPD").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from nameparser import HumanName
from nicknames import NickNamer

from sourcetrace.nlp.words import DEMONYMS, ROLE_WORDS

__all__ = [
    "STOP_WORDS",
    "PersonName",
    "compatible_given",
    "given_name",
    "leading_word",
    "org_keys",
    "person_name",
    "plain",
    "plain_words",
    "same_person",
]

#: Words an organisation's initials leave out ("Department of the Interior": "DI").
STOP_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "at", "&"})
_NATIONALITY = {
    "british", "american", "us", "u.s.", "russian", "iranian", "ukrainian", "french", "german",
    "chinese", "israeli", "uk", "european", "western", "indian", "u.s",
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: Words for a company's legal form, which its name may go with or without.
_CORPORATE = {"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "limited", "incorporated"}
_JUNIOR = {"jr", "ii", "iii", "iv"}


@functools.lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """Lower case without accents, apostrophes, dots or hyphens ("O'Brien" -> "obrien").
    Cached: identity asks for the same few thousand names hundreds of thousands of times."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^\w\s]", "", folded.lower().replace("-", " ")).strip()


def plain_words(name: str) -> list[str]:
    """A name's :func:`plain` words without articles ("The Chargers" -> ["chargers"])."""
    return [w for w in plain(name).split() if w not in ("the", "a", "an")]


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in comparable parts (plain, lower case); ``family`` is empty when the
    name is one word that could be either a given or a family name ("DeGeneres", "Portia")."""

    given: str
    middle: str
    family: str
    single: str  # the one word of a one-word name
    nickname: str = ""  # "Jerry" of "Luis Gerardo (Jerry) Ortiz"
    junior: bool = False  # "Jr.", "II": a son named after his father

    @property
    def called(self) -> frozenset[str]:
        """The given names a person can go by: given, nickname, and the middle name after a
        given initial ("W. Mark Felt" is "Mark Felt")."""
        names = {self.given, self.nickname}
        if len(self.given) == 1 and self.middle:
            names.add(self.middle.split()[0])
        return frozenset(n for n in names if n)

    @property
    def full(self) -> bool:
        return bool(self.family and self.given)


@functools.lru_cache(maxsize=65536)
def person_name(text: str) -> PersonName:
    """``text`` ("Sen. Harry M. Reid Jr.", "Reid", "Mr. Reid") in parts; role words and a
    nationality before the name are no part of it ("Deputy Ortiz", "American Hasim Rahman")."""
    words = text.split()
    while len(words) > 1 and leading_word(words[0]):
        words = words[1:]
    parsed = HumanName(" ".join(words))
    words = [plain(w) for w in f"{parsed.first} {parsed.middle} {parsed.last}".split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    if parsed.title and len(words) == 1:  # "Mr. Reid": a title with a family name
        return PersonName("", "", words[0], "")
    if len(words) == 1:
        return PersonName("", "", "", words[0])
    if not words:
        return PersonName("", "", "", plain(text))
    family = plain(parsed.last) or words[-1]
    given = plain(parsed.first) or words[0]
    middle = plain(parsed.middle)
    if not family or family == given:
        given, middle, family = words[0], " ".join(words[1:-1]), words[-1]
    junior = any(plain(x) in _JUNIOR for x in parsed.suffix.split())
    return PersonName(given, middle, family, "", plain(parsed.nickname), junior)


def leading_word(word: str) -> bool:
    """Whether a word before a name is a role or a nationality ("Spokesman", "American")."""
    word = word.lower().rstrip(".")
    return word in ROLE_WORDS or word in DEMONYMS


@functools.lru_cache(maxsize=1)
def _nicknames() -> NickNamer:
    return NickNamer()


@functools.lru_cache(maxsize=16384)
def _forms(given: str) -> frozenset[str]:
    """A given name, its nicknames and the names it is a nickname of."""
    namer = _nicknames()
    forms = {given} | namer.nicknames_of(given) | namer.canonicals_of(given)
    return frozenset(forms)


def given_name(word: str) -> bool:
    """Whether a plain word is a given name the nicknames list knows ("louis", "thomas"; not
    "flips")."""
    return len(_forms(word)) > 1


def compatible_given(a: str, b: str) -> bool:
    """Two given names (or middle names) that can be one person's: one missing, equal, an
    initial of the other, or nickname and name."""
    if not a or not b or a == b:
        return True
    a1, b1 = a.split()[0], b.split()[0]
    if len(a1) == 1 or len(b1) == 1:
        return a1[0] == b1[0]
    return a1 == b1 or b1 in _forms(a1) or a1 in _forms(b1)


def same_person(a: PersonName, b: PersonName) -> bool:
    """Whether two names can be one person's (one-word names: only when the word is the other
    name's family or given name; whether it *is* that person depends on who else is named)."""
    if a.single or b.single:
        one, other = (a, b) if a.single else (b, a)
        if other.single:
            return one.single == other.single
        return one.single in (other.family, other.family.replace(" ", "")) or (
            one.single in other.called
        )
    if not a.family or not b.family or a.junior != b.junior:
        return False  # "Donald Trump Jr." is not "Donald J. Trump"
    if a.family != b.family and a.family.split()[-1] != b.family.split()[-1]:
        return False
    if compatible_given(a.given, b.given):
        return compatible_given(a.middle, b.middle)
    # "W. Mark Felt" / "Mark Felt"; "Luis (Jerry) Ortiz" / "Jerry Ortiz"
    return any(
        len(x) > 1 and compatible_given(x, y)
        for x in a.called
        for y in b.called
        if (x, y) != (a.given, b.given)
    )


def org_keys(name: str) -> frozenset[str]:
    """The keys one organisation is known by: its plain name without articles, its legal form
    ("Corp.") and nationality words, its last word without a plural "s" ("Kraft Foods" /
    "Kraft Food"), and the initials of a name of several words ("LAPD")."""
    words = plain_words(name)
    while len(words) > 1 and words[-1] in _CORPORATE:
        words = words[:-1]  # "Microsoft Corp." is "Microsoft"
    if not words:
        return frozenset()
    keys = {" ".join(words)}
    last = words[-1]
    if len(words) > 1 and len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        keys.add(" ".join([*words[:-1], last[:-1]]))  # "Kraft Food" is Kraft Foods
    trimmed = [w for w in words if w not in _NATIONALITY]
    if trimmed:
        keys.add(" ".join(trimmed))
    content = [w for w in trimmed if w not in STOP_WORDS]
    if len(content) > 2:
        keys.add("".join(w[0] for w in content))
    if len(words) == 1:
        keys.add(words[0].replace(".", ""))
    if len(content) > 1:  # "Department of the Interior" / "Interior Department"
        keys.add(" ".join(sorted(content)))
    return frozenset(keys)
