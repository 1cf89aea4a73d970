"""Fit the alignment pair model on the train files of the provenance gold (never dev).

1. Each gold event is made into one story's versions exactly as ``eval provenance`` makes
   them (:func:`.provenance.event_versions`) and embedded as ``trace`` embeds them.
2. Every pair of versions from different articles, both located in their documents, gives one
   row of :data:`.align_model.FEATURES`, labelled by the gold claims each version overlaps
   (:func:`.provenance.spans_match`): 1 when one gold claim holds both, 0 when both lie in
   gold claims but no common one, and 0 at weight ``OUTSIDE_WEIGHT`` when one lies in no gold
   claim (the gold lists every claim two articles carry, so most such pairs are wrong, but a
   second occurrence in one article is not listed). Pairs the speaker rule never aligns
   (quotations of different speakers, neither's words in the other) are left out.
3. The threshold: leaving one event out at a time, a logistic regression fitted on the others'
   pairs traces the held-out event through the product's own grouping
   (:func:`.align.align`: mutual best matches, then second claims) at each of
   ``THRESHOLDS``, and ``eval drift`` scores it (:func:`.drift.score_event`). Over all events,
   the threshold that matches the most gold claims while the aligned pairs stay at least
   ``PRECISION_FLOOR`` precise wins (ties: the higher threshold).
4. The shipped model is fitted on every event's pairs and keeps that threshold, with the
   out-of-fold figures.

The product only loads the fitted file (``trace.align_model``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from sourcetrace.eval.drift import read_drift, score_event
from sourcetrace.eval.provenance import (
    EventVersions,
    GoldClaim,
    event_documents,
    event_versions,
    read_gold,
    spans_match,
    trace_event,
)
from sourcetrace.trace.align import (
    embed_versions,
    feature_matrices,
    other_speakers_quotes,
    quote_found,
)
from sourcetrace.trace.align_model import FEATURES, AlignModel

__all__ = ["PairRows", "fit_pairs", "pair_rows", "train_alignment"]

Progress = Callable[[str], None]
OUTSIDE_WEIGHT = 0.3
REGULARISATION = 1.0  # scikit-learn's C
THRESHOLDS = [round(0.4 + 0.025 * k, 3) for k in range(21)]  # 0.4 ... 0.9
#: The alignment precision of the hand-set score this model replaced, on the three train files
#: pooled (605 of 725 aligned pairs in one gold claim, 2026-12-07): no threshold below it.
PRECISION_FLOOR = 0.834


@dataclass(frozen=True, slots=True)
class PairRows:
    """One event's labelled version pairs: features (one row per pair), labels and weights."""

    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray


@dataclass(frozen=True, slots=True)
class _Event:
    name: str
    claims: list[GoldClaim]
    made: EventVersions
    vectors: np.ndarray
    rows: PairRows


def pair_rows(made: EventVersions, vectors: np.ndarray, claims: Sequence[GoldClaim]) -> PairRows:
    """Step 2 of the module docstring for one event."""
    versions = made.versions
    spans = [(c.id, g.doc, (g.start, g.end)) for c in claims for g in c.versions]
    gold: list[set[str] | None] = []
    for version in versions:
        found = made.where.get(version.key)
        gold.append(
            None
            if found is None
            else {
                claim
                for claim, doc, span in spans
                if doc == version.article and spans_match(span, (found.start, found.end))
            }
        )
    stacked = np.stack([m for _, m in feature_matrices(versions, vectors @ vectors.T)], axis=-1)
    blocked = {
        (i, j)
        for i, j in other_speakers_quotes(versions)
        if not quote_found(versions[i], versions[j])
    }
    rows, labels, weights = [], [], []
    for i, a in enumerate(versions):
        for j in range(i + 1, len(versions)):
            if a.article == versions[j].article or (i, j) in blocked:
                continue
            mine, theirs = gold[i], gold[j]
            if mine is None or theirs is None:
                continue
            rows.append(stacked[i, j])
            labels.append(int(bool(mine & theirs)))
            weights.append(1.0 if mine and theirs else OUTSIDE_WEIGHT)
    return PairRows(np.array(rows).reshape(-1, len(FEATURES)), np.array(labels), np.array(weights))


def fit_pairs(rows: Sequence[PairRows], threshold: float = 0.5) -> AlignModel:
    """A logistic regression on the pooled rows, as an :class:`AlignModel`."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(
        np.vstack([r.features for r in rows]),
        np.concatenate([r.labels for r in rows]),
        sample_weight=np.concatenate([r.weights for r in rows]),
    )
    return AlignModel(
        coef=[round(float(c), 6) for c in fitted.coef_[0]],
        intercept=round(float(fitted.intercept_[0]), 6),
        threshold=threshold,
    )


def _read_train(paths: Sequence[Path]) -> tuple[list[GoldClaim], dict]:
    """The gold claims and drift of the files; a record of another split is refused."""
    claims, drift = [], {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("split") != "train":
                raise ValueError(f"{path} holds claims of another split than train")
        claims.extend(read_gold(path))
        drift.update(read_drift(path))
    if not claims:
        raise ValueError("the gold files hold no claims")
    return claims, drift


def _events(folder: Path, claims: list[GoldClaim], progress: Progress | None) -> list[_Event]:
    by_event: dict[str, list[GoldClaim]] = {}
    for claim in claims:
        by_event.setdefault(claim.event, []).append(claim)
    documents = event_documents(folder, set(by_event))
    out = []
    for n, (name, held) in enumerate(by_event.items(), 1):
        made = event_versions(documents[name])
        vectors = embed_versions(made.versions)
        out.append(_Event(name, held, made, vectors, pair_rows(made, vectors, held)))
        if progress:
            progress(f"prepared {n}/{len(by_event)} events")
    return out


def _figures(counts: dict[str, int]) -> dict[str, float]:
    pairs, right = counts["aligned_pairs"], counts["aligned_right"]
    return {
        **counts,
        "shared_claim_recall": round(counts["matched"] / counts["claims"], 4),
        "alignment_precision": round(right / pairs, 4) if pairs else 0.0,
    }


def out_of_fold(events: list[_Event], drift: dict) -> dict[float, dict[str, float]]:
    """Step 3: each threshold's figures over all events, each traced by a model fitted on
    the other events."""
    names = ("claims", "matched", "aligned_pairs", "aligned_right")
    counts = {t: dict.fromkeys(names, 0) for t in THRESHOLDS}
    for n, event in enumerate(events, 1):
        model = fit_pairs([e.rows for e in events if e is not event])
        for threshold in THRESHOLDS:
            traced = trace_event(n, event.made, event.vectors, replace(model, threshold=threshold))
            tally = score_event(traced, event.claims, drift)
            for name, value in zip(
                names, (tally.claims, tally.matched, tally.pairs, tally.pairs_right), strict=True
            ):
                counts[threshold][name] += value
    return {t: _figures(c) for t, c in counts.items()}


def train_alignment(
    folder: Path, gold: Sequence[Path], progress: Progress | None = None
) -> AlignModel:
    """The module's steps on the ECB+ documents of ``folder`` and the gold files ``gold``."""
    claims, drift = _read_train(gold)
    events = _events(Path(folder), claims, progress)
    figures = out_of_fold(events, drift)
    allowed = [t for t in THRESHOLDS if figures[t]["alignment_precision"] >= PRECISION_FLOOR]
    if not allowed:
        raise ValueError(f"no threshold keeps alignment precision at {PRECISION_FLOOR}")
    threshold = max(allowed, key=lambda t: (figures[t]["matched"], t))
    model = fit_pairs([e.rows for e in events], threshold)
    model.trained_on = (
        f"{', '.join(Path(p).name for p in gold)}: {len(events)} events, "
        f"{sum(len(e.rows.labels) for e in events)} version pairs"
    )
    model.figures = {"out_of_fold": figures[threshold], "precision_floor": PRECISION_FLOOR}
    return model
