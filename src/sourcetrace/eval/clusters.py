"""Cluster scores: B³ (Bagga & Baldwin) and pairwise precision, recall and F1."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B³ over items ``i`` with predicted cluster ``predicted[i]`` and gold ``gold[i]``."""
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    n = len(gold)
    if not n:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = recall = 0.0
    for i in range(n):
        shared = len(by_pred[predicted[i]] & by_gold[gold[i]])
        precision += shared / len(by_pred[predicted[i]])
        recall += shared / len(by_gold[gold[i]])
    p, r = precision / n, recall / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1(p, r), 4)}


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Precision and recall of "same cluster" over all pairs of items."""
    same_pred = same_gold = both = 0
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            p = predicted[i] == predicted[j]
            g = gold[i] == gold[j]
            same_pred += p
            same_gold += g
            both += p and g
    precision = both / same_pred if same_pred else 0.0
    recall = both / same_gold if same_gold else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
    }
