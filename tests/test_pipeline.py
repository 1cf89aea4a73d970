"""The pipeline's helpers for choosing how to analyse: what waits, and which engine suits it."""

from __future__ import annotations

from sourcetrace.engine import InProcess, ProcessPool
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.settings import AnalysisSettings
from sourcetrace.pipeline import SMALL_RUN, sized_for, unanalysed


def _ingest_notes(store, folder, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"note{n}.txt").write_text(
            f"Harbour note {n}\n\nThe ferry left pier {n} at dawn, the harbour master said.\n",
            encoding="utf-8",
        )
    ingest([str(folder)], store, IngestOptions(outlet="Desk notes"))


def test_every_new_article_waits_for_analysis(store, tmp_path):
    assert unanalysed(store) == 0
    _ingest_notes(store, tmp_path / "notes", 3)
    assert unanalysed(store) == 3


def test_a_small_run_is_analysed_in_process_with_the_same_settings(store, tmp_path):
    _ingest_notes(store, tmp_path / "notes", SMALL_RUN - 1)
    settings = AnalysisSettings()
    chosen = sized_for(store, ProcessPool(2, settings=settings))
    assert isinstance(chosen, InProcess) and chosen.settings == settings


def test_a_run_of_small_run_articles_keeps_the_pool(store, tmp_path):
    _ingest_notes(store, tmp_path / "notes", SMALL_RUN)
    pool = ProcessPool(2)
    assert sized_for(store, pool) is pool
