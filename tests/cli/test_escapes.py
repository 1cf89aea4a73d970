"""Terminal escape sequences in file names, titles and other stored text print inert: every
command shows control characters as \\xNN or \\uNNNN, and a message stays one line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app

runner = CliRunner()
TITLE = "\x1b]0;PWNED\x07Port talks \x1b[2Jresume \u202eevil\x9b31m"
SHOWN = "\\x1b]0;PWNED\\x07Port talks \\x1b[2Jresume \\u202eevil\\x9b31m"
BODY = (
    "The minister said on Monday that the port would reopen after talks with the unions about"
    " wages and safety. Officials in the capital warned of further delays.\n"
)
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A folder with an article titled with escape sequences and an empty file whose name
    holds a newline and a clear-screen sequence; and the database they were ingested into."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(f"{TITLE}\n\n{BODY}", encoding="utf-8")
    (folder / "bad\nname\x1b[2J.txt").write_bytes(b"")
    db = folder / "hostile.db"
    result = _invoke("ingest", str(folder), "--db", str(db))
    return folder, db, result


def test_file_name_with_newline_and_escape_prints_as_one_inert_line(hostile):
    folder, _, result = hostile
    assert result.exit_code == 1
    assert result.stderr == f"error: {folder}/bad\\x0aname\\x1b[2J.txt: empty file\n"


def test_title_with_escape_sequences_prints_inert_in_articles(hostile):
    _, db, _ = hostile
    [article] = json.loads(_invoke("articles", "--db", str(db), "--json").stdout)
    assert article["title"] == TITLE  # stored as it came; only printing shows it inert
    listed = _invoke("articles", "--db", str(db))
    assert listed.stdout == f"{article['id']}  -           -                       {SHOWN}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["articles", "--json"],
        ["stories"],
        ["stories", "--json"],
        ["story", "1"],
        ["trace", "1", "--single"],
        ["trace", "1", "--format", "json"],
        ["report", "1", "--single"],
        ["report", "1", "--json"],
    ],
    ids=" ".join,
)
def test_no_command_prints_raw_control_characters(hostile, args):
    _, db, _ = hostile
    result = _invoke(*args, "--db", str(db))
    assert result.exit_code == 0
    assert not [c for c in RAW if c in result.output]
    if "--json" in args or "json" in args:  # the same JSON: the title reads back unchanged
        encoded = json.dumps(TITLE, ensure_ascii=False)[1:-1]
        assert encoded in json.dumps(json.loads(result.stdout), ensure_ascii=False)
    else:
        assert "\\x1b]0;PWNED\\x07" in result.stdout


def test_article_command_shows_escapes_in_title_and_keeps_body_lines(hostile):
    _, db, _ = hostile
    [article] = json.loads(_invoke("articles", "--db", str(db), "--json").stdout)
    shown = _invoke("article", article["id"], "--db", str(db), "--plain").stdout
    assert shown.splitlines()[0] == f"Title:     {SHOWN}  [first-line]"
    assert shown.endswith(BODY) and not [c for c in RAW if c in shown]
