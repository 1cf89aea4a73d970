"""Rank a fixed list of claim texts for query texts: sentence embeddings plus TF-IDF.

A claim's score for a query is a weighted sum of three cosines, each computed only when its
weight is not zero:

1. ``embedding``: all-MiniLM-L6-v2 sentence embeddings (``nlp.embed``); matches paraphrases.
2. ``words``: TF-IDF over words (English stop words dropped, sublinear term frequency); rewards
   the rare names and terms that a paraphrase keeps.
3. ``characters``: TF-IDF over character 3- to 5-grams inside words; matches inflections,
   spelling variants and words run together (hashtags).

Vocabulary and IDF of both TF-IDF parts are fitted on the indexed claims. Numbers were tried as a
fourth part (share of a claim's numbers that the query repeats) and added nothing on CheckThat!
2020 train (five-fold cross-validation), so they are left out. A fifth part, the best cosine
between any sentence of the query and any sentence of the claim, raised five-fold
cross-validated train MAP@5 from 0.905 to 0.909 but, with its weights tuned on train (0.912),
scored 0.893 on dev against 0.897 without it, so it is left out too. Rankings put the higher score
first and, on equal scores, the lower index. Plain texts in, indices and scores out: the caller
normalises its texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

#: Queries scored at once by ``rank_many``: bounds the dense (queries x claims) score arrays.
CHUNK = 256
COMPONENTS = ("embedding", "words", "characters")
_WORD_OPTIONS = {"sublinear_tf": True, "stop_words": "english"}
_CHARACTER_OPTIONS = {"sublinear_tf": True, "analyzer": "char_wb", "ngram_range": (3, 5)}


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Weight of each part's cosine in a claim's score."""

    embedding: float
    words: float
    characters: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


# Tuned on CheckThat! 2020 task 2 train only (800 tweets against 10,194 deduplicated verified
# claims; grid 0.0-2.0 in steps of 0.1 for words and characters, embedding held at 1.0), where
# they reach MAP@5 0.9077. Reproduce with:
#   .venv/bin/python -c "from pathlib import Path; from sourcetrace.eval.matching import
#   tune_weights; print(tune_weights(Path('../shared/data/checkthat/ct20_task2')))"
TUNED_WEIGHTS = MatchWeights(embedding=1.0, words=0.8, characters=0.8)

# The least combined score (with TUNED_WEIGHTS) at which ``match`` reports a known claim as
# repeated. Chosen on CheckThat! 2020 task 2 train only, where every tweet has a verified claim:
# each tweet is scored twice, once against every claim and once with its own claims taken out
# (a tweet with nothing to find), and this cut gives the best F1 of "the best claim is reported
# and is the right one" (precision 0.748, recall 0.781 there). Reproduce with:
#   .venv/bin/python -c "from pathlib import Path; from sourcetrace.eval.matching import
#   calibrate_threshold; print(calibrate_threshold(Path('../shared/data/checkthat/ct20_task2')))"
MATCH_THRESHOLD = 0.9


class _Tfidf:
    """One TF-IDF part; a vocabulary that comes out empty (no texts, or stop words only) scores
    every pair 0 instead of failing."""

    def __init__(self, texts: Sequence[str], options: dict) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(dtype=np.float32, **options)
        try:
            self.matrix = self.vectorizer.fit_transform(texts).T.tocsr()
        except ValueError as error:
            if "empty vocabulary" not in str(error):
                raise
            self.matrix = None
        self.size = len(texts)

    def cosines(self, queries: Sequence[str]) -> np.ndarray:
        if self.matrix is None:
            return np.zeros((len(queries), self.size), dtype=np.float32)
        return (self.vectorizer.transform(queries) @ self.matrix).toarray()


def top_k(scores: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
    """The ``k`` best (index, score) of each row of ``scores``; equal scores by lower index."""
    ranked = []
    for row in np.atleast_2d(scores):
        if k < len(row):
            threshold = np.partition(row, len(row) - k)[len(row) - k]
            candidates = np.flatnonzero(row >= threshold)
        else:
            candidates = np.arange(len(row))
        order = candidates[np.lexsort((candidates, -row[candidates]))][:k]
        ranked.append([(int(i), float(row[i])) for i in order])
    return ranked


class ClaimMatcher:
    """Index claim texts once with ``fit``, then rank them for any number of queries.

    ``vectors`` (to ``fit``) and ``query_vectors`` take embeddings the caller already has:
    unit-length rows from ``nlp.embed``, one per text, so nothing is embedded twice.
    """

    def __init__(self, weights: MatchWeights = TUNED_WEIGHTS) -> None:
        if not any(weights.as_dict().values()):
            raise ValueError("every match weight is 0: give at least one part a weight")
        self.weights = weights

    def fit(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> ClaimMatcher:
        texts = list(texts)
        self._vectors = None
        if self.weights.embedding:
            self._vectors = _embed(texts) if vectors is None else np.asarray(vectors, np.float32)
        self._words = _Tfidf(texts, _WORD_OPTIONS) if self.weights.words else None
        self._characters = _Tfidf(texts, _CHARACTER_OPTIONS) if self.weights.characters else None
        return self

    def component_scores(
        self, queries: Sequence[str], query_vectors: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Each weighted part's (queries x claims) cosines, by name (see ``COMPONENTS``)."""
        queries = list(queries)
        parts = {}
        if self._vectors is not None:
            vectors = _embed(queries) if query_vectors is None else query_vectors
            parts["embedding"] = np.asarray(vectors, np.float32) @ self._vectors.T
        if self._words is not None:
            parts["words"] = self._words.cosines(queries)
        if self._characters is not None:
            parts["characters"] = self._characters.cosines(queries)
        return parts

    def scores(self, queries: Sequence[str], query_vectors: np.ndarray | None = None) -> np.ndarray:
        """(queries x claims) combined scores."""
        return combine(self.component_scores(queries, query_vectors), self.weights)

    def rank_many(
        self, queries: Sequence[str], k: int = 5, query_vectors: np.ndarray | None = None
    ) -> list[list[tuple[int, float]]]:
        """For each query, its ``k`` best claims as (index into the fitted texts, score)."""
        queries = list(queries)
        ranked = []
        for start in range(0, len(queries), CHUNK):
            chunk = slice(start, start + CHUNK)
            vectors = None if query_vectors is None else query_vectors[chunk]
            ranked.extend(top_k(self.scores(queries[chunk], vectors), k))
        return ranked

    def rank(self, query: str, k: int = 5) -> list[tuple[int, float]]:
        return self.rank_many([query], k)[0]


def combine(parts: dict[str, np.ndarray], weights: MatchWeights) -> np.ndarray:
    """The weighted sum of the parts that ``component_scores`` returned."""
    values = weights.as_dict()
    total = None
    for name, cosines in parts.items():
        if values[name]:
            total = values[name] * cosines if total is None else total + values[name] * cosines
    if total is None:
        raise ValueError("every match weight is 0: nothing to rank by")
    return total


def _embed(texts: list[str]) -> np.ndarray:
    from sourcetrace.nlp.embed import load_embedder

    return load_embedder().embed(texts)
