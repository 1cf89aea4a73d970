"""The command line: exact output and exit codes (0 good, 1 some failed, 2 usage)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from tests.conftest import PAGES, expected

SEMANTIC_TITLE = expected("semantic")["title"]

runner = CliRunner()
SUMMARY = re.compile(
    r"^(\d+) added, (\d+) duplicates, (\d+) updated, (\d+) failed, (\d+) warnings in [\d.]+ s$"
)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_ingest_prints_summary_and_exits_0(db):
    result = _invoke("ingest", str(PAGES / "semantic.html"), "--db", db, "-q")
    assert result.exit_code == 0
    assert SUMMARY.match(result.stdout.splitlines()[0]).groups() == ("1", "0", "0", "0", "0")


def test_ingest_with_a_failure_prints_one_line_and_exits_1(db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _invoke("ingest", str(empty), str(PAGES / "leaky.txt"), "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"error: {empty}: empty file\n"
    assert SUMMARY.match(result.stdout.splitlines()[0]).groups() == ("1", "0", "0", "1", "0")


def test_ingest_json_output(db):
    result = _invoke("ingest", str(PAGES / "leaky.txt"), "--db", db, "--json")
    data = json.loads(result.stdout)
    assert (data["added"], data["failed"], data["problems"]) == (1, 0, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "--format 'pdf': choose one of txt, html, json, jsonl, warc, feed"),
        (["--field", "body"], "--field 'body': write OURS=THEIRS"),
    ],
)
def test_usage_errors_exit_2(db, args, message):
    result = _invoke("ingest", str(PAGES / "leaky.txt"), "--db", db, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_articles_lists_exactly(db):
    _invoke("ingest", str(PAGES / "semantic.html"), str(PAGES / "leaky.txt"), "--db", db, "-q")
    result = _invoke("articles", "--db", db)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first = re.split(r"\s{2,}", lines[0])
    assert first[1:] == [
        "2024-03-14",
        "The Harbor Ledger",
        SEMANTIC_TITLE,
    ]
    assert re.fullmatch(r"[0-9a-f]{16}", first[0])
    assert re.split(r"\s{2,}", lines[1])[1:3] == ["-", "-"]


def test_articles_search_and_json(db):
    _invoke("ingest", str(PAGES / "semantic.html"), str(PAGES / "divsoup.html"), "--db", db, "-q")
    result = _invoke("articles", "--db", db, "--search", "ferry", "--json")
    [hit] = json.loads(result.stdout)
    assert hit["outlet"] == "The Harbor Ledger"


def test_article_shows_metadata_with_stages_and_text(db):
    _invoke("ingest", str(PAGES / "semantic.html"), "--db", db, "-q")
    listing = _invoke("articles", "--db", db).stdout
    article_id = listing.split()[0]
    result = _invoke("article", article_id[:8], "--db", db)
    assert result.exit_code == 0
    head = result.stdout.split("\n\n")[0].splitlines()
    assert head[0] == f"Title:     {SEMANTIC_TITLE}  [meta]"
    assert head[1] == "Outlet:    The Harbor Ledger  [meta]"
    assert f"Id:        {article_id}" in head
    as_json = json.loads(_invoke("article", article_id, "--db", db, "--json").stdout)
    assert as_json["id"] == article_id and as_json["field_sources"]["text"] == "trafilatura"


def test_unknown_article_exits_1_with_a_hint(db):
    result = _invoke("article", "ffffffff", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no article with id 'ffffffff'; list ids with 'sourcetrace articles'\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["ingest"],
        ["articles"],
        ["article"],
        ["entities"],
        ["demo"],
        ["extract"],
        ["train", "attribution"],
        ["eval", "attribution"],
        ["train", "checkworthy"],
        ["eval", "checkworthy"],
        ["train", "matching"],
        ["eval", "matching"],
    ],
)
def test_every_command_has_help(command):
    result = _invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_help_documents_exit_codes():
    assert "Exit codes: 0 all good, 1 some items failed" in _invoke("ingest", "--help").stdout
    assert "Exit codes:" in _invoke("--help").stdout


def test_demo_runs_on_the_bundled_corpus(tmp_path):
    html = tmp_path / "demo.html"
    result = _invoke("demo", "--db", str(tmp_path / "demo.db"), "--html", str(html))
    assert result.exit_code == 0
    assert "8 added, 0 duplicates, 0 failed" in result.stdout
    assert "The Harbor Ledger" in result.stdout and "Capital Wire" in result.stdout
    # Five reports of the drone talks share a story; the budget and the shrimp study do not.
    assert "Stories: 8 articles in 3 stories" in result.stdout
    assert "6 articles from Meridian Brief" in result.stdout
    # It ends with the story's claims: the drone figures come from one official through The
    # Harbor Ledger, and the outlets that repeat them drop the "up to".
    assert "Claims of story 1 made by more than one outlet" in result.stdout
    assert "drift hedge_dropped: “up to 4,000” → “4,000”" in result.stdout
    assert (
        "6 outlets, 2 origins: an anonymous source of The Harbor Ledger (a senior official"
        " briefed on the talks), carried by The Harbor Ledger, Capital Wire, Ostmark Today,"
        " Northern Courier, Lindmark Observer; officials, carried by Meridian Brief"
        in result.stdout
    )
    shown = set(re.findall(r"drift ([a-z_]+):", result.stdout))
    assert shown == {
        "hedge_dropped", "hedge_added", "number_changed", "object_changed",
        "certainty_strengthened", "certainty_weakened", "attribution_dropped",
        "speaker_changed", "source_changed", "quote_reworded", "excerpted",
    }  # fmt: skip
    # It ends with the dossier file and how to browse the database.
    assert result.stdout.endswith(
        f"Dossier of story 1 written to {html}\n"
        f"  open it in a browser: {html.as_uri()}\n"
        f"  browse the demo database: sourcetrace serve --db {tmp_path / 'demo.db'}\n"
        "  (then open http://127.0.0.1:8000/)\n"
    )
    assert '<table class="matrix">' in html.read_text(encoding="utf-8")


def test_console_script_runs_as_module():
    done = subprocess.run(
        [sys.executable, "-m", "sourcetrace", "--version"], capture_output=True, text=True
    )
    assert done.stdout == "sourcetrace 0.1.0\n"
