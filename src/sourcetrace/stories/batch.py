"""Batch story clustering: average-link agglomeration over the pair model's probabilities.

When a store's stories are built from nothing (its first ``stories`` run, or ``recluster``),
every article is known at once, and one-at-a-time assignment throws that away: an article that
arrives early can only join stories opened before it. So a batch is clustered as a whole:

1. **Profiles** with document frequencies over the whole batch (as the pair model was fitted),
   held as one sparse matrix per channel, so that 10,000s of articles fit in memory.
2. **Candidate pairs** from the same key terms the incremental index uses: each article is
   compared with the ``NEIGHBOURS`` articles that share most of its key terms (key terms
   shared by more than ``MAX_POSTINGS_BATCH`` articles say nothing and are skipped), and, when
   both are dated, only with articles at most ``max_days_apart`` days away. The pair model
   scores all candidate pairs at once (``pair_rows`` gives exactly ``StoryIndex.pair_values``).
3. **Average link**: every article starts alone; the two clusters with the highest mean
   probability over all their cross pairs merge, while that mean is at or above the model's
   ``batch_threshold`` (chosen by cross-validation on ECB+ train, like the incremental
   threshold). Pairs never scored count as probability 0, which is what the pair model gives
   articles with no key term in common, to within a few hundredths.

The result is a story per article, numbered by each story's first article in arrival order.
Later arrivals are assigned incrementally (``StoryIndex.assign``) against the stories made here.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from sourcetrace.stories.index import (
    StoryIndex,
    channel_vectors,
    name_words,
    names_missing,
    parse_day,
)
from sourcetrace.stories.model import CHANNELS, FEATURES, PairModel

NEIGHBOURS = 30  # candidate articles scored per article
MAX_POSTINGS_BATCH = 400  # a key term shared by more articles finds no candidates
FLOOR = 0.02  # probabilities below this are not kept as edges
CHUNK = 20_000  # candidate pairs scored at once


class BatchProfiles:
    """The batch's articles as sparse channel matrices, embeddings, key terms and days."""

    def __init__(self, features: Sequence[dict[str, Any]]) -> None:
        from scipy.sparse import csr_matrix

        n = len(features)
        df: Counter[str] = Counter()
        for f in features:
            df.update(f["terms"].keys())
        vocabulary: dict[str, int] = {}
        years: dict[str, int] = {}
        columns: dict[str, tuple[list[int], list[int], list[float]]] = {
            c: ([0], [], []) for c in (*CHANNELS, "numbers", "years")
        }
        self.keys: list[list[str]] = []
        self.days: list[date | None] = []
        self.names = [name_words(f["terms"]) for f in features]
        self.embeddings = np.zeros((n, len(_embedding(features[0])) if n else 0), np.float32)
        for row, f in enumerate(features):
            vectors, keys = channel_vectors(f["terms"], df, n)
            for channel, weights in vectors.items():
                indptr, indices, data = columns[channel]
                indices.extend(vocabulary.setdefault(t, len(vocabulary)) for t in weights)
                data.extend(weights.values())
                indptr.append(len(indices))
            self.keys.append(keys)
            numbers = {t for t in f["terms"] if t.startswith("n:") and t[2:3].isdigit()}
            for name, items, table in (
                ("numbers", numbers, vocabulary),
                ("years", set(f.get("years") or ()), years),
            ):
                indptr, indices, data = columns[name]
                indices.extend(table.setdefault(t, len(table)) for t in items)
                data.extend([1.0] * len(items))
                indptr.append(len(indices))
            self.days.append(parse_day(f.get("day")))
            self.embeddings[row] = _embedding(f)
        width = {name: max(len(vocabulary), 1) for name in columns} | {"years": max(len(years), 1)}
        self.matrices = {
            name: csr_matrix(
                (np.array(d, np.float64), np.array(i, np.int64), np.array(p, np.int64)),
                shape=(n, width[name]),
            )
            for name, (p, i, d) in columns.items()
        }
        self.size = n

    def pair_rows(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The pair model's inputs for article pairs ``(first[k], second[k])``: the same values
        as ``feature_row(StoryIndex.pair_values(...))`` with document frequencies over the
        batch."""
        columns = {}
        for name, matrix in self.matrices.items():
            products = matrix[first].multiply(matrix[second])
            columns[name] = np.asarray(products.sum(axis=1)).ravel()
        values = {c: columns[c] for c in CHANNELS}
        values["w*n"] = columns["w:"] * columns["n:"]
        values["shared_numbers"] = np.minimum(columns["numbers"], 5) / 5
        values["embedding"] = np.einsum(
            "ij,ij->i", self.embeddings[first], self.embeddings[second]
        ).astype(np.float64)
        counts = np.diff(self.matrices["years"].indptr)
        shared = columns["years"]
        union = counts[first] + counts[second] - shared
        values["years_overlap"] = np.divide(
            shared, union, out=np.zeros_like(shared), where=union > 0
        )
        values["years_disjoint"] = (
            (counts[first] > 0) & (counts[second] > 0) & (shared == 0)
        ).astype(np.float64)
        names = self.names
        missing = np.array(
            [
                (names_missing(names[a][0], names[b][1]), names_missing(names[b][0], names[a][1]))
                for a, b in zip(first.tolist(), second.tolist(), strict=True)
            ],
            dtype=np.float64,
        ).reshape(len(first), 2)
        values["names_missing*embedding"] = missing.max(axis=1) * values["embedding"]
        return np.column_stack([values[name] for name in FEATURES])


def _embedding(features: dict[str, Any]) -> np.ndarray:
    from sourcetrace.stories.features import decode_vector

    return decode_vector(features["embedding"])


def candidate_pairs(
    profiles: BatchProfiles, max_days_apart: int | None = 60
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of articles to score: each article's ``NEIGHBOURS`` articles sharing most
    key terms (ties: the nearest in arrival order), close enough in time when both are dated."""
    postings: dict[str, list[int]] = defaultdict(list)
    for row, keys in enumerate(profiles.keys):
        for term in keys:
            postings[term].append(row)
    pairs: set[tuple[int, int]] = set()
    for row, keys in enumerate(profiles.keys):
        hits: Counter[int] = Counter()
        for term in keys:
            posting = postings[term]
            if len(posting) <= MAX_POSTINGS_BATCH:
                hits.update(posting)
        hits.pop(row, None)
        day = profiles.days[row]
        if day and max_days_apart is not None:
            for other in list(hits):
                there = profiles.days[other]
                if there and abs((there - day).days) > max_days_apart:
                    del hits[other]
        ranked = sorted(hits.items(), key=lambda item: (-item[1], abs(item[0] - row)))
        for other, _ in ranked[:NEIGHBOURS]:
            pairs.add((min(row, other), max(row, other)))
    ordered = sorted(pairs)
    first = np.array([a for a, _ in ordered], dtype=np.int64)
    second = np.array([b for _, b in ordered], dtype=np.int64)
    return first, second


def probabilities(
    model: PairModel, profiles: BatchProfiles, first: np.ndarray, second: np.ndarray
) -> np.ndarray:
    """``model.probability`` of every pair, computed in chunks."""
    coef = np.array(model.coef, dtype=np.float64)
    out = np.empty(len(first), dtype=np.float64)
    for start in range(0, len(first), CHUNK):
        rows = profiles.pair_rows(first[start : start + CHUNK], second[start : start + CHUNK])
        z = np.clip(rows @ coef + model.intercept, -40.0, 40.0)
        out[start : start + CHUNK] = 1.0 / (1.0 + np.exp(-z))
    return out


def average_link(
    size: int, first: np.ndarray, second: np.ndarray, weights: np.ndarray, threshold: float
) -> list[int]:
    """Cluster labels (0-based, numbered by each cluster's lowest member) from average-link
    agglomeration over a sparse similarity graph; absent pairs count as 0."""
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for a, b, w in zip(first.tolist(), second.tolist(), weights.tolist(), strict=True):
        if a != b and w >= FLOOR:
            sums[a][b] = sums[a].get(b, 0.0) + w
            sums[b][a] = sums[b].get(a, 0.0) + w
    heap = [
        (-w / 1.0, a, b)
        for a, row in sums.items()
        for b, w in row.items()
        if a < b and w >= threshold
    ]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if not math.isclose(current, -negative, rel_tol=1e-12, abs_tol=1e-15):
            continue  # stale: sizes or sums changed since it was pushed
        if len(members[a]) < len(members[b]):
            a, b = b, a
        members[a].extend(members.pop(b))
        for c, w in sums.pop(b).items():
            del sums[c][b]
            if c != a:
                sums[a][c] = sums[a].get(c, 0.0) + w
                sums[c][a] = sums[a][c]
        sums[a].pop(a, None)
        for c, w in sums[a].items():
            mean = w / (len(members[a]) * len(members[c]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, c), max(a, c)))
    labels = [0] * size
    for number, group in enumerate(sorted(members.values(), key=min)):
        for i in group:
            labels[i] = number
    return labels


def cluster_batch(
    features: Sequence[dict[str, Any]],
    model: PairModel,
    *,
    threshold: float | None = None,
    max_days_apart: int | None = 60,
) -> tuple[list[int], list[float], list[list[str]]]:
    """Story labels for a batch in arrival order (0-based, numbered by first article), each
    article's mean probability against the other articles of its story (1.0 alone), and each
    article's key terms (with document frequencies over the batch)."""
    if not features:
        return [], [], []
    profiles = BatchProfiles(features)
    first, second = candidate_pairs(profiles, max_days_apart)
    weights = probabilities(model, profiles, first, second)
    cut = model.batch_threshold if threshold is None else threshold
    labels = average_link(profiles.size, first, second, weights, cut)
    totals = np.zeros(profiles.size)
    same = np.array([labels[a] == labels[b] for a, b in zip(first, second, strict=True)], bool)
    np.add.at(totals, first[same], weights[same])
    np.add.at(totals, second[same], weights[same])
    sizes = Counter(labels)
    scores = [
        1.0 if sizes[label] == 1 else round(float(totals[i]) / (sizes[label] - 1), 4)
        for i, label in enumerate(labels)
    ]
    return labels, scores, profiles.keys


def story_rows(
    index: StoryIndex,
    ids: Sequence[str],
    features: Sequence[dict[str, Any]],
    labels: Sequence[int],
    keys: Sequence[list[str]],
) -> list[tuple[str, int, dict[str, Any], list[str]]]:
    """(article id, story id, features, key terms) in arrival order for ``StoryIndex.load``,
    with story ids that continue the index's numbering."""
    numbers: dict[int, int] = {}
    return [
        (article_id, numbers.setdefault(label, index.next_id + len(numbers)), f, k)
        for article_id, f, label, k in zip(ids, features, labels, keys, strict=True)
    ]
