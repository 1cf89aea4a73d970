"""Where per-article analysis runs, behind one small interface: ``analyse(articles)`` yields
one ``Outcome`` per article, in input order.

- ``InProcess``: in this process; the reference the others are tested against.
- ``ProcessPool``: a local pool of worker processes (the default, one per core). Each worker
  loads the spaCy pipeline and the models once, then analyses batches of articles; at most two
  batches per worker are in flight, so memory stays bounded however long the input.
- ``RayEngine`` (``engine.ray_engine``, the ``ray`` extra): the same on Ray actors, on a
  cluster or a local Ray instance.

Analysing one article is a pure function of the article (``analyse_one``): an exception in it,
or running past ``timeout`` seconds, becomes that article's ``error`` and the run goes on. A
worker process that dies takes its batch with it: those articles get an error and a fresh pool
takes over the rest. Workers end with the run however it ends: stopped by Ctrl-C or an
error, the pool's workers are ended at once; a worker whose parent is killed outright
(SIGKILL) notices within a second and exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context, parent_process
from typing import Any, Protocol

from sourcetrace.article import Article
from sourcetrace.nlp.settings import AnalysisSettings

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


def _warm_up() -> None:
    """Set a worker up: leave Ctrl-C to the parent (which ends the pool), exit when the
    parent is gone, and load the pipeline once, before the first batch."""
    from sourcetrace.nlp.model import load_nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    load_nlp()


def _exit_with_parent(every: float = 0.5) -> None:
    """Exit this process once its parent is gone: a parent killed by SIGKILL cannot end its
    workers, which would otherwise wait for work forever. (A watching thread rather than
    Linux's PR_SET_PDEATHSIG, which fires when the parent *thread* that started the worker
    ends, and exists on Linux only.)"""
    parent = parent_process()
    if parent is None:
        return

    def watch() -> None:
        # The pid the parent had at the start: it may have died before this worker came up.
        while os.getppid() == parent.pid:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now, not after the batches in flight: for a run stopped by
    Ctrl-C, a signal or an error."""
    # Python 3.14 adds pool.terminate_workers(); until then the pool's process table is the
    # only handle on its workers.
    for process in list((pool._processes or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


class ProcessPool:
    """Analysis in ``workers`` local processes (default: one per core)."""

    #: What a worker runs for a batch and, after a worker died, for one article at a time.
    batch_task = staticmethod(analyse_batch)
    article_task = staticmethod(analyse_one)

    def __init__(
        self,
        workers: int | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        batch_size: int = BATCH,
        settings: AnalysisSettings | None = None,
    ) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.batch_size = batch_size
        self.settings = settings or AnalysisSettings()

    def _pool(self) -> ProcessPoolExecutor:
        # Fresh interpreters ("spawn"): no thread or model state copied from the parent.
        return ProcessPoolExecutor(
            self.workers, mp_context=get_context("spawn"), initializer=_warm_up
        )

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        pool = self._pool()
        pending: deque[tuple[list[Article], Future]] = deque()
        batches = in_batches(articles, self.batch_size)
        try:
            while True:
                while len(pending) < 2 * self.workers:
                    batch = next(batches, None)
                    if batch is None:
                        break
                    pending.append(
                        (batch, pool.submit(self.batch_task, batch, self.timeout, self.settings))
                    )
                if not pending:
                    return
                batch, future = pending.popleft()
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    # A worker died: every batch in flight went with it. Run them again one
                    # article at a time, so that only the article that kills a worker fails.
                    affected = [batch, *(b for b, _ in pending)]
                    pending.clear()
                    pool.shutdown(cancel_futures=True)
                    yield from self._one_by_one(affected)
                    pool = self._pool()
                    continue
                yield from outcomes
        except BaseException:
            _end_workers(pool)
            raise
        finally:
            pool.shutdown(cancel_futures=True)

    def _one_by_one(self, batches: list[list[Article]]) -> Iterator[Outcome]:
        pool = self._pool()
        try:
            for article in (a for batch in batches for a in batch):
                try:
                    yield pool.submit(
                        self.article_task, article, self.timeout, self.settings
                    ).result()
                except BrokenProcessPool:
                    yield Outcome(article.id, error="the worker process died analysing it")
                    pool.shutdown(cancel_futures=True)
                    pool = self._pool()
        except BaseException:
            _end_workers(pool)
            raise
        finally:
            pool.shutdown(cancel_futures=True)


ENGINES = ("process", "inprocess", "ray")


def make_engine(
    name: str = "process",
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    ray_address: str | None = None,
    settings: AnalysisSettings | None = None,
) -> Engine:
    """An engine by name (``ENGINES``) that analyses with ``settings``; "ray" needs the
    ``ray`` extra."""
    if name == "process":
        return ProcessPool(workers, timeout, settings=settings)
    if name == "inprocess":
        return InProcess(timeout, settings)
    if name == "ray":
        from sourcetrace.engine.ray_engine import RayEngine

        return RayEngine(ray_address, workers, timeout, settings=settings)
    raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
