"""Analyse every stored article that has no analysis from the current analyser
(``sourcetrace analyze``), on an engine, saving as results arrive.

Analyses are written in batches of ``SAVE_EVERY``, each in its own transaction, so a run killed
part-way keeps what it saved and the next run analyses only what is missing. An article whose
analysis fails is recorded as an error of the run (``sourcetrace``'s ``errors`` table) and
tried again by the next run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sourcetrace.engine import Engine, InProcess
from sourcetrace.store import Problem, Store

SAVE_EVERY = 64

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
    articles = store.articles()
    done = store.analyses(articles, ANALYSER_VERSION)
    missing = {a.id: a for a in articles if a.id not in done}
    summary = AnalyseSummary(already=len(done))
    if not missing:
        summary.seconds = time.perf_counter() - started
        return summary
    run = store.start_run(["analyze"])
    rows, problems = [], []

    def flush() -> None:
        store.save_analyses(rows)
        if problems:
            store.save_batch(run, [], problems)
        rows.clear()
        problems.clear()

    for outcome in engine.analyse(missing.values()):
        article = missing[outcome.article_id]
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
            progress(summary.analysed + summary.failed, len(missing))
    flush()
    summary.seconds = time.perf_counter() - started
    store.finish_run(run, summary.seconds)
    return summary
