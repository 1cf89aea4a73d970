"""One person, one id across the corpus: the stories' entities merged on evidence.

Each traced story stores its canonical entities (``identity.resolve`` on its articles), each
with the evidence that may link it to other stories. :func:`merge` links the entities of
different stories on that evidence only, as ``identity.resolve`` links stories:

1. the same evidence key: a person's given and family name ("person:donald trump", a junior
   kept apart), an organisation's name of several or distinctive words, and for an outlet
   so named, its ``outlets.outlet_key`` ("Fox News" and "FOX" are "fox");
2. never two groups holding people whose names conflict (``names.same_person``: "John
   Smith" and "Jane Smith" stay two, even through a third name linked to both).

Ids are stable: the kind and a slug of the first story entity's evidence key (stories in id
order; of its keys, the one its name spells), else of its display name; a clash with an id
given earlier takes a suffix from a hash of the entity's own key, so adding unrelated stories
never renames an entity. Aliases are the names the articles use, without pronouns and
common words ("he", "the team").
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from sourcetrace.nlp.words import PRONOUNS
from sourcetrace.trace.names import PersonName, person_name, plain, same_person
from sourcetrace.trace.records import Canonical, CorpusEntity

__all__ = ["CORPUS_VERSION", "entity_id", "merge"]

#: Raise when a change to the merge (rules, ids, aliases) changes its output, so that the
#: stored corpus entities are merged again.
CORPUS_VERSION = "1"

Member = tuple[int, str]  # (story id, story-local entity id)


def _people(keys: Iterable[str]) -> list[PersonName]:
    return [person_name(key.removeprefix("person:")) for key in keys if key.startswith("person:")]


def _compatible(a: set[str], b: set[str]) -> bool:
    """No person named by one set of keys conflicts with one named by the other."""
    return all(same_person(x, y) for x in _people(a) for y in _people(b))


def merge(stories: Mapping[int, Sequence[Canonical]]) -> list[CorpusEntity]:
    """The corpus entities of the stories' entities (by story id), in the order first met
    (stories by id): entities that share an evidence key are one, unless their people
    conflict."""
    parent: list[int] = []
    members: dict[int, list[tuple[int, Canonical]]] = {}
    keys: dict[int, set[str]] = {}
    owner: dict[str, int] = {}

    def find(group: int) -> int:
        while parent[group] != group:
            group = parent[group]
        return group

    for story in sorted(stories):
        for entity in stories[story]:
            root = len(parent)
            parent.append(root)
            members[root], keys[root] = [(story, entity)], set(entity.evidence)
            for other in sorted({find(owner[k]) for k in entity.evidence if k in owner}):
                if other != root and _compatible(keys[other], keys[root]):
                    low, high = min(other, root), max(other, root)
                    parent[high] = low
                    members[low] += members.pop(high)
                    keys[low] |= keys.pop(high)
                    root = low
            for key in entity.evidence:
                owner.setdefault(key, root)
    used: set[str] = set()
    return [_corpus_entity(members[group], used) for group in sorted(members)]


def _corpus_entity(group: list[tuple[int, Canonical]], used: set[str]) -> CorpusEntity:
    """One group's entity; ``used`` holds the ids given so far and takes this one."""
    story, first = group[0]
    weight: Counter[str] = Counter()
    for _, entity in group:
        weight[entity.name] += len(entity.members)
    name = max(weight, key=lambda n: (weight[n], len(n.split())))
    key = _spelt_key(first)
    given = entity_id(
        first.kind, key.partition(":")[2] if key else first.name, key or f"{story}/{first.id}", used
    )
    used.add(given)
    return CorpusEntity(
        id=given,
        kind=first.kind,
        name=name,
        aliases=_names(a for _, e in group for a in (e.name, *e.aliases)),
        evidence=tuple(dict.fromkeys(k for _, e in group for k in e.evidence)),
        members=tuple((story, entity.id) for story, entity in group),
    )


def _spelt_key(entity: Canonical) -> str | None:
    """The entity's evidence key that its name spells ("person:regina benjamin" rather than
    "person:nominates benjamin" of a headline), the longest of them; else its first."""
    words = set(plain(entity.name).split())
    spelt = [k for k in entity.evidence if set(k.partition(":")[2].split()) <= words]
    return max(spelt, key=len) if spelt else (entity.evidence[0] if entity.evidence else None)


def _names(aliases: Iterable[str]) -> tuple[str, ...]:
    """The aliases that are names: a capitalised word, not a pronoun; spaces tidied."""
    tidy = (" ".join(alias.split()) for alias in aliases)
    return tuple(
        dict.fromkeys(
            a for a in tidy if any(w[:1].isupper() for w in a.split()) and plain(a) not in PRONOUNS
        )
    )


def entity_id(kind: str, name: str, own_key: str, used: set[str]) -> str:
    """``kind:slug`` of ``name`` (an evidence key's words, or a display name); when
    ``used`` holds it already, with a suffix from a hash of ``own_key``, and a number after
    that when two entities of one key (people the merge kept apart) would share it."""
    base = f"{kind}:{re.sub(r'[^a-z0-9]+', '-', plain(name)).strip('-') or 'entity'}"
    if base not in used:
        return base
    hashed = f"{base}-{hashlib.sha256(own_key.encode('utf-8')).hexdigest()[:6]}"
    given, n = hashed, 1
    while given in used:
        n += 1
        given = f"{hashed}-{n}"
    return given
