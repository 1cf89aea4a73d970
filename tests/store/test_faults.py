"""Storage faults end a command with one line and exit code 3, never a traceback, and the
store stays as it was: real read-only mounts, an immutable file, a damaged file, a full
tmpfs. Mounting needs root (CAP_SYS_ADMIN); where it is refused the test says so and skips."""

from __future__ import annotations

import contextlib
import random
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.store import open_store

runner = CliRunner()
READ_ONLY = (
    "Error: cannot write DB {db}: the file or its folder is read-only; make both writable,"
    " or copy the file somewhere writable and pass --db\n"
)
DISK_FULL = (
    "Error: disk full while writing DB {db}; free space and run again: what was already"
    " committed is kept, and the next run adds only what is missing\n"
)
DAMAGED_END = (
    "; restore a backup, or move it aside and ingest again into a new one (sqlite3's"
    " .recover may save part of it)\n"
)


def _write_articles(folder: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    words = "the minister said that the port would reopen after talks with unions".split()
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = "\n\n".join(
            " ".join(rng.choice(words) for _ in range(60)).capitalize() + "." for _ in range(6)
        )
        (folder / f"a{seed}-{n:03d}.txt").write_text(
            f"---\ntitle: Port talks {seed}-{n}\noutlet: Example Times\n---\n{body}\n"
        )


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> Path:
    """A database of 20 articles already put into stories."""
    folder = tmp_path_factory.mktemp("stored")
    _write_articles(folder / "in", 20)
    db = folder / "stored.db"
    with open_store(db) as store:
        ingest([str(folder / "in")], store, IngestOptions.from_settings())
    assert runner.invoke(app, ["stories", "--db", str(db), "-q"]).exit_code == 0
    return db


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _counts(db: Path) -> tuple[int, int]:
    """(articles, last run id) of a database that must pass SQLite's full integrity check."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return check.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT max(id) FROM runs)"
        ).fetchone()


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"mount {' '.join(args)} is not permitted here: {done.stderr.strip()}")


@pytest.fixture
def read_only_copy(stored, tmp_path):
    """The stored database in a folder bind-mounted read-only: no write reaches it, for
    root too (root ignores file modes, not a read-only mount)."""
    source, view = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    view.mkdir()
    shutil.copy(stored, source / "stored.db")
    _mount("--bind", str(source), str(view))
    try:
        _mount("-o", "remount,ro,bind", str(view))
        yield view / "stored.db"
    finally:
        subprocess.run(["umount", "--lazy", str(view)], check=True)


def test_read_only_db_still_lists_articles_and_stories(read_only_copy):
    listed = _invoke("articles", "--db", str(read_only_copy), "--limit", "1")
    assert listed.exit_code == 0
    assert listed.stdout.count("\n") == 1 and "Port talks 1-" in listed.stdout
    stories = _invoke("stories", "--db", str(read_only_copy), "-q")
    assert stories.exit_code == 0 and "articles" in stories.stdout


@pytest.mark.parametrize(
    "args",
    [["ingest", "{input}", "-q"], ["recluster", "-q"]],
    ids=["ingest", "recluster"],
)
def test_write_to_read_only_db_is_one_line_exit_3(read_only_copy, tmp_path, args):
    _write_articles(tmp_path / "new", 1, seed=2)
    args = [a.format(input=tmp_path / "new") for a in args]
    result = _invoke(*args, "--db", str(read_only_copy))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == READ_ONLY.format(db=read_only_copy)


def test_new_db_in_read_only_folder_is_one_line_exit_3(read_only_copy):
    db = read_only_copy.parent / "new.db"
    result = _invoke("articles", "--db", str(db))
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: cannot open DB {db}: the file or its folder is missing or not readable;"
        " check the path (--db or SOURCETRACE_DB) and its permissions\n"
    )


def test_immutable_db_file_reads_and_refuses_writes_in_one_line(stored, tmp_path):
    db = tmp_path / "stored.db"
    shutil.copy(stored, db)
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not permitted here: {done.stderr.strip()}")
    try:
        assert _invoke("articles", "--db", str(db)).exit_code == 0
        _write_articles(tmp_path / "new", 1, seed=2)
        result = _invoke("ingest", str(tmp_path / "new"), "--db", str(db), "-q")
        assert (result.exit_code, result.stderr) == (3, READ_ONLY.format(db=db))
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert _counts(db)[0] == 20


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "args", [["ingest", "{input}", "-q"], ["articles"], ["stories", "-q"], ["trace"]]
)
def test_damaged_db_is_refused_in_one_line_exit_3(stored, tmp_path, seed, args):
    db = tmp_path / "damaged.db"
    shutil.copy(stored, db)
    size = db.stat().st_size
    with db.open("r+b") as file:  # random bytes over a page in the middle of the file
        file.seek(size // 2)
        file.write(random.Random(seed).randbytes(4096))
    _write_articles(tmp_path / "new", 1, seed=2)
    args = [a.format(input=tmp_path / "new") for a in args]
    result = _invoke(*args, "--db", str(db))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith(f"Error: DB {db} is damaged (")
    assert result.stderr.endswith(DAMAGED_END) and result.stderr.count("\n") == 1


def test_full_disk_is_one_line_exit_3_and_keeps_committed_batches(stored, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=1M", "tmpfs", str(disk))
    try:
        db = disk / "stored.db"
        shutil.copy(stored, db)
        before = _counts(db)
        _write_articles(tmp_path / "many", 300, seed=3)
        result = _invoke("ingest", str(tmp_path / "many"), "--db", str(db), "-q")
        assert (result.exit_code, result.stdout) == (3, "")
        assert result.stderr == DISK_FULL.format(db=db)
        articles, runs = _counts(db)
        assert before[0] <= articles < before[0] + 300 and runs == before[1] + 1
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=True)
