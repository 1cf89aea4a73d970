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

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context, parent_process

from sourcetrace.article import Article
from sourcetrace.engine.base import (
    BATCH,
    DEFAULT_TIMEOUT,
    Engine,
    InProcess,
    Outcome,
    analyse_batch,
    analyse_one,
    in_batches,
)
from sourcetrace.nlp.settings import AnalysisSettings

__all__ = [
    "BATCH",
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "Engine",
    "InProcess",
    "Outcome",
    "ProcessPool",
    "analyse_batch",
    "analyse_one",
    "make_engine",
]


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
