"""Coreference scores: MUC, B³, CEAF-e and their mean, the CoNLL F1.

A partition is a collection of clusters, each a set of hashable mention keys. The key (gold)
and the response (predicted) partitions may hold different mentions; the conventions follow
the reference scorer (Pradhan et al. 2014, "Scoring coreference partitions of predicted
mentions: a reference implementation", v8):

- **MUC** (Vilain et al. 1995): recall is the share of the key's links kept, ``sum(|K| -
  p(K)) / sum(|K| - 1)`` where ``p(K)`` counts the parts the response cuts ``K`` into (a
  mention the response lacks is a part of its own); precision swaps key and response.
  Singletons carry no links, so a partition of singletons scores 0.
- **B³** (Bagga & Baldwin 1998): recall is the mean over key mentions of ``|K ∩ R| / |K|``
  for the clusters that hold the mention (0 when the response lacks it); precision is the
  mean over response mentions of ``|K ∩ R| / |R|``.
- **CEAF-e** (Luo 2005): the one-to-one alignment of key and response clusters that
  maximises the sum of ``phi4(K, R) = 2 |K ∩ R| / (|K| + |R|)`` (Kuhn–Munkres); recall
  divides that sum by the number of key clusters, precision by the number of response
  clusters.

A mention may sit in one cluster of a partition only; a partition that repeats one is an
error, not something to score.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["CorefScores", "Partition", "Score", "b_cubed", "ceaf_e", "conll", "muc"]

Partition = Collection[Collection[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    """Recall and precision of one measure, and their harmonic mean."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
        }


def _membership(partition: Partition) -> dict[Hashable, int]:
    """{mention: index of its cluster}; a mention in two clusters raises ValueError."""
    owner: dict[Hashable, int] = {}
    for index, cluster in enumerate(partition):
        for mention in cluster:
            if owner.setdefault(mention, index) != index:
                raise ValueError(f"mention {mention!r} is in two clusters of one partition")
    return owner


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_links(clusters: Partition, other: Partition) -> tuple[int, int]:
    """Links of ``clusters`` that ``other`` keeps, and all links of ``clusters``."""
    owner = _membership(other)
    kept = total = 0
    for cluster in clusters:
        parts = {owner.get(m, ("missing", m)) for m in cluster}
        kept += len(cluster) - len(parts)
        total += max(len(cluster) - 1, 0)
    return kept, total


def muc(key: Partition, response: Partition) -> Score:
    """The MUC link score of ``response`` against ``key``."""
    return Score(
        recall=_ratio(*_muc_links(key, response)),
        precision=_ratio(*_muc_links(response, key)),
    )


def _b_cubed_side(clusters: Partition, other: Partition) -> float:
    """Mean over the mentions of ``clusters`` of the share of their cluster found together
    with them in ``other``."""
    owner = _membership(other)
    others = [set(c) for c in other]
    total = mentions = 0.0
    for cluster in clusters:
        members = set(cluster)
        for mention in members:
            if mention in owner:
                total += len(members & others[owner[mention]]) / len(members)
        mentions += len(members)
    return _ratio(total, mentions)


def b_cubed(key: Partition, response: Partition) -> Score:
    """The B³ score of ``response`` against ``key``."""
    return Score(recall=_b_cubed_side(key, response), precision=_b_cubed_side(response, key))


def _phi4_matrix(key: list[set[Hashable]], response: list[set[Hashable]]) -> np.ndarray:
    """phi4 of every key cluster (rows) with every response cluster (columns)."""
    owner = _membership(response)
    similarity = np.zeros((len(key), len(response)))
    for row, cluster in enumerate(key):
        for mention in cluster:
            if mention in owner:
                similarity[row, owner[mention]] += 1
    sizes = np.array([len(c) for c in key], dtype=float)[:, None] + [len(c) for c in response]
    return 2 * similarity / sizes


def ceaf_e(key: Partition, response: Partition) -> Score:
    """Entity-based CEAF (phi4) of ``response`` against ``key``."""
    key_sets = [set(c) for c in key if c]
    response_sets = [set(c) for c in response if c]
    if not key_sets or not response_sets:
        return Score(0.0, 0.0)
    _membership(key_sets)
    similarity = _phi4_matrix(key_sets, response_sets)
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    aligned = float(similarity[rows, columns].sum())
    return Score(recall=aligned / len(key_sets), precision=aligned / len(response_sets))


@dataclass(frozen=True, slots=True)
class CorefScores:
    """MUC, B³ and CEAF-e of one response, and their CoNLL F1."""

    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll_f1(self) -> float:
        """The mean of the three F1 figures, the CoNLL shared tasks' single number."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict[str, Any]:
        return {
            "muc": self.muc.as_dict(),
            "b_cubed": self.b_cubed.as_dict(),
            "ceaf_e": self.ceaf_e.as_dict(),
            "conll_f1": round(self.conll_f1, 4),
        }


def conll(key: Partition, response: Partition) -> CorefScores:
    """All three scores of ``response`` against ``key``."""
    return CorefScores(
        muc=muc(key, response), b_cubed=b_cubed(key, response), ceaf_e=ceaf_e(key, response)
    )
