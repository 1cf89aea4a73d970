"""Storage behind one small interface; SQLite is the default and the test reference."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from sourcetrace.article import Article

Outcome = Literal["added", "duplicate", "updated", "kept"]
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


class StorageFault(Exception):
    """The database cannot be read or written: its file or folder is read-only, it is
    damaged, the disk is full, or another program holds it. ``str()`` is one line that says
    what went wrong and what to do. What was committed before the fault stays as it was."""


@dataclass(slots=True)
class RunSummary:
    added: int = 0
    duplicates: int = 0
    updated: int = 0
    failed: int = 0
    warnings: int = 0
    seconds: float = 0.0


class Store(Protocol):
    """What callers may ask of a store. Implementations: :class:`SQLiteStore`."""

    def start_run(self, inputs: Sequence[str]) -> int: ...
    def save_batch(
        self,
        run_id: int,
        articles: Sequence[Article],
        problems: Sequence[Problem],
        unchanged: int = 0,
    ) -> list[Outcome]: ...
    def finish_run(self, run_id: int, seconds: float) -> RunSummary: ...
    def has_raw(self, source: str, key: str) -> bool: ...
    def get(self, article_id: str, *, with_raw: bool = False) -> Article | None: ...
    def articles(self, *, search: str | None = None, limit: int | None = None) -> list[Article]: ...
    def count(self) -> int: ...
    def problems(self, run_id: int | None = None) -> list[Problem]: ...
    def unassigned(self, limit: int) -> list[Article]: ...
    def story_features(self, articles: Sequence[Article], version: int) -> dict[str, dict]: ...
    def save_story_features(self, rows: Sequence[tuple[Article, int, dict]]) -> None: ...
    def save_assignments(self, rows: Sequence[tuple[str, int, float, list[str]]]) -> None: ...
    def assignments(self) -> Iterator[tuple[str, int, list[str], dict | None]]: ...
    def clear_assignments(self) -> None: ...
    def story_members(self) -> dict[int, list[tuple[Article, float]]]: ...
    def unanalysed(
        self, version: str, *, after: int = 0, limit: int = 500
    ) -> list[tuple[int, Article]]: ...
    def analysed_count(self, version: str) -> int: ...
    def analyses(self, articles: Sequence[Article], version: str) -> dict[str, dict]: ...
    def save_analyses(self, rows: Sequence[tuple[Article, str, dict]]) -> None: ...
    def vectors(self, keys: Sequence[str]) -> dict[str, bytes]: ...
    def save_vectors(self, vectors: dict[str, bytes]) -> None: ...
    def loaded_shards(self) -> set[str]: ...
    def load_shard(self, name: str, records: Iterable, run_id: int, version: str): ...
    def trace(self, story_id: int, fingerprint: str) -> list[dict] | None: ...
    def has_trace(self, story_id: int, fingerprint: str) -> bool: ...
    def traces(self) -> Iterator[tuple[int, str, list[dict]]]: ...
    def save_trace(self, story_id: int, fingerprint: str, claims: list[dict]) -> None: ...
    def close(self) -> None: ...


def open_store(path: str | Path, *, check: bool = False) -> Store:
    """Open (creating and migrating) the store at ``path``; a file this process may not write
    is opened read-only, so reading it still works. With ``check``, a quick integrity check
    first (about 0.3 s per 500 MB), so a damaged file is refused before a command reads or
    writes it. Faults of the database raise :class:`StorageFault`, here and when they leave
    a ``with`` block of the store."""
    from sourcetrace.store.sqlite import SQLiteStore

    return SQLiteStore(path, check=check)
