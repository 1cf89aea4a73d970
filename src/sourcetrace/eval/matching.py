"""Claim matching scored on CLEF CheckThat! 2020 task 2 (``eval matching``): for each tweet,
rank the verified claims with ``trace.match.ClaimMatcher`` and report MAP@5.

Files under the folder: ``verified_claims.docs.tsv`` (id, vclaim, title; quoted TSV, a few
claims hold a newline), ``<split>/tweets.queries.tsv`` (id, tweet_content) and
``<split>/tweet-vclaim-pairs.qrels`` (TREC: ``tweet_id 0 vclaim_id relevance``).

The protocol:

- **Claims** are indexed as "vclaim title". The collection repeats 181 of its entries under a
  later id, with the same words in other quote marks (``A "law to..."`` and ``A 'law to...'``);
  the qrels name the first copy in 232 of the 237 train and dev pairs that fall on such a claim.
  Only the first copy is indexed (``collapse_duplicates``), as a deduplicating system would; a
  pair naming a later copy stays in the qrels and can never be found.
- **Tweets** go through ``normalise_tweet``.
- **MAP@5** as the task's scorer computes it (trectools ``TrecEval.get_map(depth=5)``, the
  same as trec_eval's ``map_cut_5``): AP@5 is the sum of P@k over the ranks k <= 5 that hold a
  relevant claim, divided by R, the number of relevant claims the qrels give the tweet; MAP@5
  is its mean over all tweets of the split. Dividing by min(R, 5) instead, as some write it,
  changes nothing here: no tweet has more than two relevant claims.
- **Weights** are tuned on train only (``tune_weights``); dev is scored with the fixed
  ``TUNED_WEIGHTS``.
- **Open set** (for ``match``, where most claims repeat nothing known): each tweet is scored
  once against every claim and once with its relevant claims taken out, as a tweet with
  nothing to find. At a cut, a tweet's best claim is reported when its score reaches the cut;
  a report is right only when it is a relevant claim. Precision is right reports over all
  reports (of both passes), recall right reports over tweets. ``calibrate_threshold`` picks
  the cut with the best F1 on train; dev is scored at the fixed ``MATCH_THRESHOLD``.
"""

from __future__ import annotations

import csv
import itertools
import re
import time
import unicodedata
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.trace.match import (
    CANDIDATES,
    COMPONENTS,
    MATCH_THRESHOLD,
    RERANK_FEATURES,
    TUNED_WEIGHTS,
    ClaimFacts,
    ClaimMatcher,
    MatchWeights,
    Reranker,
    candidate_rows,
    combine,
    load_reranker,
    numbers,
    rerank,
    top_k,
)

Progress = Callable[[str], None]
CLAIMS_FILE = "verified_claims.docs.tsv"
DEPTH = 5
#: Regularisation strengths the reranker's cross-validation on train chooses from.
RERANK_C_GRID = (0.01, 0.1, 1.0, 10.0)
RERANK_FOLDS = 5

_URL = re.compile(r"(?:https?://|pic\.twitter\.com/)[^\s—]+")
# The line that closes a tweet copied from its embed code: "— Author Name (@handle) May 1, 2019".
_SIGNATURE = re.compile(
    r"\s*(?:—|\s-\s)([^—]*?)\(@\w+\)\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{1,4}\s*$"
)
_MENTION_OR_TAG = re.compile(r"[@#](\w+)")
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def normalise_tweet(text: str) -> str:
    """A tweet as plain sentences for matching.

    1. Links (``http...``, ``pic.twitter.com/...``) are dropped: they carry no words. So are
       emoji and other symbols (Unicode So, Sk, Cf, variation selectors); currency and maths
       signs stay.
    2. The embed signature "— Author Name (@handle) date" becomes a last sentence with the
       author's name alone: claims are often about what someone said (on train, dropping the
       name too costs 2.3 points of MAP@5).
    3. @mentions and #hashtags lose the sign and are split at case changes: "#FakeNews" ->
       "Fake News", "@realDonaldTrump" -> "real Donald Trump".
    4. Runs of white space become one space.
    """
    text = "".join(c for c in _URL.sub(" ", text) if not _is_symbol(c))
    signature = _SIGNATURE.search(text)
    if signature:
        body = text[: signature.start()].rstrip()
        author = signature.group(1).strip()
        if author:
            end = "" if not body or body[-1] in ".!?…" else "."
            body = f"{body}{end} {author}"
        text = body
    text = _MENTION_OR_TAG.sub(_split_mention_or_tag, text)
    return " ".join(text.split())


def _split_mention_or_tag(match: re.Match) -> str:
    glued = match.start() > 0 and match.string[match.start() - 1].isalnum()
    return (" " if glued else "") + _CAMEL_CASE.sub(" ", match.group(1))


def _is_symbol(character: str) -> bool:
    return (
        unicodedata.category(character) in ("So", "Sk", "Cf") or "\ufe00" <= character <= "\ufe0f"
    )


def average_precision_at(ranked: Sequence[str], relevant: Collection[str], k: int = DEPTH) -> float:
    """AP@k of one ranked list: the sum of P@i over the ranks i <= k that hold a relevant item,
    divided by the number of relevant items (0 when there are none)."""
    if not relevant:
        return 0.0
    found = 0
    total = 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            found += 1
            total += found / rank
    return total / len(relevant)


def mean_average_precision_at(
    rankings: Sequence[Sequence[str]], relevant: Sequence[Collection[str]], k: int = DEPTH
) -> float:
    """MAP@k: the mean AP@k over all queries, in the same order in both sequences."""
    if len(rankings) != len(relevant):
        raise ValueError(f"{len(rankings)} rankings for {len(relevant)} queries")
    if not rankings:
        return 0.0
    pairs = zip(rankings, relevant, strict=True)
    return sum(average_precision_at(r, g, k) for r, g in pairs) / len(rankings)


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[list[str]]:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: point --checkthat at the ct20_task2 folder")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    if not rows or tuple(rows[0][1:]) != columns:
        raise ValueError(f"{path}: expected the header (id, {', '.join(columns)})")
    return [row for row in rows[1:] if row]


def read_claims(folder: Path) -> tuple[list[str], list[str]]:
    """Ids and indexed texts ("vclaim title") of the verified claims, in file order."""
    rows = _read_tsv(Path(folder) / CLAIMS_FILE, ("vclaim", "title"))
    return [r[0] for r in rows], [f"{r[1]} {r[2]}" for r in rows]


def read_split(folder: Path, split: str) -> tuple[list[str], list[str], list[set[str]]]:
    """Ids, texts and relevant claim ids of the split's tweets, in file order."""
    base = Path(folder) / split
    rows = _read_tsv(base / "tweets.queries.tsv", ("tweet_content",))
    qrels_path = base / "tweet-vclaim-pairs.qrels"
    if not qrels_path.is_file():
        raise FileNotFoundError(f"{qrels_path} not found")
    relevant: dict[str, set[str]] = {}
    for line in qrels_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            tweet, _, claim, grade = line.split()
            if int(grade) > 0:
                relevant.setdefault(tweet, set()).add(claim)
    ids = [r[0] for r in rows]
    unknown = relevant.keys() - set(ids)
    if unknown:
        raise ValueError(f"{qrels_path} names tweets not in the queries file: {sorted(unknown)}")
    return ids, [r[1] for r in rows], [relevant.get(i, set()) for i in ids]


def first_occurrences(texts: Sequence[str]) -> list[int]:
    """Indices of the texts that do not repeat an earlier one up to case, punctuation, quote
    marks and spacing."""
    seen = set()
    kept = []
    for index, text in enumerate(texts):
        key = _NOT_ALPHANUMERIC.sub("", text.lower())
        if key not in seen:
            seen.add(key)
            kept.append(index)
    return kept


def _prepare(
    folder: Path, split: str, collapse_duplicates: bool, progress: Progress | None
) -> dict[str, Any]:
    """The split's tweets and every part's (tweets x claims) cosines."""
    claim_ids, claim_texts = read_claims(folder)
    tweet_ids, tweets, relevant = read_split(folder, split)
    kept = first_occurrences(claim_texts) if collapse_duplicates else range(len(claim_ids))
    indexed = [claim_ids[i] for i in kept]
    unknown = set().union(*relevant) - set(claim_ids)
    if unknown:
        raise ValueError(f"the {split} qrels name claims not in {CLAIMS_FILE}: {sorted(unknown)}")
    if progress:
        progress(f"indexing {len(indexed):,} verified claims")
    texts = [claim_texts[i] for i in kept]
    matcher = ClaimMatcher(MatchWeights(embedding=1.0, words=1.0, characters=1.0))
    matcher.fit(texts)
    if progress:
        progress(f"scoring {len(tweets):,} {split} tweets")
    queries = [normalise_tweet(t) for t in tweets]
    parts = matcher.component_scores(queries)
    indexed_set = set(indexed)
    position = {claim: i for i, claim in enumerate(indexed)}
    return {
        "claims_in_file": len(claim_ids),
        "claim_ids": indexed,
        "tweet_ids": tweet_ids,
        "relevant": relevant,
        "relevant_indexes": [[position[c] for c in r if c in position] for r in relevant],
        "parts": parts,
        "query_numbers": [numbers(q) for q in queries],
        "facts": ClaimFacts.of(texts),
        "unreachable": sum(len(r - indexed_set) for r in relevant),
    }


def _rank(
    scores: np.ndarray, prepared: dict[str, Any], reranker: Reranker | None, k: int = DEPTH
) -> list[list[tuple[int, float]]]:
    """Each tweet's ``k`` best claims by ``scores`` (combined), reordered by ``reranker``."""
    if reranker is None:
        return top_k(scores, k)
    numbers_ = prepared["query_numbers"]
    return rerank(prepared["parts"], scores, numbers_, prepared["facts"], reranker, k)


def _map_at_5(
    scores: np.ndarray, prepared: dict[str, Any], reranker: Reranker | None = None
) -> float:
    ids = prepared["claim_ids"]
    rankings = [[ids[i] for i, _ in row] for row in _rank(scores, prepared, reranker)]
    return mean_average_precision_at(rankings, prepared["relevant"])


def _best_scores(
    scores: np.ndarray, prepared: dict[str, Any], reranker: Reranker | None = None
) -> dict[str, np.ndarray]:
    """Per tweet: the first claim's score and whether it is relevant, and the first claim's
    score once the tweet's relevant claims are taken out (``-inf`` when none is left)."""
    masked = scores.copy()
    for row, indexes in enumerate(prepared["relevant_indexes"]):
        masked[row, indexes] = -np.inf
    first = [row[0] if row else (-1, -np.inf) for row in _rank(scores, prepared, reranker, 1)]
    others = [row[0][1] if row else -np.inf for row in _rank(masked, prepared, reranker, 1)]
    right = [i in r for (i, _), r in zip(first, prepared["relevant_indexes"], strict=True)]
    return {
        "best": np.array([s for _, s in first]),
        "right": np.array(right, dtype=bool),
        "without": np.array(others),
    }


def open_set(best: dict[str, np.ndarray], threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of reporting each tweet's best claim when it reaches
    ``threshold`` (see the module's *Open set*)."""
    reported = best["best"] >= threshold
    right = int((reported & best["right"]).sum())
    reports = int(reported.sum() + (best["without"] >= threshold).sum())
    precision = right / reports if reports else 0.0
    recall = right / len(reported) if len(reported) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    return {
        "threshold": threshold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def calibrate_threshold(
    folder: Path, *, step: float = 0.05, progress: Progress | None = None
) -> dict[str, Any]:
    """The open-set cut (0.05 to 3.0 by ``step``) with the best F1 on the train split, with
    ``TUNED_WEIGHTS`` and the shipped reranker; ties go to the lower cut. Never reads dev."""
    prepared = _prepare(folder, "train", True, progress)
    best = _best_scores(combine(prepared["parts"], TUNED_WEIGHTS), prepared, load_reranker())
    cuts = np.round(np.arange(step, 3.0 + step / 2, step), 6)
    return max((open_set(best, float(cut)) for cut in cuts), key=lambda r: r["f1"])


def evaluate_checkthat(
    folder: Path,
    split: str,
    *,
    weights: MatchWeights = TUNED_WEIGHTS,
    collapse_duplicates: bool = True,
    rerank: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """MAP@5 of the matcher on one split (reranked when ``rerank`` and ``weights`` are the
    ones the shipped reranker was fitted on), of its combined score alone, and of each of its
    parts alone."""
    started = time.perf_counter()
    prepared = _prepare(folder, split, collapse_duplicates, progress)
    parts = prepared["parts"]
    scores = combine(parts, weights)
    reranker = load_reranker() if rerank else None
    if reranker is not None and MatchWeights(**reranker.weights) != weights:
        reranker = None
    return {
        "split": split,
        "queries": len(prepared["tweet_ids"]),
        "claims": len(prepared["claim_ids"]),
        "claims_in_file": prepared["claims_in_file"],
        "unreachable_pairs": prepared["unreachable"],
        "map_at_5": round(_map_at_5(scores, prepared, reranker), 4),
        "reranked": reranker is not None,
        "combined_map_at_5": round(_map_at_5(scores, prepared), 4),
        "components": {name: round(_map_at_5(parts[name], prepared), 4) for name in COMPONENTS},
        "open_set": open_set(_best_scores(scores, prepared, reranker), MATCH_THRESHOLD),
        "weights": weights.as_dict(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def tune_weights(
    folder: Path, *, top: float = 2.0, step: float = 0.1, progress: Progress | None = None
) -> dict[str, Any]:
    """The words and characters weights (0 to ``top`` by ``step``, embedding held at 1.0) with
    the best MAP@5 on the train split, duplicates collapsed; ties go to the first in the grid.
    Never reads dev."""
    prepared = _prepare(folder, "train", True, progress)
    grid = np.round(np.arange(0.0, top + step / 2, step), 6)
    best = (-1.0, TUNED_WEIGHTS)
    for words, characters in itertools.product(grid, grid):
        weights = MatchWeights(embedding=1.0, words=float(words), characters=float(characters))
        score = _map_at_5(combine(prepared["parts"], weights), prepared)
        if score > best[0]:
            best = (score, weights)
    if progress:
        progress(f"tried {len(grid) ** 2} weightings")
    return {
        "split": "train",
        "queries": len(prepared["tweet_ids"]),
        "map_at_5": round(best[0], 4),
        "weights": best[1].as_dict(),
    }


def _candidate_table(
    prepared: dict[str, Any], scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]:
    """Features, labels and owning tweet of every (tweet, candidate) pair, and each tweet's
    candidates (best first by ``scores``)."""
    rows, labels, owners, candidates = [], [], [], []
    for row, best in enumerate(top_k(scores, CANDIDATES)):
        indexes = np.array([i for i, _ in best], dtype=np.int64)
        relevant = set(prepared["relevant_indexes"][row])
        numbers_ = prepared["query_numbers"][row]
        rows.append(
            candidate_rows(prepared["parts"], scores, row, indexes, numbers_, prepared["facts"])
        )
        labels.extend(i in relevant for i in indexes)
        owners.extend([row] * len(indexes))
        candidates.append(indexes)
    features = np.vstack(rows) if rows else np.zeros((0, len(RERANK_FEATURES)))
    return features, np.array(labels, dtype=bool), np.array(owners), candidates


def _fit_logistic(features: np.ndarray, labels: np.ndarray, c: float) -> Reranker:
    """A logistic regression on standardised features, written back as one linear score over
    the raw features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(features)
    model = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(features), labels)
    coef = model.coef_[0] / scaler.scale_
    intercept = float(model.intercept_[0] - (coef * scaler.mean_).sum())
    return Reranker(
        [round(float(x), 6) for x in coef], round(intercept, 6), TUNED_WEIGHTS.as_dict()
    )


def _reordered_map(
    prepared: dict[str, Any], owners: np.ndarray, candidates: list[np.ndarray], values: np.ndarray
) -> float:
    ids = prepared["claim_ids"]
    rankings = []
    for row, indexes in enumerate(candidates):
        order = np.argsort(-values[owners == row], kind="stable")
        rankings.append([ids[i] for i in indexes[order]])
    return mean_average_precision_at(rankings, prepared["relevant"])


def fit_reranker(
    folder: Path,
    *,
    grid: Sequence[float] = RERANK_C_GRID,
    folds: int = RERANK_FOLDS,
    progress: Progress | None = None,
) -> Reranker:
    """The claim-matching reranker, fitted on the train split only (never dev).

    Each tweet's ``CANDIDATES`` best claims by the ``TUNED_WEIGHTS`` combined score are the
    rows, labelled by the qrels. The regularisation ``C`` is the one of ``grid`` with the best
    MAP@5 in cross-validation grouped by tweet (tweet number modulo ``folds``; ties go to the
    first); the model is then fitted on every tweet. ``figures`` keeps each C's cross-validated
    MAP@5 and the combined score's own MAP@5 on train.
    """
    prepared = _prepare(folder, "train", True, progress)
    scores = combine(prepared["parts"], TUNED_WEIGHTS)
    features, labels, owners, candidates = _candidate_table(prepared, scores)
    if labels.all() or not labels.any():
        raise ValueError("the candidates need relevant and other claims to fit a reranker")
    first_order = features[:, RERANK_FEATURES.index("inverse_rank")]
    figures = {"combined_map_at_5": round(_map_at_5(scores, prepared), 4)}
    for c in grid:
        values = first_order.copy()
        for fold in range(folds):
            test = owners % folds == fold
            train = ~test
            if test.any() and labels[train].any() and not labels[train].all():
                values[test] = _fit_logistic(features[train], labels[train], c).scores(
                    features[test]
                )
        figures[f"cv_map_at_5_c={c:g}"] = round(
            _reordered_map(prepared, owners, candidates, values), 4
        )
        if progress:
            progress(f"C={c:g}: cross-validated MAP@5 {figures[f'cv_map_at_5_c={c:g}']:.4f}")
    best = max(grid, key=lambda c: figures[f"cv_map_at_5_c={c:g}"])
    reranker = _fit_logistic(features, labels, best)
    reranker.trained_on = (
        f"CheckThat! 2020 task 2 train: {len(candidates)} tweets x {CANDIDATES} candidates"
        f" against {len(prepared['claim_ids'])} verified claims"
    )
    reranker.figures = {**figures, "c": best}
    return reranker
