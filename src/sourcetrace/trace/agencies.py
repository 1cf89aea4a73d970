"""News agencies by name: each agency's one name and the names it goes by, and the agency as
an outlet entity of a story (so the corpus knows "AP", "Associated Press" and "The
Associated Press" as one, with a source profile). It imports no language model: reads
(``source``, the web's source pages) use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sourcetrace.outlets import outlet_key
from sourcetrace.trace.records import Canonical

__all__ = ["AGENCIES", "agency", "agency_entities"]

#: Each news agency's one name and the names it goes by.
AGENCIES: dict[str, tuple[str, ...]] = {
    "Associated Press": ("Associated Press", "AP", "The Associated Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "Agence France-Presse": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "United Press International": ("United Press International", "UPI"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "PA Media": ("PA Media", "Press Association", "PA"),
    "Xinhua": ("Xinhua",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "ANSA": ("ANSA",),
    "EFE": ("EFE",),
    "Press Trust of India": ("Press Trust of India", "PTI"),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
}
_NAMES = {alias.lower(): name for name, aliases in AGENCIES.items() for alias in aliases}


def agency(name: str) -> str | None:
    """The agency's one name for a name it goes by ("AP" -> "Associated Press"), or None."""
    return _NAMES.get(name.strip().lower())


def agency_entities(agencies: Iterable[str], entities: Sequence[Canonical]) -> list[Canonical]:
    """A story's ``entities``, each of ``agencies`` (one name of :data:`AGENCIES` each, or a
    name found in a dateline) among them: an entity that is the agency already (by an
    outlet key) takes the names it goes by as aliases; else a new outlet entity with its
    one name, those names, and each name's outlet key as evidence, which links it to the
    agency's entity in other stories (``corpus.merge``). A new one has no members: the
    story's articles run its copy but need not name it."""
    out = list(entities)
    known = {key for entity in entities for key in entity.evidence}
    used = {entity.id for entity in entities}
    for name in dict.fromkeys(agencies):
        names = AGENCIES.get(name, (name,))
        evidence = tuple(dict.fromkeys(f"outlet:{outlet_key(n)}" for n in names))
        if known & set(evidence):
            out = [_named(entity, names, evidence) for entity in out]
            continue
        ident = f"outlet:{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"
        ident = ident if ident not in used else f"{ident}-wire"
        used.add(ident)
        known.update(evidence)
        out.append(Canonical(ident, name, "outlet", names, (), evidence))
    return out


def _named(entity: Canonical, names: tuple[str, ...], evidence: tuple[str, ...]) -> Canonical:
    """The entity with the agency's ``names`` as aliases when it holds one of its keys."""
    if not set(entity.evidence) & set(evidence):
        return entity
    aliases = tuple(dict.fromkeys((*entity.aliases, *names)))
    return replace(
        entity, aliases=aliases, evidence=tuple(dict.fromkeys((*entity.evidence, *evidence)))
    )
