"""Check-worthiness: how much a sentence asks to be fact-checked, as a probability.

A logistic regression over word (1-2) and character (2-5) TF-IDF n-grams plus a few signals that
matter in news (numbers, money and percentages, years, first person, questions, length).
``sourcetrace train checkworthy --claimbuster PATH`` fits it on ClaimBuster train *minus a
held-out fifth* (stratified, seed :data:`SPLIT_SEED`); ``sourcetrace eval checkworthy`` scores
that held-out fifth with the shipped model. Regularisation and threshold are chosen by 5-fold
cross-validation inside the training part. The fitted pipeline ships as
``nlp/data/checkworthy.joblib`` (scikit-learn is pinned, so the file loads as written).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .artefacts import data_file, require_artefact

ARTEFACT = "checkworthy.joblib"
SPLIT_SEED = 20240601
HELD_OUT = 0.2
_NUMBER = re.compile(r"\d")
_MONEY = re.compile(r"[$€£]|\b(dollars?|percent|per cent|million|billion|trillion)\b|%", re.I)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_FIRST = re.compile(r"\b(I|I'm|I've|my|we|we're|our)\b")
_NUMBER_WORDS = re.compile(
    r"\b(hundreds?|thousands?|millions?|billions?|dozens?|half|twice|double|triple)\b", re.I
)


def signals(texts: Sequence[str]) -> np.ndarray:
    """Dense news signals per sentence (scaled to about 0..1)."""
    rows = []
    for text in texts:
        words = len(text.split())
        rows.append(
            [
                float(bool(_NUMBER.search(text))),
                float(bool(_MONEY.search(text))),
                float(bool(_YEAR.search(text))),
                float(bool(_NUMBER_WORDS.search(text))),
                float(bool(_FIRST.search(text))),
                float(text.rstrip().endswith("?")),
                min(words, 60) / 60,
            ]
        )
    return np.array(rows, dtype=float).reshape(len(rows), 7)


def build_pipeline(c: float = 1.0):
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


def load_claimbuster(root: str | Path) -> tuple[list[str], np.ndarray]:
    path = Path(root) / "train.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: point --claimbuster at the ClaimBuster folder")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [d["text"] for d in data], np.array([int(d["label"]) for d in data])


def split(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indexes of the training part and of the held-out fifth (stratified, fixed seed)."""
    from sklearn.model_selection import train_test_split

    indexes = np.arange(len(labels))
    train, held_out = train_test_split(
        indexes, test_size=HELD_OUT, random_state=SPLIT_SEED, stratify=labels
    )
    return np.sort(train), np.sort(held_out)


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


def artefact_path() -> Path:
    return data_file(ARTEFACT)


@functools.cache
def load_checkworthy() -> dict:
    import joblib

    return joblib.load(require_artefact(ARTEFACT, "train checkworthy"))


def checkworthiness(texts: Sequence[str]) -> list[float]:
    """Probability that each sentence is a check-worthy factual claim."""
    if not texts:
        return []
    return [round(float(p), 3) for p in _scorer()(list(texts))]


class CharNgramsByWord:
    """The ``char_wb`` TF-IDF features of a fitted ``TfidfVectorizer``, the same numbers as its
    ``transform``, with each word's n-grams looked up once per process: a ``char_wb`` n-gram
    never crosses a word boundary, so a text's n-grams are its words' n-grams, and words
    repeat. (scikit-learn builds every n-gram of every text again, which was most of the
    analysis time spent on check-worthiness.)"""

    def __init__(self, vectorizer, max_words: int = 200_000) -> None:
        self.vectorizer = vectorizer
        self.preprocess = vectorizer.build_preprocessor()
        self.vocabulary = vectorizer.vocabulary_
        self.min_n, self.max_n = vectorizer.ngram_range
        self.max_words = max_words
        self.words: dict[str, list[int]] = {}

    def _features(self, word: str) -> np.ndarray:
        found = self.words.get(word)
        if found is not None:
            return found
        padded = f" {word} "
        grams = []
        for n in range(self.min_n, self.max_n + 1):  # as scikit-learn's _char_wb_ngrams
            offset = 0
            grams.append(padded[:n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:  # a short word counts once
                break
        found = np.array([self.vocabulary[g] for g in grams if g in self.vocabulary], np.int32)
        if len(self.words) < self.max_words:
            self.words[word] = found
        return found

    def transform(self, texts: list[str]):
        """(texts x words) @ (words x n-grams): the n-gram counts, weighted as the vectorizer
        weights them."""
        from scipy import sparse

        if not texts:
            return sparse.csr_matrix((0, len(self.vocabulary)))
        columns: dict[str, int] = {}
        rows, cols = [], []
        for row, text in enumerate(texts):
            for word in self.preprocess(text).split():
                rows.append(row)
                cols.append(columns.setdefault(word, len(columns)))
        per_text = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(columns))
        )
        features = [self._features(word) for word in columns]
        indptr = np.zeros(len(features) + 1, dtype=np.int64)
        np.cumsum([len(f) for f in features], out=indptr[1:])
        indices = np.concatenate(features) if features else np.zeros(0, np.int32)
        per_word = sparse.csr_matrix(
            (np.ones(len(indices)), indices, indptr),
            shape=(len(columns), len(self.vocabulary)),
        )
        per_word.sum_duplicates()
        counts = (per_text @ per_word).tocsr()
        counts.sort_indices()
        return self.vectorizer._tfidf.transform(counts, copy=False)


@functools.cache
def _scorer():
    """The shipped pipeline's probabilities, with its character n-grams read word by word
    (:class:`CharNgramsByWord`); any other pipeline shape is scored as it is."""
    from scipy import sparse

    pipeline = load_checkworthy()["pipeline"]
    union, classifier = pipeline.steps[0][1], pipeline.steps[-1][1]
    steps = dict(getattr(union, "transformer_list", []))
    if (
        len(pipeline.steps) != 2
        or list(steps) != ["words", "chars", "signals"]
        or union.transformer_weights
        or steps["chars"].analyzer != "char_wb"
    ):
        return lambda texts: pipeline.predict_proba(texts)[:, 1]
    words, signals = steps["words"], steps["signals"]
    fast_chars = CharNgramsByWord(steps["chars"])

    def score(texts: list[str]):
        features = sparse.hstack(
            [words.transform(texts), fast_chars.transform(texts), signals.transform(texts)]
        ).tocsr()
        return classifier.predict_proba(features)[:, 1]

    return score


def evaluate_held_out(root: str | Path) -> dict:
    """Precision, recall and F1 of the check-worthy class on the held-out fifth."""
    from sklearn.metrics import precision_recall_fscore_support

    texts, labels = load_claimbuster(root)
    _, held_out = split(labels)
    artefact = load_checkworthy()
    scores = artefact["pipeline"].predict_proba([texts[i] for i in held_out])[:, 1]
    predicted = scores >= artefact["meta"]["threshold"]
    p, r, f, _ = precision_recall_fscore_support(
        labels[held_out], predicted, average="binary", zero_division=0
    )
    return {
        "sentences": len(held_out),
        "positives": int(labels[held_out].sum()),
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1": round(float(f), 4),
        "threshold": artefact["meta"]["threshold"],
    }


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
