"""Text reuse found when articles are processed, and kept (``pipeline.process``, step 2).

Each analysed article whose reuse is not found yet (for its current text and
:data:`REUSE_VERSION`) is, oldest publication first:

1. cut into the analysis's sentences; each sentence long enough is a MinHash over its
   content words (:mod:`.reuse_index`'s settings and folding), its band keys looked up in the
   store's ``reuse_keys`` (full buckets are not read), so the cost of an article is its own
   sentences' lookups whatever the size of the corpus; a sentence its outlet has already run
   in ``boilerplate_after`` articles is furniture and neither indexed nor looked up;
2. compared with each earlier article that shares enough sentences (:func:`.reuse.compare`),
   their sentences embedded through the store's vectors (a text is embedded once, ever) and
   only when there is a candidate to compare with;
3. stored with its band keys, its reuse and wire pairs and its wire credits.

An article that cannot be read is one problem line and is skipped; the run goes on.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from sourcetrace.article import Article
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.records import Problem, ReuseFound
from sourcetrace.store import Store
from sourcetrace.trace.reuse_records import ReuseArticle

if TYPE_CHECKING:  # the detector loads spaCy: imported when there is an article to check
    from sourcetrace.trace.reuse import ReuseSettings
    from sourcetrace.trace.reuse_index import IndexSettings

__all__ = ["REUSE_VERSION", "ReuseSummary", "find_reuse", "reuse_article"]

#: Raise when a change to reuse detection changes what is stored, so it is found again.
REUSE_VERSION = "1"
BATCH = 500  # articles read from the queue at a time


@dataclass(slots=True)
class ReuseSummary:
    """What one ``find_reuse`` call did."""

    checked: int = 0  # articles compared with the earlier ones
    pairs: int = 0  # reuse and wire pairs found
    failed: list[str] = field(default_factory=list)  # one line per article skipped


def reuse_article(article: Article, analysis: dict) -> ReuseArticle:
    """The article as the detector reads it: the analysis's text and sentences; a
    ``ValueError`` when the analysis has a sentence without offsets."""
    text = analysis.get("text") or article.text or ""
    try:
        spans = tuple((int(s["start"]), int(s["end"])) for s in analysis.get("sentences", []))
    except (KeyError, TypeError, ValueError):
        raise ValueError("its analysis has a sentence without offsets") from None
    return ReuseArticle(
        article.id,
        text,
        spans,
        published=article.published,
        outlet=analysis.get("outlet") or article.outlet,
    )


def find_reuse(
    store: Store,
    settings: AnalysisSettings,
    *,
    detector: ReuseSettings | None = None,
    index: IndexSettings | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    analyser: str | None = None,
    embed: bool = True,
) -> ReuseSummary:
    """Find and store the reuse of every analysed article not checked yet (module doc):
    articles analysed with ``settings`` (or by the ``analyser`` version named); without
    ``embed``, rewritten sentences are aligned by their words alone (``bench/reuse_store.py``)."""
    from sourcetrace.nlp.version import analyser_version

    version = analyser or analyser_version(settings)
    summary = ReuseSummary()
    finder: _Finder | None = None
    skipped: set[str] = set()
    problems: list[Problem] = []
    while True:
        # articles that failed stay pending: read past them, or enough of them at the head of
        # the queue would fill a whole batch and end the run
        pending = store.reuse_pending(version, REUSE_VERSION, limit=BATCH + len(skipped))
        batch = [a for a in pending if a.id not in skipped]
        if not batch:
            _record(store, problems)
            return summary
        finder = finder or _Finder(store, version, detector, index, embed)
        for article in batch:
            try:
                found = finder.find(article)
            except Exception as error:  # one bad article must not stop the run
                skipped.add(article.id)
                line = f"{article.id}: reuse not found: {error}"
                summary.failed.append(line)
                problems.append(Problem(article.source or article.id, line))
                if on_problem:
                    on_problem(problems[-1])
                continue
            store.save_reuse(found, finder.index.max_bucket)
            summary.checked += 1
            summary.pairs += len(found.pairs)


def _record(store: Store, problems: list[Problem]) -> None:
    """The problems as one recorded run ("reuse"), so ``runs`` and ``errors`` show them."""
    if problems:
        run = store.start_run(["reuse"])
        store.save_batch(run, [], problems)
        store.finish_run(run, 0.0)


class _Finder:
    """Steps 1 and 2 of the module doc for one article at a time, against the store."""

    def __init__(
        self,
        store: Store,
        version: str,
        detector: ReuseSettings | None,
        index: IndexSettings | None,
        embed: bool = True,
    ) -> None:
        from sourcetrace.trace.reuse import ReuseSettings
        from sourcetrace.trace.reuse_index import IndexSettings, ReuseIndex

        self.store, self.version = store, version
        self.detector, self.index = detector or ReuseSettings(), index or IndexSettings()
        self.embed = embed
        self._bands = ReuseIndex(self.index)  # its band keys: the in-memory index's folding

    def find(self, article: Article) -> ReuseFound:
        from sourcetrace.trace.reuse import compare
        from sourcetrace.trace.wire import wire_credits

        analysis = self.store.analyses([article], self.version).get(article.id)
        if analysis is None:
            raise ValueError("its analysis is not stored")
        new = reuse_article(article, analysis)
        sentences = self._sentences(new)
        furniture = self.store.reuse_furniture(new.outlet or "", list(sentences))
        kept = {w: s for w, s in sentences.items() if furniture[w] < self.index.boilerplate_after}
        keys = self._keys(list(kept.values()))
        credits = wire_credits(new.id, new.text)
        new, candidates = self._candidates(new, keys)
        pairs = [
            compare(earlier, new, self.detector, (wire_credits(earlier.id, earlier.text), credits))
            for earlier in candidates
        ]
        return ReuseFound(
            article.id,
            article.content_hash,
            REUSE_VERSION,
            new.outlet,
            len(new.sentences),
            [key for sentence in keys for key in sentence],
            list(sentences),
            [p.to_json() for p in pairs if p.verdict != "independent"],
            [c.to_json() for c in credits],
        )

    def _sentences(self, article: ReuseArticle) -> dict[int, list[bytes]]:
        """Each distinct indexable sentence's content words, by their stable hash."""
        from sourcetrace.trace.reuse_text import content_words

        out: dict[int, list[bytes]] = {}
        for i in range(len(article.sentences)):
            words = content_words(article.sentence(i))
            if len(words) >= self.index.min_words:
                out.setdefault(_words_key(words), [w.encode() for w in set(words)])
        return out

    def _keys(self, sets: list[list[bytes]]) -> list[list[tuple[int, int]]]:
        """Each sentence's (band, signed key) pairs."""
        return [
            [(band, int(key.view(np.int64))) for band, key in enumerate(self._bands.keys(m))]
            for m in self._bands.minhashes(sets)
        ]

    def _candidates(
        self, new: ReuseArticle, keys: list[list[tuple[int, int]]]
    ) -> tuple[ReuseArticle, list[ReuseArticle]]:
        """The earlier articles that share enough sentences with ``new``, and ``new``, with
        their sentence vectors when there are any."""
        buckets = self.store.reuse_buckets([k for s in keys for k in s], self.index.max_bucket)
        hits: Counter[str] = Counter()
        for sentence in keys:
            hits.update({o for key in sentence for o in buckets.get(key, ()) if o != new.id})
        sizes = self.store.reuse_sizes(list(hits))
        short = len(new.sentences) <= self.index.short
        chosen = [
            a
            for a, n in hits.items()
            if n >= self.index.min_hits or short or sizes.get(a, 0) <= self.index.short
        ]
        if not chosen:
            return new, []
        articles = [a for a in (self.store.get(c) for c in chosen) if a is not None]
        analyses = self.store.analyses(articles, self.version)
        found = [_readable(a, analyses[a.id]) for a in articles if a.id in analyses]
        found = [a for a in found if a is not None]  # its own run said what is wrong
        if not self.embed:
            return new, found
        vectors = self._vectors([new, *found])
        return replace(new, vectors=vectors[0]), [
            replace(a, vectors=v) for a, v in zip(found, vectors[1:], strict=True)
        ]

    def _vectors(self, articles: Sequence[ReuseArticle]) -> list[np.ndarray]:
        """Each article's sentence vectors, from the store's vectors (made and kept when
        missing)."""
        from sourcetrace.trace.vectors import stored_vectors

        texts = [a.sentence(i).strip() for a in articles for i in range(len(a.sentences))]
        rows = stored_vectors(self.store, texts)
        bounds = np.cumsum([len(a.sentences) for a in articles])[:-1]
        return np.split(rows, bounds)


def _readable(article: Article, analysis: dict) -> ReuseArticle | None:
    try:
        return reuse_article(article, analysis)
    except ValueError:
        return None


def _words_key(words: list[str]) -> int:
    """A sentence's content words as a signed 64-bit integer, the same in every process."""
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)
