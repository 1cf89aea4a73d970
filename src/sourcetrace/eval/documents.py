"""Texts of ``../shared/data`` documents by corpus and id, as the gold files point into them
(``gold/identity_pairs.md``, ``gold/provenance/README.md``)."""

from __future__ import annotations

import csv
import json
import sys
from functools import cache
from pathlib import Path

__all__ = ["document_meta", "document_text"]

STORY_CHAINS = "story_chains/gedikli-business_energy_news_dataset-2021-06-29-article_texts.csv"


@cache
def _ecbplus(data: Path) -> dict[str, str]:
    with (data / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as handle:
        return {r["doc_id"]: r["text"] for r in map(json.loads, handle)}


@cache
def _story_chains(data: Path) -> dict[str, str]:
    csv.field_size_limit(sys.maxsize)
    with (data / STORY_CHAINS).open(encoding="utf-8", newline="") as handle:
        return {row["url"]: row["text"] for row in csv.DictReader(handle)}


@cache
def _story_chain_rows(data: Path) -> dict[str, tuple[str | None, str | None]]:
    csv.field_size_limit(sys.maxsize)
    with (data / STORY_CHAINS).open(encoding="utf-8", newline="") as handle:
        return {
            row["url"]: (row["date"] or None, row["paperurl"] or None)
            for row in csv.DictReader(handle)
        }


def document_meta(data: Path, corpus: str, doc: str) -> tuple[str | None, str | None]:
    """The publication date (ISO) and the outlet's home page of ``doc`` where its corpus has
    them (story chains); None and None elsewhere."""
    if corpus == "story_chains":
        return _story_chain_rows(Path(data))[doc]
    return None, None


def document_text(data: Path, corpus: str, doc: str) -> str:
    """The text of ``doc`` of ``corpus`` (ecbplus, polnear, story_chains, seeds); ``data`` is
    the ``shared/data`` folder (seeds lie beside it)."""
    data = Path(data)
    if corpus == "ecbplus":
        return _ecbplus(data)[doc]
    if corpus == "polnear":
        split, name = doc.split("/", 1)
        return (data / "polnear" / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
    if corpus == "story_chains":
        return _story_chains(data)[doc]
    if corpus == "seeds":
        return (data.parent / "seeds" / doc).read_text(encoding="utf-8")
    raise ValueError(f"unknown corpus {corpus!r}")
