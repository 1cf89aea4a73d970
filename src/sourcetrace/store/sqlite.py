"""SQLite store: WAL mode, numbered migrations, FTS5, one transaction per batch."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from sourcetrace.article import Article
from sourcetrace.records import (
    KEPT_STORED_TEXT,
    TRUNCATED,
    AnalysisRecord,
    Problem,
    ReuseFound,
    RunSummary,
    SaveOutcome,
    ShardLoad,
)
from sourcetrace.store.base import StorageFault

# Written from the article on insert and update; first_run, first_seen, updated_at are added.
_CONTENT_COLUMNS = (
    "id identity external_id url outlet outlet_given title authors published modified language "
    "text paragraphs source format encoding field_sources furniture warnings content_hash raw_key "
    "schema_version"
).split()
_INSERT = (
    f"INSERT INTO articles({', '.join(_CONTENT_COLUMNS)}, first_run, first_seen, updated_at)"
    f" VALUES ({', '.join('?' * (len(_CONTENT_COLUMNS) + 3))})"
)
_UPDATE = (
    f"UPDATE articles SET {', '.join(c + '=?' for c in _CONTENT_COLUMNS[1:])}, updated_at=?"
    " WHERE id=?"
)
_JSON_FIELDS = ("authors", "paragraphs", "field_sources", "furniture", "warnings")
#: The rows of an article's reuse index, by table and the column that names the article.
_REUSE_ROWS = (
    ("reuse_keys", "article_id"),
    ("reuse_sentences", "article_id"),
    ("wire_credits", "article_id"),
)
#: A new copy under this share of the stored text's length never replaces it.
_SIMILAR_LENGTH = 0.9


def _chunks(items: Sequence[str], size: int = 400) -> Iterator[list[str]]:
    """``items`` (deduplicated) in lists short enough for SQLite's limit on parameters."""
    unique = list(dict.fromkeys(items))
    for start in range(0, len(unique), size):
        yield unique[start : start + size]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _identity(article: Article) -> str:
    if article.url:
        return "url"
    return "external" if article.external_id else "text"


def _process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _worse_copy(new: Article, stored_text: str, stored_cut: bool) -> bool:
    """Whether ``new`` is a worse copy of the stored article, which it must not replace.

    1. A copy of a cut-off page is worse than a complete one, and a complete one better.
    2. Else a copy at least as long is not worse.
    3. Else a shorter copy is worse when cut off (the stored text begins with it, its last
       word aside) or under ``_SIMILAR_LENGTH`` of the stored length; a correction of about
       the same length is an update.
    """
    # 1. cut-off page against complete page
    new_cut = TRUNCATED in new.warnings
    if new_cut != stored_cut:
        return new_cut
    # 2. at least as long
    if len(new.text) >= len(stored_text):
        return False
    # 3. shorter
    new_words = new.text.split()
    cut_off = " ".join(stored_text.split()).startswith(" ".join(new_words[:-1]))
    return cut_off or len(new.text) < len(stored_text) * _SIMILAR_LENGTH


class SQLiteStore:
    """The default store. ``path`` may be ``:memory:`` for throwaway use."""

    def __init__(self, path: str | Path, *, check: bool = False) -> None:
        self.path = str(path)
        self.read_only = False
        try:
            self._db = self._connect()
            if check:
                self._check()
            self._migrate()
        except sqlite3.Error as error:
            if hasattr(self, "_db"):  # opened, then failed in the check or a migration
                self._db.close()
            fault = storage_fault(error, self.path)
            if fault is None:
                raise
            raise fault from error

    def _connect(self) -> sqlite3.Connection:
        """A connection; read-only when this process may not write the file or its folder
        (WAL needs files beside the database), immutable when not even a read lock can be
        taken there (a read-only file system)."""
        if self.path == ":memory:":
            return self._setup(sqlite3.connect(self.path, isolation_level=None))
        file = Path(self.path)
        if not file.exists():
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StorageFault(
                    f"cannot create the DB folder {file.parent}: {error.strerror or error};"
                    " choose another place with --db or SOURCETRACE_DB"
                ) from error
        elif not (os.access(file, os.W_OK) and os.access(file.parent, os.W_OK | os.X_OK)):
            uri = file.resolve().as_uri()
            for mode in ("mode=ro", "mode=ro&immutable=1"):
                db = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None)
                try:
                    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                except sqlite3.OperationalError:
                    db.close()
                    continue
                self.read_only = True
                return self._setup(db)
        db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        db.execute("PRAGMA journal_mode=WAL")
        return self._setup(db)

    @staticmethod
    def _setup(db: sqlite3.Connection) -> sqlite3.Connection:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    def _check(self) -> None:
        """Refuse a damaged file (``PRAGMA quick_check``: every page and record read, indexes
        not compared with their tables)."""
        found = [row[0] for row in self._db.execute("PRAGMA quick_check(1)")]
        if found != ["ok"]:
            self._db.close()
            raise StorageFault(_damaged(self.path, _detail("\n".join(found))))

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        current = self._db.execute("PRAGMA user_version").fetchone()[0]
        folder = resources.files("sourcetrace.store") / "migrations"
        scripts = sorted(p for p in folder.iterdir() if re.match(r"\d{4}_.*\.sql$", p.name))
        for script in scripts:
            number = int(script.name[:4])
            if number <= current:
                continue
            # executescript commits on its own, so the version bump rides in the same script.
            sql = script.read_text(encoding="utf-8")
            self._db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version={number};\nCOMMIT;")

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # -- runs -----------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        """Open a run; runs a killed process left 'running' are marked interrupted.

        A run records the process and host that run it; a 'running' run on this host whose
        process is gone (or that recorded none) was killed. Runs of live processes, and of
        other hosts, whose processes cannot be seen from here, are left running.
        """
        host = socket.gethostname()
        with self._transaction():
            running = self._db.execute(
                "SELECT id, pid, host FROM runs WHERE status='running'"
            ).fetchall()
            gone = [
                (r["id"],)
                for r in running
                if r["pid"] is None or (r["host"] == host and not _process_alive(r["pid"]))
            ]
            self._db.executemany("UPDATE runs SET status='interrupted' WHERE id=?", gone)
            cur = self._db.execute(
                "INSERT INTO runs(started_at, status, inputs, pid, host)"
                " VALUES (?, 'running', ?, ?, ?)",
                (_now(), json.dumps(list(inputs)), os.getpid(), host),
            )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, seconds: float) -> RunSummary:
        """Close a run; its counts are the ones its batches committed."""
        self._db.execute(
            "UPDATE runs SET finished_at=?, status='finished', seconds=? WHERE id=?",
            (_now(), round(seconds, 3), run_id),
        )
        row = self._db.execute(
            "SELECT added, duplicates, updated, failed, warnings FROM runs WHERE id=?", (run_id,)
        ).fetchone()
        return RunSummary(**dict(row), seconds=seconds)

    def runs(self) -> list[dict]:
        return [dict(r) for r in self._db.execute("SELECT * FROM runs ORDER BY id")]

    # -- writing --------------------------------------------------------------------------

    def save_batch(
        self,
        run_id: int,
        articles: Sequence[Article],
        problems: Sequence[Problem],
        unchanged: int = 0,
    ) -> list[SaveOutcome]:
        """Write a batch and its run's counts atomically: all of it lands, or none of it.

        ``unchanged`` counts inputs skipped as already stored; they are duplicates too. An
        article already stored that comes again shorter or cut off is ``kept``: the stored
        text stays, the copy counts as a duplicate, and a warning is recorded for it.
        """
        outcomes: list[SaveOutcome] = []
        db = self._db
        with self._transaction():
            for article in articles:
                outcomes.append(self._save_one(run_id, article))
            now = _now()
            kept = [
                Problem(a.source, KEPT_STORED_TEXT, "warning")
                for a, outcome in zip(articles, outcomes, strict=True)
                if outcome == "kept"
            ]
            problems = [*problems, *kept]
            self._insert_problems(run_id, problems, now)
            db.execute(
                "UPDATE runs SET added=added+?, duplicates=duplicates+?, updated=updated+?,"
                " failed=failed+?, warnings=warnings+? WHERE id=?",
                (
                    outcomes.count("added"),
                    outcomes.count("duplicate") + outcomes.count("kept") + unchanged,
                    outcomes.count("updated"),
                    sum(p.level == "error" for p in problems),
                    sum(p.level == "warning" for p in problems),
                    run_id,
                ),
            )
        return outcomes

    def _save_one(self, run_id: int, article: Article) -> SaveOutcome:
        db = self._db
        identity = _identity(article)
        row = db.execute(
            "SELECT id, content_hash FROM articles WHERE id=?", (article.id,)
        ).fetchone()
        if row is None and identity == "text" and os.path.isabs(article.source):
            # A text-identified article whose text changed keeps its id: find it by its file.
            row = db.execute(
                "SELECT id, content_hash FROM articles WHERE source=? AND identity='text'",
                (article.source,),
            ).fetchone()
            if row is not None:
                article.id = row["id"]
        if row is not None and row["content_hash"] == article.content_hash:
            # Same article; remember these bytes so the next run need not read them again.
            db.execute(
                "UPDATE articles SET raw_key=? WHERE id=? AND raw_key!=?",
                (article.raw_key, row["id"], article.raw_key),
            )
            return "duplicate"
        if row is not None:
            stored = db.execute(
                "SELECT text, warnings FROM articles WHERE id=?", (row["id"],)
            ).fetchone()
            if _worse_copy(article, stored["text"], TRUNCATED in json.loads(stored["warnings"])):
                return "kept"
        values = self._row_values(article, identity)
        now = _now()
        if row is None:
            db.execute(_INSERT, (*values, run_id, now, now))
            outcome: SaveOutcome = "added"
        else:
            db.execute(_UPDATE, (*values[1:], now, article.id))
            outcome = "updated"
        db.execute(
            "INSERT OR REPLACE INTO raw(article_id, media_type, compression, data)"
            " VALUES (?, ?, 'zlib', ?)",
            (
                article.id,
                article.raw_type or "application/octet-stream",
                zlib.compress(article.raw),
            ),
        )
        return outcome

    @staticmethod
    def _row_values(article: Article, identity: str) -> tuple:
        return (
            article.id,
            identity,
            article.external_id,
            article.url,
            article.outlet,
            article.outlet_given,
            article.title,
            json.dumps(article.authors, ensure_ascii=False),
            article.published,
            article.modified,
            article.language,
            article.text,
            json.dumps(article.paragraphs, ensure_ascii=False),
            article.source,
            article.format,
            article.encoding,
            json.dumps(article.field_sources, ensure_ascii=False),
            json.dumps(article.furniture, ensure_ascii=False),
            json.dumps(article.warnings, ensure_ascii=False),
            article.content_hash,
            article.raw_key,
            article.schema_version,
        )

    # -- reading --------------------------------------------------------------------------

    def has_raw(self, source: str, key: str) -> bool:
        """Whether ``source`` was already stored from exactly these bytes by this version."""
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE source=? AND raw_key=? LIMIT 1", (source, key)
        ).fetchone()
        return row is not None

    def get(self, article_id: str, *, with_raw: bool = False) -> Article | None:
        """The article with this id, or with this unique id prefix (at least 4 characters)."""
        row = self._db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 4:
            rows = self._db.execute(
                "SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        article = self._article(row)
        if with_raw:
            raw = self._db.execute(
                "SELECT media_type, data FROM raw WHERE article_id=?", (article.id,)
            ).fetchone()
            if raw is not None:
                article.raw = zlib.decompress(raw["data"])
                article.raw_type = raw["media_type"]
        return article

    def articles(self, *, search: str | None = None, limit: int | None = None) -> list[Article]:
        """Articles, newest first; with ``search``, the best full-text matches first."""
        limit_sql = " LIMIT ?" if limit else ""
        params: tuple = (limit,) if limit else ()
        if not search:
            rows = self._db.execute(
                "SELECT * FROM articles ORDER BY published IS NULL, published DESC, title"
                + limit_sql,
                params,
            ).fetchall()
            return [self._article(r) for r in rows]
        sql = (
            "SELECT a.* FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id" + limit_sql
        )
        try:
            rows = self._db.execute(sql, (search, *params)).fetchall()
        except sqlite3.OperationalError:
            # Not valid FTS5 query syntax: search for the words as plain terms instead.
            quoted = " ".join('"' + w.replace('"', '""') + '"' for w in search.split())
            rows = self._db.execute(sql, (quoted, *params)).fetchall()
        return [self._article(r) for r in rows]

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def problems(self, run_id: int | None = None) -> list[Problem]:
        sql = "SELECT item, reason, level FROM errors"
        rows = (
            self._db.execute(sql + " WHERE run_id=? ORDER BY id", (run_id,))
            if run_id is not None
            else self._db.execute(sql + " ORDER BY id")
        )
        return [Problem(r["item"], r["reason"], r["level"]) for r in rows]

    # -- stories --------------------------------------------------------------------------

    def unassigned(self, limit: int) -> list[Article]:
        """Articles in no story yet, in the order they arrived."""
        rows = self._db.execute(
            "SELECT a.* FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL ORDER BY a.rowid LIMIT ?",
            (limit,),
        ).fetchall()
        return [self._article(r) for r in rows]

    def story_features(self, articles: Sequence[Article], version: int) -> dict[str, dict]:
        """Stored features of these articles that still describe their current text."""
        return self._current("story_features", articles, version, json.loads)

    def save_story_features(self, rows: Sequence[tuple[Article, int, dict]]) -> None:
        """(article, features version, features) for each article, in one transaction."""
        with self._transaction():
            self._insert_story_features(
                [(a.id, a.content_hash, v, json.dumps(d)) for a, v, d in rows]
            )

    def _insert_story_features(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """(article id, content hash, features version, features JSON), in the caller's
        transaction."""
        self._db.executemany(
            "INSERT OR REPLACE INTO story_features(article_id, content_hash, version, data)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )

    def save_assignments(self, rows: Sequence[tuple[str, int, float, list[str]]]) -> None:
        """(article id, story id, score, key terms) in assignment order, in one transaction."""
        with self._transaction():
            start = self._db.execute(
                "SELECT coalesce(max(seq), 0) FROM story_assignments"
            ).fetchone()[0]
            now = _now()
            self._db.executemany(
                "INSERT OR REPLACE INTO story_assignments(article_id, story_id, seq, score, keys,"
                " assigned_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (a, s, start + i + 1, round(p, 4), json.dumps(k), now)
                    for i, (a, s, p, k) in enumerate(rows)
                ],
            )

    def assignments(self) -> Iterator[tuple[str, int, list[str], dict | None]]:
        """(article id, story id, key terms, features) in assignment order."""
        rows = self._db.execute(
            "SELECT s.article_id, s.story_id, s.keys, f.data FROM story_assignments s"
            " LEFT JOIN story_features f ON f.article_id = s.article_id ORDER BY s.seq"
        )
        for row in rows:
            data = json.loads(row["data"]) if row["data"] is not None else None
            yield row["article_id"], row["story_id"], json.loads(row["keys"]), data

    def clear_assignments(self) -> None:
        with self._transaction():
            self._db.execute("DELETE FROM story_assignments")

    def story_members(self) -> dict[int, list[tuple[Article, float]]]:
        """Each story's (article, score) in assignment order."""
        rows = self._db.execute(
            "SELECT a.*, s.story_id AS _story, s.score AS _score FROM story_assignments s"
            " JOIN articles a ON a.id = s.article_id ORDER BY s.seq"
        ).fetchall()
        members: dict[int, list[tuple[Article, float]]] = {}
        for row in rows:
            data = dict(row)
            story, score = data.pop("_story"), data.pop("_score")
            members.setdefault(story, []).append((self._article_dict(data), score))
        return members

    # -- analyses -------------------------------------------------------------------------

    def unanalysed(
        self, version: str, *, after: int = 0, limit: int = 500
    ) -> list[tuple[int, Article]]:
        """Up to ``limit`` articles (with their row numbers, in arrival order, after row
        ``after``) that have no analysis of their current text by analyser ``version``: page
        through them by passing the last row number back as ``after``."""
        rows = self._db.execute(
            "SELECT a.rowid AS row_number, a.* FROM articles a LEFT JOIN analyses n"
            " ON n.article_id = a.id AND n.content_hash = a.content_hash AND n.version = ?"
            " WHERE n.article_id IS NULL AND a.rowid > ? ORDER BY a.rowid LIMIT ?",
            (version, after, limit),
        ).fetchall()
        return [(r["row_number"], self._article(r)) for r in rows]

    def analysed_count(self, version: str) -> int:
        """Articles whose current text has an analysis by analyser ``version``."""
        return self._db.execute(
            "SELECT count(*) FROM articles a JOIN analyses n ON n.article_id = a.id"
            " AND n.content_hash = a.content_hash AND n.version = ?",
            (version,),
        ).fetchone()[0]

    def analyses(self, articles: Sequence[Article], version: str) -> dict[str, dict]:
        """Stored analyses of these articles that still describe their current text."""
        return self._current(
            "analyses", articles, version, lambda data: json.loads(zlib.decompress(data))
        )

    def _current(self, table: str, articles: Sequence[Article], version, decode) -> dict:
        """Rows of ``table`` (story_features, analyses) that match each article's current
        text and ``version``, decoded, by article id."""
        found = {}
        for article in articles:
            row = self._db.execute(
                f"SELECT data FROM {table} WHERE article_id=? AND content_hash=? AND version=?",
                (article.id, article.content_hash, version),
            ).fetchone()
            if row is not None:
                found[article.id] = decode(row["data"])
        return found

    def save_analyses(self, rows: Sequence[tuple[Article, str, dict]]) -> None:
        """(article, analyser version, analysis dict) for each article, in one transaction."""
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO analyses(article_id, content_hash, version, data)"
                " VALUES (?, ?, ?, ?)",
                [
                    (a.id, a.content_hash, v, zlib.compress(json.dumps(d).encode("utf-8")))
                    for a, v, d in rows
                ],
            )

    def vectors(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors of these keys (``nlp.embed.text_key``), by key."""
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):  # under SQLite's limit on parameters
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, data FROM vectors WHERE key IN ({marks})", chunk)
            found.update((row["key"], bytes(row["data"])) for row in rows)
        return found

    def save_vectors(self, vectors: dict[str, bytes]) -> None:
        """Vectors by key, in one transaction; a key already stored keeps its vector."""
        with self._transaction():
            self._insert_vectors(vectors)

    def _insert_vectors(self, vectors: dict[str, bytes]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO vectors(key, data) VALUES (?, ?)", vectors.items()
        )

    # -- text reuse (trace.reuse_service) -----------------------------------------------------

    def reuse_pending(self, analyser: str, version: str, limit: int = 500) -> list[Article]:
        """Articles with a current analysis by ``analyser`` whose reuse was not found with
        reuse ``version`` for their current text, oldest publication first.

        Only the queued articles are read (migration 0011), so the cost follows what was
        written since, not the size of the store: the articles whose reuse was found by
        another ``version`` are queued first, and those whose reuse is current, or that are
        gone, leave the queue."""
        with self._transaction():
            self._db.execute(
                "INSERT OR IGNORE INTO reuse_queue SELECT article_id FROM reuse_articles"
                " WHERE version < ? OR version > ?",
                (version, version),
            )
            self._db.execute(
                "DELETE FROM reuse_queue WHERE article_id IN (SELECT q.article_id"
                " FROM reuse_queue q LEFT JOIN articles a ON a.id = q.article_id"
                " LEFT JOIN reuse_articles r ON r.article_id = q.article_id"
                " WHERE a.id IS NULL OR (r.content_hash = a.content_hash AND r.version = ?))",
                (version,),
            )
        rows = self._db.execute(
            "SELECT a.* FROM reuse_queue q CROSS JOIN articles a ON a.id = q.article_id"
            " CROSS JOIN analyses n ON n.article_id = a.id"
            " AND n.content_hash = a.content_hash AND n.version = ?"
            " LEFT JOIN reuse_articles r ON r.article_id = a.id"
            " AND r.content_hash = a.content_hash AND r.version = ?"
            " WHERE r.article_id IS NULL ORDER BY a.published IS NULL, a.published, a.id LIMIT ?",
            (analyser, version, limit),
        ).fetchall()
        return [self._article(r) for r in rows]

    def reuse_buckets(
        self, keys: Sequence[tuple[int, int]], max_bucket: int
    ) -> dict[tuple[int, int], list[str]]:
        """The articles in each (band, key) bucket of ``keys`` that is not full."""
        return {
            key: held
            for key, held in self._reuse_buckets(keys).items()
            if 0 < len(held) < max_bucket
        }

    def _reuse_buckets(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """Every row of each (band, key) bucket of ``keys`` (a bucket never holds more than
        its cap, so a full one is read in full), one query per few hundred keys."""
        found: dict[tuple[int, int], list[str]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 400):
            chunk = unique[start : start + 400]
            rows = self._db.execute(
                f"WITH k(band, key) AS (VALUES {','.join(['(?, ?)'] * len(chunk))})"
                " SELECT k.band, k.key, r.article_id FROM k CROSS JOIN reuse_keys r"
                " ON r.band = k.band AND r.key = k.key",
                [value for key in chunk for value in key],
            )
            for band, key, article in rows:
                found.setdefault((band, key), []).append(article)
        return found

    def reuse_furniture(self, outlet: str, words: Sequence[int]) -> dict[int, int]:
        """How many articles of ``outlet`` carry each sentence (its words key) of ``words``."""
        found = dict.fromkeys(words, 0)
        for chunk in _chunks(list(found)):
            found.update(
                self._db.execute(
                    "SELECT words, count(*) FROM reuse_sentences WHERE outlet=? AND words IN"
                    f" ({','.join('?' * len(chunk))}) GROUP BY words",
                    [outlet, *chunk],
                )
            )
        return found

    def reuse_sizes(self, article_ids: Sequence[str]) -> dict[str, int]:
        """The number of sentences of each indexed article of ``article_ids``."""
        return {
            row[0]: row[1]
            for chunk in _chunks(article_ids)
            for row in self._db.execute(
                "SELECT article_id, sentences FROM reuse_articles WHERE article_id IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            )
        }

    def save_reuse(self, found: ReuseFound, max_bucket: int) -> None:
        """What reuse detection found of one article, replacing what was found of it before:
        its band keys (each into its bucket while the bucket holds fewer than
        ``max_bucket`` rows, in order), sentence keys, its pairs with earlier articles, its
        wire credits."""
        article = found.article_id
        with self._transaction():
            for table, column in _REUSE_ROWS:
                self._db.execute(f"DELETE FROM {table} WHERE {column}=?", (article,))
            self._db.execute("DELETE FROM reuse_pairs WHERE a=? OR b=?", (article, article))
            self._db.execute(
                "INSERT OR REPLACE INTO reuse_articles VALUES (?, ?, ?, ?, ?)",
                (article, found.content_hash, found.version, found.outlet, found.sentences),
            )
            held = {key: len(rows) for key, rows in self._reuse_buckets(found.keys).items()}
            kept = []
            for band, key in found.keys:
                if held.get((band, key), 0) < max_bucket:
                    kept.append((band, key, article))
                    held[band, key] = held.get((band, key), 0) + 1
            self._db.executemany("INSERT INTO reuse_keys VALUES (?, ?, ?)", kept)
            self._db.executemany(
                "INSERT OR IGNORE INTO reuse_sentences VALUES (?, ?, ?)",
                [(found.outlet or "", words, article) for words in found.words],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO reuse_pairs VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (p["a"], p["b"], p["verdict"], p["direction"], p["wire"], json.dumps(p))
                    for p in found.pairs
                ],
            )
            self._db.executemany(
                "INSERT INTO wire_credits VALUES (?, ?, ?)",
                [(article, c["wire"], json.dumps(c)) for c in found.credits],
            )

    def reuse_pairs(self, article_ids: Sequence[str]) -> list[dict]:
        """The stored reuse and wire pairs with an article of ``article_ids`` on either side."""
        found: dict[tuple[str, str], dict] = {}
        for chunk in _chunks(article_ids):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT a, b, data FROM reuse_pairs WHERE a IN ({marks}) OR b IN ({marks})",
                [*chunk, *chunk],
            )
            found.update(((r[0], r[1]), json.loads(r[2])) for r in rows)
        return [found[key] for key in sorted(found)]

    def reuse_by_outlet(self) -> list[dict]:
        """Every stored pair in which one article took sentences from the other (a known
        direction), as ``{"source", "reuser", "sentences", "verdict"}``: the two outlets
        and the number of aligned sentences."""
        rows = self._db.execute(
            "SELECT p.direction, p.verdict, p.data, ra.outlet, rb.outlet FROM reuse_pairs p"
            " JOIN reuse_articles ra ON ra.article_id = p.a"
            " JOIN reuse_articles rb ON rb.article_id = p.b"
            " WHERE p.direction IN ('b_from_a', 'a_from_b') ORDER BY p.a, p.b"
        )
        out = []
        for direction, verdict, data, outlet_a, outlet_b in rows:
            source, reuser = (
                (outlet_a, outlet_b) if direction == "b_from_a" else (outlet_b, outlet_a)
            )
            sentences = len(json.loads(data)["sentences"])
            out.append(
                {"source": source, "reuser": reuser, "sentences": sentences, "verdict": verdict}
            )
        return out

    def wire_credits(self, article_ids: Sequence[str]) -> list[dict]:
        """The stored wire credits of the articles of ``article_ids``."""
        return [
            json.loads(row[0])
            for chunk in _chunks(article_ids)
            for row in self._db.execute(
                "SELECT data FROM wire_credits WHERE article_id IN"
                f" ({','.join('?' * len(chunk))}) ORDER BY rowid",
                chunk,
            )
        ]

    # -- Parquet shards of analyses (engine.shards) -------------------------------------------

    def loaded_shards(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM shard_loads")}

    def load_shard(
        self, name: str, records: Iterable[AnalysisRecord], run_id: int, version: str
    ) -> ShardLoad:
        """Take a whole shard in one transaction: each analysis by analyser ``version`` whose
        article is here with the same text, each error as a problem of ``run_id``; then mark
        the shard loaded."""
        done = ShardLoad()
        now = _now()
        failures: list[Problem] = []
        with self._transaction():
            for record in records:
                if record.analysis is None:
                    failures.append(Problem(record.item, f"{record.article_id}: {record.error}"))
                    continue
                if record.analyser_version != version:
                    done.stale += 1
                    continue
                data = zlib.compress(record.analysis.encode("utf-8"))
                taken = self._db.execute(
                    "INSERT OR REPLACE INTO analyses(article_id, content_hash, version, data)"
                    " SELECT id, content_hash, ?, ? FROM articles WHERE id=? AND content_hash=?",
                    (record.analyser_version, data, record.article_id, record.content_hash),
                ).rowcount
                done.saved += taken
                done.stale += 1 - taken
                if taken:
                    self._save_derived(record)
            done.failed = len(failures)
            self._insert_problems(run_id, failures, now)
            self._db.execute("UPDATE runs SET failed=failed+? WHERE id=?", (done.failed, run_id))
            self._db.execute(
                "INSERT INTO shard_loads(name, saved, stale, failed, run_id, loaded_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, done.saved, done.stale, done.failed, run_id, now),
            )
        return done

    def _save_derived(self, record: AnalysisRecord) -> None:
        """A shard row's story features and vectors, inside the loading transaction."""
        features = record.story_features()
        if features is not None:
            row = (record.article_id, record.content_hash, features["version"], record.features)
            self._insert_story_features([row])
        self._insert_vectors(record.vector_bytes())

    # -- traces ---------------------------------------------------------------------------

    def trace(self, story_id: int, fingerprint: str) -> list[dict] | None:
        """The story's stored traced claims when they were made with this fingerprint."""
        row = self._db.execute(
            "SELECT data FROM traces WHERE story_id=? AND fingerprint=?", (story_id, fingerprint)
        ).fetchone()
        return None if row is None else json.loads(zlib.decompress(row["data"]))

    def has_trace(self, story_id: int, fingerprint: str) -> bool:
        """Whether the story's claims are stored with this fingerprint (nothing is decoded)."""
        row = self._db.execute(
            "SELECT 1 FROM traces WHERE story_id=? AND fingerprint=?", (story_id, fingerprint)
        ).fetchone()
        return row is not None

    def traces(self) -> Iterator[tuple[int, str, list[dict]]]:
        """Every stored trace: (story id, fingerprint, claims), by story id. A fingerprint
        that no longer matches its story's articles marks a trace made before they changed."""
        rows = self._db.execute("SELECT story_id, fingerprint, data FROM traces ORDER BY story_id")
        for row in rows:
            yield row["story_id"], row["fingerprint"], json.loads(zlib.decompress(row["data"]))

    def trace_fingerprints(self) -> dict[int, str]:
        """The fingerprint of every stored trace, by story id (nothing is decoded)."""
        rows = self._db.execute("SELECT story_id, fingerprint FROM traces")
        return {row["story_id"]: row["fingerprint"] for row in rows}

    def trace_entities(self, stories: dict[int, str]) -> dict[int, list[dict]]:
        """The stored canonical entities of each story whose trace has the fingerprint
        ``stories`` gives it; a trace stored without them counts as none."""
        rows = self._db.execute("SELECT story_id, fingerprint, entities FROM traces")
        return {
            row["story_id"]: json.loads(zlib.decompress(row["entities"]))
            for row in rows
            if row["entities"] is not None and stories.get(row["story_id"]) == row["fingerprint"]
        }

    def save_trace(
        self, story_id: int, fingerprint: str, claims: list[dict], entities: list[dict]
    ) -> None:
        """Store a story's traced claims and its canonical entities."""
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO traces(story_id, fingerprint, data, entities)"
                " VALUES (?, ?, ?, ?)",
                (story_id, fingerprint, _packed(claims), _packed(entities)),
            )

    # -- wire copy by outlet (trace.service.source_profile) ----------------------------------

    def wire_by_outlet(self) -> list[dict]:
        """Every stored wire credit with the outlet of its article, as ``{"wire", "outlet",
        "article"}``, by article id."""
        rows = self._db.execute(
            "SELECT w.wire, a.outlet, w.article_id FROM wire_credits w"
            " JOIN articles a ON a.id = w.article_id ORDER BY w.article_id, w.rowid"
        )
        return [{"wire": r[0], "outlet": r[1], "article": r[2]} for r in rows]

    # -- corpus entities ------------------------------------------------------------------

    def corpus_entities(self) -> tuple[dict[int, str], list[dict]]:
        """(the trace fingerprint of each story the corpus entities were made from, the
        entities in the order they were saved)."""
        stories = {
            row["story_id"]: row["fingerprint"]
            for row in self._db.execute("SELECT story_id, fingerprint FROM corpus_entity_stories")
        }
        rows = self._db.execute("SELECT data FROM corpus_entities ORDER BY rowid")
        return stories, [json.loads(row["data"]) for row in rows]

    def save_corpus_entities(self, stories: dict[int, str], entities: list[dict]) -> None:
        """Replace the corpus entities with ``entities``, made from the traces of ``stories``
        (story id: trace fingerprint)."""
        with self._transaction():
            self._db.execute("DELETE FROM corpus_entities")
            self._db.execute("DELETE FROM corpus_entity_stories")
            self._db.executemany(
                "INSERT INTO corpus_entities(id, kind, name, data) VALUES (?, ?, ?, ?)",
                [(e["id"], e["kind"], e["name"], json.dumps(e)) for e in entities],
            )
            self._db.executemany(
                "INSERT INTO corpus_entity_stories(story_id, fingerprint) VALUES (?, ?)",
                list(stories.items()),
            )

    def _insert_problems(self, run_id: int, problems: Sequence[Problem], now: str) -> None:
        """Record problems of a run (inside the caller's transaction)."""
        self._db.executemany(
            "INSERT INTO errors(run_id, item, reason, level, at) VALUES (?, ?, ?, ?, ?)",
            [(run_id, p.item, p.reason, p.level, now) for p in problems],
        )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # SQLite ends it on its own after some faults
                self._db.execute("ROLLBACK")
            raise

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        return SQLiteStore._article_dict(dict(row))

    @staticmethod
    def _article_dict(data: dict) -> Article:
        for name in _JSON_FIELDS:
            data[name] = json.loads(data[name])
        return Article.from_dict(data)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        """Close; a database fault inside the block leaves it as a :class:`StorageFault`."""
        self.close()
        fault = storage_fault(error, self.path) if error is not None else None
        if fault is not None and fault is not error:
            raise fault from error


def _packed(data: list[dict]) -> bytes:
    return zlib.compress(json.dumps(data).encode("utf-8"))


def _damaged(path: str, detail: str) -> str:
    return (
        f"DB {path} is damaged ({detail}); restore a backup, or move it aside and ingest"
        " again into a new one (sqlite3's .recover may save part of it)"
    )


def storage_fault(error: BaseException, path: str) -> StorageFault | None:
    """The one-line :class:`StorageFault` for a database error (or one it was raised while
    handling: a failed rollback after a full disk), None for anything else."""
    seen: BaseException | None = error
    while seen is not None and not isinstance(seen, StorageFault | sqlite3.Error):
        seen = seen.__context__
    if isinstance(seen, StorageFault):
        return seen
    while seen is not None:
        code = getattr(seen, "sqlite_errorcode", None)
        message = _FAULTS.get(code & 0xFF) if code is not None else None
        if message is None and str(seen).startswith("Could not decode to UTF-8"):
            message = _damaged  # bytes changed inside a stored text: the pages look sound
        if message is not None:
            return StorageFault(message(path, _detail(str(seen))))
        seen = seen.__context__
    return None


def _detail(message: str) -> str:
    """The first line of SQLite's message that says something ("*** in database main ***"
    heads a check's findings), cut to a readable length."""
    lines = [line for line in message.splitlines() if line and not line.startswith("***")]
    first = lines[0].split(" with text ")[0] if lines else "no detail"
    return first if len(first) <= 100 else first[:99] + "…"


def _read_only(path: str, detail: str) -> str:
    return (
        f"cannot write DB {path}: the file or its folder is read-only; make both writable,"
        " or copy the file somewhere writable and pass --db"
    )


def _busy(path: str, detail: str) -> str:
    return f"DB {path} is busy: another program is writing it; run again when it is done"


_FAULTS: dict[int, Callable[[str, str], str]] = {
    sqlite3.SQLITE_READONLY: _read_only,
    sqlite3.SQLITE_PERM: _read_only,
    sqlite3.SQLITE_FULL: lambda path, _: (
        f"disk full while writing DB {path}; free space and run again: what was already"
        " committed is kept, and the next run adds only what is missing"
    ),
    sqlite3.SQLITE_CORRUPT: _damaged,
    sqlite3.SQLITE_NOTADB: _damaged,
    sqlite3.SQLITE_IOERR: lambda path, detail: (
        f"cannot read or write DB {path} ({detail}); check the disk, then run again"
    ),
    sqlite3.SQLITE_CANTOPEN: lambda path, _: (
        f"cannot open DB {path}: the file or its folder is missing or not readable;"
        " check the path (--db or SOURCETRACE_DB) and its permissions"
    ),
    sqlite3.SQLITE_BUSY: _busy,
    sqlite3.SQLITE_LOCKED: _busy,
}
