"""How far blind annotators agree on drift and origin counts (``eval agreement``), and how
the product scores against each of them.

The provenance gold's drift and origin counts (``gold/provenance``) were each written by one
annotator. ``gold/provenance/agreement`` holds blind re-annotations of some of its claims by
other annotators, under the same written rules (``RULES.md`` there), from sheets that show
each claim's versions and nothing of the first annotation. Here:

- **Drift units**, as ``eval drift`` scores them: a claim and a drift kind. One annotation's
  units are scored against another's: precision = units both give / units the second gives,
  recall = units both give / units the first gives, F1 their harmonic mean; overall and per
  kind.
- **Origin counts**: the share of claims whose two counts of independent origins are equal.
  The gold's count is :func:`.provenance.count_with_copies` over all its versions (copies of
  one text as one origin, as the re-annotators were told to count).
- **Majority**: on claims that three annotations or more cover, a unit is kept when more
  than half of them give it; the count when more than half agree on it.
- **The product** (with ``--ecbplus``): ``eval drift``'s protocol run on the covered claims
  against each annotation's drift in turn (:func:`.drift.score_event`), so a human's
  disagreement and the product's can be read side by side.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcetrace.eval.drift import GOLD_KINDS, GoldDrift, _Tally, drift_figures, score_event
from sourcetrace.eval.provenance import (
    GoldClaim,
    Progress,
    count_with_copies,
    read_gold,
    traced_events,
)

__all__ = [
    "Annotation",
    "evaluate_agreement",
    "gold_annotation",
    "majority",
    "read_annotation",
    "unit_agreement",
]

GOLD = "gold"


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotator's drift (as ``eval drift`` reads the gold's) and count of one claim."""

    claim: str
    drift: tuple[GoldDrift, ...]
    origins: int

    @property
    def units(self) -> frozenset[str]:
        return frozenset(d.kind for d in self.drift)


def read_annotation(path: Path) -> dict[str, Annotation]:
    """A re-annotation file: one JSON object per claim, ``{"claim", "drift": [{"kind",
    "from", "to"}], "independent_origins"}`` (documents by id); drift inside one document is
    left out, as ``eval drift`` leaves it out of the gold."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        drift = tuple(
            GoldDrift(record["claim"], d["kind"], d["from"], d["to"])
            for d in record["drift"]
            if d["from"] != d["to"]
        )
        out[record["claim"]] = Annotation(record["claim"], drift, record["independent_origins"])
    return out


def gold_annotation(
    paths: Iterable[Path],
) -> tuple[dict[str, Annotation], dict[str, GoldClaim], dict[str, str]]:
    """The provenance gold's drift and counts (copies as one) as an annotation, its claims,
    and each claim's split (its record's ``split``)."""
    from sourcetrace.eval.drift import read_drift

    out, claims, splits = {}, {}, {}
    for path in paths:
        drift = read_drift(path)
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                splits[record["claim"]] = record["split"]
        for claim in read_gold(path):
            claims[claim.id] = claim
            count = count_with_copies(list(claim.versions), claim.copy_groups)
            out[claim.id] = Annotation(claim.id, tuple(drift.get(claim.id, [])), count)
    return out, claims, splits


def _score(first: int, second: int, both: int) -> dict[str, Any]:
    return {
        "first": first,
        "second": second,
        "both": both,
        "precision": round(both / second, 4) if second else None,
        "recall": round(both / first, 4) if first else None,
        "f1": round(2 * both / (first + second), 4) if first + second else None,
    }


def unit_agreement(
    a: Mapping[str, Annotation], b: Mapping[str, Annotation], claims: Sequence[str]
) -> dict[str, Any]:
    """``b`` scored against ``a`` on ``claims``: drift units overall and per kind, and the
    share of equal origin counts."""
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    equal = 0
    for claim in claims:
        units_a, units_b = a[claim].units, b[claim].units
        for kind in GOLD_KINDS:
            per_kind[kind]["first"] += kind in units_a
            per_kind[kind]["second"] += kind in units_b
            per_kind[kind]["both"] += kind in units_a and kind in units_b
        equal += a[claim].origins == b[claim].origins
    total = Counter()
    for counts in per_kind.values():
        total.update(counts)
    return {
        "claims": len(claims),
        "drift": _score(total["first"], total["second"], total["both"]),
        "by_kind": {k: _score(c["first"], c["second"], c["both"]) for k, c in per_kind.items()},
        "origins_equal": equal,
        "origins_agreement": round(equal / len(claims), 4) if claims else None,
    }


def majority(annotations: Sequence[Mapping[str, Annotation]]) -> dict[str, Annotation]:
    """On the claims three annotations or more cover: the units more than half give (with
    the document pairs of every annotation that gives them), and the count more than half
    give (the claim's count is left out, as -1, where no count has a majority)."""
    out = {}
    claims = Counter(c for annotation in annotations for c in annotation)
    for claim, covered in claims.items():
        if covered < 3:
            continue
        held = [a[claim] for a in annotations if claim in a]
        kinds = Counter(k for a in held for k in a.units)
        kept = {k for k, n in kinds.items() if n * 2 > len(held)}
        counts = Counter(a.origins for a in held).most_common(1)[0]
        drift = tuple(d for a in held for d in a.drift if d.kind in kept)
        out[claim] = Annotation(claim, drift, counts[0] if counts[1] * 2 > len(held) else -1)
    return out


def _system(
    folder: Path,
    claims: Mapping[str, GoldClaim],
    splits: Mapping[str, str],
    sets: Mapping[str, Mapping[str, Annotation]],
    progress: Progress | None,
) -> dict[str, dict[str, Any]]:
    """``eval drift``'s figures on the claims each set covers, against that set's drift, by
    the claims' split."""
    covered = sorted({c for annotation in sets.values() for c in annotation})
    tallies: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for _, event_claims, _, story in traced_events(folder, [claims[c] for c in covered], progress):
        for name, annotation in sets.items():
            own = [c for c in event_claims if c.id in annotation]
            if own:
                drift = {c.id: list(annotation[c.id].drift) for c in own}
                tallies[name, splits[own[0].id]].add(score_event(story, own, drift))
    out: dict[str, dict[str, Any]] = defaultdict(dict)
    for (name, split), tally in sorted(tallies.items()):
        out[name][split] = {k: v for k, v in drift_figures(tally).items() if k != "details"}
    return dict(out)


def evaluate_agreement(
    gold_paths: Sequence[Path],
    annotation_paths: Sequence[Path],
    folder: Path | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Pairwise agreement of the gold and each re-annotation (named by its file's stem) on
    the claims both cover, per ECB+ split of the claims' events; the majority where three or
    more cover a claim; and with ``folder`` (ECB+), the product against each of them."""
    gold, claims, splits = gold_annotation(gold_paths)
    sets: dict[str, dict[str, Annotation]] = {GOLD: gold}
    for path in annotation_paths:
        annotation = read_annotation(path)
        unknown = sorted(set(annotation) - set(gold))
        if unknown:
            raise ValueError(f"{path} annotates claims the gold files do not hold: {unknown[:3]}")
        sets[Path(path).stem] = annotation
    names = list(sets)
    pairs = []
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            shared = sorted(set(sets[first]) & set(sets[second]))
            if not shared:
                continue
            by_split: dict[str, list[str]] = defaultdict(list)
            for claim in shared:
                by_split[splits[claim]].append(claim)
            for split, held in sorted(by_split.items()):
                events = sorted({claims[c].event for c in held})
                pairs.append(
                    {
                        "first": first,
                        "second": second,
                        "split": split,
                        "events": events,
                        **unit_agreement(sets[first], sets[second], held),
                    }
                )
    voted = majority([sets[n] for n in names])
    out: dict[str, Any] = {"annotations": names, "pairs": pairs, "majority_claims": len(voted)}
    if voted:
        for name in names:
            held = sorted(set(voted) & set(sets[name]))
            if held:
                out.setdefault("against_majority", {})[name] = unit_agreement(
                    voted, sets[name], held
                )
    if folder is not None:
        covered = {c for name in names[1:] for c in sets[name]}
        scored = {GOLD: {c: a for c, a in gold.items() if c in covered}}
        scored.update({name: sets[name] for name in names[1:]})
        if voted:
            scored["majority"] = voted
        out["product"] = _system(folder, claims, splits, scored, progress)
    return out
