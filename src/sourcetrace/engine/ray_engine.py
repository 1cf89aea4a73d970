"""The Ray engine (``--engine ray [--ray-address ADDR]``): analysis on a pool of Ray actors, on
a running Ray cluster or, without an address, on a local Ray instance started for the run.

Each actor loads the spaCy pipeline and the models once and analyses batches of articles with
the same ``analyse_batch`` as the process pool, so results are identical. The pool is sized from
the cluster's CPUs (one actor per CPU, at most ``workers`` when given). At most two batches per
actor are in flight: the input is read as results come back, never held whole. An actor that
dies takes its batch with it; its articles are analysed again one at a time on a fresh actor,
so only the article that kills an actor gets an error.

Ray is an optional extra: ``pip install 'sourcetrace[ray]'``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from sourcetrace.article import Article
from sourcetrace.engine.base import (
    BATCH,
    DEFAULT_TIMEOUT,
    Outcome,
    analyse_batch,
    analyse_one,
    in_batches,
)
from sourcetrace.nlp.settings import AnalysisSettings

INSTALL = "pip install 'sourcetrace[ray]'"


class RayMissing(RuntimeError):
    pass


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise RayMissing(f"the ray engine needs Ray: {INSTALL}") from None
    return ray


class _Analyser:
    """The actor: models loaded once, then batch after batch."""

    def __init__(self) -> None:
        from sourcetrace.nlp.model import load_nlp

        load_nlp()

    def batch(
        self, articles: list[Article], timeout: float | None, settings: AnalysisSettings
    ) -> list[Outcome]:
        return analyse_batch(articles, timeout, settings)

    def one(self, article: Article, timeout: float | None, settings: AnalysisSettings) -> Outcome:
        return analyse_one(article, timeout, settings)


class RayEngine:
    """Analysis on Ray actors; ``address`` None starts (and at the end stops) a local Ray."""

    #: The actor class (a test swaps in one that dies on a marked article).
    analyser: type = _Analyser

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        batch_size: int = BATCH,
        settings: AnalysisSettings | None = None,
    ) -> None:
        self.ray = _ray()
        self.settings = settings or AnalysisSettings()
        self.address = address
        self.workers = workers
        self.timeout = timeout
        self.batch_size = batch_size

    def _start(self) -> bool:
        """Connect (or start a local instance); True when this engine started Ray."""
        if self.ray.is_initialized():
            return False
        self.ray.init(
            address=self.address,
            num_cpus=None if self.address else (self.workers or os.cpu_count() or 1),
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
        return True

    def _size(self) -> int:
        cpus = int(self.ray.cluster_resources().get("CPU", 1)) or 1
        return max(1, min(cpus, self.workers or cpus))

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        started = self._start()
        actor_class = self.ray.remote(num_cpus=1)(self.analyser)
        try:
            actors = [actor_class.remote() for _ in range(self._size())]
            pending: deque[tuple[list[Article], int, Any, Any]] = deque()
            batches = in_batches(articles, self.batch_size)
            turn = 0
            while True:
                while len(pending) < 2 * len(actors):
                    batch = next(batches, None)
                    if batch is None:
                        break
                    slot = turn % len(actors)
                    turn += 1
                    actor = actors[slot]
                    pending.append(
                        (batch, slot, actor, actor.batch.remote(batch, self.timeout, self.settings))
                    )
                if not pending:
                    return
                batch, slot, actor, ref = pending.popleft()
                try:
                    outcomes = self.ray.get(ref)
                except self.ray.exceptions.RayActorError:
                    # Its actor died: a fresh one takes its place (the pool never asks for
                    # more CPUs than it holds) and the batch, one article at a time.
                    if actors[slot] is actor:
                        actors[slot] = actor_class.remote()
                    yield from self._one_by_one(batch, actors, slot, actor_class)
                    continue
                yield from outcomes
        finally:
            if started:
                self.ray.shutdown()

    def _one_by_one(
        self, batch: list[Article], actors: list[Any], slot: int, actor_class: Any
    ) -> Iterator[Outcome]:
        for article in batch:
            try:
                yield self.ray.get(actors[slot].one.remote(article, self.timeout, self.settings))
            except self.ray.exceptions.RayActorError:
                yield Outcome(article.id, error="the worker process died analysing it")
                actors[slot] = actor_class.remote()
