"""The hostile corpus (``tests/ingest/hostile_corpus.py``) through the real command line, and
fuzzed batches of hostile files through the Python API: no traceback, no hang, no good article
lost, none stored twice, and every printed line one line with no terminal control characters.

Each test writes its figures to ``test-artifacts/`` as a table (inputs tried, crashes, lost,
duplicates) for the closing notes of the issues that use it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.ingest.formats import EXTENSIONS
from sourcetrace.store import open_store
from tests.conftest import ROOT
from tests.ingest import hostile_corpus
from tests.ingest.hostile_corpus import Case, marker, txt

ARTIFACTS = ROOT / "test-artifacts"
#: A run that takes longer than this has hung (the whole corpus ingests in a few seconds).
HANG_SECONDS = 120
#: Characters a terminal acts on: C0 controls but tab and newline, DEL, and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: A reason that names an internal exception instead of saying what went wrong.
INTERNAL = re.compile(r"\b(?:unexpected|Traceback|[A-Z][a-z]+(?:Error|Exception))\b")


def _sourcetrace(*args: str, timeout: float = HANG_SECONDS) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace", *args],
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
        encoding="utf-8",
        errors="surrogateescape",
    )


def _stored(db: Path) -> list[str]:
    with open_store(db) as store:
        return [f"{a.title}\n{a.text}" for a in store.articles()]


def _counts(texts: list[str], markers: list[str]) -> Counter:
    found = Counter()
    for text in texts:
        for word in set(re.findall(r"Qelmarv\d+", text)) & set(markers):
            found[word] += 1
    return found


def _table(rows: list[tuple[str, int, int, int, int]]) -> str:
    head = f"{'category':<26}{'inputs':>8}{'crashes':>9}{'lost':>6}{'duplicates':>12}"
    lines = [head, "-" * len(head)]
    for name, inputs, crashes, lost, duplicates in rows:
        lines.append(f"{name:<26}{inputs:>8}{crashes:>9}{lost:>6}{duplicates:>12}")
    total = [sum(row[i] for row in rows) for i in range(1, 5)]
    lines.append(f"{'all':<26}{total[0]:>8}{total[1]:>9}{total[2]:>6}{total[3]:>12}")
    return "\n".join(lines) + "\n"


def _report(name: str, table: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_text(table)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corpus ingested twice by ``sourcetrace ingest``, then listed by ``articles``."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus.build(root / "corpus")
    db = root / "store.db"
    try:
        try:
            first = _sourcetrace("ingest", *corpus.specs, "--db", str(db))
        except subprocess.TimeoutExpired:
            pytest.fail(f"ingest of the hostile corpus hung (no end in {HANG_SECONDS} s)")
        second = _sourcetrace("ingest", *corpus.specs, "--db", str(db))
        listing = _sourcetrace("articles", "--db", str(db))
    finally:
        corpus.close()
    return {"corpus": corpus, "db": db, "runs": [first, second, listing]}


def test_the_hostile_corpus_has_over_a_hundred_inputs(corpus_run):
    cases: list[Case] = corpus_run["corpus"].cases
    assert len(cases) >= 100
    assert len({c.category for c in cases}) >= 8


def test_no_hostile_input_crashes_ingest_or_the_listing(corpus_run):
    first, second, listing = corpus_run["runs"]
    for run in (first, second, listing):
        assert "Traceback" not in run.stderr + run.stdout
        assert run.returncode in (0, 1), run.stderr[-2000:]
    assert listing.returncode == 0


def test_every_printed_line_is_one_line_without_control_characters(corpus_run):
    for run in corpus_run["runs"]:
        assert CONTROL.findall(run.stdout + run.stderr) == []
    first = corpus_run["runs"][0]
    for line in first.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ")), line
        assert not INTERNAL.search(line), line


def test_no_good_article_is_lost_or_stored_twice(corpus_run):
    corpus = corpus_run["corpus"]
    texts = _stored(corpus_run["db"])
    found = _counts(texts, corpus.good + corpus.never)
    rows = []
    first, second, _ = corpus_run["runs"]
    crashed = "Traceback" in first.stderr + second.stderr
    for category in dict.fromkeys(c.category for c in corpus.cases):
        cases = [c for c in corpus.cases if c.category == category]
        good = [m for c in cases for m in c.good]
        lost = sum(1 for m in good if found[m] == 0)
        duplicates = sum(found[m] - 1 for m in good if found[m] > 1)
        rows.append((category, len(cases), int(crashed), lost, duplicates))
    _report("hostile-corpus.txt", _table(rows))
    assert [m for m in corpus.good if found[m] != 1] == []
    assert [m for m in corpus.never if found[m]] == []
    assert second.stdout.startswith("0 added, "), second.stdout


def test_a_truncated_copy_never_replaces_the_complete_page(corpus_run):
    corpus = corpus_run["corpus"]
    words = [m for c in corpus.cases if c.category == "Truncated copies" for m in c.good]
    texts = _stored(corpus_run["db"])
    for word in words:
        (text,) = [t for t in texts if word in t]
        assert text.endswith("which passed easily."), text[-80:]


# -- fuzzed batches -------------------------------------------------------------------------

PIECES = [
    b"---\n", b"a: &a [x,x,x,x,x,x,x,x]\n", b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n", b"title: *b\n",
    b'{"a":' * 40, b"[" * 60, b'{"title": "T", "text": "', b'", "date": -1}', b"WARC/1.0\r\n",
    b"<rss><channel><item><link>http://127.0.0.1:9/x</link></item>", b"<html><body><p>",
    b"\x1b]0;pwned\x07", b"\x1b[2J", b"\xc2\x9b", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
    b"T\x00h\x00e\x00 \x00", b"\xe9", b"\n\n", b"published: 2026-13-45\n", b"0001-01-01",
    b"The harbour reopened on Monday, officials said.",
]  # fmt: skip
CONTENT = st.one_of(
    st.binary(max_size=300), st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join)
)
NAME = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), max_size=24
).filter(lambda name: name not in ("", ".", ".."))
HOSTILE_FILE = st.tuples(NAME, st.sampled_from(sorted(EXTENSIONS)), CONTENT)
BATCHES = {"inputs": 0, "crashes": 0, "lost": 0, "duplicates": 0}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(HOSTILE_FILE, min_size=1, max_size=6))
def test_fuzzed_hostile_files_lose_nothing_and_duplicate_nothing(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        written = 0
        for index, (name, extension, data) in enumerate(files):
            try:
                (folder / f"{index:02d}-{name}{extension}").write_bytes(data)
                written += 1
            except OSError:  # a name the filesystem refuses (too long in bytes)
                continue
        word = marker()
        (folder / "zz-good.txt").write_bytes(txt(f"Harbour log {word}", word))
        options = IngestOptions(retries=1, timeout=2.0)
        with open_store(Path(tmp) / "fuzz.db") as store:
            try:
                ingest([str(folder)], store, options)
                again = ingest([str(folder)], store, options)
            except Exception:
                BATCHES["crashes"] += 1
                raise
            finally:
                BATCHES["inputs"] += written + 1
            found = _counts([f"{a.title}\n{a.text}" for a in store.articles()], [word])
        BATCHES["lost"] += found[word] == 0
        BATCHES["duplicates"] += max(found[word] - 1, 0) + again.summary.added
        row = ("Fuzzed (hypothesis)", *BATCHES.values())
        _report("hostile-fuzz.txt", _table([row]))
        assert found[word] == 1
        assert again.summary.added == 0
