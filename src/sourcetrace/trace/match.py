"""Rank a fixed list of claim texts for query texts: sentence embeddings plus TF-IDF.

A claim's score for a query is a weighted sum of three cosines, each computed only when its
weight is not zero:

1. ``embedding``: all-MiniLM-L6-v2 sentence embeddings (``nlp.embed``); matches paraphrases.
2. ``words``: TF-IDF over words (English stop words dropped, sublinear term frequency); rewards
   the rare names and terms that a paraphrase keeps.
3. ``characters``: TF-IDF over character 3- to 5-grams inside words; matches inflections,
   spelling variants and words run together (hashtags).

Vocabulary and IDF of both TF-IDF parts are fitted on the indexed claims. Numbers were tried as a
fourth part of the sum (share of a claim's numbers that the query repeats) and added nothing on
CheckThat! 2020 train (five-fold cross-validation), so they are left out of it; the reranker
below sees them. A fifth part, the best cosine between any sentence of the query and any
sentence of the claim, raised five-fold cross-validated train MAP@5 from 0.905 to 0.909 but,
with its weights tuned on train (0.912), scored 0.893 on dev against 0.897 without it, so it is
left out too. Rankings put the higher score first and, on equal scores, the lower index. Plain
texts in, indices and scores out: the caller normalises its texts.

**Reranking.** The weighted sum picks each query's ``CANDIDATES`` best claims; a logistic
reranker (``Reranker``, fitted on CheckThat! 2020 train only by ``sourcetrace train matching``
and shipped as ``nlp/data/match_reranker.json``) then orders them by features of each candidate
*against the other candidates of the same query*: its three cosines and combined score, how far
each falls below the best candidate's, its place in the first order, how many of the query's
numbers it repeats and the other way round, and its length. Scores out are still the combined
score, which the report cut (``MATCH_THRESHOLD``) applies to; only the order changes.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

#: Queries scored at once by ``rank_many``: bounds the dense (queries x claims) score arrays.
CHUNK = 256
COMPONENTS = ("embedding", "words", "characters")
_WORD_OPTIONS = {"sublinear_tf": True, "stop_words": "english"}
_CHARACTER_OPTIONS = {"sublinear_tf": True, "analyzer": "char_wb", "ngram_range": (3, 5)}
RERANK_ARTEFACT = "match_reranker.json"
#: How many of each query's best claims (by combined score) the reranker orders.
CANDIDATES = 30
RERANK_FEATURES = (
    "combined",
    "combined_gap",
    "inverse_rank",
    *COMPONENTS,
    *(f"{name}_gap" for name in COMPONENTS),
    "numbers_query_in_claim",
    "numbers_claim_in_query",
    "query_has_no_number",
    "claim_length",
)
_NUMBER = re.compile(r"\d[\d,.]*")


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


def numbers(text: str) -> frozenset[str]:
    """The numbers a text writes, without separators: "6,000 drones in 2022" -> {"6000", "2022"}."""
    found = (n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(text))
    return frozenset(n for n in found if n)


@dataclass(slots=True)
class Reranker:
    """A linear score over ``RERANK_FEATURES`` of one candidate among its query's candidates;
    higher comes first. ``weights`` are the ``MatchWeights`` whose combined score it was fitted
    on (the candidates and the ``combined`` features come from it)."""

    coef: list[float]
    intercept: float
    weights: dict[str, float]
    candidates: int = CANDIDATES
    features: list[str] = field(default_factory=lambda: list(RERANK_FEATURES))
    trained_on: str = ""
    figures: dict[str, float] = field(default_factory=dict)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return rows @ np.asarray(self.coef, dtype=np.float64) + self.intercept

    def save(self, path: Path) -> None:
        from sourcetrace.nlp.artefacts import save_json_model

        save_json_model(self, path)

    @classmethod
    def load(cls, path: Path) -> Reranker:
        from sourcetrace.nlp.artefacts import load_json_model

        return load_json_model(cls, path, RERANK_FEATURES, "train matching")


@functools.cache
def load_reranker() -> Reranker:
    from sourcetrace.nlp.artefacts import require_artefact

    return Reranker.load(require_artefact(RERANK_ARTEFACT, "train matching --checkthat DIR"))


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the reranker needs of the indexed claims besides their cosines."""

    numbers: list[frozenset[str]]
    lengths: np.ndarray  # log(1 + words)

    @classmethod
    def of(cls, texts: Sequence[str]) -> ClaimFacts:
        lengths = np.log1p(np.array([len(t.split()) for t in texts], dtype=np.float64))
        return cls([numbers(t) for t in texts], lengths)


def candidate_rows(
    parts: dict[str, np.ndarray],
    combined: np.ndarray,
    row: int,
    candidates: np.ndarray,
    query_numbers: frozenset[str],
    claims: ClaimFacts,
) -> np.ndarray:
    """The ``RERANK_FEATURES`` of query ``row``'s ``candidates`` (best first by ``combined``),
    one row each."""
    columns: dict[str, np.ndarray] = {}
    values = combined[row, candidates].astype(np.float64)
    columns["combined"] = values
    columns["combined_gap"] = values - values.max()
    columns["inverse_rank"] = 1.0 / np.arange(1, len(candidates) + 1)
    for name in COMPONENTS:
        values = parts[name][row, candidates].astype(np.float64)
        columns[name] = values
        columns[f"{name}_gap"] = values - values.max()
    shared = np.array([len(query_numbers & claims.numbers[i]) for i in candidates], np.float64)
    own = np.array([len(claims.numbers[i]) for i in candidates], dtype=np.float64)
    columns["numbers_query_in_claim"] = shared / max(len(query_numbers), 1)
    columns["numbers_claim_in_query"] = np.divide(
        shared, own, out=np.zeros_like(own), where=own > 0
    )
    columns["query_has_no_number"] = np.full(len(candidates), float(not query_numbers))
    columns["claim_length"] = claims.lengths[candidates]
    return np.column_stack([columns[name] for name in RERANK_FEATURES])


def rerank(
    parts: dict[str, np.ndarray],
    combined: np.ndarray,
    query_numbers: Sequence[frozenset[str]],
    claims: ClaimFacts,
    reranker: Reranker,
    k: int,
) -> list[list[tuple[int, float]]]:
    """Each query's ``k`` best claims as (index, combined score): its ``reranker.candidates``
    best by ``combined`` in the reranker's order (ties keep the first order), then the rest of
    its ``k`` best by ``combined``. Claims scored ``-inf`` are never candidates."""
    ranked = []
    for row, best in enumerate(top_k(combined, max(k, reranker.candidates))):
        best = [(i, s) for i, s in best if math.isfinite(s)]
        head, tail = best[: reranker.candidates], best[reranker.candidates :]
        if len(head) > 1:
            indexes = np.array([i for i, _ in head])
            rows = candidate_rows(parts, combined, row, indexes, query_numbers[row], claims)
            order = np.argsort(-reranker.scores(rows), kind="stable")
            head = [head[j] for j in order]
        ranked.append((head + tail)[:k])
    return ranked


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

    def __init__(self, weights: MatchWeights = TUNED_WEIGHTS, *, rerank: bool | None = None):
        """``rerank``: order each query's candidates with the shipped ``Reranker``; by default
        only with the weights it was fitted on (``TUNED_WEIGHTS``)."""
        if not any(weights.as_dict().values()):
            raise ValueError("every match weight is 0: give at least one part a weight")
        self.weights = weights
        if rerank is None:
            rerank = weights == TUNED_WEIGHTS
        self.reranker = load_reranker() if rerank else None
        if self.reranker is not None and MatchWeights(**self.reranker.weights) != weights:
            raise ValueError(
                f"the reranker was fitted on {self.reranker.weights}, not {weights.as_dict()}:"
                " pass rerank=False"
            )

    def fit(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> ClaimMatcher:
        texts = list(texts)
        self._facts = ClaimFacts.of(texts) if self.reranker is not None else None
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
        """For each query, its ``k`` best claims as (index into the fitted texts, combined
        score), in the reranker's order when there is one."""
        queries = list(queries)
        ranked = []
        for start in range(0, len(queries), CHUNK):
            chunk = slice(start, start + CHUNK)
            vectors = None if query_vectors is None else query_vectors[chunk]
            parts = self.component_scores(queries[chunk], vectors)
            combined = combine(parts, self.weights)
            if self.reranker is None:
                ranked.extend(top_k(combined, k))
            else:
                found = [numbers(q) for q in queries[chunk]]
                ranked.extend(rerank(parts, combined, found, self._facts, self.reranker, k))
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
