"""Align the claims of a story's articles into canonical claims.

Two versions from different articles are scored by the cosine of their sentence embeddings
(all-MiniLM-L6-v2) plus explicit slot agreement, since no NLI model is available offline and
NLI is weak on numbers and hedges anyway:

- **numbers**: a quantity of one version with the same value as a quantity of the other (within
  2%, hedges ignored: "up to 6,000" and "6,000" agree) adds ``NUMBER_BONUS``;
- **entities**: the Jaccard overlap of their canonical entities, times ``ENTITY_WEIGHT``.

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

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from sourcetrace.trace.versions import ClaimVersion, same_value

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
    from sourcetrace.nlp.embed import load_embedder

    return load_embedder().embed([v.text for v in versions])


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
    n = len(versions)
    articles = sorted({v.article for v in versions})
    by_article = {a: [i for i in range(n) if versions[i].article == a] for a in articles}
    score = np.full((n, n), -np.inf)
    for i in range(n):
        for j in range(i + 1, n):
            if versions[i].article != versions[j].article:
                score[i, j] = score[j, i] = pair_score(versions[i], versions[j], cosines[i, j])

    def best_in(i: int, article: str) -> int | None:
        options = by_article[article]
        j = max(options, key=lambda k: score[i, k])
        return j if score[i, j] >= threshold else None

    mutual = []
    for i in range(n):
        for article in articles:
            if article == versions[i].article:
                continue
            j = best_in(i, article)
            if j is not None and i < j and best_in(j, versions[i].article) == i:
                mutual.append((score[i, j], i, j))
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in sorted(mutual, key=lambda p: (-p[0], p[1], p[2])):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if {versions[k].article for k in members[gi]} & {versions[k].article for k in members[gj]}:
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        for k in members.pop(gone):
            group[k] = keep
            members[keep].append(k)
    groups = [sorted(ks) for _, ks in sorted(members.items())]
    for i in range(n):
        if len(members.get(group[i], ())) > 1:
            continue
        for article in articles:
            if article == versions[i].article:
                continue
            j = best_in(i, article)
            if j is None or len(members[group[j]]) < 2:
                continue
            own = [k for k in members[group[j]] if versions[k].article == versions[i].article]
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
    groups.sort()
    return [[versions[k] for k in g] for g in groups]
