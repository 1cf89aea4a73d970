"""Fit the pair model on ECB+ train (never on anything else).

1. The train split is read through the ingest path (as the evaluation reads dev), and each
   article's story features are computed.
2. Every pair of train articles gives one row of similarity values (document frequencies over
   the split), labelled 1 when both report the same event (``gold_cluster``).
3. The join threshold and the link (an article's average or its highest probability against
   a story's representatives) are chosen by 5-fold cross-validation grouped by topic: a model
   fitted on four folds' pairs assigns the fifth fold's articles one at a time, exactly as
   ``StoryIndex.assign`` does, and the pair with the best B³ F1 over all folds wins.
4. Batch clustering (average link over all of a batch's articles at once,
   ``stories/batch.py``) is tuned the same way, each held-out fold clustered as one batch:
   first its probability cut with probability alone, then, keeping that cut, the
   neighbourhood size, the probability's share of a link and the cut on the mean link.
5. The final model is fitted on all train pairs and keeps both.

The product only loads the fitted file (``stories.model``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from sourcetrace.eval.clusters import b_cubed
from sourcetrace.eval.stories import ecbplus_records
from sourcetrace.stories.batch import batch_graph, link_batch
from sourcetrace.stories.model import FEATURES, PairModel, feature_row

__all__ = ["pair_matrix", "train_story_model"]

Progress = Callable[[str], None]
THRESHOLDS = [round(float(t), 3) for t in np.arange(0.2, 0.801, 0.025)]
NEIGHBOURHOODS = (3, 4, 5, 6, 7, 8, 10)
MIXES = (0.0, 0.1, 0.2, 0.3, 0.5)
LINK_THRESHOLDS = [round(float(t), 3) for t in np.arange(0.05, 0.501, 0.025)]
FOLDS = 5
LINKS = ("average", "max")


def _articles(records):
    from sourcetrace.ingest.pipeline import IngestOptions, read_articles

    with tempfile.TemporaryDirectory(prefix="sourcetrace-train-") as tmp:
        path = Path(tmp) / "train.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        items = list(read_articles([str(path)], IngestOptions(field_map={"id": "doc_id"})))
    articles = [a for a in items if hasattr(a, "text")]
    if len(articles) != len(records):
        raise RuntimeError(f"read {len(articles)} of {len(records)} train records")
    return articles


def _placeholder() -> PairModel:
    return PairModel(coef=[0.0] * len(FEATURES), intercept=0.0, threshold=0.5)


def pair_matrix(features: list[dict]) -> np.ndarray:
    """(n, n, len(FEATURES)) similarity values, document frequencies over all ``features``."""
    from sourcetrace.stories.index import StoryIndex

    index = StoryIndex(_placeholder())
    for f in features:
        index.documents += 1
        index.df.update(f["terms"].keys())
    profiles = [index.profile(f) for f in features]
    n = len(profiles)
    out = np.zeros((n, n, len(FEATURES)))
    for i in range(n):
        for j in range(i + 1, n):
            out[i, j] = out[j, i] = feature_row(index.pair_values(profiles[i], profiles[j]))
    return out


def _fit(matrix: np.ndarray, gold: list[str], members: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    sub = matrix[np.ix_(members, members)]
    iu = np.triu_indices(len(members), 1)
    labels = np.array([gold[members[a]] == gold[members[b]] for a, b in zip(*iu, strict=True)])
    return LogisticRegression(C=1.0, max_iter=5000).fit(sub[iu], labels)


def _as_model(clf, threshold: float, **extra) -> PairModel:
    return PairModel(
        coef=[round(float(c), 6) for c in clf.coef_[0]],
        intercept=round(float(clf.intercept_[0]), 6),
        threshold=threshold,
        **extra,
    )


def _assign(
    model: PairModel, threshold: float, ids: list[str], features: list[dict], link: str
) -> list[int]:
    from sourcetrace.stories.index import StoryIndex

    model.link = link
    index = StoryIndex(model, threshold=threshold)
    return [index.assign(i, f).story for i, f in zip(ids, features, strict=True)]


def train_story_model(folder: Path, progress: Progress | None = None) -> PairModel:
    from sklearn.model_selection import GroupKFold

    from sourcetrace.stories.features import story_features_many

    say = progress or (lambda message: None)
    records = ecbplus_records(folder, "train")
    articles = _articles(records)
    say(f"computing story features of {len(articles)} train articles")
    features = []
    for start in range(0, len(articles), 64):
        features += story_features_many(articles[start : start + 64])
        say(f"{len(features)} / {len(articles)}")
    gold = [r["gold_cluster"] for r in records]
    topics = [str(r["topic"]) for r in records]
    ids = [a.id for a in articles]
    matrix = pair_matrix(features)

    say("choosing the join threshold by cross-validation grouped by topic")
    scores = {(link, t): ([], []) for link in LINKS for t in THRESHOLDS}
    graphs = []
    for fold, (train, held) in enumerate(GroupKFold(FOLDS).split(ids, groups=topics)):
        model = _as_model(_fit(matrix, gold, train), 0.5)
        held_ids = [ids[k] for k in held]
        held_features = [features[k] for k in held]
        for link, threshold in scores:
            predicted = _assign(model, threshold, held_ids, held_features, link)
            scores[link, threshold][0].extend(f"{fold}:{p}" for p in predicted)
            scores[link, threshold][1].extend(gold[k] for k in held)
        graphs.append((fold, held, model, batch_graph(held_features, model)))

    def batch_cv(cut: float, neighbours: int = 0, mix: float = 1.0, link_cut: float = 0.0):
        predicted, truth = [], []
        for fold, held, model, (profiles, first, second, weights) in graphs:
            model.batch_neighbours, model.batch_mix = neighbours, mix
            model.batch_link_threshold = link_cut
            labels = link_batch(profiles.size, first, second, weights, model, cut)
            predicted.extend(f"{fold}:{p}" for p in labels)
            truth.extend(gold[k] for k in held)
        return b_cubed(predicted, truth)["f1"]

    cv = {key: b_cubed(p, g)["f1"] for key, (p, g) in scores.items()}
    for link in LINKS:
        top = max(THRESHOLDS, key=lambda t, link=link: cv[link, t])
        say(f"{link} link: best threshold {top}, cross-validated B³ F1 {cv[link, top]:.4f}")
    link, best = max(cv, key=lambda key: (cv[key], -abs(key[1] - 0.5)))
    plain = {t: batch_cv(t) for t in THRESHOLDS}
    cut = max(THRESHOLDS, key=lambda t: (plain[t], -abs(t - 0.5)))
    say(f"batch, probability alone: best cut {cut}, B³ F1 {plain[cut]:.4f}")
    settings = {(0, 1.0, 0.0): plain[cut]}
    for neighbours in NEIGHBOURHOODS:
        for mix in MIXES:
            for link_cut in LINK_THRESHOLDS:
                settings[neighbours, mix, link_cut] = batch_cv(cut, neighbours, mix, link_cut)
    # ties: probability alone, then the most weight on the probability, the fewest neighbours
    neighbours, mix, link_cut = max(
        settings, key=lambda key: (settings[key], key[0] == 0, key[1], -key[0], key[2])
    )
    say(
        f"batch, {neighbours} neighbours, probability share {mix}, link cut {link_cut}: "
        f"B³ F1 {settings[neighbours, mix, link_cut]:.4f}"
    )
    final = _fit(matrix, gold, np.arange(len(ids)))
    return _as_model(
        final,
        float(best),
        link=link,
        batch_threshold=float(cut),
        batch_neighbours=neighbours,
        batch_mix=float(mix),
        batch_link_threshold=float(link_cut),
        trained_on=f"ECB+ train ({len(ids)} articles, {len(set(gold))} events)",
        figures={
            "cv_b_cubed_f1": cv[link, best],
            "cv_batch_b_cubed_f1": settings[neighbours, mix, link_cut],
            "cv_batch_probability_alone_b_cubed_f1": plain[cut],
            "folds": FOLDS,
        },
    )
