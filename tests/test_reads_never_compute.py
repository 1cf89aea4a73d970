"""Compute on write, read on read: once the README's ingest command has run, every read
command and every web page answers in a process that cannot import spaCy (nor thinc),
onnxruntime (the embedder), the analyser, the model loaders or story clustering, and writes
nothing to the store.

The reads run in child processes whose ``sitecustomize`` refuses those imports and writes down
every import it refused (so that a read that catches the ImportError and goes on is caught
too): the read commands through the console entry (``sourcetrace.cli:app``), all in one
process, ``python -m sourcetrace stories``, and ``python -m sourcetrace serve`` on a free port
of 127.0.0.1, which answers every page and its JSON twin."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import sourcetrace
from sourcetrace.cli import app
from sourcetrace.demo import corpus_dir
from sourcetrace.store import open_store
from sourcetrace.stories.service import story_summaries

#: What a read must not need: spaCy and its thinc, onnxruntime, the modules that analyse or
#: load the spaCy pipeline or the embedder, the code that clusters stories, and scikit-learn
#: (importing it took 1.2 s of every read command's start, for a list of stop words).
UNAVAILABLE = (
    "spacy",
    "thinc",
    "onnxruntime",
    "sklearn",
    "sourcetrace.nlp.analysis",
    "sourcetrace.nlp.model",
    "sourcetrace.nlp.embed",
    "sourcetrace.stories.batch",
    "sourcetrace.stories.index",
)

REFUSE_IMPORTS = """
import os
import sys

UNAVAILABLE = {unavailable!r}


class Refuse:
    def find_spec(self, name, path=None, target=None):
        if any(name == n or name.startswith(n + ".") for n in UNAVAILABLE):
            with open(os.environ["REFUSED_IMPORTS_LOG"], "a", encoding="utf-8") as log:
                log.write(name + "\\n")
            raise ImportError(f"{{name}} is made unavailable to this read")
        return None


sys.meta_path.insert(0, Refuse())
"""

#: Runs the ``sourcetrace`` command (``sourcetrace.cli:app``, the console entry) once for each
#: argument list of the JSON in ``argv[1]``, all in one process; prints what each answered.
RUN_COMMANDS = """
import json
import sys

from typer.testing import CliRunner

from sourcetrace.cli import app

answers = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(app, args)
    failure = result.exception if not isinstance(result.exception, SystemExit) else None
    answers.append(
        {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr,
         "exception": repr(failure) if failure else None}
    )
print(json.dumps(answers))
"""

#: The code under test: the child processes import the same ``sourcetrace`` as this one.
SOURCE_ROOT = str(Path(sourcetrace.__file__).resolve().parents[1])

runner = CliRunner()


@pytest.fixture(scope="module")
def no_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the ``sitecustomize`` that refuses ``UNAVAILABLE``."""
    folder = tmp_path_factory.mktemp("no-models")
    (folder / "sitecustomize.py").write_text(
        REFUSE_IMPORTS.format(unavailable=UNAVAILABLE), encoding="utf-8"
    )
    return folder


def _environment(no_models: Path, log: Path) -> dict[str, str]:
    """A child's environment: ``no_models`` and this ``sourcetrace`` first on its path; its
    refused imports are written to ``log``."""
    path = [str(no_models), SOURCE_ROOT, os.environ.get("PYTHONPATH", "")]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in path if p),
        "REFUSED_IMPORTS_LOG": str(log),
    }


def _content(db: str) -> list[tuple]:
    """Every row of every table of the store at ``db``."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        tables = [
            n
            for (n,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return [(t, connection.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables]


def _refused(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


def test_the_children_cannot_import_spacy_onnxruntime_or_clustering(no_models, tmp_path):
    log = tmp_path / "refused.log"
    probe = "import importlib, sys\nfor name in sys.argv[1:]:\n"
    probe += "    try:\n        importlib.import_module(name)\n        print(name)\n"
    probe += "    except ImportError:\n        pass\n"
    done = subprocess.run(
        [sys.executable, "-c", probe, *UNAVAILABLE],
        capture_output=True,
        text=True,
        env=_environment(no_models, log),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", f"imported all the same: {done.stdout}"
    assert {"spacy", "thinc", "onnxruntime"} <= set(_refused(log)) <= set(UNAVAILABLE)


def test_after_ingest_every_read_command_and_page_answers_without_models(
    no_models, tmp_path, demo_ingested
):
    db, story, article, claim = demo_ingested
    log = tmp_path / "refused.log"
    env = _environment(no_models, log)
    reads = [
        ["report", str(story)],
        ["report", str(story), "--json"],
        ["report", str(story), "--html", str(tmp_path / "d.html")],
        ["source", "Ilse Marren"],
        ["source", "anonymous", "--json"],
        ["entities"],
        ["entities", "marren", "--json"],
        ["story", str(story)],
        ["story", str(story), "--json"],
        ["stories"],
        ["stories", "--format", "jsonl"],
        ["export"],
        ["export", "--format", "claimreview"],
        ["export", "--format", "csv", "--output", str(tmp_path / "csv")],
    ]
    pages = [
        "/stories",
        f"/stories/{story}",
        f"/articles/{article}",
        "/sources",
        "/sources?name=Ilse%20Marren",
        f"/claims/{claim}",
        "/ingest",
    ]
    stored = _content(db)
    answers_file = tmp_path / "answers.json"
    arguments = json.dumps([[*read, "--db", db] for read in reads])
    with (
        open(answers_file, "w", encoding="utf-8") as answers_out,
        subprocess.Popen(  # the commands run while the server starts
            [sys.executable, "-c", RUN_COMMANDS, arguments], env=env, stdout=answers_out
        ) as commands,
        _served(db, env, tmp_path) as client,
    ):
        for path in pages:
            twin = path.replace("?", ".json?") if "?" in path else path + ".json"
            for url in (path, twin):
                page = client.get(url)
                assert page.status_code == 200, (url, page.text[:300])
        assert client.get("/", follow_redirects=True).status_code == 200
        assert client.get("/jobs/1").status_code == 404  # no job: a read must not start one
        assert commands.wait(timeout=240) == 0
    answers = json.loads(answers_file.read_text(encoding="utf-8"))
    for read, answer in zip(reads, answers, strict=True):
        assert answer["exit"] == 0, (read, answer)
        assert answer["stdout"].strip() or read[-2] in ("--html", "--output"), read
    assert json.loads(answers[1]["stdout"])["story"]["id"] == story
    assert (tmp_path / "d.html").stat().st_size > 0
    assert _refused(log) == []
    assert _content(db) == stored, "a read wrote to the store"


def test_after_ingest_only_pages_and_commands_say_what_to_run(no_models, tmp_path):
    db = str(tmp_path / "st.db")
    stored = runner.invoke(app, ["ingest", str(corpus_dir()), "--db", db, "-q", "--no-process"])
    assert stored.exit_code == 0, stored.output
    with open_store(db) as store:
        article = store.articles()[0].id
    log = tmp_path / "refused.log"
    env = _environment(no_models, log)
    command = [sys.executable, "-m", "sourcetrace", "stories", "--db", db]
    with (
        subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        ) as listed,
        _served(db, env, tmp_path) as client,
    ):
        listing = client.get("/stories.json").json()
        twin = client.get(f"/articles/{article}.json").json()
        page = client.get(f"/articles/{article}")
        _, note = listed.communicate(timeout=240)
    assert listed.returncode == 0, note
    assert "not in a story yet: run `sourcetrace analyze`" in note
    assert listing["stories"] == [] and listing["not_in_story"] > 0
    assert twin["analysis"] is None and twin["pending"].startswith("not analysed yet")
    assert page.status_code == 200 and "not analysed yet" in page.text
    assert _refused(log) == []


@pytest.fixture(scope="module")
def demo_ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, str, str]:
    """(db, the main story's id, one of its articles, one of its claims) after the README's
    ``sourcetrace ingest`` on the demo corpus, run with everything available."""
    db = str(tmp_path_factory.mktemp("ingested") / "st.db")
    result = runner.invoke(app, ["ingest", str(corpus_dir()), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        main = story_summaries(store)[0]
    return db, main.id, main.articles[0]["id"], f"{main.id}.1"


@contextlib.contextmanager
def _served(db: str, env: dict[str, str], folder: Path) -> Iterator[httpx.Client]:
    """``sourcetrace serve`` on a free port of 127.0.0.1 in a child process with ``env``, and
    a client of it; the server is stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "sourcetrace", "serve", "--db", db, "--port", str(port)]
    with open(folder / "serve.log", "w+", encoding="utf-8") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                _wait_until_up(client, server, output)
                yield client
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(client: httpx.Client, server: subprocess.Popen, output) -> None:
    deadline = time.monotonic() + 120
    while server.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            client.get("/ingest.json")
            return
        time.sleep(0.1)
    output.seek(0)
    pytest.fail(f"sourcetrace serve did not answer: {output.read()[-3000:]}")
