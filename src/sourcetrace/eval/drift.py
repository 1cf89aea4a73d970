"""Drift and alignment scored against the blind drift of ``gold/provenance`` (``eval drift``).

Each gold event is traced as ``eval provenance`` traces it (:func:`.provenance.traced_events`)
and each gold claim gets the same best-matching traced claim. On that:

- **Shared-claim recall**: matched gold claims / gold claims (as ``eval provenance``).
- **Alignment precision**: over every pair of versions that one traced claim (of two articles
  or more) aligns, whose two versions each overlap some gold version of the event
  (:func:`.provenance.spans_match`): the share that one gold claim holds both. Pairs with a
  version the gold lists under no claim are counted apart (the gold lists every claim two
  articles carry, one version per article, so most such pairs are wrong, but a second
  occurrence in one article is not listed).
- **Drift**, scored by unit: a claim and a kind. The gold's drift names a kind and two
  documents' versions of one claim (a drift inside one document is left out); its annotators
  wrote one or a few representative pairs per change, not every pair of versions that shows
  it, so single flags cannot be scored one by one. A gold unit is a gold claim with drift of a
  kind. A system flag is a :class:`~sourcetrace.trace.records.Drift` of a traced claim, its
  kind mapped to the gold's kinds by :data:`KIND`; kinds mapped to None (``excerpted``: the
  same words, cut shorter) are no change of meaning and are not scored. A system unit is a
  traced claim that matches a gold claim and its flags of one kind; it is **right** when a
  gold claim it matches has drift of that kind sharing a document with one of its flags, and
  that gold unit is then **found**. Precision is over system units, recall over all gold units
  and again over those whose two versions the matched claim holds ("aligned"). Flags on traced
  claims that match no gold claim are counted apart. Single flags are reported beside: how
  many a gold drift of their kind joins exactly, and of those how many run in the gold's
  direction.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from itertools import combinations
from pathlib import Path
from typing import Any

from sourcetrace.eval.provenance import (
    GoldClaim,
    Progress,
    TracedEvent,
    best_match,
    read_gold,
    spans_match,
    traced_events,
)
from sourcetrace.trace.records import Drift, TracedClaim

__all__ = ["KIND", "GoldDrift", "drift_figures", "evaluate_drift", "read_drift", "score_event"]

#: The system's drift kinds as the gold's (None: not a change of meaning, not scored).
KIND: dict[str, str | None] = {
    "hedge_dropped": "hedge",
    "hedge_added": "hedge",
    "number_changed": "number",
    "object_changed": "number",
    "certainty_strengthened": "certainty",
    "certainty_weakened": "certainty",
    "speaker_changed": "speaker",
    "source_changed": "speaker",
    "attribution_dropped": "attribution_dropped",
    "quote_reworded": "meaning",
    "meaning_changed": "meaning",
    "excerpted": None,
}
GOLD_KINDS = ("number", "hedge", "certainty", "speaker", "attribution_dropped", "meaning")


@dataclass(frozen=True, slots=True)
class GoldDrift:
    """One real change of a gold claim: its kind, from one document's version to another's."""

    claim: str
    kind: str
    source: str  # the document of the "from" side
    target: str  # the document of the "to" side


def read_drift(path: Path) -> dict[str, list[GoldDrift]]:
    """The gold drift of a ``gold/provenance`` file by claim id, drift inside one document
    left out."""
    out: dict[str, list[GoldDrift]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        for change in record.get("drift", []):
            source, target = change["from"]["doc"], change["to"]["doc"]
            if source != target:
                out[record["claim"]].append(
                    GoldDrift(record["claim"], change["kind"], source, target)
                )
    return out


@dataclass(slots=True)
class _Tally:
    """Counts over one event or many (units: a claim and a gold kind)."""

    claims: int = 0
    matched: int = 0
    pairs: int = 0  # aligned version pairs both of whose versions the gold lists
    pairs_right: int = 0
    pairs_outside: int = 0  # aligned pairs with a version the gold lists under no claim
    units: Counter[str] = field(default_factory=Counter)  # flagged units of matched claims
    units_right: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)  # gold units by kind
    gold_aligned: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    flags: int = 0  # single flags on matched claims
    flags_right: int = 0  # ... whose two documents a gold drift of their kind joins
    direction_right: int = 0  # ... whose first document is that gold drift's "from"
    flags_unmatched: int = 0  # flags on traced claims that match no gold claim
    not_scored: int = 0  # flags of kinds that are no change of meaning
    details: list[dict[str, Any]] = field(default_factory=list)  # for ``--verbose``

    def add(self, other: _Tally) -> None:
        for name in (f.name for f in fields(self)):
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, Counter):
                mine.update(theirs)
            else:
                setattr(self, name, mine + theirs)


def _alignment(story: TracedEvent, gold: Sequence[GoldClaim], tally: _Tally) -> None:
    """Alignment precision's counts over every traced claim of the event."""
    spans = [(claim.id, g.doc, (g.start, g.end)) for claim in gold for g in claim.versions]

    def claims_of(article: str, span: tuple[int, int]) -> set[str]:
        return {c for c, doc, s in spans if doc == article and spans_match(s, span)}

    for traced in story.traced:
        located = [story.where[v.key] for v in traced.versions if v.key in story.where]
        for a, b in combinations(located, 2):
            if a.version.article == b.version.article:
                continue
            ca = claims_of(a.version.article, (a.start, a.end))
            cb = claims_of(b.version.article, (b.start, b.end))
            if not ca or not cb:
                tally.pairs_outside += 1
                continue
            tally.pairs += 1
            tally.pairs_right += bool(ca & cb)


def _flags(traced: TracedClaim, tally: _Tally) -> dict[str, list[Drift]]:
    """A traced claim's scored flags by gold kind (an unknown kind is "meaning")."""
    out: dict[str, list[Drift]] = defaultdict(list)
    for change in traced.drift:
        kind = KIND.get(change.kind, "meaning")
        if kind is None:
            tally.not_scored += 1
        else:
            out[kind].append(change)
    return out


def _docs(change: Drift) -> set[str]:
    return {change.before.article, change.after.article}


def score_event(
    story: TracedEvent, gold: Sequence[GoldClaim], drift: dict[str, list[GoldDrift]]
) -> _Tally:
    """The counts of the module's protocol for one traced event and its gold claims."""
    tally = _Tally(claims=len(gold))
    _alignment(story, gold, tally)
    matched: dict[str, list[GoldClaim]] = defaultdict(list)
    for claim in gold:
        kinds = {d.kind for d in drift.get(claim.id, [])}
        tally.gold.update(kinds)
        match = best_match(claim, story.traced, story.where)
        if match is None:
            continue
        tally.matched += 1
        matched[match.claim.id].append(claim)
        held = {g.doc for g, _ in match.pairs}
        tally.gold_aligned.update(
            {d.kind for d in drift.get(claim.id, []) if {d.source, d.target} <= held}
        )
    found: set[tuple[str, str]] = set()
    for traced in story.traced:
        by_kind = _flags(traced, tally)
        if traced.id not in matched:
            tally.flags_unmatched += sum(len(f) for f in by_kind.values())
            continue
        changes = [d for claim in matched[traced.id] for d in drift.get(claim.id, [])]
        for kind, flags in by_kind.items():
            _score_unit(traced.id, kind, flags, [d for d in changes if d.kind == kind], tally)
            found.update(
                (d.claim, kind)
                for d in changes
                if d.kind == kind and any(_docs(f) & {d.source, d.target} for f in flags)
            )
    tally.found.update(kind for _, kind in found)
    tally.details.extend(
        {"missed": {"claim": d.claim, "kind": d.kind, "from": d.source, "to": d.target}}
        for claim in gold
        for d in drift.get(claim.id, [])
        if (claim.id, d.kind) not in found
    )
    return tally


def _score_unit(
    traced: str, kind: str, flags: list[Drift], changes: list[GoldDrift], tally: _Tally
) -> None:
    """One traced claim's flags of one kind (``changes``: the gold drift of that kind of the
    gold claims it matches): right when a flag shares a document with one of them."""
    right = any(_docs(f) & {d.source, d.target} for f in flags for d in changes)
    tally.units[kind] += 1
    tally.units_right[kind] += right
    for flag in flags:
        exact = [d for d in changes if {d.source, d.target} == _docs(flag)]
        tally.flags += 1
        tally.flags_right += bool(exact)
        tally.direction_right += any(d.source == flag.before.article for d in exact)
    tally.details.append(
        {"traced": traced, "kind": kind, "right": right, "flags": [f.to_json() for f in flags]}
    )


def _share(n: int, of: int) -> float | None:
    return round(n / of, 4) if of else None


def drift_figures(t: _Tally) -> dict[str, Any]:
    """The figures of a tally (the printed and JSON form of ``eval drift``)."""
    kinds = {
        kind: {
            "flagged": t.units[kind],
            "right": t.units_right[kind],
            "gold": t.gold[kind],
            "found": t.found[kind],
            "precision": _share(t.units_right[kind], t.units[kind]),
            "recall": _share(t.found[kind], t.gold[kind]),
        }
        for kind in GOLD_KINDS
    }
    flagged, right = sum(t.units.values()), sum(t.units_right.values())
    gold, found, aligned = sum(t.gold.values()), sum(t.found.values()), sum(t.gold_aligned.values())
    return {
        "claims": t.claims,
        "matched": t.matched,
        "shared_claim_recall": _share(t.matched, t.claims),
        "aligned_pairs": t.pairs,
        "aligned_right": t.pairs_right,
        "alignment_precision": _share(t.pairs_right, t.pairs),
        "aligned_outside_gold": t.pairs_outside,
        "flagged": flagged,
        "flagged_right": right,
        "drift_precision": _share(right, flagged),
        "gold_drift": gold,
        "found": found,
        "drift_recall": _share(found, gold),
        "gold_drift_aligned": aligned,
        "drift_recall_aligned": _share(found, aligned),
        "flags": t.flags,
        "flags_right": t.flags_right,
        "direction_right": t.direction_right,
        "flags_on_unmatched_claims": t.flags_unmatched,
        "flags_not_scored": t.not_scored,
        "by_kind": kinds,
        "details": t.details,
    }


def evaluate_drift(
    folder: Path, gold_path: Path, progress: Progress | None = None
) -> dict[str, Any]:
    """The module's protocol on the gold file ``gold_path`` with the ECB+ documents of
    ``folder``: micro-averaged figures, per kind and per event."""
    gold = read_gold(gold_path)
    if not gold:
        raise ValueError(f"{gold_path} holds no gold claims")
    drift = read_drift(gold_path)
    total, events = _Tally(), {}
    for event, claims, _, story in traced_events(folder, gold, progress):
        tally = score_event(story, claims, drift)
        events[event] = {k: v for k, v in drift_figures(tally).items() if k != "details"}
        total.add(tally)
    return {"gold": Path(gold_path).name, "events": len(events), **drift_figures(total),
            "by_event": events}  # fmt: skip
