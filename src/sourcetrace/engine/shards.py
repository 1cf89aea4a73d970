"""Per-article analyses as Parquet shards, and loading shards into a store.

A large run (``sourcetrace analyze --shards DIR``) writes every article's outcome to Parquet
files in ``DIR`` as results arrive, and loads each file into the store once it is complete;
``sourcetrace load-shards DIR`` loads shards written elsewhere. The shards stay behind as a
columnar record of the run that other tools (DuckDB, pandas, Spark) read directly.

Shard schema, version 2 (``schema()``; file metadata ``sourcetrace.shard_schema = "2"``), one
row per article:

=================  ============  =========================================================
column             type          meaning
=================  ============  =========================================================
article_id         string        the article's id in the store
content_hash       string        hash of the text that was analysed (``Article.content_hash``)
analyser_version   string        ``sourcetrace.nlp.analysis.analyser_version(settings)``
item               string        where the article came from (its source, else its id)
analysis           large_string  JSON of ``ArticleAnalysis.to_dict()``; null when it failed
error              string        why there is no analysis; null when there is one
features           large_string  JSON of the article's story features (``stories.features``)
vectors            large_string  JSON object: ``nlp.embed.text_key`` of each text the later
                                 steps embed -> its vector, float32 little-endian, base64
=================  ============  =========================================================

Version 1 shards (no ``features`` and ``vectors``) still load: their articles' story features
and vectors are made when the store groups and traces them.

Files are named ``part-<UTC time>-<pid>-<random>-<sequence>.parquet``, zstd-compressed, in
row groups of ``ROW_GROUP`` rows. Each is written as ``<name>.tmp`` and renamed when complete, so a
``.parquet`` file is always whole; a run that is killed leaves at most one ``.tmp`` file, which
the next run in the same folder removes (its articles are analysed again).

Loading goes through a small interface (``ShardTarget``): which shards a target already holds,
and one call that takes a whole shard atomically. The SQLite store implements it with one
transaction per shard; a PostgreSQL store would implement the same two methods (``COPY`` into
a staging table, then one ``INSERT ... SELECT`` joined to ``articles``). An analysis is taken
only when the current analyser made it and its article is in the target with the same
``content_hash``; others are counted as stale (another analyser version, or the article changed
or is unknown there) and left out, so loading never overwrites a current analysis with an old
one. Loading is idempotent: a shard already held is skipped.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sourcetrace.article import Article
from sourcetrace.engine.base import Outcome
from sourcetrace.records import AnalysisRecord, Problem, ShardLoad

SCHEMA_VERSION = "2"
READABLE_VERSIONS = ("1", "2")
ROWS_PER_SHARD = 1000
ROW_GROUP = 64
_META_KEY = b"sourcetrace.shard_schema"


@functools.cache
def schema():
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("content_hash", pa.string(), nullable=False),
            pa.field("analyser_version", pa.string(), nullable=False),
            pa.field("item", pa.string(), nullable=False),
            pa.field("analysis", pa.large_string()),
            pa.field("error", pa.string()),
            pa.field("features", pa.large_string()),
            pa.field("vectors", pa.large_string()),
        ],
        metadata={_META_KEY: SCHEMA_VERSION.encode()},
    )


COLUMNS_V1 = ("article_id", "content_hash", "analyser_version", "item", "analysis", "error")
COLUMNS = (*COLUMNS_V1, "features", "vectors")


@dataclass(slots=True)
class LoadSummary:
    shards: int = 0  # shards loaded now
    already: int = 0  # shards the target held before
    saved: int = 0
    stale: int = 0
    failed: int = 0
    unreadable: list[str] = field(default_factory=list)  # "path: reason"


class ShardTarget(Protocol):
    """Where shards are loaded. Implementations: ``SQLiteStore``."""

    def loaded_shards(self) -> set[str]: ...
    def load_shard(
        self, name: str, records: Iterable[AnalysisRecord], run_id: int, version: str
    ) -> ShardLoad: ...


def record_for(article: Article, version: str, outcome: Outcome) -> AnalysisRecord:
    return AnalysisRecord(
        article_id=article.id,
        content_hash=article.content_hash,
        analyser_version=version,
        item=article.source or article.id,
        analysis=None if outcome.analysis is None else json.dumps(outcome.analysis),
        error=None if outcome.analysis is not None else outcome.error or "no analysis",
        features=None if outcome.features is None else json.dumps(outcome.features),
        vectors=None
        if not outcome.vectors
        else json.dumps(
            {k: base64.b64encode(v).decode("ascii") for k, v in outcome.vectors.items()}
        ),
    )


class ShardWriter:
    """Writes records to ``part-*.parquet`` files of ``rows_per_shard`` rows in ``folder``;
    ``add`` and ``close`` return the path of each file they complete."""

    def __init__(
        self, folder: Path, rows_per_shard: int = ROWS_PER_SHARD, row_group: int = ROW_GROUP
    ) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.rows_per_shard = rows_per_shard
        self.row_group = min(row_group, rows_per_shard)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        self._stem = f"part-{stamp}-{os.getpid()}-{secrets.token_hex(4)}"
        self._sequence = 0
        self._writer = None
        self._path: Path | None = None
        self._rows_in_shard = 0
        self._buffer: list[AnalysisRecord] = []

    def add(self, record: AnalysisRecord) -> Path | None:
        self._buffer.append(record)
        if len(self._buffer) >= self.row_group:
            self._write_buffer()
        if self._rows_in_shard + len(self._buffer) >= self.rows_per_shard:
            return self._finish()
        return None

    def close(self) -> Path | None:
        """Complete the current shard (if it has rows); the writer can go on afterwards."""
        return self._finish() if self._rows_in_shard or self._buffer else None

    def abort(self) -> None:
        """Drop the shard being written."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._path is not None:
            self._path.with_name(self._path.name + ".tmp").unlink(missing_ok=True)
        self._path, self._rows_in_shard, self._buffer = None, 0, []

    def _write_buffer(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._buffer:
            return
        if self._writer is None:
            self._sequence += 1
            self._path = self.folder / f"{self._stem}-{self._sequence:05d}.parquet"
            tmp = self._path.with_name(self._path.name + ".tmp")
            self._writer = pq.ParquetWriter(tmp, schema(), compression="zstd")
        columns = {name: [getattr(r, name) for r in self._buffer] for name in COLUMNS}
        self._writer.write_table(pa.Table.from_pydict(columns, schema=schema()))
        self._rows_in_shard += len(self._buffer)
        self._buffer = []

    def _finish(self) -> Path:
        self._write_buffer()
        assert self._writer is not None and self._path is not None
        self._writer.close()
        self._path.with_name(self._path.name + ".tmp").replace(self._path)
        done, self._writer, self._path, self._rows_in_shard = self._path, None, None, 0
        return done


class ShardError(ValueError):
    """A file that is not a readable sourcetrace shard."""


def read_shard(path: Path, batch_rows: int = ROW_GROUP) -> Iterator[AnalysisRecord]:
    """The records of one shard, read ``batch_rows`` at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        shard = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        raise ShardError(f"not a Parquet file ({error})") from error
    metadata = shard.schema_arrow.metadata or {}
    version = metadata.get(_META_KEY)
    if version is None:
        raise ShardError("not a sourcetrace shard (no shard schema version in its metadata)")
    if version.decode() not in READABLE_VERSIONS:
        raise ShardError(
            f"shard schema version {version.decode()}; this sourcetrace reads"
            f" {' and '.join(READABLE_VERSIONS)}"
        )
    columns = COLUMNS if version.decode() == SCHEMA_VERSION else COLUMNS_V1
    missing = set(columns) - set(shard.schema_arrow.names)
    if missing:
        raise ShardError(f"missing column(s): {', '.join(sorted(missing))}")
    for batch in shard.iter_batches(batch_size=batch_rows, columns=list(columns)):
        for row in batch.to_pylist():
            yield AnalysisRecord(**row)


def shard_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*.parquet"))


def remove_orphans(folder: Path) -> list[Path]:
    """Remove ``.tmp`` shards left by runs that were killed (whose process is gone)."""
    removed = []
    for tmp in Path(folder).glob("part-*.parquet.tmp"):
        pid = tmp.name.split("-")[2] if tmp.name.count("-") >= 3 else ""
        if pid.isdigit() and _alive(int(pid)):
            continue
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a previous run of this very process (tests) is not writing any more
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load_shard_file(target: ShardTarget, path: Path, run_id: int, version: str) -> ShardLoad:
    """Load one shard, keeping the analyses made by analyser ``version`` (raises
    ``ShardError`` for a file that is not one)."""
    return target.load_shard(path.name, read_shard(path), run_id, version)


def load_shards(
    folder: Path,
    target: ShardTarget,
    run_id: int,
    version: str,
    on_problem: Callable[[Problem], None] | None = None,
) -> LoadSummary:
    """Load every complete shard in ``folder`` that ``target`` does not hold yet, keeping
    the analyses made by analyser ``version``."""
    summary = LoadSummary()
    held = target.loaded_shards()
    for path in shard_files(folder):
        if path.name in held:
            summary.already += 1
            continue
        try:
            done = load_shard_file(target, path, run_id, version)
        except ShardError as error:
            summary.unreadable.append(f"{path}: {error}")
            if on_problem:
                on_problem(Problem(str(path), str(error)))
            continue
        summary.shards += 1
        summary.saved += done.saved
        summary.stale += done.stale
        summary.failed += done.failed
    return summary
