"""Idempotence: the same articles again add nothing; changed ones are updated in place;
a run killed with SIGKILL and started again stores every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import PAGES

BODY = "The harbour board approved the dredging plan on Monday, its chairman said."


def test_same_inputs_twice_are_duplicates(tmp_path, run_ingest, store):
    (tmp_path / "a.txt").write_text(f"One\n\n{BODY}")
    first = run_ingest(str(tmp_path), str(PAGES / "semantic.html"))
    second = run_ingest(str(tmp_path), str(PAGES / "semantic.html"))
    assert (first.summary.added, first.summary.duplicates) == (2, 0)
    assert (second.summary.added, second.summary.duplicates, second.summary.updated) == (0, 2, 0)
    assert store.count() == 2


def test_same_file_named_twice_in_one_run_is_stored_once(tmp_path, run_ingest, store):
    f = tmp_path / "a.txt"
    f.write_text(f"One\n\n{BODY}")
    result = run_ingest(str(f), str(f))
    assert (result.summary.added, result.summary.duplicates) == (1, 1)


def test_changed_txt_file_is_updated_not_duplicated(tmp_path, run_ingest, store):
    f = tmp_path / "a.txt"
    f.write_text(f"One\n\n{BODY}")
    run_ingest(str(f))
    [before] = store.articles()
    f.write_text(f"One\n\n{BODY} A correction was appended later.")
    result = run_ingest(str(f))
    assert (result.summary.added, result.summary.updated) == (0, 1)
    [after] = store.articles()
    assert after.id == before.id
    assert after.text.endswith("appended later.")
    assert store.articles(search="correction")[0].id == before.id


def test_changed_jsonl_record_with_id_is_updated(tmp_path, run_ingest, store):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "k1", "title": "T", "text": BODY}))
    run_ingest(str(f))
    f.write_text(json.dumps({"id": "k1", "title": "T (updated)", "text": BODY}))
    result = run_ingest(str(f))
    assert result.summary.updated == 1
    [a] = store.articles()
    assert a.title == "T (updated)"


def test_changed_page_at_same_url_is_updated(http_server, run_ingest, store):
    url = http_server.add("/s", f"<html><body><article><p>{BODY}</p></article></body></html>")
    run_ingest(url)
    http_server.add("/s", f"<html><body><article><p>{BODY} Updated.</p></article></body></html>")
    result = run_ingest(url)
    assert (result.summary.added, result.summary.updated) == (0, 1)
    assert store.count() == 1


def _count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigkill_part_way_then_resume_stores_each_article_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 1500
    for i in range(total):
        (corpus / f"a{i:05d}.txt").write_text(
            f"Story number {i}\n\nThe town of Vell{i} reported {i * 7} new permits this week,"
            f" officials said.\n\nA second paragraph for story {i}."
        )
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "sourcetrace", "ingest", str(corpus), "--db", str(db), "-q"]
    cmd.append("--no-process")  # what is checked is how ingest stores, not the analysis after
    env = {**os.environ, "SOURCETRACE_BATCH_SIZE": "25"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 100 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_at_kill = _count(db)
    assert 0 < stored_at_kill < total, "the run was not killed part-way"
    assert stored_at_kill % 25 == 0, "a batch was half-written"

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        articles, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT source) FROM articles"
        ).fetchone()
        raw = conn.execute("SELECT count(*) FROM raw").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        runs = conn.execute("SELECT status, added, duplicates FROM runs ORDER BY id").fetchall()
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert articles == distinct == raw == fts == total
    assert integrity == "ok"
    # The killed run's row counts what its committed batches stored.
    assert runs == [
        ("interrupted", stored_at_kill, 0),
        ("finished", total - stored_at_kill, stored_at_kill),
    ]


def test_unchanged_bytes_are_not_extracted_again_until_the_version_changes(
    monkeypatch, run_ingest, store
):
    import sourcetrace.version
    from sourcetrace.ingest import pipeline

    run_ingest(str(PAGES / "semantic.html"))
    calls = []
    real_read = pipeline.read

    def counting_read(*args, **kwargs):
        calls.append(args[2])
        return real_read(*args, **kwargs)

    monkeypatch.setattr(pipeline, "read", counting_read)
    again = run_ingest(str(PAGES / "semantic.html"))
    assert (again.summary.duplicates, calls) == (1, [])
    monkeypatch.setattr(sourcetrace.version, "__version__", "999.0.0")
    newer = run_ingest(str(PAGES / "semantic.html"))
    assert (newer.summary.duplicates, len(calls)) == (1, 1)  # read afresh by the new version
    run_ingest(str(PAGES / "semantic.html"))
    assert len(calls) == 1  # and remembered for the next run
