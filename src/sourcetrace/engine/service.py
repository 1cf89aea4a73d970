"""Analyse every stored article that has no analysis from the current analyser
(``sourcetrace analyze``), on an engine, saving as results arrive.

Articles are read from the store a page at a time as the engine asks for them, and analyses are
written in batches of ``SAVE_EVERY``, each in its own transaction: memory does not grow with
the corpus, a run killed part-way keeps what it saved, and the next run analyses only what is
missing. An article whose
analysis fails is recorded as an error of the run (``sourcetrace``'s ``errors`` table) and
tried again by the next run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sourcetrace.article import Article
from sourcetrace.engine import Engine, InProcess
from sourcetrace.store import Problem, Store

SAVE_EVERY = 64
READ_PAGE = 256  # articles read from the store at a time

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class AnalyseSummary:
    analysed: int = 0
    already: int = 0  # articles that had a current analysis
    failed: int = 0
    seconds: float = 0.0


def analyse_store(
    store: Store,
    engine: Engine | None = None,
    *,
    progress: Progress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> AnalyseSummary:
    """Analyse the articles lacking a current analysis with ``engine`` (default: in-process)."""
    from sourcetrace.nlp.analysis import ANALYSER_VERSION

    started = time.perf_counter()
    engine = engine or InProcess()
    summary = AnalyseSummary(already=store.analysed_count(ANALYSER_VERSION))
    total = store.count() - summary.already
    if not total:
        summary.seconds = time.perf_counter() - started
        return summary
    run = store.start_run(["analyze"])
    rows, problems = [], []
    waiting: dict[str, Article] = {}  # sent to the engine, result not back yet

    def flush() -> None:
        store.save_analyses(rows)
        if problems:
            store.save_batch(run, [], problems)
        rows.clear()
        problems.clear()

    def missing() -> Iterator[Article]:
        """The articles to analyse, read from the store a page at a time."""
        after = 0
        while page := store.unanalysed(ANALYSER_VERSION, after=after, limit=READ_PAGE):
            for _, article in page:
                waiting[article.id] = article
                yield article
            after = page[-1][0]

    for outcome in engine.analyse(missing()):
        article = waiting.pop(outcome.article_id)
        if outcome.analysis is None:
            problem = Problem(article.source or article.id, f"{article.id}: {outcome.error}")
            problems.append(problem)
            summary.failed += 1
            if on_problem:
                on_problem(problem)
        else:
            rows.append((article, ANALYSER_VERSION, outcome.analysis))
            summary.analysed += 1
        if len(rows) + len(problems) >= SAVE_EVERY:
            flush()
        if progress:
            progress(summary.analysed + summary.failed, total)
    flush()
    summary.seconds = time.perf_counter() - started
    store.finish_run(run, summary.seconds)
    return summary
