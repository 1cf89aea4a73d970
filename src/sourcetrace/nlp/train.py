"""Fit the cue model on PolNeAR train (never on anything else).

Each cue candidate in a training article is labelled positive when it is the syntactic head of
a gold cue. The regularisation strength and the decision threshold are chosen by grouped
cross-validation inside train (folds by article), maximising cue-level F1.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .cues import CueModel


def _cue_heads(doc, gold_cues) -> set[int]:
    heads = set()
    for spans in gold_cues:
        tokens = [t for t in doc if any(s <= t.idx < e for s, e in spans)]
        ids = {t.i for t in tokens}
        tops = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
        if tops:
            heads.add(min(tops, key=lambda t: len(list(t.ancestors))).i)
    return heads


def light_objects(articles, docs, min_count: int = 2) -> frozenset[str]:
    """Nouns that gold cues include as the object of their verb ("made *a case* for")."""
    counts: Counter[str] = Counter()
    for article, doc in zip(articles, docs, strict=True):
        for gold in article.attributions:
            tokens = [t for t in doc if any(s <= t.idx < e for s, e in gold.cue)]
            ids = {t.i for t in tokens}
            for token in tokens:
                if token.dep_ == "dobj" and token.pos_ == "NOUN" and token.head.i in ids:
                    counts[token.lemma_.lower()] += 1
    return frozenset(word for word, n in counts.items() if n >= min_count)


def training_rows(articles, docs=None, on_progress: Callable[[int], None] | None = None):
    """(features, label, article index) for every candidate of every article; ``docs`` are the
    parsed articles when the caller has them already."""
    from .attribution import candidates

    if docs is None:
        docs = _parse([a.text for a in articles])
    rows = []
    for index, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        heads = _cue_heads(doc, [g.cue for g in article.attributions])
        for candidate in candidates(doc):
            rows.append((candidate.features, int(candidate.token.i in heads), index))
        if on_progress:
            on_progress(index + 1)
    return rows


def fit(rows, *, folds: int = 5, seed: int = 0, min_count: int = 3) -> CueModel:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    counts: Counter[str] = Counter(name for r in rows for name in r[0])
    features = [{k: v for k, v in r[0].items() if counts[k] >= min_count} for r in rows]
    labels = np.array([r[1] for r in rows])
    groups = np.array([r[2] for r in rows])
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(features).tocsr()
    matrix.indices = matrix.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype(np.int32)
    best = (-1.0, 1.0, 0.5)
    for c in (0.1, 0.3, 1.0, 3.0):
        scores = np.zeros(len(labels))
        for train_idx, test_idx in GroupKFold(n_splits=folds).split(matrix, labels, groups):
            model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=seed)
            model.fit(matrix[train_idx], labels[train_idx])
            scores[test_idx] = model.predict_proba(matrix[test_idx])[:, 1]
        for threshold in np.arange(0.2, 0.71, 0.05):
            predicted = scores >= threshold
            tp = int((predicted & (labels == 1)).sum())
            precision = tp / max(int(predicted.sum()), 1)
            recall = tp / max(int(labels.sum()), 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            if f1 > best[0]:
                best = (f1, c, float(threshold))
    f1, c, threshold = best
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=seed)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), 4)
        for name, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    meta = {
        "trained_on": "PolNeAR train",
        "candidates": len(labels),
        "positives": int(labels.sum()),
        "C": c,
        "cv_cue_f1": round(f1, 4),
        "min_feature_count": min_count,
    }
    return CueModel(weights, round(float(model.intercept_[0]), 4), round(threshold, 2), meta)


def _parse(texts, on_progress=None):
    from .model import load_nlp

    workers = min(2, os.cpu_count() or 1)
    for n, doc in enumerate(load_nlp().pipe(texts, batch_size=16, n_process=workers), 1):
        if on_progress:
            on_progress(n)
        yield doc


def train_attribution(polnear: str | Path, output: str | Path, on_progress=None) -> CueModel:
    from ..eval.brat import load_split

    articles = load_split(polnear, "train")
    docs = list(_parse([a.text for a in articles], on_progress))
    rows = training_rows(articles, docs)
    model = fit(rows)
    model.light_objects = light_objects(articles, docs)
    model.save(output)
    return model
