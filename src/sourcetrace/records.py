"""Plain records that several stages share: what ingestion, the store and the engine all
know. This module imports nothing of sourcetrace's, so any stage can import it without
pulling in another (the store knows no engine types, the engine no store internals)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "KEPT_STORED_TEXT",
    "TRUNCATED",
    "AnalysisRecord",
    "Problem",
    "ReuseFound",
    "RunSummary",
    "SaveOutcome",
    "ShardLoad",
]

#: What saving one article did: stored it, found it stored already, replaced an older copy,
#: or kept the stored copy (see ``KEPT_STORED_TEXT``).
SaveOutcome = Literal["added", "duplicate", "updated", "kept"]
#: The warning of an article read from a page cut off before its end: such a copy never
#: replaces a complete one.
TRUNCATED = "the HTML looks truncated (no closing </body> or </html>)"
#: Why a shorter or cut-off copy of a stored article was not saved (outcome ``kept``).
KEPT_STORED_TEXT = (
    "a shorter or cut-off copy of an article already stored;"
    " kept the stored text and did not save this copy"
)


@dataclass(slots=True)
class Problem:
    """One item that could not be read (``error``) or was read with a caveat (``warning``)."""

    item: str
    reason: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(slots=True)
class RunSummary:
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failed: int = 0
    warnings: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class AnalysisRecord:
    """One shard row (``engine.shards``): an article's analysis (as JSON text) or its error."""

    article_id: str
    content_hash: str
    analyser_version: str
    item: str
    analysis: str | None = None
    error: str | None = None
    features: str | None = None  # JSON of the story features
    vectors: str | None = None  # JSON: text key -> base64 of the float32 vector

    def story_features(self) -> dict | None:
        return None if self.features is None else json.loads(self.features)

    def vector_bytes(self) -> dict[str, bytes]:
        return {
            key: base64.b64decode(value)
            for key, value in (json.loads(self.vectors) if self.vectors else {}).items()
        }


@dataclass(slots=True)
class ShardLoad:
    """What loading one shard did."""

    saved: int = 0  # analyses now in the target
    stale: int = 0  # by another analyser, or of an article the target lacks or holds changed
    failed: int = 0  # rows that carry an error, recorded as the run's problems


@dataclass(slots=True)
class ReuseFound:
    """What reuse detection found of one article, as the store keeps it: its MinHash band keys
    (band, signed 64-bit key) and sentence keys (content words hashed) for later articles to
    meet it by, its pairs with earlier articles and its wire credits (as ``to_json`` of
    ``trace.reuse_records.ReusePair`` and ``WireCredit``)."""

    article_id: str
    content_hash: str
    version: str
    outlet: str | None
    sentences: int
    keys: list[tuple[int, int]]
    words: list[int]
    pairs: list[dict]
    credits: list[dict]
