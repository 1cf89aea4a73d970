"""The pipeline's front door: ``process(store, settings)`` brings a store up to date, so that
every read (``report``, ``source``, ``story``, ``stories``, ``export``, the web pages) finds
what it shows already computed and never computes it.

1. analyse every article without a current analysis (the analyser version with the
   settings' fingerprint), on ``engine``: in-process by default, or a process pool or Ray
   (``engine.make_engine``);
2. find text reuse and wire copy of each article not checked yet, against the earlier
   ones (``trace.reuse_service.find_reuse``), and store it;
3. assign the articles that are in no story yet to stories;
4. trace every story whose stored trace is not current;
5. merge the traced stories' entities into corpus entities (``trace.service.identify_corpus``),
   unless they were made from the current traces already.

Each step is incremental and idempotent: a second call with nothing new does no work. An
article whose analysis fails is recorded and skipped (the next call tries it again); its
story stays untraced until it is analysed, and the summary says so.

Example::

    from sourcetrace.pipeline import AnalysisSettings, process
    summary = process(store, AnalysisSettings.from_config())

``load_shards`` brings in analyses made elsewhere (``analyze --shards`` on another machine)
instead of step 1.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sourcetrace.engine import Engine, InProcess
from sourcetrace.engine.service import AnalyseSummary, analyse_store, load_shard_folder
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.nlp.version import analyser_version
from sourcetrace.records import Problem
from sourcetrace.store import Store
from sourcetrace.stories.service import story_summaries, update_stories
from sourcetrace.trace.reuse_service import ReuseSummary, find_reuse
from sourcetrace.trace.service import NotReady, identify_corpus, trace_story

if TYPE_CHECKING:
    from sourcetrace.engine.shards import LoadSummary

__all__ = [
    "SMALL_RUN",
    "AnalysisSettings",
    "NotReady",
    "ProcessSummary",
    "load_shards",
    "process",
    "sized_for",
    "unanalysed",
]

#: ``progress(stage, done, total)``; stage is "analysing", "reuse", "grouping", "tracing" or
#: "identifying".
Progress = Callable[[str, int, int], None]

#: Fewer articles to analyse than this are analysed in-process (``sized_for``): starting a
#: pool of workers, each loading the models, would take longer than the analysis.
SMALL_RUN = 32


@dataclass(slots=True)
class ProcessSummary:
    """What one ``process`` call did."""

    analysis: AnalyseSummary = field(default_factory=AnalyseSummary)
    reuse: ReuseSummary = field(default_factory=ReuseSummary)
    assigned: int = 0  # articles put into stories
    new_stories: int = 0
    traced: int = 0  # stories traced (the others were current already)
    identified: bool = False  # the corpus entities were merged again
    #: One line per story left untraced (an article of it has no analysis).
    untraced: list[str] = field(default_factory=list)
    seconds: float = 0.0


def process(
    store: Store,
    settings: AnalysisSettings | None = None,
    *,
    engine: Engine | None = None,
    shards: Path | None = None,
    rows_per_shard: int | None = None,
    progress: Progress | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> ProcessSummary:
    """Analyse, group and trace what ``store`` lacks, with ``settings`` (default: the
    defaults) on ``engine`` (default: in-process); ``shards`` as ``analyse_store`` takes
    them. An ``engine`` made with other settings than ``settings`` is a ``ValueError``."""
    started = time.perf_counter()
    if engine is None:
        engine = InProcess(settings=settings)
    elif settings is not None and engine.settings != settings:
        raise ValueError("the engine analyses with other settings than the ones given")
    settings = engine.settings
    summary = ProcessSummary()

    def step(stage: str) -> Callable[[int, int], None] | None:
        return (lambda done, total: progress(stage, done, total)) if progress else None

    # 1. analyse
    summary.analysis = analyse_store(
        store,
        engine,
        shards=shards,
        rows_per_shard=rows_per_shard,
        progress=step("analysing"),
        on_problem=on_problem,
    )
    # 2. find reuse
    if progress:
        progress("reuse", 0, 0)
    summary.reuse = find_reuse(store, settings, on_problem=on_problem)
    # 3. group
    if progress:
        progress("grouping", 0, 0)
    grouped = update_stories(store)
    summary.assigned, summary.new_stories = grouped.assigned, grouped.opened
    # 4. trace
    stories = story_summaries(store)
    traced = step("tracing")
    for done, story in enumerate(stories, 1):
        try:
            summary.traced += trace_story(store, story, settings)
        except NotReady as why:
            summary.untraced.append(str(why))
        if traced:
            traced(done, len(stories))
    # 5. identify across the corpus
    if progress:
        progress("identifying", 0, 0)
    summary.identified = identify_corpus(store, settings)
    summary.seconds = time.perf_counter() - started
    return summary


def unanalysed(store: Store, settings: AnalysisSettings | None = None) -> int:
    """How many stored articles lack a current analysis with ``settings``."""
    return store.count() - store.analysed_count(analyser_version(settings))


def sized_for(store: Store, engine: Engine) -> Engine:
    """``engine``, or an in-process engine with its settings when fewer than ``SMALL_RUN``
    articles of ``store`` wait for analysis."""
    if unanalysed(store, engine.settings) < SMALL_RUN:
        return InProcess(settings=engine.settings)
    return engine


def load_shards(
    store: Store,
    folder: Path,
    settings: AnalysisSettings | None = None,
    *,
    on_problem: Callable[[Problem], None] | None = None,
) -> LoadSummary:
    """Load the Parquet shards in ``folder`` (written by ``analyze --shards``, here or on
    another machine) that ``store`` lacks, as one recorded run; an analysis is kept only when
    the current analyser made it with ``settings`` and ``store`` holds its article unchanged."""
    started = time.perf_counter()
    run = store.start_run(["load-shards", str(folder)])
    summary = load_shard_folder(
        store, folder, run, analyser_version(settings), on_problem=on_problem
    )
    store.finish_run(run, time.perf_counter() - started)
    return summary
