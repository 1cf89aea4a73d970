"""Storage behind one small interface; SQLite is the default and the test reference."""

from __future__ import annotations

from pathlib import Path

from sourcetrace.store.base import StorageFault, Store

__all__ = ["StorageFault", "Store", "open_store"]


def open_store(path: str | Path, *, check: bool = False) -> Store:
    """Open (creating and migrating) the store at ``path``; a file this process may not write
    is opened read-only, so reading it still works. With ``check``, a quick integrity check
    first (about 0.3 s per 500 MB), so a damaged file is refused before a command reads or
    writes it. Faults of the database raise :class:`StorageFault`, here and when they leave
    a ``with`` block of the store."""
    from sourcetrace.store.sqlite import SQLiteStore

    return SQLiteStore(path, check=check)
