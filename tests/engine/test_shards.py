"""Parquet shards: ``analyze --shards`` gives the same analyses as saving directly, writes the
documented schema, survives a kill, and ``load-shards`` loads shards safely and only once."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.demo import corpus_dir
from sourcetrace.engine import InProcess, Outcome
from sourcetrace.engine.service import analyse_store
from sourcetrace.engine.shards import SCHEMA_VERSION, ShardWriter, read_shard, record_for
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp.analysis import ANALYSER_VERSION
from sourcetrace.store import open_store
from tests.engine.conftest import StoppedAfterFive

runner = CliRunner()

# The CLI with each analysis slowed down, so that a run can be killed part-way.
SLOW_CLI = """
import sys, time
import sourcetrace.nlp.analysis as analysis
real = analysis.analyse
def slow(*args, **kwargs):
    time.sleep(0.4)
    return real(*args, **kwargs)
analysis.analyse = slow
from sourcetrace.cli import app
sys.argv[0] = "sourcetrace"
app()
"""


def _ingested(path: Path) -> str:
    with open_store(path) as store:
        ingest([str(corpus_dir())], store, IngestOptions())
    return str(path)


def _analyses(db: str) -> dict[str, str]:
    with open_store(db) as store:
        found = store.analyses(store.articles(), ANALYSER_VERSION)
    return {key: json.dumps(value, sort_keys=True) for key, value in found.items()}


@pytest.fixture(scope="module")
def direct(demo_db) -> dict[str, str]:
    """The demo corpus's analyses saved directly (the session's traced demo database)."""
    found = _analyses(demo_db)
    assert len(found) == 8
    return found


def test_sharded_analyze_gives_the_same_analyses_and_the_documented_schema(tmp_path, direct):
    db = _ingested(tmp_path / "s.db")
    shards = tmp_path / "shards"
    args = ["analyze", "--db", db, "--engine", "inprocess", "--shards", str(shards)]
    result = runner.invoke(app, [*args, "--shard-rows", "3", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["analysed"], summary["shards"], summary["failed"]) == (8, 3, 0)
    assert _analyses(db) == direct
    files = sorted(shards.glob("*.parquet"))
    assert [pq.ParquetFile(f).metadata.num_rows for f in files] == [3, 3, 2]
    assert not list(shards.glob("*.tmp"))
    schema = pq.read_schema(files[0])
    assert schema.metadata[b"sourcetrace.shard_schema"] == SCHEMA_VERSION.encode()
    assert [(f.name, f.type) for f in schema] == [
        ("article_id", pa.string()),
        ("content_hash", pa.string()),
        ("analyser_version", pa.string()),
        ("item", pa.string()),
        ("analysis", pa.large_string()),
        ("error", pa.string()),
        ("features", pa.large_string()),
        ("vectors", pa.large_string()),
    ]
    rows = pq.read_table(shards).to_pylist()
    assert {
        r["article_id"]: json.dumps(json.loads(r["analysis"]), sort_keys=True) for r in rows
    } == (direct)
    assert {r["analyser_version"] for r in rows} == {ANALYSER_VERSION}
    again = runner.invoke(app, [*args, "--json"])
    assert json.loads(again.stdout)["analysed"] == 0 and len(list(shards.glob("*"))) == 3


def test_load_shards_fills_another_store_once_and_never_with_a_stale_analysis(tmp_path, direct):
    source = _ingested(tmp_path / "a.db")
    shards = tmp_path / "shards"
    with open_store(source) as store:
        analyse_store(store, InProcess(), shards=shards, rows_per_shard=4)
    target = _ingested(tmp_path / "b.db")
    with open_store(target) as store:  # one article of the target has another text by now
        changed = store.articles()[0]
        store._db.execute("UPDATE articles SET content_hash='changed' WHERE id=?", (changed.id,))
    old = ShardWriter(shards)  # a shard by an earlier analyser, loaded last: it must not count
    for article_id, analysed in direct.items():
        with open_store(source) as store:
            article = store.get(article_id)
        old.add(record_for(article, "0-old", Outcome(article_id, json.loads(analysed))))
    old.close().rename(shards / "zz-earlier-analyser.parquet")
    first = runner.invoke(app, ["load-shards", str(shards), "--db", target, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout) == {
        "shards": 3, "already": 0, "saved": 7, "stale": 9, "failed": 0, "unreadable": []
    }  # fmt: skip
    assert _analyses(target) == {k: v for k, v in direct.items() if k != changed.id}
    second = runner.invoke(app, ["load-shards", str(shards), "--db", target])
    assert second.exit_code == 0
    assert second.stdout.startswith("0 shard(s) loaded (3 already held): 0 analyses saved")


def test_a_failed_article_is_a_shard_row_with_its_error_and_a_recorded_problem(
    tmp_path, shrimp_fails
):
    db = _ingested(tmp_path / "f.db")
    shards = tmp_path / "shards"
    result = runner.invoke(
        app, ["analyze", "--db", db, "--engine", "inprocess", "--shards", str(shards)]
    )
    assert result.exit_code == 1
    assert "analysis failed: RuntimeError: boom" in result.stderr
    failed = [r for f in shards.glob("*.parquet") for r in read_shard(f) if r.analysis is None]
    assert len(failed) == 1 and failed[0].error == "analysis failed: RuntimeError: boom"
    with open_store(db) as store:
        assert [p.reason.split(": ", 1)[1] for p in store.problems()] == [failed[0].error]
        assert store.runs()[-1]["failed"] == 1
        assert store.analysed_count(ANALYSER_VERSION) == 7


def test_unreadable_files_are_reported_and_the_good_shards_still_load(tmp_path):
    db = _ingested(tmp_path / "u.db")
    shards = tmp_path / "shards"
    with open_store(db) as store:
        article = store.articles()[0]
    writer = ShardWriter(shards)
    outcome = InProcess().analyse([article])
    writer.add(record_for(article, ANALYSER_VERSION, next(iter(outcome))))
    assert writer.close() is not None
    (shards / "garbage.parquet").write_bytes(b"not parquet at all")
    pq.write_table(pa.table({"x": [1]}), shards / "foreign.parquet")
    result = runner.invoke(app, ["load-shards", str(shards), "--db", db])
    assert result.exit_code == 1
    assert "foreign.parquet: not a sourcetrace shard" in result.stderr
    assert "garbage.parquet: not a Parquet file" in result.stderr
    assert "1 shard(s) loaded (0 already held): 1 analyses saved" in result.stdout
    with open_store(db) as store:
        assert len(store.problems()) == 2


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError("the engine broke down")])
def test_a_stop_or_an_engine_failure_completes_the_shard_being_written(tmp_path, error):
    db = _ingested(tmp_path / "i.db")
    shards = tmp_path / "shards"
    with open_store(db) as store:
        with pytest.raises(error if isinstance(error, type) else type(error)):
            analyse_store(store, StoppedAfterFive(error), shards=shards, rows_per_shard=4)
        assert store.analysed_count(ANALYSER_VERSION) == 5  # one shard of four, one of one
        assert len(list(shards.glob("*.parquet"))) == 2
        again = analyse_store(store, InProcess(), shards=shards)
        assert (again.already, again.analysed) == (5, 3)


def test_a_shard_that_cannot_be_written_ends_the_run_and_leaves_no_partial_file(
    tmp_path, monkeypatch
):
    db = _ingested(tmp_path / "w.db")
    shards = tmp_path / "shards"
    real = ShardWriter._write_buffer
    calls = []

    def full_disk(self):
        calls.append(1)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        real(self)

    monkeypatch.setattr(ShardWriter, "_write_buffer", full_disk)
    with open_store(db) as store:
        with pytest.raises(OSError, match="No space left"):
            analyse_store(store, InProcess(), shards=shards, rows_per_shard=4)
        assert store.analysed_count(ANALYSER_VERSION) == 0
    assert list(shards.iterdir()) == []


def test_a_killed_sharded_run_resumes_from_its_complete_shards(tmp_path):
    """A real SIGKILL part-way: complete shards survive (loaded now or by the next run), the
    partial one is removed, and the next run analyses only the rest."""
    db = _ingested(tmp_path / "k.db")
    shards = tmp_path / "shards"
    args = ["analyze", "--db", db, "--engine", "inprocess", "--shards", str(shards)]
    args += ["--shard-rows", "2", "-q"]
    process = subprocess.Popen([sys.executable, "-c", SLOW_CLI, *args])
    try:
        deadline = time.monotonic() + 120
        while not list(shards.glob("*.parquet")) and time.monotonic() < deadline:
            assert process.poll() is None, "the run ended before it could be killed"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    assert list(shards.glob("*.parquet")), "no shard was completed within two minutes"
    result = runner.invoke(
        app, ["analyze", "--db", db, "--engine", "inprocess", "--shards", str(shards), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["already"] >= 2 and summary["analysed"] < 8
    assert summary["already"] + summary["analysed"] == 8
    assert not list(shards.glob("*.tmp"))
    with open_store(db) as store:
        assert store.analysed_count(ANALYSER_VERSION) == 8


def test_a_shard_folder_that_is_a_file_is_a_usage_error(tmp_path):
    db = _ingested(tmp_path / "x.db")
    (tmp_path / "taken").write_text("a file")
    result = runner.invoke(app, ["analyze", "--db", db, "--shards", str(tmp_path / "taken")])
    assert result.exit_code == 2
    assert f"--shards {tmp_path / 'taken'}: not a folder" in result.stderr
    with open_store(db) as store:
        assert store.analysed_count(ANALYSER_VERSION) == 0


@pytest.mark.timeout(240)
def test_analyze_on_ray_with_shards_gives_the_same_analyses(tmp_path, direct):
    pytest.importorskip("ray", reason="the ray extra is not installed")
    db = _ingested(tmp_path / "r.db")
    shards = tmp_path / "shards"
    args = ["analyze", "--db", db, "--engine", "ray", "--workers", "1", "--shards", str(shards)]
    result = runner.invoke(app, [*args, "--shard-rows", "5", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["shards"] == 2
    assert _analyses(db) == direct


def test_shards_carry_story_features_and_vectors_so_grouping_and_tracing_parse_nothing(
    tmp_path, monkeypatch
):
    from spacy.language import Language

    from sourcetrace.nlp.embed import Embedder
    from sourcetrace.pipeline import process

    source = _ingested(tmp_path / "a.db")
    shards = tmp_path / "shards"
    with open_store(source) as store:
        analyse_store(store, InProcess(), shards=shards, rows_per_shard=4)
    target = _ingested(tmp_path / "b.db")
    loaded = runner.invoke(app, ["load-shards", str(shards), "--db", target, "--json"])
    assert json.loads(loaded.stdout)["saved"] == 8

    def refuse(*args, **kwargs):
        raise AssertionError("grouping or tracing parsed or embedded again")

    monkeypatch.setattr(Language, "__call__", refuse)
    monkeypatch.setattr(Language, "pipe", refuse)
    monkeypatch.setattr(Embedder, "embed", refuse)
    with open_store(target) as store:
        done = process(store)
    assert done.analysis.analysed == 0 and done.traced and not done.untraced


def test_a_version_1_shard_still_loads_and_its_stories_are_traced(tmp_path, direct):
    from sourcetrace.engine.shards import COLUMNS_V1
    from sourcetrace.pipeline import process

    source = _ingested(tmp_path / "a.db")
    shards = tmp_path / "shards"
    with open_store(source) as store:
        analyse_store(store, InProcess(), shards=shards)
    (written,) = shards.glob("*.parquet")
    old = pq.read_table(written).select(list(COLUMNS_V1))
    old = old.replace_schema_metadata({b"sourcetrace.shard_schema": b"1"})
    pq.write_table(old, written)
    target = _ingested(tmp_path / "b.db")
    loaded = runner.invoke(app, ["load-shards", str(shards), "--db", target, "--json"])
    assert json.loads(loaded.stdout)["saved"] == 8
    assert _analyses(target) == direct
    with open_store(target) as store:
        done = process(store)  # features and vectors are made here, from the analyses
    assert done.analysis.analysed == 0 and done.traced and not done.untraced
