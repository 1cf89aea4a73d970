"""How a claim changed between its versions, slot by slot, each change with both versions.

Every version is compared with the claim's first appearance (the earliest dated version; by
arrival when dates are missing), so each flag reads "the first version said X, this one says Y":

- ``hedge_dropped`` / ``hedge_added``: the same number with and without "up to", "about" …;
- ``number_changed``: numbers of the same kind that agree nowhere;
- ``object_changed``: the same number counting a different thing;
- ``certainty_strengthened`` / ``certainty_weakened``: "may" → "will", "expected to" → "is";
- ``attribution_dropped``: a sourced claim restated as the outlet's own fact;
- ``speaker_changed``: the same words credited to different named sources;
- ``source_changed``: an anonymous source reached through the same outlet described
  differently ("senior military official" → "unnamed security official");
- ``quote_reworded``: a direct quotation worded differently.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from rapidfuzz import fuzz

from sourcetrace.trace.origins import ANONYMOUS
from sourcetrace.trace.records import Drift, Wording
from sourcetrace.trace.versions import ClaimVersion, name_key, same_value

CERTAINTY_RANK = {"possible": 1, "probable": 2, "reported": 2, "asserted": 3}
QUOTE_SAME = 97  # rapidfuzz ratio at or above which two quotations are the same words
QUOTE_RELATED = 60  # below this two quotations are different quotations, not rewordings


def _same_speaker(a: ClaimVersion, b: ClaimVersion) -> bool:
    """One named speaker in both versions: the same canonical entity (:mod:`.identity`) when
    both have one, else the same name."""
    if a.speaker_id and b.speaker_id:
        return a.speaker_id == b.speaker_id
    return name_key(a.speaker) == name_key(b.speaker)


def timeline(versions: Sequence[ClaimVersion]) -> list[ClaimVersion]:
    """Versions in order of appearance: by publication date; where dates are missing or equal,
    a version whose outlet the others cite comes before them (citation order), then the
    shorter citation chain (closer to the source), then arrival order."""
    cited = {
        name_key(link["name"])
        for v in versions
        for link in v.chain[1:]
        if link.get("type") == "outlet"
    }

    def key(v: ClaimVersion) -> tuple:
        is_cited = name_key(v.outlet or v.article) in cited
        return (v.published or "9999", not is_cited, len(v.chain) or 99, v.order, v.claim)

    return sorted(versions, key=key)


def first_version(versions: Sequence[ClaimVersion]) -> ClaimVersion:
    """The first appearance (see :func:`timeline`)."""
    return timeline(versions)[0]


def _side(version: ClaimVersion, text: str | None = None) -> Wording:
    return Wording(version.article, text if text is not None else version.text)


def _head(obj: str | None) -> str:
    """The last word, singular: "Shahed-type UAVs" -> "uav"."""
    if not obj or not obj.split():
        return ""
    word = obj.lower().split()[-1].strip(".,;:“”\"'")
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def compare(a: ClaimVersion, b: ClaimVersion) -> list[Drift]:
    """Drift from version ``a`` to version ``b``."""
    out: list[Drift] = []

    def flag(kind: str, before: str | None = None, after: str | None = None) -> None:
        out.append(Drift(kind, _side(a, before), _side(b, after)))

    matched_b = set()
    for qa in a.quantities:
        for index, qb in enumerate(b.quantities):
            if index in matched_b or not same_value(qa.get("value"), qb.get("value")):
                continue
            matched_b.add(index)
            if qa.get("hedge") and not qb.get("hedge"):
                flag("hedge_dropped", qa["text"], qb["text"])
            elif qb.get("hedge") and not qa.get("hedge"):
                flag("hedge_added", qa["text"], qb["text"])
            if (
                _head(qa.get("object"))
                and _head(qb.get("object"))
                and qa.get("kind") != "money"
                and not same_thing(qa["object"], qb["object"])
            ):
                from sourcetrace.nlp.quantities import quantity_phrase  # spaCy: only when needed

                flag(
                    "object_changed",
                    quantity_phrase(qa["text"], qa["object"]),
                    quantity_phrase(qb["text"], qb["object"]),
                )
            break
    values_b = [q.get("value") for q in b.quantities]
    unmatched_a = [
        q for q in a.quantities if not any(same_value(q.get("value"), y) for y in values_b)
    ]
    unmatched_b = [q for i, q in enumerate(b.quantities) if i not in matched_b]
    for qa in unmatched_a:
        same_kind = [qb for qb in unmatched_b if qb.get("kind") == qa.get("kind")]
        if same_kind:
            flag("number_changed", qa["text"], same_kind[0]["text"])
            unmatched_b.remove(same_kind[0])

    rank_a, rank_b = CERTAINTY_RANK.get(a.certainty), CERTAINTY_RANK.get(b.certainty)
    if rank_a and rank_b and rank_a != rank_b:
        flag("certainty_strengthened" if rank_b > rank_a else "certainty_weakened")

    if a.attributed and not b.attributed:
        flag("attribution_dropped", f"{a.speaker}: {a.text}", b.text)
    elif a.attributed and b.attributed:
        anonymous_a = a.source_type in ANONYMOUS
        anonymous_b = b.source_type in ANONYMOUS
        if not anonymous_a and not anonymous_b and not _same_speaker(a, b):
            flag("speaker_changed", a.speaker, b.speaker)
        elif (
            anonymous_a
            and anonymous_b
            and _cited(a) == _cited(b)
            and name_key(a.speaker) != name_key(b.speaker)
        ):
            flag("source_changed", a.speaker, b.speaker)

    best = max(
        ((fuzz.ratio(x.lower(), y.lower()), x, y) for x in a.quotes for y in b.quotes),
        default=None,
    )
    if best and QUOTE_RELATED <= best[0] < QUOTE_SAME:
        flag("quote_reworded", best[1], best[2])
    return out


@functools.cache
def _synonyms() -> dict[str, int]:
    from sourcetrace.nlp.artefacts import data_file

    groups: dict[str, int] = {}
    lines = data_file("synonyms.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            for word in line.split():
                groups[word] = number
    return groups


def same_thing(a: str, b: str) -> bool:
    """Whether two counted things are the same: the same head word ("Shahed drones" and
    "drones") or heads in one group of ``nlp/data/synonyms.txt`` ("UAVs" and "drones")."""
    x, y = _head(a), _head(b)
    if x == y:
        return True
    groups = _synonyms()
    return x in groups and groups.get(x) == groups.get(y)


def _cited(version: ClaimVersion) -> str:
    """The outlet whose source this is: the first outlet the version cites, else its own.
    Anonymous sources of the same outlet are one source, described in two ways."""
    outlets = [link["name"] for link in version.chain[1:] if link.get("type") == "outlet"]
    return name_key(outlets[0] if outlets else version.outlet or version.article)


def drift(versions: Sequence[ClaimVersion]) -> list[Drift]:
    """Every change from the first appearance to each other version."""
    if len(versions) < 2:
        return []
    first = first_version(versions)
    out = []
    for version in versions:
        if version is not first:
            out.extend(compare(first, version))
    return out
