"""Analyse every stored article that has no analysis from the current analyser
(``sourcetrace analyze``), on an engine, saving as results arrive.

Articles are read from the store a page at a time as the engine asks for them, and analyses are
written in batches of ``SAVE_EVERY``, each in its own transaction: memory does not grow with
the corpus, a run killed part-way keeps what it saved, and the next run analyses only what is
missing. An article whose
analysis fails is recorded as an error of the run (``sourcetrace``'s ``errors`` table) and
tried again by the next run.

With ``shards`` (a folder; ``analyze --shards DIR``), outcomes are written to Parquet shards
instead (``engine.shards``: one documented schema) and each shard is loaded into the store as
soon as it is complete; a run that is stopped or killed keeps every complete shard, and the
next run first loads any shard the store does not hold yet, then analyses only what is
missing. A stop by Ctrl-C (or an error that ends the run) also saves what was analysed: the
last rows, or the shard being written, completed and loaded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sourcetrace.article import Article
from sourcetrace.engine.base import Engine, InProcess
from sourcetrace.records import Problem
from sourcetrace.store import Store

if TYPE_CHECKING:
    from sourcetrace.engine.shards import LoadSummary

SAVE_EVERY = 64
READ_PAGE = 256  # articles read from the store at a time

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class AnalyseSummary:
    analysed: int = 0
    already: int = 0  # articles that had a current analysis
    failed: int = 0
    seconds: float = 0.0
    shards: int = 0  # shards loaded into the store by this run (with ``shards``)
    stale: int = 0  # shard analyses left out: another analyser, or article changed or unknown


def analyse_store(
    store: Store,
    engine: Engine | None = None,
    *,
    shards: Path | None = None,
    rows_per_shard: int | None = None,
    progress: Progress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> AnalyseSummary:
    """Analyse the articles lacking a current analysis with ``engine`` (default: in-process,
    default settings), saving directly or, with ``shards``, through Parquet shards in that
    folder. "Current" is the analyser version with the engine's settings."""
    from sourcetrace.nlp.analysis import analyser_version

    started = time.perf_counter()
    engine = engine or InProcess()
    version = analyser_version(engine.settings)
    summary = AnalyseSummary()
    run: int | None = None
    if shards is not None:
        run = store.start_run(["analyze", "--shards", str(shards)])
        _load_waiting_shards(store, Path(shards), run, summary, on_problem, version)
    summary.already = store.analysed_count(version)
    total = store.count() - summary.already
    if not total:
        summary.seconds = time.perf_counter() - started
        if run is not None:
            store.finish_run(run, summary.seconds)
        return summary
    if run is None:
        run = store.start_run(["analyze"])
    waiting: dict[str, Article] = {}  # sent to the engine, result not back yet

    def missing() -> Iterator[Article]:
        """The articles to analyse, read from the store a page at a time."""
        after = 0
        while page := store.unanalysed(version, after=after, limit=READ_PAGE):
            for _, article in page:
                waiting[article.id] = article
                yield article
            after = page[-1][0]

    sink = (
        _DirectSink(store, run)
        if shards is None
        else _ShardSink(store, run, Path(shards), rows_per_shard, summary, version)
    )
    try:
        for outcome in engine.analyse(missing()):
            article = waiting.pop(outcome.article_id)
            problem = None
            if outcome.analysis is None:
                problem = Problem(article.source or article.id, f"{article.id}: {outcome.error}")
                summary.failed += 1
                if on_problem:
                    on_problem(problem)
            else:
                summary.analysed += 1
            sink.add(article, version, outcome, problem)
            if progress:
                progress(summary.analysed + summary.failed, total)
        sink.close()
    except BaseException:
        # Stopped (Ctrl-C) or failed: keep what was analysed, if it can still be saved.
        try:
            sink.close()
        except Exception:
            sink.abort()
        raise
    summary.seconds = time.perf_counter() - started
    store.finish_run(run, summary.seconds)
    return summary


class _DirectSink:
    """Saves analyses and problems to the store every ``SAVE_EVERY`` outcomes."""

    def __init__(self, store: Store, run: int) -> None:
        self.store, self.run = store, run
        self.rows: list = []
        self.problems: list[Problem] = []
        self.features: list = []  # (article, features version, story features)
        self.vectors: dict[str, bytes] = {}

    def add(self, article: Article, version: str, outcome, problem: Problem | None) -> None:
        if problem is None:
            self.rows.append((article, version, outcome.analysis))
            if outcome.features is not None:
                self.features.append((article, outcome.features["version"], outcome.features))
            self.vectors.update(outcome.vectors or {})
        else:
            self.problems.append(problem)
        if len(self.rows) + len(self.problems) >= SAVE_EVERY:
            self.close()

    def close(self) -> None:
        self.store.save_vectors(self.vectors)
        self.store.save_story_features(self.features)
        self.store.save_analyses(self.rows)
        if self.problems:
            self.store.save_batch(self.run, [], self.problems)
        self.abort()

    def abort(self) -> None:
        self.rows, self.problems, self.features = [], [], []
        self.vectors = {}


class _ShardSink:
    """Writes outcomes to Parquet shards and loads each complete shard into the store."""

    def __init__(
        self,
        store: Store,
        run: int,
        folder: Path,
        rows: int | None,
        summary: AnalyseSummary,
        version: str,
    ) -> None:
        from sourcetrace.engine.shards import ROWS_PER_SHARD, ShardWriter

        self.store, self.run, self.summary = store, run, summary
        self.version = version
        self.writer = ShardWriter(folder, rows or ROWS_PER_SHARD)

    def add(self, article: Article, version: str, outcome, problem: Problem | None) -> None:
        from sourcetrace.engine.shards import record_for

        self._load(self.writer.add(record_for(article, version, outcome)))

    def close(self) -> None:
        self._load(self.writer.close())

    def abort(self) -> None:
        self.writer.abort()

    def _load(self, path: Path | None) -> None:
        from sourcetrace.engine.shards import load_shard_file

        if path is None:
            return
        done = load_shard_file(self.store, path, self.run, self.version)
        self.summary.shards += 1
        self.summary.stale += done.stale


def _load_waiting_shards(
    store: Store,
    folder: Path,
    run: int,
    summary: AnalyseSummary,
    on_problem: Callable[[Problem], None] | None,
    version: str,
) -> None:
    """Before analysing: drop the partial shard a killed run left, and load every complete
    shard the store does not hold yet (a run stopped between writing and loading one)."""
    from sourcetrace.engine.shards import remove_orphans

    if not folder.exists():
        return
    remove_orphans(folder)
    loaded = load_shard_folder(store, folder, run, version, on_problem)
    summary.shards += loaded.shards
    summary.stale += loaded.stale


def load_shard_folder(
    store: Store,
    folder: Path,
    run: int,
    version: str,
    on_problem: Callable[[Problem], None] | None = None,
) -> LoadSummary:
    """Load the shards in ``folder`` that ``store`` lacks (``sourcetrace load-shards``),
    keeping the analyses made by analyser ``version``; a file that is no readable shard is
    recorded as a problem of ``run``."""
    from sourcetrace.engine.shards import load_shards

    problems: list[Problem] = []

    def unreadable(problem: Problem) -> None:
        problems.append(problem)
        if on_problem:
            on_problem(problem)

    loaded = load_shards(folder, store, run, version, on_problem=unreadable)
    if problems:
        store.save_batch(run, [], problems)
    return loaded
