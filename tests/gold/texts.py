"""The texts that the gold files' offsets index into, read from ``../shared`` (see
``gold/identity_pairs.md`` and ``gold/provenance/README.md``): one reader for every gold test."""

from __future__ import annotations

import csv
import json
import sys
from functools import cache

from tests.conftest import SHARED

DATA = SHARED / "data"
STORY_CHAINS = (
    DATA / "story_chains" / "gedikli-business_energy_news_dataset-2021-06-29-article_texts.csv"
)


@cache
def ecbplus_docs() -> dict[str, dict]:
    """ECB+ records by ``doc_id``."""
    with (DATA / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as f:
        return {record["doc_id"]: record for record in map(json.loads, f)}


@cache
def _story_chains() -> dict[str, str]:
    csv.field_size_limit(sys.maxsize)
    with STORY_CHAINS.open(encoding="utf-8", newline="") as f:
        return {row["url"]: row["text"] for row in csv.DictReader(f)}


@cache
def document_text(corpus: str, doc: str) -> str:
    """The text of document ``doc`` of ``corpus`` (ecbplus, polnear, story_chains, seeds)."""
    if corpus == "ecbplus":
        return ecbplus_docs()[doc]["text"]
    if corpus == "polnear":
        split, name = doc.split("/", 1)
        return (DATA / "polnear" / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
    if corpus == "story_chains":
        return _story_chains()[doc]
    if corpus == "seeds":
        return (SHARED / "seeds" / doc).read_text(encoding="utf-8")
    raise AssertionError(f"unknown corpus {corpus!r}")
