"""Align the claims of a story's articles into canonical claims.

Two versions from different articles are scored by the cosine of their sentence embeddings
(all-MiniLM-L6-v2) plus explicit slot agreement, since no NLI model is available offline and
NLI is weak on numbers and hedges anyway:

- **numbers**: a quantity of one version with the same value as a quantity of the other (within
  2%, hedges ignored: "up to 6,000" and "6,000" agree) adds ``NUMBER_BONUS``;
- **entities**: the Jaccard overlap of their canonical entities, times ``ENTITY_WEIGHT``;
- **speakers**: two quotations credited to different canonical speakers are never aligned,
  unless one's words are found in the other (the same words, credited otherwise).

Pairs are merged greedily from the best score down while the score is at least ``threshold``,
and a canonical claim never takes two versions from one article (an article states a claim
once; a second, similar sentence of the same article is a different claim or a repetition).

The weights and the threshold are set by hand, not fitted: they are provisional until the
alignment evaluation of the trace issue fits them on training data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from sourcetrace.stopwords import ENGLISH_STOP_WORDS
from sourcetrace.trace.versions import ClaimVersion, same_speaker, same_value

THRESHOLD = 0.9
NUMBER_BONUS = 0.25  # the same specific number (at least 100, or money) in both
SMALL_NUMBER_BONUS = 0.05  # the same small count ("two meetings") is weak evidence
ENTITY_WEIGHT = 0.15
WORD_WEIGHT = 0.3
QUOTE_BONUS = 0.3
REUSE_MARGIN = 0.1  # one version's quotation (20+ characters) found in the other's text

_WORD = re.compile(r"[a-z][a-z'-]+")


def _values(version: ClaimVersion) -> list[tuple[float, bool]]:
    return [
        (q["value"], q.get("kind") == "money" or abs(q["value"]) >= 100)
        for q in version.quantities
        if q.get("value") is not None
    ]


def number_bonus(a: ClaimVersion, b: ClaimVersion) -> float:
    best = 0.0
    for x, specific in _values(a):
        for y, _ in _values(b):
            if same_value(x, y):
                best = max(best, NUMBER_BONUS if specific else SMALL_NUMBER_BONUS)
    return best


def entity_overlap(a: ClaimVersion, b: ClaimVersion) -> float:
    union = set(a.entities) | set(b.entities)
    return len(set(a.entities) & set(b.entities)) / len(union) if union else 0.0


@functools.lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """Content-word stems of a text; cached, since every pair of a story's versions asks."""
    return frozenset(w[:6] for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS)


def word_overlap(a: ClaimVersion, b: ClaimVersion) -> float:
    x, y = _stems(a.text), _stems(b.text)
    return len(x & y) / len(x | y) if x | y else 0.0


def quote_found(a: ClaimVersion, b: ClaimVersion) -> bool:
    """A quotation of one version (near) verbatim inside the other's text."""
    for one, other in ((a, b), (b, a)):
        for quote in one.quotes:
            if len(quote) >= 20 and fuzz.partial_ratio(quote.lower(), other.text.lower()) >= 88:
                return True
    return False


def pair_score(a: ClaimVersion, b: ClaimVersion, cosine: float) -> float:
    return (
        cosine
        + number_bonus(a, b)
        + ENTITY_WEIGHT * entity_overlap(a, b)
        + WORD_WEIGHT * word_overlap(a, b)
        + (QUOTE_BONUS if quote_found(a, b) else 0.0)
    )


def embed_versions(versions: Sequence[ClaimVersion]) -> np.ndarray:
    """One embedding per version; a text that several versions share (wire copy, syndicated
    paragraphs) is embedded once."""
    from sourcetrace.nlp.embed import load_embedder

    texts = list(dict.fromkeys(v.text for v in versions))
    row = {text: i for i, text in enumerate(texts)}
    return load_embedder().embed(texts)[[row[v.text] for v in versions]]


def _jaccard(sets: list[frozenset[str] | set[str]]) -> np.ndarray:
    """(n x n) Jaccard overlaps of the given sets (0 where both are empty)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            columns.append(vocabulary.setdefault(item, len(vocabulary)))
    n = len(sets)
    if not vocabulary:
        return np.zeros((n, n))
    matrix = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, len(vocabulary)))
    shared = (matrix @ matrix.T).toarray()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def _number_pairs(versions: Sequence[ClaimVersion]) -> set[tuple[int, int]]:
    """Pairs (i < j) whose quantities may share a value within 2%: values bucketed on a
    logarithmic scale of step 2%, neighbours two buckets apart compared too."""
    step = np.log(1.02)
    buckets: dict[tuple[int, int], set[int]] = {}
    for i, version in enumerate(versions):
        for value, _ in _values(version):
            key = (int(np.sign(value)), int(np.floor(np.log(abs(value)) / step)) if value else 0)
            buckets.setdefault(key, set()).add(i)
    pairs = set()
    for (sign, level), members in buckets.items():
        for offset in range(3):
            others = buckets.get((sign, level + offset), set()) if offset else members
            pairs.update((min(i, j), max(i, j)) for i in members for j in others if i != j)
    return pairs


def score_matrix(
    versions: Sequence[ClaimVersion], cosines: np.ndarray, threshold: float = THRESHOLD
) -> np.ndarray:
    """(n x n) ``pair_score`` of every pair of versions from different articles, -inf within
    an article. Computed in bulk; the quotation check, the one slow part, runs only for pairs
    it could lift to ``threshold``. A pair below ``threshold`` may therefore score lower here
    than ``pair_score`` says, which changes no alignment: only pairs at or above the
    threshold are ever aligned."""
    score = (
        np.asarray(cosines, dtype=float)
        + ENTITY_WEIGHT * _jaccard([set(v.entities) for v in versions])
        + WORD_WEIGHT * _jaccard([_stems(v.text) for v in versions])
    )
    for i, j in _number_pairs(versions):
        bonus = number_bonus(versions[i], versions[j])
        score[i, j] += bonus
        score[j, i] += bonus
    articles = np.array([v.article for v in versions], dtype=object)
    same_article = articles[:, None] == articles[None, :]
    quoting = [i for i, v in enumerate(versions) if any(len(q) >= 20 for q in v.quotes)]
    checked = set()
    for i in quoting:
        for j in np.flatnonzero(score[i] + QUOTE_BONUS >= threshold):
            pair = (min(i, int(j)), max(i, int(j)))
            if same_article[i, j] or pair in checked:
                continue
            checked.add(pair)
            if quote_found(versions[i], versions[j]):
                score[i, j] += QUOTE_BONUS
                score[j, i] += QUOTE_BONUS
    for i, j in _other_speakers_quotes(versions):
        if score[i, j] >= threshold and not quote_found(versions[i], versions[j]):
            score[i, j] = score[j, i] = -np.inf
    score[same_article] = -np.inf
    return score


def _other_speakers_quotes(versions: Sequence[ClaimVersion]) -> list[tuple[int, int]]:
    """Pairs of quotations (direct or mixed) credited to different canonical speakers: a
    quotation is one person's words, so it is aligned only with the same speaker's, unless
    its words are found in the other (then the speaker changed)."""
    quotes = [i for i, v in enumerate(versions) if v.quotes and v.kind in ("direct", "mixed")]
    return [
        (i, j)
        for n, i in enumerate(quotes)
        for j in quotes[n + 1 :]
        if versions[i].article != versions[j].article
        and versions[i].speaker_id
        and versions[j].speaker_id
        and not same_speaker(versions[i], versions[j])
    ]


def align(
    versions: Sequence[ClaimVersion],
    vectors: np.ndarray | None = None,
    threshold: float = THRESHOLD,
) -> list[list[ClaimVersion]]:
    """Canonical claims: groups of versions, each from a different article; versions that
    match nothing stay alone. Groups come in the order of their first version.

    1. Between each pair of articles, versions that are each other's best match at or above
       the threshold are aligned (merged from the best score down, never two versions of one
       article in a group).
    2. A version still alone whose best match in another article is already taken joins a
       copy of it when the two share a specific number or a quotation, or score at least
       ``REUSE_MARGIN`` above the threshold: one sentence of an
       article may carry two claims of another ("agreed to send 6,000 drones and to supply
       designs for the factory").
    """
    if not versions:
        return []
    vectors = embed_versions(versions) if vectors is None else vectors
    cosines = vectors @ vectors.T
    column = {a: c for c, a in enumerate(sorted({v.article for v in versions}))}
    of = np.array([column[v.article] for v in versions])
    score = score_matrix(versions, cosines, threshold)
    # best[i, c]: the version of article c that scores highest with i (the first on ties)
    best = np.zeros((len(versions), len(column)), dtype=int)
    for c in range(len(column)):
        options = np.flatnonzero(of == c)
        best[:, c] = options[np.argmax(score[:, options], axis=1)]
    matches = _Matches(score, best, of, threshold)
    group, members = _mutual_groups(matches)
    groups = _join_second_claims(versions, cosines, matches, group, members)
    groups.sort()
    return [[versions[k] for k in g] for g in groups]


@dataclass(frozen=True, slots=True)
class _Matches:
    """Pair scores of a story's versions, each version's best match in every article, and the
    article (column) of each version."""

    score: np.ndarray
    best: np.ndarray
    of: np.ndarray
    threshold: float

    def best_in(self, i: int, c: int) -> int | None:
        """The best match of version ``i`` in article ``c``, if it reaches the threshold."""
        j = int(self.best[i, c])
        return j if self.score[i, j] >= self.threshold else None


def _mutual_groups(matches: _Matches) -> tuple[list[int], dict[int, list[int]]]:
    """Step 1 of :func:`align`: each version's group and each group's members, merging mutual
    best matches from the best score down, never two versions of one article in a group."""
    of, n = matches.of, len(matches.of)
    articles = matches.best.shape[1]
    mutual = []
    for i in range(n):
        for c in range(articles):
            if c == of[i]:
                continue
            j = matches.best_in(i, c)
            if j is not None and i < j and matches.best_in(j, of[i]) == i:
                mutual.append((matches.score[i, j], i, j))
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in sorted(mutual, key=lambda p: (-p[0], p[1], p[2])):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if {of[k] for k in members[gi]} & {of[k] for k in members[gj]}:
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for k in members.pop(gone):
            group[k] = keep
            members[keep].append(k)
    return group, members


def _join_second_claims(
    versions: Sequence[ClaimVersion],
    cosines: np.ndarray,
    matches: _Matches,
    group: list[int],
    members: dict[int, list[int]],
) -> list[list[int]]:
    """Step 2 of :func:`align`: the groups, with each version still alone paired with its best
    match in another article when that match is taken and the two share a specific number or
    a quotation, or score ``REUSE_MARGIN`` above the threshold."""
    of, score, threshold = matches.of, matches.score, matches.threshold
    groups = [sorted(ks) for _, ks in sorted(members.items())]
    for i in range(len(versions)):
        if len(members.get(group[i], ())) > 1:
            continue
        for c in range(matches.best.shape[1]):
            if c == of[i]:
                continue
            j = matches.best_in(i, c)
            if j is None or len(members[group[j]]) < 2:
                continue
            own = [k for k in members[group[j]] if of[k] == of[i]]
            if own and pair_score(versions[i], versions[own[0]], cosines[i, own[0]]) >= threshold:
                continue  # a restatement of its article's version there, not a second claim
            strong = score[i, j] >= threshold + REUSE_MARGIN
            if (
                strong
                or number_bonus(versions[i], versions[j]) >= NUMBER_BONUS
                or quote_found(versions[i], versions[j])
            ):
                groups = [g for g in groups if g != [i]]
                groups.append(sorted([i, j]))
                break
    return groups
