"""Fitting the check-worthiness model (``sourcetrace train checkworthy --claimbuster PATH``): on
ClaimBuster train *minus a held-out fifth* (stratified, seed
:data:`~sourcetrace.eval.checkworthy.SPLIT_SEED`), with regularisation and threshold chosen by
5-fold cross-validation inside the training part. The product only loads the file this writes
(:mod:`sourcetrace.nlp.checkworthy`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from sourcetrace.eval.checkworthy import HELD_OUT, SPLIT_SEED, load_claimbuster, split
from sourcetrace.nlp.checkworthy import load_checkworthy, signals

__all__ = ["build_pipeline", "evaluate_ct19", "train_checkworthy"]


def build_pipeline(c: float = 1.0):
    """The unfitted model: word and character TF-IDF n-grams and :func:`signals`, into a
    logistic regression of inverse regularisation ``c``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True
                ),
            ),
            ("signals", FunctionTransformer(signals)),
        ]
    )
    return make_pipeline(features, LogisticRegression(C=c, max_iter=3000))


def train_checkworthy(root: str | Path, output: str | Path) -> dict:
    """Fit on the training part of ClaimBuster train; choose C and threshold by 5-fold CV."""
    import joblib
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    texts, labels = load_claimbuster(root)
    train, _ = split(labels)
    x = [texts[i] for i in train]
    y = labels[train]
    folds = StratifiedKFold(5, shuffle=True, random_state=SPLIT_SEED)
    best = (-1.0, 1.0, 0.5)
    for c in (0.3, 1.0, 3.0, 10.0):
        scores = cross_val_predict(build_pipeline(c), x, y, cv=folds, method="predict_proba")[:, 1]
        for threshold in np.arange(0.25, 0.76, 0.05):
            f1 = f1_score(y, scores >= threshold)
            if f1 > best[0]:
                best = (float(f1), c, round(float(threshold), 2))
    f1, c, threshold = best
    pipeline = build_pipeline(c).fit(x, y)
    for _, step in pipeline.steps[0][1].transformer_list:
        if hasattr(step, "stop_words_"):
            step.stop_words_ = None  # the terms min_df dropped: not needed, large
    meta = {
        "trained_on": f"ClaimBuster train minus a held-out {HELD_OUT:.0%} (seed {SPLIT_SEED})",
        "sentences": len(y),
        "C": c,
        "threshold": threshold,
        "cv_f1": round(f1, 4),
    }
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"pipeline": pipeline, "meta": meta}, output, compress=3)
    return meta


def evaluate_ct19(root: str | Path) -> dict:
    """MAP on CheckThat! 2019 task 1 by leave-one-transcript-out: for each transcript, the same
    pipeline (C from the shipped model) is fitted on the other transcripts and ranks its lines."""
    from sklearn.metrics import average_precision_score

    files = sorted(Path(root).glob("training/*.tsv")) or sorted(Path(root).glob("*.tsv"))
    if not files:
        raise FileNotFoundError(f"no transcripts (*.tsv) under {root}")
    transcripts = []
    for path in files:
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if len(r) >= 4]
        transcripts.append(([r[2] for r in rows], np.array([int(r[3]) for r in rows])))
    c = load_checkworthy()["meta"]["C"]
    precisions = {}
    for index, (texts, labels) in enumerate(transcripts):
        train_x = [t for j, (ts, _) in enumerate(transcripts) if j != index for t in ts]
        train_y = np.concatenate([ls for j, (_, ls) in enumerate(transcripts) if j != index])
        model = build_pipeline(c).fit(train_x, train_y)
        scores = model.predict_proba(texts)[:, 1]
        precisions[files[index].stem] = round(float(average_precision_score(labels, scores)), 4)
    return {"transcripts": len(files), "map": round(float(np.mean(list(precisions.values()))), 4),
            "average_precision": precisions}  # fmt: skip
