"""Check-worthiness: how much a sentence asks to be fact-checked, as a probability.

A logistic regression over word (1-2) and character (2-5) TF-IDF n-grams plus a few signals that
matter in news (numbers, money and percentages, years, first person, questions, length). It is
fitted on the evaluation side (:mod:`sourcetrace.eval.fit_checkworthy`, ``sourcetrace train
checkworthy``) and ships as ``nlp/data/checkworthy.joblib`` (scikit-learn is pinned, so the file
loads as written); this module loads and applies it. :func:`signals` and
:class:`CharNgramsByWord` stay here: the fitted file names them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .artefacts import data_file, require_artefact

ARTEFACT = "checkworthy.joblib"
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
