"""What every engine shares: the per-article work and its ``Outcome``, batching, the
``Engine`` interface, and ``InProcess``, the engine the others are tested against.

Analysing one article is a pure function of the article (``analyse_one``): an exception in it,
or running past ``timeout`` seconds, becomes that article's ``error``; it never raises for a
bad article, so every engine runs the same function and gets the same results.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from sourcetrace.article import Article
from sourcetrace.nlp.settings import AnalysisSettings

__all__ = [
    "BATCH",
    "DEFAULT_TIMEOUT",
    "ArticleTimeout",
    "Engine",
    "InProcess",
    "Outcome",
    "analyse_batch",
    "analyse_one",
    "in_batches",
]

#: Seconds one article may take before it is given up as an error.
DEFAULT_TIMEOUT = 120.0
BATCH = 16


@dataclass(slots=True)
class Outcome:
    """One article's analysis (``ArticleAnalysis.to_dict()``), or why there is none; with it,
    what the later steps need from the same parse: the article's story features, and the
    vector of each text they embed (the story embedding's and each claim version's), by
    ``nlp.embed.text_key``."""

    article_id: str
    analysis: dict[str, Any] | None = None
    error: str | None = None
    features: dict[str, Any] | None = None
    vectors: dict[str, bytes] | None = None


class Engine(Protocol):
    #: What every article is analysed with; its fingerprint is part of the stored version.
    settings: AnalysisSettings

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]: ...


class ArticleTimeout(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``ArticleTimeout`` after ``seconds`` (a timer signal; only possible in a main
    thread, so elsewhere nothing is timed)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_one(
    article: Article,
    timeout: float | None = DEFAULT_TIMEOUT,
    settings: AnalysisSettings | None = None,
) -> Outcome:
    """Everything per-article the pipeline needs, from one parse: the analysis, the story
    features (their named entities read from the same parse) and the vectors of the story
    embedding's text and of each claim version's text; or the article's error. Never raises
    for a bad article."""
    first = _first_half(article, timeout, settings)
    return first if isinstance(first, Outcome) else _second_half(first)


@dataclass(slots=True)
class _Analysed:
    """An article analysed, its texts not embedded yet."""

    article: Article
    analysis: dict[str, Any]
    entities: list[tuple[str, str]]  # for the story features
    texts: list[str]  # the story embedding's text first, then each claim version's


def _parse_and_analyse(article: Article, settings: AnalysisSettings | None) -> _Analysed:
    from sourcetrace.nlp.analysis import analyse, parse
    from sourcetrace.nlp.model import load_nlp
    from sourcetrace.stories.features import embedding_text, named_entities_of
    from sourcetrace.trace.versions import claim_versions

    nlp = load_nlp()
    parsed = parse(article, nlp)
    entities = named_entities_of(article, parsed, nlp)  # before the analysis changes them
    analysis = analyse(article, settings=settings, parsed=parsed).to_dict()
    lead = embedding_text(article)
    claims = [t for t in dict.fromkeys(v.text for v in claim_versions(analysis)) if t != lead]
    return _Analysed(article, analysis, entities, [lead, *claims])


def _embed(analysed: _Analysed, parallel: int | None = 1) -> Outcome:
    """The outcome of an analysed article, with the vectors of its texts, embedded on up to
    ``parallel`` threads (None: one per core)."""
    from sourcetrace.nlp.embed import load_embedder, text_key, to_bytes
    from sourcetrace.stories.features import story_features

    vectors = load_embedder().embed(analysed.texts, parallel=parallel)
    return Outcome(
        analysed.article.id,
        analysed.analysis,
        features=story_features(analysed.article, analysed.entities, vectors[0]),
        vectors={
            text_key(text): to_bytes(vector)
            for text, vector in zip(analysed.texts, vectors, strict=True)
        },
    )


def _first_half(
    article: Article, timeout: float | None, settings: AnalysisSettings | None
) -> _Analysed | Outcome:
    """The article analysed, or its error as an outcome: parsing and analysis, the part that
    may run long on a pathological text, run under ``timeout``."""
    try:
        with _deadline(timeout):
            return _parse_and_analyse(article, settings)
    except ArticleTimeout:
        return Outcome(article.id, error=f"analysis took longer than {timeout:g} s")
    except Exception as error:  # one bad article must not stop the run
        return _failed(article, error)


def _second_half(analysed: _Analysed, parallel: int | None = 1) -> Outcome:
    """The outcome with its vectors, or the article's error (embedding a bounded number of
    texts of at most 256 word pieces each takes no deadline)."""
    try:
        return _embed(analysed, parallel)
    except Exception as error:
        return _failed(analysed.article, error)


def _failed(article: Article, error: Exception) -> Outcome:
    return Outcome(article.id, error=f"analysis failed: {type(error).__name__}: {error}")


def analyse_batch(
    articles: Sequence[Article],
    timeout: float | None,
    settings: AnalysisSettings | None = None,
) -> list[Outcome]:
    return [analyse_one(article, timeout, settings) for article in articles]


def in_batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    items = iter(articles)
    while batch := list(islice(items, size)):
        yield batch


class InProcess:
    """Analysis in this process, one article after another, overlapped: while one
    article's texts are embedded (onnxruntime runs without Python's lock, on every core),
    the next one is parsed and analysed."""

    def __init__(
        self, timeout: float | None = DEFAULT_TIMEOUT, settings: AnalysisSettings | None = None
    ) -> None:
        self.timeout = timeout
        self.settings = settings or AnalysisSettings()

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        with ThreadPoolExecutor(1, thread_name_prefix="sourcetrace-embed") as embedding:
            waiting: deque[Future[Outcome]] = deque()
            for article in articles:
                first = _first_half(article, self.timeout, self.settings)
                if isinstance(first, Outcome):
                    waiting.append(_done(first))
                else:
                    # on every core: the analysis, holding Python's lock, uses one at most
                    waiting.append(embedding.submit(_second_half, first, None))
                while len(waiting) > 1:  # one article embedded while the next is analysed
                    yield waiting.popleft().result()
            while waiting:
                yield waiting.popleft().result()


def _done(outcome: Outcome) -> Future[Outcome]:
    future: Future[Outcome] = Future()
    future.set_result(outcome)
    return future
