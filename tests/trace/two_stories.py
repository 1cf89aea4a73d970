"""A store of two stories we wrote, each naming one man differently ("Donald Trump" at a
dock strike; "President Donald Trump" and "Trump" at a bridge), analysed and traced by the
real pipeline: the corpus entities' test bed."""

from __future__ import annotations

from pathlib import Path

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.pipeline import process
from sourcetrace.store import open_store
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "two_stories"


def build(db: Path) -> Path:
    """``db`` holding the two stories, processed as ``sourcetrace ingest`` leaves it."""
    with open_store(db) as store:
        ingest([str(ARTICLES)], store, IngestOptions(outlet="Desk"))
        process(store)
    return db
