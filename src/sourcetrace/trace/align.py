"""Align the claims of a story's articles into canonical claims.

Two versions from different articles get the probability that they carry one claim from the
alignment pair model (:mod:`.align_model`): a logistic regression over the cosine of their
sentence embeddings (all-MiniLM-L6-v2) and explicit slot agreement, since no NLI model is
available offline and NLI is weak on numbers and hedges anyway: the same number (hedges
ignored: "up to 6,000" and "6,000" agree), shared entities and content words, the same
speaker, the kinds of version, their lengths and a character-level similarity. The model and
its threshold are fitted on the train files of the provenance gold
(``sourcetrace train alignment``, ``eval/fit_alignment.py``): the threshold is the one whose
out-of-fold grouping, by the steps of :func:`align`, finds the most gold claims while
aligning version pairs at least as precisely as the hand-set score it replaced.

Two quotations credited to different canonical speakers are never aligned, unless one's words
are found in the other (the same words, credited otherwise). A canonical claim never takes two
versions from one article (an article states a claim once; a second, similar sentence of the
same article is a different claim or a repetition).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from sourcetrace.stopwords import ENGLISH_STOP_WORDS
from sourcetrace.trace.align_model import AlignModel, load_align_model, probability
from sourcetrace.trace.versions import ClaimVersion, name_key, same_speaker, same_value

#: A version still alone joins a claim its best match is in at this probability or more
#: (step 2 of :func:`align`), without a shared specific number or quotation.
STRONG = 0.9
#: Log-odds added to a pair where a quotation (20+ characters) of one is found in the other:
#: set by hand, since the train gold has too few such pairs to fit it (:func:`score_matrix`).
QUOTE_LOGIT = 1.0

_WORD = re.compile(r"[a-z][a-z'-]+")


def _values(version: ClaimVersion) -> list[tuple[float, bool]]:
    """A version's quantity values, each with whether it is specific (at least 100, or money)."""
    return [
        (q["value"], q.get("kind") == "money" or abs(q["value"]) >= 100)
        for q in version.quantities
        if q.get("value") is not None
    ]


def shared_number(a: ClaimVersion, b: ClaimVersion) -> str | None:
    """ "specific" when the two share the value of a specific quantity, "small" when they
    share only small counts ("two meetings", weak evidence), else None."""
    return _shared_value(_values(a), _values(b))


def _shared_value(a: list[tuple[float, bool]], b: list[tuple[float, bool]]) -> str | None:
    """:func:`shared_number` of two versions' :func:`_values`."""
    found = None
    for x, specific_x in a:
        for y, specific_y in b:
            if same_value(x, y):
                if specific_x or specific_y:
                    return "specific"
                found = "small"
    return found


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


def _quoting(version: ClaimVersion) -> bool:
    """A quotation (direct or mixed): someone's own words."""
    return bool(version.quotes) and version.kind in ("direct", "mixed")


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


def _number_pairs(values: Sequence[list[tuple[float, bool]]]) -> set[tuple[int, int]]:
    """Pairs (i < j) of versions (their :func:`_values`) whose quantities may share a value
    within 2%: values bucketed on a logarithmic scale of step 2%, neighbours two buckets
    apart compared too."""
    step = np.log(1.02)
    buckets: dict[tuple[int, int], set[int]] = {}
    for i, version in enumerate(values):
        for value, _ in version:
            key = (int(np.sign(value)), int(np.floor(np.log(abs(value)) / step)) if value else 0)
            buckets.setdefault(key, set()).add(i)
    pairs = set()
    for (sign, level), members in buckets.items():
        for offset in range(3):
            others = buckets.get((sign, level + offset), set()) if offset else members
            pairs.update((min(i, j), max(i, j)) for i in members for j in others if i != j)
    return pairs


def _same_speaker(versions: Sequence[ClaimVersion]) -> np.ndarray:
    """(n x n) 1 where both versions are attributed to one speaker, as
    :func:`.versions.same_speaker` decides it: a shared canonical id (speaker or principal)
    when both have one, else the same name."""
    attributed = np.array([v.attributed for v in versions])
    has_id = np.array([bool(v.speaker_id) for v in versions])
    ids = [{v.speaker_id, v.principal_id} - {None} if v.speaker_id else set() for v in versions]
    keys = {name: name_key(name) for name in {v.speaker for v in versions}}
    codes = {key: n for n, key in enumerate(set(keys.values()))}
    names = np.array([codes[keys[v.speaker]] for v in versions])
    same = np.where(
        has_id[:, None] & has_id[None, :], _jaccard(ids) > 0, names[:, None] == names[None, :]
    )
    return (same & attributed[:, None] & attributed[None, :]).astype(float)


def feature_matrices(
    versions: Sequence[ClaimVersion], cosines: np.ndarray
) -> Iterator[tuple[str, np.ndarray]]:
    """Each feature of :data:`.align_model.FEATURES`, in order, as an (n x n) matrix over
    every pair of versions (the diagonal and same-article pairs included): computed in bulk,
    one matrix at a time, so a story of 1,000 versions holds a few of them at once."""
    yield from _quick_features(versions, cosines)
    yield "ratio", ratio_matrix(versions)


def ratio_matrix(versions: Sequence[ClaimVersion], where: np.ndarray | None = None) -> np.ndarray:
    """(n x n) rapidfuzz ``ratio`` of the versions' lower-cased texts, over 100: for every
    pair, or only where the (n x n) mask ``where`` is true (0 elsewhere)."""
    texts = [v.text.lower() for v in versions]
    if where is None:
        return process.cdist(texts, texts, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    out = np.zeros((len(texts), len(texts)))
    for i, j in zip(*np.nonzero(np.triu(where | where.T)), strict=True):
        out[i, j] = out[j, i] = fuzz.ratio(texts[i], texts[j]) / 100.0
    return out


def _quick_features(
    versions: Sequence[ClaimVersion], cosines: np.ndarray
) -> Iterator[tuple[str, np.ndarray]]:
    """The features before ``ratio`` (:func:`feature_matrices`), quick for every pair."""
    n = len(versions)
    yield "cosine", np.asarray(cosines, dtype=float)
    yield "entities", _jaccard([set(v.entities) for v in versions])
    yield "words", _jaccard([_stems(v.text) for v in versions])
    numbers = {"specific": np.zeros((n, n)), "small": np.zeros((n, n))}
    values = [_values(v) for v in versions]
    for i, j in _number_pairs(values):
        kind = _shared_value(values[i], values[j])
        if kind:
            numbers[kind][i, j] = numbers[kind][j, i] = 1.0
    yield "number_specific", numbers.pop("specific")
    yield "number_small", numbers.pop("small")
    yield "same_speaker", _same_speaker(versions)
    own = np.array([not v.attributed for v in versions])
    yield "both_own_voice", (own[:, None] & own[None, :]).astype(float)
    quoting = np.array([_quoting(v) for v in versions])
    yield "both_quoted", (quoting[:, None] & quoting[None, :]).astype(float)
    words = np.array([max(len(v.text.split()), 1) for v in versions], dtype=float)
    yield "length_ratio", np.minimum.outer(words, words) / np.maximum.outer(words, words)


def pair_logits(
    versions: Sequence[ClaimVersion],
    cosines: np.ndarray,
    model: AlignModel,
    floor: float = -np.inf,
) -> np.ndarray:
    """(n x n) log-odds of the pair model for every pair of versions, exact for each pair
    that can reach ``floor``: ``ratio``, the one slow feature in bulk (a story of 1,000
    versions), is computed only for pairs that its largest contribution lifts to ``floor``
    (about 2% of a real story's pairs)."""
    weights = dict(zip(model.features, model.coef, strict=True))
    logit = np.full((len(versions), len(versions)), float(model.intercept))
    for name, matrix in _quick_features(versions, cosines):
        logit += weights[name] * matrix
    where = None if floor == -np.inf else logit + max(weights["ratio"], 0.0) >= floor
    logit += weights["ratio"] * ratio_matrix(versions, where)
    return logit


def score_matrix(
    versions: Sequence[ClaimVersion], cosines: np.ndarray, model: AlignModel, threshold: float
) -> np.ndarray:
    """(n x n) probability that two versions carry one claim. Pairs within one article keep
    the model's probability (step 2 of :func:`align` asks whether a version restates its
    article's other one); :func:`align` never aligns them.

    Two rules stand beside the model. A quotation of one found in the other
    (:func:`quote_found`) adds ``QUOTE_LOGIT`` to the pair's log-odds: the evidence is strong
    but too rare in the train gold to fit (8 pairs of 64,266, all positive, all in one event).
    Quotations of different speakers (:func:`other_speakers_quotes`) whose words are not found
    in each other score -inf. The quotation check runs only for pairs it could lift to
    ``threshold``, and the slow features only for pairs that could reach it
    (:func:`pair_logits`): a pair below it is never aligned, so a score left lower there
    changes no alignment."""
    cut = _logit(threshold)
    logit = pair_logits(versions, cosines, model, cut - QUOTE_LOGIT)
    same_article = _same_article(versions)
    found: set[tuple[int, int]] = set()
    checked: set[tuple[int, int]] = set()
    for i, version in enumerate(versions):
        if not any(len(q) >= 20 for q in version.quotes):
            continue
        for j in np.flatnonzero(logit[i] + QUOTE_LOGIT >= cut):
            pair = (min(i, int(j)), max(i, int(j)))
            if same_article[i, j] or pair in checked:
                continue
            checked.add(pair)
            if quote_found(versions[i], versions[j]):
                found.add(pair)
                logit[i, j] += QUOTE_LOGIT
                logit[j, i] += QUOTE_LOGIT
    score = probability(logit)
    for pair in other_speakers_quotes(versions):
        if score[pair] >= threshold and pair not in found:
            score[pair] = score[pair[::-1]] = -np.inf
    return score


def _logit(p: float) -> float:
    if p <= 0.0:
        return -np.inf
    return np.inf if p >= 1.0 else float(np.log(p / (1.0 - p)))


def _same_article(versions: Sequence[ClaimVersion]) -> np.ndarray:
    """(n x n) True where two versions come from one article."""
    index = {a: n for n, a in enumerate(dict.fromkeys(v.article for v in versions))}
    of = np.array([index[v.article] for v in versions])
    return of[:, None] == of[None, :]


def other_speakers_quotes(versions: Sequence[ClaimVersion]) -> list[tuple[int, int]]:
    """Pairs of quotations (direct or mixed) credited to different canonical speakers: a
    quotation is one person's words, so it is aligned only with the same speaker's, unless
    its words are found in the other (then the speaker changed)."""
    quotes = [i for i, v in enumerate(versions) if _quoting(v)]
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
    threshold: float | None = None,
    model: AlignModel | None = None,
) -> list[list[ClaimVersion]]:
    """Canonical claims: :func:`aligned` without the pairs."""
    return [group for group, _ in aligned(versions, vectors, threshold, model)]


#: Two versions of a canonical claim, by their keys (``ClaimVersion.key``).
Pair = frozenset[str]


def aligned(
    versions: Sequence[ClaimVersion],
    vectors: np.ndarray | None = None,
    threshold: float | None = None,
    model: AlignModel | None = None,
) -> list[tuple[list[ClaimVersion], set[Pair]]]:
    """Canonical claims: groups of versions, each from a different article; versions that
    match nothing stay alone. Groups come in the order of their first version, each with the
    pairs of its versions (of different articles) that the pair model itself scores at the
    threshold or above: those it read as stating one thing, not joined through a third.
    ``model``: the shipped pair model unless given; ``threshold``: its probability threshold
    unless given.

    1. Between each pair of articles, versions that are each other's best match at or above
       the threshold are aligned (merged from the most probable down, never two versions of
       one article in a group).
    2. A version still alone whose best match in another article is already taken joins a
       copy of it when the two share a specific number or a quotation, or are aligned with
       probability ``STRONG`` or more: one sentence of an article may carry two claims of
       another ("agreed to send 6,000 drones and to supply designs for the factory").
    """
    if not versions:
        return []
    model = model or load_align_model()
    threshold = model.threshold if threshold is None else threshold
    vectors = embed_versions(versions) if vectors is None else vectors
    cosines = vectors @ vectors.T
    column = {a: c for c, a in enumerate(sorted({v.article for v in versions}))}
    of = np.array([column[v.article] for v in versions])
    score = score_matrix(versions, cosines, model, threshold)
    across = np.where(_same_article(versions), -np.inf, score)
    # best[i, c]: the version of article c that scores highest with i (the first on ties)
    best = np.zeros((len(versions), len(column)), dtype=int)
    for c in range(len(column)):
        options = np.flatnonzero(of == c)
        best[:, c] = options[np.argmax(across[:, options], axis=1)]
    matches = _Matches(across, best, of, threshold)
    group, members = _mutual_groups(matches)
    groups = _join_second_claims(versions, score, matches, group, members)
    groups.sort()
    return [
        (
            [versions[k] for k in g],
            {
                frozenset((versions[i].key, versions[j].key))
                for n, i in enumerate(g)
                for j in g[n + 1 :]
                if across[i, j] >= threshold
            },
        )
        for g in groups
    ]


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
    # for each version i and article c: its best match j there, kept when it reaches the
    # threshold and i is j's best match in i's article (scores are symmetric)
    rows = np.arange(n)[:, None]
    best = matches.best
    kept = (
        (matches.score[rows, best] >= matches.threshold)
        & (best[best, of[:, None]] == rows)
        & (rows < best)
    )
    mutual = [
        (matches.score[i, best[i, c]], int(i), int(best[i, c]))
        for i, c in zip(*np.nonzero(kept), strict=True)
    ]
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
    within: np.ndarray,
    matches: _Matches,
    group: list[int],
    members: dict[int, list[int]],
) -> list[list[int]]:
    """Step 2 of :func:`align`: the groups, with each version still alone paired with its best
    match in another article when that match is taken and the two share a specific number or
    a quotation, or are aligned with probability ``STRONG`` or more (``within``: the pair
    probabilities, those within an article included)."""
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
            if own and within[i, own[0]] >= threshold:
                continue  # a restatement of its article's version there, not a second claim
            if (
                score[i, j] >= STRONG
                or shared_number(versions[i], versions[j]) == "specific"
                or quote_found(versions[i], versions[j])
            ):
                groups = [g for g in groups if g != [i]]
                groups.append(sorted([i, j]))
                break
    return groups
