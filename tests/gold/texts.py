"""The texts that the gold files' offsets index into, read from ``../shared`` (see
``gold/identity_pairs.md`` and ``gold/provenance/README.md``): one reader for every gold test."""

from __future__ import annotations

import json
from functools import cache

from sourcetrace.eval.documents import document_text as _document_text
from tests.conftest import SHARED

DATA = SHARED / "data"


@cache
def ecbplus_docs() -> dict[str, dict]:
    """ECB+ records by ``doc_id``."""
    with (DATA / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as f:
        return {record["doc_id"]: record for record in map(json.loads, f)}


def document_text(corpus: str, doc: str) -> str:
    """The text of document ``doc`` of ``corpus`` (ecbplus, polnear, story_chains, seeds)."""
    return _document_text(DATA, corpus, doc)
