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
3. **Shared neighbours**: an article's neighbourhood is itself and its
   ``batch_neighbours - 1`` most probable candidates at probability ``NEIGHBOUR_FLOOR`` (0.5,
   more likely than not; set by that meaning, not tuned) or more. Reports of one event have
   the same close neighbours; a report of another event of the same kind (a second earthquake
   on the same island) may score high against one of them but has close neighbours of its
   own. A pair's link is ``batch_mix`` x its probability + (1 - ``batch_mix``) x the share of
   neighbourhood the two have in common (Jarvis and Patrick's shared nearest neighbours).
   ``batch_neighbours`` 0 links by probability alone.
4. **Average link**: every article starts alone; the two clusters with the highest mean link
   over all their cross pairs merge, while that mean is at or above ``batch_link_threshold``
   and their mean probability is at or above ``batch_threshold``, the cut with which
   probability alone does best. Neighbours order the merges and can stop one; they cannot
   join two stories that the probabilities keep apart, so one confident but wrong pair cannot
   chain two small stories together through their neighbours. Pairs never scored count as 0,
   which is what the pair model gives articles with no key term in common, to within a few
   hundredths. All the settings are chosen by cross-validation on ECB+ train
   (``eval/fit_stories.py``).

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
FLOOR = 0.02  # pairs whose link and probability are both below this are not kept as edges
NEIGHBOUR_FLOOR = 0.5  # a neighbour is more likely than not to report the same happening
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


def shared_neighbours(
    size: int,
    first: np.ndarray,
    second: np.ndarray,
    weights: np.ndarray,
    neighbours: int,
    floor: float = NEIGHBOUR_FLOOR,
) -> np.ndarray:
    """For each pair ``(first[k], second[k])``, the share of their neighbourhoods the two have
    in common: an article's neighbourhood is itself and its ``neighbours - 1`` most probable
    partners among the pairs (at ``floor`` or more; ties: the lower index), so the value is a
    multiple of 1 / ``neighbours`` between 0 and 1."""
    from scipy.sparse import csr_matrix

    src = np.concatenate([first, second])
    dst = np.concatenate([second, first])
    w = np.concatenate([weights, weights])
    keep = (w >= floor) & (src != dst)
    src, dst, w = src[keep], dst[keep], w[keep]
    order = np.lexsort((dst, -w, src))  # by article, then most probable first
    src, dst = src[order], dst[order]
    rank = np.arange(len(src)) - np.searchsorted(src, src, side="left")
    top = rank < neighbours - 1
    everyone = np.arange(size)
    rows = np.concatenate([src[top], everyone])
    cols = np.concatenate([dst[top], everyone])
    hood = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    out = np.empty(len(first), dtype=np.float64)
    for start in range(0, len(first), CHUNK):
        a, b = first[start : start + CHUNK], second[start : start + CHUNK]
        out[start : start + CHUNK] = np.asarray(hood[a].multiply(hood[b]).sum(axis=1)).ravel()
    return out / neighbours


def average_link(
    size: int,
    first: np.ndarray,
    second: np.ndarray,
    weights: np.ndarray,
    threshold: float,
    guard: np.ndarray | None = None,
    guard_threshold: float = 0.0,
) -> list[int]:
    """Cluster labels (0-based, numbered by each cluster's lowest member) from average-link
    agglomeration over a sparse similarity graph; absent pairs count as 0. With ``guard`` (a
    second value per pair), two clusters merge only while their mean guard over the cross
    pairs is at or above ``guard_threshold`` too."""
    checked = guard is not None
    second_values = guard if guard is not None else weights
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    # sums[a][b] is sums[b][a]: one [weight sum, guard sum] list per pair of clusters
    sums: dict[int, dict[int, list[float]]] = defaultdict(dict)
    for a, b, w, g in zip(
        first.tolist(), second.tolist(), weights.tolist(), second_values.tolist(), strict=True
    ):
        if a != b and max(w, g) >= FLOOR:
            pair = sums[a].get(b)
            if pair is None:
                pair = sums[a][b] = sums[b][a] = [0.0, 0.0]
            pair[0] += w
            pair[1] += g

    def mean(a: int, c: int) -> float | None:
        """The mean link of clusters a and c, or None when they may not merge."""
        pair, n = sums[a][c], len(members[a]) * len(members[c])
        if pair[0] / n < threshold or (checked and pair[1] / n < guard_threshold):
            return None
        return pair[0] / n

    heap = [
        (-w, a, b)
        for a, row in sums.items()
        for b in row
        if a < b and (w := mean(a, b)) is not None
    ]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = sums[a][b][0] / (len(members[a]) * len(members[b]))
        if not math.isclose(current, -negative, rel_tol=1e-12, abs_tol=1e-15):
            continue  # stale: sizes or sums changed since it was pushed
        if len(members[a]) < len(members[b]):
            a, b = b, a
        members[a].extend(members.pop(b))
        for c, pair in sums.pop(b).items():
            del sums[c][b]
            if c == a:
                continue
            mine = sums[a].get(c)
            if mine is None:
                sums[a][c] = sums[c][a] = pair
            else:
                mine[0] += pair[0]
                mine[1] += pair[1]
        for c in sums[a]:
            if (w := mean(a, c)) is not None:
                heapq.heappush(heap, (-w, min(a, c), max(a, c)))
    labels = [0] * size
    for number, group in enumerate(sorted(members.values(), key=min)):
        for i in group:
            labels[i] = number
    return labels


def batch_graph(
    features: Sequence[dict[str, Any]], model: PairModel, max_days_apart: int | None = 60
) -> tuple[BatchProfiles, np.ndarray, np.ndarray, np.ndarray]:
    """The batch's profiles, its candidate pairs and their probabilities."""
    profiles = BatchProfiles(features)
    first, second = candidate_pairs(profiles, max_days_apart)
    return profiles, first, second, probabilities(model, profiles, first, second)


def link_batch(
    size: int,
    first: np.ndarray,
    second: np.ndarray,
    weights: np.ndarray,
    model: PairModel,
    threshold: float | None = None,
) -> list[int]:
    """Average link over a batch's scored pairs with the model's settings (``threshold``: a
    probability cut other than the model's ``batch_threshold``)."""
    cut = model.batch_threshold if threshold is None else threshold
    if model.batch_neighbours <= 0:
        return average_link(size, first, second, weights, cut)
    shared = shared_neighbours(size, first, second, weights, model.batch_neighbours)
    links = model.batch_mix * weights + (1.0 - model.batch_mix) * shared
    return average_link(
        size, first, second, links, model.batch_link_threshold, guard=weights, guard_threshold=cut
    )


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
    profiles, first, second, weights = batch_graph(features, model, max_days_apart)
    labels = link_batch(profiles.size, first, second, weights, model, threshold)
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
