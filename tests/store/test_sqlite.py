"""The SQLite store: schema, WAL, FTS5, lookups, runs and errors."""

from __future__ import annotations

import sqlite3

import pytest

from sourcetrace.article import Article, article_id
from sourcetrace.records import Problem, RunSummary
from sourcetrace.store import open_store


def _article(text: str, title: str = "T", url: str | None = None) -> Article:
    return Article(
        id=article_id(canonical_url=url, external_id=None, text=text),
        text=text,
        paragraphs=[text],
        title=title,
        url=url,
        source=f"/corpus/{abs(hash(text))}.txt",
        format="txt",
        raw=text.encode(),
        raw_type="text/plain",
    )


def test_new_database_is_migrated_and_in_wal_mode(tmp_path):
    db = tmp_path / "new" / "s.db"
    with open_store(db) as store:
        assert store.schema_version == 11
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "raw", "runs", "errors", "articles_fts"} <= tables
    assert {"story_features", "story_assignments", "analyses", "traces", "shard_loads"} <= tables


def test_a_version_1_database_gains_the_story_tables_and_keeps_its_articles(tmp_path):
    from importlib import resources

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    first = resources.files("sourcetrace.store") / "migrations" / "0001_init.sql"
    conn.executescript(first.read_text(encoding="utf-8") + "\nPRAGMA user_version=1;")
    conn.execute(
        "INSERT INTO articles(id, identity, authors, text, paragraphs, source, format,"
        " field_sources, furniture, warnings, content_hash, raw_key, schema_version,"
        " first_seen, updated_at) VALUES ('a1', 'text', '[]', 'Some text.', '[]', 'x', 'txt',"
        " '{}', '[]', '[]', 'h', 'k', 1, 'now', 'now')"
    )
    conn.commit()
    conn.close()
    with open_store(db) as store:
        assert store.schema_version == 11
        assert store.count() == 1
        assert [a.id for a in store.unassigned(10)] == ["a1"]


def test_reopening_does_not_reapply_migrations(tmp_path):
    db = tmp_path / "s.db"
    with open_store(db) as store:
        run = store.start_run(["x"])
        store.save_batch(run, [_article("Ports reopen after the storm.")], [])
    with open_store(db) as store:
        assert store.count() == 1


def test_full_text_search_ranks_and_tolerates_bad_syntax(store):
    run = store.start_run([])
    store.save_batch(
        run,
        [
            _article("Drone factory planned in the north.", "Factory"),
            _article("Fishing quotas agreed after long talks.", "Quotas"),
        ],
        [],
    )
    assert [a.title for a in store.articles(search="factory")] == ["Factory"]
    assert [a.title for a in store.articles(search='drone "factory')] == ["Factory"]
    assert store.articles(search="nothing-like-this") == []


def test_get_by_unique_prefix(store):
    a = _article("A harbour story.")
    store.save_batch(store.start_run([]), [a], [])
    assert store.get(a.id[:6]).id == a.id
    assert store.get("zzzz") is None


def test_batch_is_atomic(store):
    run = store.start_run([])
    good = _article("Kept only if the whole batch lands.")
    bad = _article("Fails half-way through the batch.", title="B")
    bad.paragraphs = [object()]  # not JSON-serialisable: fails after `good` was written
    with pytest.raises(TypeError):
        store.save_batch(run, [good, bad], [Problem("x", "y")])
    assert store.count() == 0
    assert store.problems() == []
    assert store.save_batch(run, [good], []) == ["added"]


def test_runs_and_problems_are_recorded(store):
    run = store.start_run(["a", "b"])
    store.save_batch(run, [], [Problem("a", "empty file"), Problem("b", "odd", "warning")])
    store.save_batch(run, [_article("Counted as it lands.")], [], unchanged=2)
    [row] = store.runs()
    assert (row["status"], row["added"], row["duplicates"]) == ("running", 1, 2)
    summary = store.finish_run(run, 0.5)
    assert summary == RunSummary(added=1, duplicates=2, failed=1, warnings=1, seconds=0.5)
    assert store.problems(run) == [Problem("a", "empty file"), Problem("b", "odd", "warning")]
    [row] = store.runs()
    assert (row["status"], row["failed"], row["warnings"]) == ("finished", 1, 1)


def test_unanalysed_pages_through_articles_without_a_current_analysis(store):
    articles = [_article(f"Article number {n}.", title=f"T{n}") for n in range(5)]
    run = store.start_run(["test"])
    store.save_batch(run, articles, [])
    store.save_analyses([(articles[1], "v1", {"n": 1}), (articles[3], "v0", {"n": 3})])
    first = store.unanalysed("v1", limit=2)
    assert [a.id for _, a in first] == [articles[0].id, articles[2].id]
    rest = store.unanalysed("v1", after=first[-1][0], limit=2)
    assert [a.id for _, a in rest] == [articles[3].id, articles[4].id]  # 3: an older analyser
    assert store.unanalysed("v1", after=rest[-1][0]) == []
    assert store.analysed_count("v1") == 1 and store.analysed_count("v0") == 1
