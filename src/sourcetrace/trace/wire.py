"""Wire copy: news agencies credited as the source of a whole article, found in its text even
when the agency's own article is not in the corpus.

Rules, in order (each credit is found once, by the first rule that finds it):

1. ``dateline``: the agency in brackets in a dateline, read by :func:`.nlp.dateline.dateline`
   at the start of the text or of one of its first lines ("OSLO, June 17 (Reuters) - ...");
   else an agency in brackets before a dash in the opening, where an editor's note comes
   first or no space follows the dash, which the analysis's dateline does not read ("(Updates
   with prices) OSLO, June 17 (Reuters) - ...", "MADRID (Reuters) -Spain's ...").
2. ``contributed``: a contribution line ("The Associated Press contributed to this report.").
3. ``credit``: a closing credit of the article ("... — Reuters" at the end of a line) or a
   report credit that ends its sentence ("..., the Associated Press reported."). An agency
   cited for one fact ("Reuters said that ...", "according to AFP") is not a credit.

Agencies are named once, by :data:`AGENCIES`; other names in a dateline's brackets ("(CNN)")
are an outlet's own dateline, not a wire. :func:`agency_entities` makes each agency a story
credits an outlet entity, so that the corpus knows it by all its names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sourcetrace.nlp.dateline import dateline
from sourcetrace.nlp.words import DASHES
from sourcetrace.outlets import outlet_key
from sourcetrace.trace.records import Canonical
from sourcetrace.trace.reuse_records import WireCredit

__all__ = ["AGENCIES", "agency", "agency_entities", "wire_credits"]

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
_AGENCY = "|".join(
    re.escape(a) for a in sorted({a for v in AGENCIES.values() for a in v}, key=len, reverse=True)
)
_CONTRIBUTED = re.compile(rf"\b(?P<wire>{_AGENCY})\b[^.\n]{{0,80}}?\bcontributed\b[^.\n]*\.?")
_CLOSING = re.compile(rf"(?:^|\s)[-–—]+\s*(?P<wire>{_AGENCY})\s*\.?\s*$", re.M)
_REPORTED = re.compile(rf",\s+(?:the\s+)?(?P<wire>{_AGENCY})\s+(?:reported|reports)\s*\.")
_BRACKETED = re.compile(rf"\((?P<wire>{_AGENCY})\)\s*(?:{'|'.join(re.escape(d) for d in DASHES)})")
_LINES = 4  # a dateline may follow a title or a kicker line
_OPENING = 300  # characters in which a bracketed agency and a dash make a dateline


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


def wire_credits(article_id: str, text: str) -> list[WireCredit]:
    """The agencies credited as the article's source, in the order of the rules above."""
    credits = _datelines(article_id, text)
    for kind, pattern in (
        ("contributed", _CONTRIBUTED),
        ("credit", _CLOSING),
        ("credit", _REPORTED),
    ):
        for match in pattern.finditer(text):
            name = agency(match.group("wire"))
            if name is not None and all(c.wire != name for c in credits):
                start = match.start("wire") if kind != "contributed" else match.start()
                credits.append(WireCredit(article_id, name, start, match.end(), kind))
    return credits


def _datelines(article_id: str, text: str) -> list[WireCredit]:
    """Rule 1: a dateline crediting an agency at the start of one of the first lines, else a
    bracketed agency and a dash in the opening."""
    starts = [0, *[m.end() for m in re.finditer(r"\n", text[:600])][: _LINES - 1]]
    for start in starts:
        end, wire = dateline(text[start:])
        name = agency(wire) if wire else None
        if name is not None:
            return [
                WireCredit(article_id, name, start + _lead(text[start:]), start + end, "dateline")
            ]
    match = _BRACKETED.search(text[:_OPENING])
    if match is None:
        return []
    name = agency(match.group("wire")) or match.group("wire")
    return [WireCredit(article_id, name, *match.span(), "dateline")]


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())
