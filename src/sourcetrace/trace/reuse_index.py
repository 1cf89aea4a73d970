"""Candidate pairs for reuse: MinHash LSH over the sentences of articles, one article at a time.

Each sentence's content words (:func:`.reuse_text.content_words`) are one MinHash set; an
article is a candidate for another when a sentence of one falls into a band bucket of a
sentence of the other. Sentences, not whole articles, are indexed because a copy of two
sentences into a long article shares too little of its shingles for an article-level MinHash
to find it. The cost of adding or querying an article is its own sentences' MinHashes and
band lookups, whatever the size of the index, as long as unrelated sentences rarely collide.

Signatures are datasketch's MinHash; the band table is ours: each band's hash values folded
into one 64-bit integer, salted per band, in one :class:`.band_table.BandTable` to the article
number that has it (the numbers of several, where more have it, in a dict of arrays).
datasketch's ``MinHashLSH`` keeps a set and a key list per sentence and band (some 90 kB per
article of 16 sentences at 16 bands in ``bench/reuse.py``); a dict per band, as here before,
paid a cache miss per key in turn, so its cost per article grew with the index.

Two rules keep buckets from growing with the corpus:

1. A sentence one outlet has already run in ``boilerplate_after`` articles is its furniture
   (a footer, a standing line) and is neither indexed nor queried again for that outlet's
   articles (the same sentence in many outlets is syndication, and stays).
2. A bucket that holds ``max_bucket`` articles is full: it takes no more and is not read.
   A band's hash values are shared by unrelated sentences when a frequent word happens to
   hash lowest under all of the band's permutations; such a bucket says nothing, and without
   the cap its readers would grow with the corpus (``bench/reuse.py``). A copied sentence
   still meets its copies in its other bands.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from sourcetrace.trace.band_table import MISSING, BandTable
from sourcetrace.trace.reuse_records import ReuseArticle
from sourcetrace.trace.reuse_text import content_words

__all__ = ["IndexSettings", "ReuseIndex"]

_SEVERAL = -1  # a band table's mark for a key that several articles have


@dataclass(frozen=True, slots=True)
class IndexSettings:
    """MinHash and banding: ``bands`` x ``rows`` permutations; two sentences whose word sets
    have Jaccard similarity J collide with probability 1 - (1 - J**rows)**bands (0.5 -> 0.64,
    0.8 -> 1.0, 0.2 -> 0.01 with 32 x 5: fewer rows let chance collisions, and with them the
    candidates of an article, grow with the index in ``bench/reuse.py``). ``min_words``:
    shorter sentences are not indexed;
    ``min_hits``: sentences of the query that must collide with one article (reuse needs two
    aligned sentences; two chance collisions with one article are far rarer than one, so
    the candidates of an article do not grow with the index), one where either article has
    at most ``short`` sentences (a short text's lead is enough)."""

    bands: int = 32
    rows: int = 5
    min_words: int = 5
    min_hits: int = 2
    short: int = 2
    boilerplate_after: int = 5
    max_bucket: int = 32
    seed: int = 1


class ReuseIndex:
    """Sentences of the articles added so far, queried for the articles that share one."""

    def __init__(self, settings: IndexSettings | None = None) -> None:
        self.settings = settings or IndexSettings()
        s = self.settings
        # every band's keys in one table (each band's salted apart): band key -> the one
        # article that has it, or _SEVERAL when more do, their numbers then in ``_lists``
        self._table = BandTable()
        # (arrays, not lists: no integer object for each article number held)
        self._lists: dict[int, array[int]] = {}
        rng = np.random.default_rng(s.seed)
        self._fold = rng.integers(1, 2**63, s.rows, dtype=np.uint64) | np.uint64(1)
        self._salt = rng.integers(1, 2**63, s.bands, dtype=np.uint64)
        self._blank = MinHash(num_perm=s.bands * s.rows, seed=s.seed)
        self._ids: list[str] = []  # article number -> article id
        self._short: list[bool] = []  # article number -> at most ``short`` sentences
        # hash of (words, outlet) -> articles; a plain dict of integers (a Counter is tracked)
        self._seen: dict[int, int] = {}
        # the last article queried, its sentences' word keys and their (sentences x bands)
        # table keys: add() indexes what candidates() read
        self._last: tuple[ReuseArticle, list[int], np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article: ReuseArticle) -> None:
        """Index the article's sentences (after querying it, to find what it copies)."""
        number = len(self._ids)
        self._ids.append(article.id)
        self._short.append(len(article.sentences) <= self.settings.short)
        last, self._last = self._last, None
        words, keys = last[1:] if last is not None and last[0] is article else self._read(article)
        for key in words:
            seen = hash((key, article.outlet))
            self._seen[seen] = self._seen.get(seen, 0) + 1
        if not words:
            return
        keys = np.unique(keys)
        held, values, slots = self._table.values_at(keys)
        for key, value, slot in zip(
            keys[held].tolist(), values[held].tolist(), slots[held].tolist(), strict=True
        ):
            if value == _SEVERAL:
                bucket = self._lists[key]
                if len(bucket) < self.settings.max_bucket:
                    bucket.append(number)
            elif value != number:
                self._table.set_at(slot, _SEVERAL)
                self._lists[key] = array("l", (value, number))
        self._table.insert(keys[~held], number)

    def candidates(self, article: ReuseArticle) -> list[tuple[str, int]]:
        """Articles of the index with at least ``min_hits`` sentences colliding with the
        article's (one for a short article), and how many, most first."""
        hits: Counter[int] = Counter()
        words, keys = self._read(article)
        self._last = (article, words, keys)  # for add() to reuse
        if words:
            values = self._table.lookup(keys.ravel()).reshape(keys.shape)
            owners: list[set[int]] = [set() for _ in keys]
            for row, column in zip(*np.nonzero(values != MISSING), strict=True):
                value = int(values[row, column])
                if value != _SEVERAL:
                    owners[row].add(value)
                    continue
                bucket = self._lists[int(keys[row, column])]
                if len(bucket) < self.settings.max_bucket:
                    owners[row].update(bucket)
            for sentence in owners:
                hits.update(sentence)
        short = len(article.sentences) <= self.settings.short
        found = [
            (self._ids[n], c)
            for n, c in hits.items()
            if c >= self.settings.min_hits or short or self._short[n]
        ]
        return sorted(found, key=lambda item: -item[1])

    def keys(self, minhash: MinHash) -> np.ndarray:
        """One unsigned 64-bit integer per band: the band's hash values times odd
        multipliers, summed (the stored index, ``reuse_service``, keys its bands so too)."""
        return self._fold_bands(minhash.hashvalues)

    def _fold_bands(self, hashvalues: np.ndarray) -> np.ndarray:
        """:meth:`keys` of the hash values on the last axis (one MinHash's, or a stack)."""
        s = self.settings
        values = hashvalues[..., : s.bands * s.rows].astype(np.uint64)
        values = values.reshape(*values.shape[:-1], s.bands, s.rows)
        with np.errstate(over="ignore"):
            return (values * self._fold).sum(axis=-1, dtype=np.uint64)

    def _read(self, article: ReuseArticle) -> tuple[list[int], np.ndarray]:
        """The word keys of the article's sentences worth indexing (:meth:`_minhashes`) and
        their (sentences x bands) keys of the one table: each band's keys (:meth:`keys`)
        apart from the other bands' by a salt of its own."""
        found = self._minhashes(article)
        if not found:
            return [], np.zeros((0, self.settings.bands), dtype=np.uint64)
        stacked = np.stack([minhash.hashvalues for _words, minhash in found])
        return [words for words, _minhash in found], self._fold_bands(stacked) ^ self._salt

    def minhashes(self, sets: list[list[bytes]]) -> list[MinHash]:
        """One MinHash of each word set, the same as ``MinHash.bulk`` gives, with the
        permutations made once: ``bulk`` makes them again on each call, once an article
        (about 2 ms; ``bench/reuse.py``)."""
        blank = self._blank
        out = []
        for words in sets:
            minhash = MinHash(
                len(blank), seed=blank.seed, permutations=blank.permutations, scheme=blank.scheme
            )
            minhash.update_batch(words)
            out.append(minhash)
        return out

    def _minhashes(self, article: ReuseArticle) -> list[tuple[int, MinHash]]:
        """(words key, MinHash) of the article's sentences worth indexing: long enough, not
        furniture, each distinct word set once."""
        s = self.settings
        sets: dict[int, list[bytes]] = {}
        for i in range(len(article.sentences)):
            words = content_words(article.sentence(i))
            if len(words) < s.min_words:
                continue
            key = hash(" ".join(words))
            if self._seen.get(hash((key, article.outlet)), 0) < s.boilerplate_after:
                sets.setdefault(key, [w.encode() for w in set(words)])
        return list(zip(sets, self.minhashes(list(sets.values())), strict=True))
