"""Whom an article's own voice depends on: text it reuses, wire copy it runs, outlets it cites.

:func:`dependence` reads, for one story, the stored reuse pairs and wire credits of its
articles (:mod:`.reuse_service`) and their analyses, and says for each article:

- **reuse**: the sentences it took from an earlier article of the story (aligned
  sentences of a reuse pair whose direction makes it the later one), with the words that
  say so ("Capital Wire reuses 4 of 13 sentences of The Harbor Ledger, published a day
  earlier");
- **wire**: the news agency credited as its source (a dateline, a credit, a contribution
  line, or a wire pair), unless it is the agency's own article;
- **common**: the sentences it shares word for word (up to a word or two) with another
  article of the story with no direction (published the same day, or undated, and neither
  credits the other: both ran one text, a press release say, that neither names), for
  :mod:`.origins` to count the own-voice versions in them as one common origin. A rewritten
  sentence without a direction is not taken alone: two outlets reporting one event the same
  day in similar words is what independent reporting looks like;
- **kin**: the articles it shares ``KIN_SENTENCES`` sentences or more with, one of them
  at least word for word, with no direction: one text both ran and edited, for
  :mod:`.origins` to count what both state unsourced of one claim as from it, as it infers
  with a direction (rewritten sentences alone stay independent reporting, as above);
- **cited**: the outlets it cites anywhere in its text (its attributions' chains), for
  :mod:`.origins` to infer that an own-voice claim an earlier cited outlet carried comes
  from that outlet.

It imports no detector and no model: it reads what the store keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sourcetrace.trace.versions import ClaimVersion, name_key

#: Sentences two articles run alike with no direction, one word for word (reuse's own
#: ``min_own``), for what both state unsourced to count as from that one text: a lead shared
#: alone by a short text is not enough.
KIN_SENTENCES = 2

__all__ = [
    "Dependence",
    "Derivation",
    "SharedText",
    "dependence",
    "earlier",
    "listed",
    "reuse_summary",
]


@dataclass(frozen=True, slots=True)
class Derivation:
    """An article's text taken from another outlet's: ``outlet`` (an outlet or an agency),
    its ``article`` when in the story, the ``spans`` of the taking article it covers (empty:
    the whole article) out of the ``sentences`` of the article taken from (0: unknown), and
    ``reason``, the words a reader can check."""

    outlet: str
    article: str | None
    reason: str
    spans: tuple[tuple[int, int], ...] = ()
    sentences: int = 0


@dataclass(frozen=True, slots=True)
class SharedText:
    """Sentences an article shares with the ``other`` article with no direction (module
    doc): ``spans``, this article's side of them."""

    other: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Dependence:
    """What each article of a story depends on (module doc), by article id."""

    reuse: dict[str, tuple[Derivation, ...]] = field(default_factory=dict)
    wire: dict[str, Derivation] = field(default_factory=dict)
    cited: dict[str, tuple[str, ...]] = field(default_factory=dict)
    common: dict[str, tuple[SharedText, ...]] = field(default_factory=dict)
    kin: dict[str, frozenset[str]] = field(default_factory=dict)

    def kindred(self, version: ClaimVersion, other: ClaimVersion) -> bool:
        """Whether two own-voice versions lie in articles that run one text with no
        direction (``KIN_SENTENCES`` sentences or more alike, one word for word, module
        doc): what both state unsourced of one claim is taken to come from that text, as
        rule 3 of :mod:`.origins` takes it from an earlier article the later one reuses."""
        if version.attributed or other.attributed:
            return False
        return other.article in self.kin.get(version.article, frozenset())

    def share(self, version: ClaimVersion, other: ClaimVersion) -> bool:
        """Whether two own-voice versions each lie in the sentences their articles share
        with no direction: one text both ran."""
        if version.attributed or other.attributed:
            return False
        return _shared(self.common, version, other.article) and _shared(
            self.common, other, version.article
        )

    def taken(self, version: ClaimVersion) -> Derivation | None:
        """Where an own-voice version's text was taken from: a reused sentence that holds it
        first, else the article's wire credit."""
        if version.attributed:
            return None
        for derivation in self.reuse.get(version.article, ()):
            if _within(version, derivation.spans):
                return derivation
        return self.wire.get(version.article)


def _within(version: ClaimVersion, spans: Sequence[tuple[int, int]]) -> bool:
    return version.start is not None and any(s <= version.start < e for s, e in spans)


def _shared(common: dict[str, tuple[SharedText, ...]], version: ClaimVersion, other: str) -> bool:
    return any(
        shared.other == other and _within(version, shared.spans)
        for shared in common.get(version.article, ())
    )


def dependence(
    analyses: Sequence[dict[str, Any]], pairs: Sequence[dict], credits: Sequence[dict]
) -> Dependence:
    """The dependence of a story's articles (their analyses, with ``outlet`` as shown) on
    each other and on the wire, from the stored ``pairs`` and ``credits`` of its articles."""
    by_id = {a["id"]: a for a in analyses}
    reuse: dict[str, list[Derivation]] = {}
    wire: dict[str, Derivation] = {}
    common: dict[str, list[SharedText]] = {}
    kin: dict[str, set[str]] = {}
    for pair in pairs:
        if pair["a"] not in by_id or pair["b"] not in by_id:
            continue
        if pair["verdict"] == "wire" and pair.get("wire"):
            for side in ("a", "b"):
                _wire(wire, by_id[pair[side]], pair["wire"], "runs its copy")
        if pair["verdict"] == "reuse" and pair["direction"] == "common_source":
            verbatim = [s for s in pair["sentences"] if s.get("kind") == "verbatim"]
            for side, other in (("a", "b"), ("b", "a")):
                spans = tuple(tuple(s[side]) for s in verbatim)
                common.setdefault(pair[side], []).append(SharedText(pair[other], spans))
                if verbatim and len(pair["sentences"]) >= KIN_SENTENCES:
                    kin.setdefault(pair[side], set()).add(pair[other])
        if pair["verdict"] != "reuse" or pair["direction"] not in ("b_from_a", "a_from_b"):
            continue
        taker, source = ("b", "a") if pair["direction"] == "b_from_a" else ("a", "b")
        spans = tuple(tuple(s[taker]) for s in pair["sentences"])
        reuse.setdefault(pair[taker], []).append(
            Derivation(
                _outlet(by_id[pair[source]]),
                pair[source],
                reuse_summary(by_id[pair[taker]], by_id[pair[source]], len(spans)),
                spans,
                len(by_id[pair[source]].get("sentences", [])),
            )
        )
    for credit in credits:
        if credit["article"] in by_id:
            _wire(wire, by_id[credit["article"]], credit["wire"], _CREDITED[credit["kind"]])
    return Dependence(
        {k: tuple(v) for k, v in reuse.items()},
        wire,
        {a["id"]: _cited(a) for a in analyses},
        {k: tuple(v) for k, v in common.items()},
        {k: frozenset(v) for k, v in kin.items()},
    )


_CREDITED = {
    "dateline": "credits it in its dateline",
    "credit": "credits it as the source",
    "contributed": "says it contributed",
}


def _outlet(analysis: dict[str, Any]) -> str:
    return analysis.get("outlet") or analysis["id"]


def _wire(found: dict[str, Derivation], analysis: dict[str, Any], agency: str, how: str) -> None:
    """The agency as the source of the whole article, unless the article is the agency's."""
    outlet = _outlet(analysis)
    if analysis["id"] in found or name_key(outlet) == name_key(agency):
        return
    found[analysis["id"]] = Derivation(agency, None, f"{outlet} is {agency} copy ({how})")


def reuse_summary(taker: dict[str, Any], source: dict[str, Any], n: int) -> str:
    """'Capital Wire reuses 4 of 13 sentences of The Harbor Ledger, published a day
    earlier', or for an outlet's own article 'Capital Wire reuses 4 of 13 sentences of its
    own earlier article (2026-03-02)' (``taker`` and ``source``: analyses with ``outlet``,
    ``published`` and ``sentences``)."""
    total = len(source.get("sentences", []))
    head = f"{_outlet(taker)} reuses {n} of {total} sentences of"
    if name_key(_outlet(taker)) == name_key(_outlet(source)):
        day = (source.get("published") or "")[:10]
        return f"{head} its own earlier article" + (f" ({day})" if day else "")
    when = earlier(source.get("published"), taker.get("published"))
    return f"{head} {_outlet(source)}, published {when}"


def listed(names: Sequence[str]) -> str:
    """'X', 'X and Y', 'X, Y and Z'."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def earlier(first: str | None, then: str | None) -> str:
    """How much earlier the ISO date ``first`` is than ``then``: "3 days earlier", "a day
    earlier", "the same day", or "earlier" without both dates."""
    try:
        days = (date.fromisoformat(then[:10]) - date.fromisoformat(first[:10])).days  # type: ignore[index]
    except (TypeError, ValueError):
        return "earlier"
    if days <= 0:
        return "the same day"
    return f"{'a day' if days == 1 else f'{days} days'} earlier"


def _cited(analysis: dict[str, Any]) -> tuple[str, ...]:
    """The outlets the article cites anywhere (other than itself), in order."""
    own = name_key(_outlet(analysis))
    names = (
        link["name"]
        for attribution in analysis.get("attributions", [])
        for link in attribution.get("chain", [])[1:]
        if link.get("type") == "outlet" and link.get("name")
    )
    return tuple(dict.fromkeys(n for n in names if name_key(n) != own))
