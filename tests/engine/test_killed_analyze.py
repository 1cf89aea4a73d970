"""A killed or interrupted ``sourcetrace analyze`` leaves no worker process behind: a real
command in a subprocess, its workers found in /proc before it is signalled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sourcetrace
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.store import open_store

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

SRC = Path(sourcetrace.__file__).resolve().parents[1]  # the code under test, for the child
WORDS = (
    "the minister said on Monday that the port would reopen after talks with the unions about"
    " wages and safety rules while officials in the capital warned of further delays"
).split()


def _article(n: int) -> str:
    """A long article (about 2,500 words): a batch of them keeps a worker busy for seconds."""
    sentences = [
        " ".join(WORDS[(n + i + j) % len(WORDS)] for j in range(25)).capitalize() + "."
        for i in range(100)
    ]
    body = "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, 100, 5))
    return f"---\ntitle: Port talks, part {n}\noutlet: Example Times\n---\n{body}\n"


@pytest.fixture(scope="module")
def long_articles_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    for n in range(80):
        (folder / f"a{n:02d}.txt").write_text(_article(n), encoding="utf-8")
    db = folder / "long.db"
    with open_store(db) as store:
        ingest([str(folder)], store, IngestOptions.from_settings())
    return db


def _children(pid: int) -> dict[int, str]:
    """Every living process whose parent is ``pid``, with its command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found[int(entry.name)] = command
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


SIGNALS = [signal.SIGTERM, signal.SIGINT, signal.SIGKILL]


def _interruptible() -> None:
    """Run in the child before it starts: a suite started in the background (``make test &``,
    CI runners) ignores SIGINT, and an ignored signal stays ignored across exec, so Ctrl-C
    would not reach the command under test."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", SIGNALS, ids=[s.name for s in SIGNALS])
def test_killed_analyze_leaves_no_worker_alive(long_articles_db, tmp_path, sig):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "sourcetrace", "analyze", "--db", str(long_articles_db)]
    analyze = subprocess.Popen(
        [*command, "--workers", "2", "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    workers: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(analyze.pid)) < 3:  # two workers, a resource tracker
            assert analyze.poll() is None, "analyze ended before its workers started"
            assert time.monotonic() < deadline, f"workers never started: {workers}"
            time.sleep(0.2)
        time.sleep(2)  # the workers have batches in hand
        workers = _children(analyze.pid)
        os.kill(analyze.pid, sig)
        analyze.wait(timeout=30)
        deadline = time.monotonic() + 10
        while (left := [p for p in workers if _alive(p)]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not left, f"still running 10 s after {sig.name}: {[workers[p] for p in left]}"
    finally:
        for pid in [analyze.pid, *workers, *_children(analyze.pid)]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        analyze.wait(timeout=30)
